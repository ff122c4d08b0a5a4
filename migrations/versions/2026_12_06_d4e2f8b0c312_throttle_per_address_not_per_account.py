"""throttle per address, not per account

Failed sign-ins were counted on the account, so anyone who knew a planner's e-mail could
keep her locked out. They are now counted per client address (a keyed hash) in ``throttle``,
which also counts wrong access codes per round (a count in the cookie was no limit).

Revision ID: d4e2f8b0c312
Revises: c3d1e7a9b201
Create Date: 2026-12-06 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4e2f8b0c312'
down_revision = 'c3d1e7a9b201'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('throttle',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_start', sa.DateTime(), nullable=False),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_throttle')),
    sa.UniqueConstraint('key', name=op.f('uq_throttle_key'))
    )
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.drop_column('locked_until')
        batch_op.drop_column('failed_logins')


def downgrade():
    with op.batch_alter_table('user_account', schema=None) as batch_op:
        batch_op.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch_op.add_column(sa.Column('locked_until', sa.DateTime(), nullable=True))
    op.drop_table('throttle')
