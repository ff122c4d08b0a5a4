"""drop unmasked answer text

Free text was stored twice: masked in ``answer.text`` and as typed in
``answer.text_original``, a column no code read. The typed text held every fødselsnummer,
phone number and e-mail address a respondent wrote. Data minimisation: clear it, then drop
the column, so neither the database nor its later backups keep it.

Revision ID: c3d1e7a9b201
Revises: c3d9e1f27a64
Create Date: 2026-12-06 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d1e7a9b201'
down_revision = 'c3d9e1f27a64'
branch_labels = None
depends_on = None


def upgrade():
    # cleared first, with SQLite's secure_delete on, so that no copy of the text is left behind
    # in the database file's free pages (PostgreSQL's old row versions go with VACUUM)
    if op.get_bind().dialect.name == "sqlite":
        op.execute("PRAGMA secure_delete = ON")
    op.execute("UPDATE answer SET text_original = NULL WHERE text_original IS NOT NULL")
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_column('text_original')


def downgrade():
    # the typed text is gone for good; the column comes back empty
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_original', sa.Text(), nullable=True))
