"""The migrations build the schema from empty and match the models."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from surveyapp.extensions import db
from surveyapp.models import Base


def test_flask_db_check_passes(runner):
    """``flask db check`` exits 1 when the models hold changes no migration has."""
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_migrated_schema_has_no_differences_from_the_models(app):
    with db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_migrations_built_every_table(app):
    tables = set(db.inspect(db.engine).get_table_names())
    assert {t.name for t in Base.metadata.sorted_tables} | {"alembic_version"} == tables
