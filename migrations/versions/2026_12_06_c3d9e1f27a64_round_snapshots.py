"""round snapshots

Published snapshots of a round's responses: aggregates move in steps of at least the
suppression threshold, never one answer at a time.

Revision ID: c3d9e1f27a64
Revises: 7e2b5c8d4f10
Create Date: 2026-11-23 09:12:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c3d9e1f27a64'
down_revision = '7e2b5c8d4f10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('round_snapshot',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('responses', sa.Integer(), nullable=False),
    sa.Column('published_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('responses >= 0', name=op.f('ck_round_snapshot_responses_not_negative')),
    sa.ForeignKeyConstraint(['round_id'], ['round.id'], name=op.f('fk_round_snapshot_round_id_round'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_round_snapshot'))
    )
    with op.batch_alter_table('round_snapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_round_snapshot_round_id'), ['round_id'], unique=False)

    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.add_column(sa.Column('snapshot_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_response_snapshot_id'), ['snapshot_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_response_snapshot_id_round_snapshot'), 'round_snapshot', ['snapshot_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('response', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_response_snapshot_id_round_snapshot'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_response_snapshot_id'))
        batch_op.drop_column('snapshot_id')

    with op.batch_alter_table('round_snapshot', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_round_snapshot_round_id'))

    op.drop_table('round_snapshot')
