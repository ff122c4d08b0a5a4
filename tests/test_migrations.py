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


def test_unmasked_answer_text_is_cleared_and_its_column_dropped(tmp_path):
    """Typed text stored before December 2026 leaves the table and the database file."""
    from flask_migrate import downgrade, upgrade

    from surveyapp import create_app

    path = tmp_path / "old.db"
    app = create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": f"sqlite:///{path}"})
    planted = "Ring meg på 912 34 567, fnr 010190 12345 ... " * 20
    with app.app_context():
        upgrade()
        downgrade(revision="a5fd1c462fdc")
        with db.engine.begin() as conn:
            conn.exec_driver_sql("PRAGMA foreign_keys = OFF")
            conn.exec_driver_sql(
                "INSERT INTO answer (response_id, question_key, text, text_original) "
                "VALUES (1, 'tanker', 'Ring meg på [telefon]', ?)",
                (planted,),
            )
        upgrade()
        columns = {c["name"] for c in db.inspect(db.engine).get_columns("answer")}
        with db.engine.connect() as conn:
            texts = conn.exec_driver_sql("SELECT text FROM answer").scalars().all()
        db.engine.dispose()
    assert "text_original" not in columns and texts == ["Ring meg på [telefon]"]
    assert b"912 34 567" not in path.read_bytes()
