"""idea choice remembers the finding it became

Revision ID: 3c1f0a7d9b24
Revises: a5fd1c462fdc
Create Date: 2026-12-06 19:50:00.000000

The plan report lists a statement taken into the plan once, under «Ungdomsrådet mener»,
and leaves the finding it became out of the plan sections; for that it needs the link.
Choices made before this migration have no link (NULL) and are matched by nothing.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3c1f0a7d9b24'
down_revision = 'a5fd1c462fdc'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('idea_choice', schema=None) as batch_op:
        batch_op.add_column(sa.Column('finding_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_idea_choice_finding_id'), ['finding_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_idea_choice_finding_id_finding'),
            'finding',
            ['finding_id'],
            ['id'],
            ondelete='SET NULL',
        )


def downgrade():
    with op.batch_alter_table('idea_choice', schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f('fk_idea_choice_finding_id_finding'), type_='foreignkey'
        )
        batch_op.drop_index(batch_op.f('ix_idea_choice_finding_id'))
        batch_op.drop_column('finding_id')
