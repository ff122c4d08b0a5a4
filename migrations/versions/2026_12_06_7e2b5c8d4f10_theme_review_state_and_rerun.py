"""theme review state (foreslått / vurdert) and the rerun job

Revision ID: 7e2b5c8d4f10
Revises: 3c1f0a7d9b24
Create Date: 2026-12-06 20:05:00.000000

Themes get ``review_state``: ``proposed`` until the planner accepts them ("Godta temaet"),
then ``reviewed``. Existing themes a planner made, and suggested themes already accepted,
start as ``reviewed``; the rest as ``proposed``. ``analysis_run.job`` may now be ``rerun``.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7e2b5c8d4f10'
down_revision = '3c1f0a7d9b24'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('analysis_theme', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('review_state', sa.String(length=10), nullable=False, server_default='proposed')
        )
        batch_op.create_check_constraint(
            batch_op.f('ck_analysis_theme_review_state'), "review_state IN ('proposed', 'reviewed')"
        )
    op.execute(
        "UPDATE analysis_theme SET review_state = 'reviewed' "
        "WHERE origin = 'planner' OR (origin = 'suggested' AND accepted)"
    )
    with op.batch_alter_table('analysis_theme', schema=None) as batch_op:
        batch_op.alter_column('review_state', server_default=None)
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_analysis_run_job'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_analysis_run_job'), "job IN ('fit', 'update', 'learn', 'rerun')"
        )


def downgrade():
    op.execute("UPDATE analysis_run SET job = 'fit' WHERE job = 'rerun'")
    with op.batch_alter_table('analysis_run', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_analysis_run_job'), type_='check')
        batch_op.create_check_constraint(
            batch_op.f('ck_analysis_run_job'), "job IN ('fit', 'update', 'learn')"
        )
    with op.batch_alter_table('analysis_theme', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_analysis_theme_review_state'), type_='check')
        batch_op.drop_column('review_state')
