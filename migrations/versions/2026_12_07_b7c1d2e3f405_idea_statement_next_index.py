"""idea statements indexed in vote order per wall

The next statement a phone votes on is the approved one with the fewest votes; this index
lets the query read a wall's statements in that order and stop early.

Revision ID: b7c1d2e3f405
Revises: f23816af453b
Create Date: 2026-12-07 15:10:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'b7c1d2e3f405'
down_revision = 'f23816af453b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idea_statement', schema=None) as batch_op:
        batch_op.create_index(
            'ix_idea_statement_next', ['wall_id', 'status', 'vote_count'], unique=False
        )


def downgrade():
    with op.batch_alter_table('idea_statement', schema=None) as batch_op:
        batch_op.drop_index('ix_idea_statement_next')
