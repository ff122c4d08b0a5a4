"""idea wall: closing to new participants, join rate

*Steng for nye deltakere* (``idea_wall.entry_closed_at``); devices that join after it are
not counted (``idea_participant.counted``); joins per minute for the moderator's screen
(``idea_join_minute``, kept apart from the participants).

Revision ID: e5f3a9c1d423
Revises: d4e2f8b0c312
Create Date: 2026-12-06 11:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5f3a9c1d423'
down_revision = 'd4e2f8b0c312'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('idea_join_minute',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('wall_id', sa.Integer(), nullable=False),
    sa.Column('minute', sa.DateTime(), nullable=False),
    sa.Column('joins', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['wall_id'], ['idea_wall.id'], name=op.f('fk_idea_join_minute_wall_id_idea_wall'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_join_minute')),
    sa.UniqueConstraint('wall_id', 'minute', name=op.f('uq_idea_join_minute_wall_id_minute'))
    )
    with op.batch_alter_table('idea_participant', schema=None) as batch_op:
        batch_op.add_column(sa.Column('counted', sa.Boolean(), server_default=sa.true(), nullable=False))
    with op.batch_alter_table('idea_wall', schema=None) as batch_op:
        batch_op.add_column(sa.Column('entry_closed_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('idea_wall', schema=None) as batch_op:
        batch_op.drop_column('entry_closed_at')
    with op.batch_alter_table('idea_participant', schema=None) as batch_op:
        batch_op.drop_column('counted')
    op.drop_table('idea_join_minute')
