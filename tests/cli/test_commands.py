"""Every CLI command, invoked as an operator would."""

import hashlib
import json
import shutil

import click
import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

from surveyapp import create_app
from surveyapp.cli import translate as cli_translate
from surveyapp.config import PROJECT_ROOT
from surveyapp.models import Answer, Base, Municipality, Organisation, Response, Round, User, today
from tests.definitions.test_loader import MINIMAL


def command_paths(group: click.Group, parents: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group under ``group``, as the words an operator types."""
    paths = []
    for name, command in sorted(group.commands.items()):
        paths.append((*parents, name))
        if isinstance(command, click.Group):
            paths.extend(command_paths(command, (*parents, name)))
    return paths


#: read from an app built only to list its commands (no database is touched)
COMMANDS = command_paths(
    create_app({"CONFIG_NAME": "testing", "SQLALCHEMY_DATABASE_URI": "sqlite://"}).cli
)


def test_the_documented_commands_are_all_registered():
    documented = {
        ("questionnaires", "list"), ("questionnaires", "validate"), ("organisations", "create"),
        ("users", "create"), ("rounds", "list"), ("demo",), ("db", "upgrade"), ("db", "check"),
        ("translate", "update"), ("translate", "compile"), ("analyse",), ("embed",), ("report",),
        ("export",), ("api-token", "create"),
    }
    assert documented <= set(COMMANDS)


@pytest.mark.parametrize("path", COMMANDS, ids=" ".join)
def test_every_command_has_help(runner, path):
    result = runner.invoke(args=[*path, "--help"])
    assert result.exit_code == 0, result.output
    usage = result.output.splitlines()[0]
    assert usage.startswith("Usage: ") and f" {' '.join(path)} [OPTIONS]" in usage, usage


def test_questionnaires_list_shows_every_built_in(runner):
    result = runner.invoke(args=["questionnaires", "list"])
    assert result.exit_code == 0
    for key in ("tjenester", "innspill_fire_tema", "ungdomsrad", "samarbeid_bti"):
        assert key in result.output


def test_questionnaires_validate_all_built_ins(runner):
    result = runner.invoke(args=["questionnaires", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.count(": OK") == 4


def test_questionnaires_validate_a_bad_file_exits_1_and_names_it(runner, tmp_path):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["sections"][0]["questions"][1]["type"] = "slider"
    bad = tmp_path / "ugyldig.yaml"
    bad.write_text(yaml.safe_dump(data))
    result = runner.invoke(args=["questionnaires", "validate", str(bad)])
    assert result.exit_code == 1
    assert "ugyldig.yaml" in result.output
    assert "question 'fritekst'" in result.output
    assert "unknown type 'slider'" in result.output


def test_questionnaires_validate_a_directory_exits_1_with_a_clear_message(runner, tmp_path):
    result = runner.invoke(args=["questionnaires", "validate", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{tmp_path}: is a directory, not a questionnaire file" in result.output
    assert "1 problem(s) found." in result.output
    assert "Traceback" not in result.output


def test_questionnaires_validate_a_missing_file_exits_1(runner, tmp_path):
    result = runner.invoke(args=["questionnaires", "validate", str(tmp_path / "borte.yaml")])
    assert result.exit_code == 1
    assert "borte.yaml: file not found" in result.output


def test_organisations_create_with_member_municipalities(runner, db):
    result = runner.invoke(
        args=["organisations", "create", "Midtdalen", "--municipality", "Nord-Fron",
              "--municipality", "Sør-Fron", "--municipality", "Ringebu"]
    )
    assert result.exit_code == 0, result.output
    org = db.session.scalar(db.select(Organisation).filter_by(name="Midtdalen"))
    assert [m.name for m in org.municipalities] == ["Nord-Fron", "Ringebu", "Sør-Fron"]
    again = runner.invoke(args=["organisations", "create", "Midtdalen"])
    assert again.exit_code == 1 and "Det finnes allerede en organisasjon" in again.output


def test_users_create_reads_the_password_from_stdin(runner, db, organisation):
    result = runner.invoke(
        args=["users", "create", "Kari@Midtdalen.example", "--role", "planner",
              "--organisation", "Midtdalen"],
        input="et langt passord\net langt passord\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).filter_by(email="kari@midtdalen.example"))
    assert user.role == "planner" and user.check_password("et langt passord")
    assert "et langt passord" not in result.output.replace("Password", "")


def test_users_create_explains_bad_input(runner, organisation):
    unknown = runner.invoke(
        args=["users", "create", "a@b.no", "--organisation", "Atlantis"], input="x" * 12 + "\n" + "x" * 12 + "\n"
    )
    assert unknown.exit_code == 1 and "Fant ingen organisasjon som heter «Atlantis»" in unknown.output
    assert "Midtdalen" in unknown.output
    short = runner.invoke(
        args=["users", "create", "a@b.no", "--organisation", "Midtdalen"], input="kort\nkort\n"
    )
    assert short.exit_code == 1 and "minst 10 tegn" in short.output


def test_rounds_list_json_has_the_documented_keys(runner, make_round):
    make_round("tjenester", title="Tjenestene 2026")
    make_round("ungdomsrad", title="Ungdomsrådet", access_code="hemmelig", opens_at=None)
    result = runner.invoke(args=["rounds", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["title"]: r for r in json.loads(result.output)}
    assert set(rows["Tjenestene 2026"]) == {
        "id", "title", "questionnaire", "state", "url", "access_code", "responses"
    }
    assert rows["Tjenestene 2026"]["state"] == "open"
    assert rows["Tjenestene 2026"]["access_code"] is False
    assert rows["Ungdomsrådet"]["state"] == "draft"
    assert rows["Ungdomsrådet"]["access_code"] is True
    assert rows["Ungdomsrådet"]["questionnaire"] == "ungdomsrad"
    assert rows["Ungdomsrådet"]["url"].startswith("https://innspill.test/r/")


def test_rounds_list_table(runner, make_round):
    assert "No rounds yet" in runner.invoke(args=["rounds", "list"]).output
    make_round(title="Tjenestene 2026")
    result = runner.invoke(args=["rounds", "list"])
    assert "Tjenestene 2026" in result.output and "open" in result.output


def test_demo_loads_a_realistic_workspace(runner, db, client, auth):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "kari@midtdalen.example" in result.output
    rounds = db.session.scalars(db.select(Round)).all()
    assert len(rounds) == 4 and all(r.state == "open" for r in rounds)
    assert sum(r.needs_access_code for r in rounds) == 1
    count = db.session.scalar(db.select(db.func.count(Response.id)))
    assert 550 <= count <= 650
    assert {m.name for m in rounds[0].municipalities} == {"Nord-Fron", "Sør-Fron", "Ringebu"}
    response = auth.login("kari@midtdalen.example", "innspill-demo")
    assert response.status_code == 302


def test_demo_is_deterministic_and_masks_planted_identifiers(runner, db):
    from surveyapp.models import Answer

    runner.invoke(args=["demo", "--responses", "200"])
    texts = db.session.scalars(db.select(Answer.text).where(Answer.text.is_not(None))).all()
    assert len(set(texts)) > 0.8 * len(texts)
    masked = [t for t in texts if "[fødselsnummer]" in t or "[telefon]" in t or "[e-post]" in t]
    assert masked, "the demo should show masking"


def test_demo_if_empty_leaves_existing_data_alone(runner, db, organisation):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert "already has data" in result.output
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0


def stored_answers(db) -> list[tuple]:
    """Every stored answer with its response and round, free of ids and of today's date."""
    rows = db.session.execute(
        db.select(
            Round.title, Response.idempotency_key, Response.language, Response.submitted_on,
            Response.service, Response.role, Response.age_group, Municipality.name,
            Answer.question_key, Answer.value, Answer.text,
        )
        .join(Response.round)
        .join(Response.answers)
        .outerjoin(Response.municipality)
        .order_by(Response.idempotency_key, Answer.question_key)
    )
    return [(*row[:3], (today() - row[3]).days, *row[4:]) for row in rows]


def empty_database(db) -> None:
    """As fresh as a new database: every table emptied, as after each test."""
    db.session.remove()
    with db.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(table.delete())


def test_demo_with_the_same_seed_stores_the_same_answers(runner, db):
    first = runner.invoke(args=["demo", "--responses", "120", "--seed", "7"])
    assert first.exit_code == 0, first.output
    stored = stored_answers(db)
    empty_database(db)
    second = runner.invoke(args=["demo", "--responses", "120", "--seed", "7"])
    assert second.exit_code == 0, second.output
    assert len(stored) > 500
    assert stored_answers(db) == stored
    empty_database(db)
    runner.invoke(args=["demo", "--responses", "120", "--seed", "8"])
    assert stored_answers(db) != stored


def catalogue_fingerprint() -> dict[str, str]:
    """The real catalogues' contents, to show a test left them alone."""
    files = sorted((PROJECT_ROOT / "surveyapp" / "translations").rglob("*.[mp]o"))
    return {str(f): hashlib.sha256(f.read_bytes()).hexdigest() for f in files}


@pytest.fixture
def catalogues(tmp_path, monkeypatch):
    """A copy of the catalogues for ``flask translate`` to work on; the real ones stay as they are."""
    before = catalogue_fingerprint()
    copy = tmp_path / "translations"
    shutil.copytree(cli_translate.CATALOGUES, copy)
    monkeypatch.setattr(cli_translate, "CATALOGUES", copy)
    monkeypatch.setattr(cli_translate, "TEMPLATE", tmp_path / "messages.pot")
    yield copy
    assert catalogue_fingerprint() == before, "the real catalogues were changed"
    assert not (PROJECT_ROOT / "messages.pot").exists()


def test_translate_update_adds_new_source_strings(runner, catalogues):
    po_path = catalogues / "nn" / "LC_MESSAGES" / "messages.po"
    with po_path.open("rb") as f:
        catalogue = read_po(f)
    msgid = "Vi fant ikke undersøkelsen"
    assert catalogue[msgid].string
    catalogue.delete(msgid)
    with po_path.open("wb") as f:
        write_po(f, catalogue)

    result = runner.invoke(args=["translate", "update"])
    assert result.exit_code == 0, result.output
    with po_path.open("rb") as f:
        updated = read_po(f)
    assert msgid in updated and updated[msgid].string == ""
    assert len(updated) >= len(catalogue)
    assert not (catalogues.parent / "messages.pot").exists()


def test_translate_compile_builds_the_files_the_app_reads(runner, catalogues):
    for mo in catalogues.rglob("*.mo"):
        mo.unlink()
    result = runner.invoke(args=["translate", "compile"])
    assert result.exit_code == 0, result.output
    assert {p.parent.parent.name for p in catalogues.rglob("messages.mo")} == {"nb", "nn"}
    nynorsk = Translations.load(str(catalogues), ["nn"])
    assert nynorsk.gettext("Logg inn som planlegger") == "Logg inn som planleggjar"
