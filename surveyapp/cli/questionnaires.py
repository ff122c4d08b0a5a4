"""``flask questionnaires list|validate|import|export``: built-in files, own questionnaires,
and XLSForm or YAML in and out with the same checks as the builder."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from surveyapp.cli.common import fail
from surveyapp.definitions import QuestionnaireDefinition, load_file, questionnaire_files
from surveyapp.definitions.xlsform import write_xlsform
from surveyapp.definitions.yaml_io import write_yaml
from surveyapp.exceptions import InnspillError, InvalidQuestionnaire, NotFound
from surveyapp.extensions import db
from surveyapp.models import Organisation, Questionnaire
from surveyapp.services import organisations, questionnaires
from surveyapp.services.builder import upload, versions

questionnaires_cli = AppGroup(
    "questionnaires", help="List, check, import and export questionnaires."
)


def _line(d: QuestionnaireDefinition, owner: str) -> str:
    count = len(d.questions())
    return (
        f"{d.id:<28} v{d.version:<3} {d.audience:<8} {count:>3} questions  {owner:<14} "
        f"{d.title.nb}"
    )


@questionnaires_cli.command("list")
def list_questionnaires() -> None:
    """List the built-in questionnaire files and every organisation's own questionnaires."""
    directory = current_app.config["QUESTIONNAIRE_DIR"]
    for path in questionnaire_files(directory):
        try:
            d = load_file(path)
        except InvalidQuestionnaire as e:
            click.echo(f"{path.name:<28} INVALID ({len(e.problems)} problem(s))")
            continue
        click.echo(_line(d, "built-in"))
    own = db.session.scalars(
        db.select(Questionnaire)
        .where(Questionnaire.organisation_id.is_not(None))
        .order_by(Questionnaire.organisation_id, Questionnaire.key)
    )
    for q in own:
        if q.latest is None:
            title = (q.draft or {}).get("title", {}).get("nb", "")
            click.echo(f"{q.key:<28} {'draft':<13} {'':>13}  {q.organisation.name:<14} {title}")
            continue
        click.echo(_line(questionnaires.definition_of(q.latest), q.organisation.name))


@questionnaires_cli.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate_questionnaires(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (default: all in the questionnaire folder)."""
    files = list(paths) or questionnaire_files(current_app.config["QUESTIONNAIRE_DIR"])
    if not files:
        fail("No questionnaire files found.")
    problems = 0
    for path in files:
        try:
            d = load_file(path)
        except InvalidQuestionnaire as e:
            problems += len(e.problems)
            for p in e.problems:
                click.secho(f"{path}: {p}", fg="red", err=True)
        else:
            click.echo(f"{path}: OK ({d.id} v{d.version}, {len(d.questions())} questions)")
    if problems:
        fail(f"{problems} problem(s) found.")


def _organisation(name: str | None) -> Organisation:
    """The named organisation, or the only one there is."""
    if name:
        try:
            return organisations.find_organisation(name)
        except NotFound as e:
            fail(str(e))
    found = db.session.scalars(db.select(Organisation).order_by(Organisation.name)).all()
    if not found:
        fail("No organisation yet: create one with `flask organisations create NAME`.")
    if len(found) > 1:
        names = ", ".join(o.name for o in found)
        fail(f"Several organisations ({names}): name one with --organisation NAME.")
    return found[0]


@questionnaires_cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--organisation", "organisation_name", help="The owner (needed if there are several)."
)
def import_questionnaire(file: Path, organisation_name: str | None) -> None:
    """Import an XLSForm (.xlsx) or YAML file as a new questionnaire of an organisation.

    Prints the rows left out, and the new questionnaire's key on the last line.
    """
    organisation = _organisation(organisation_name)
    try:
        data = file.read_bytes()
    except OSError as e:
        fail(f"{file}: cannot be read ({e.strerror or e}).")
    try:
        found = upload.read_upload(file.name, data)
        questionnaire = versions.import_definition(organisation, found.definition)
    except InnspillError as e:
        db.session.rollback()
        fail(f"{file}: {' '.join(str(e).split())}")
    db.session.commit()
    for s in found.skipped:
        click.echo(
            f"Left out: sheet {s['sheet']}, row {s['row']}, {s['name'] or '-'} ({s['type']}): "
            f"{s['reason']}"
        )
    d = found.definition
    click.echo(
        f"Imported {d.title.nb!r} for {organisation.name}: {len(d.questions())} questions in "
        f"{len(d.sections)} sections, {len(found.skipped)} row(s) left out. Key:"
    )
    click.echo(questionnaire.key)


def _definition(key: str, version: int | None) -> QuestionnaireDefinition:
    builtin = questionnaires.available_definitions().get(key)
    if builtin is not None and version in (None, builtin.version):
        return builtin
    own = questionnaires.own_questionnaire(key, None)
    stored = [v for v in (own.versions if own else []) if version in (None, v.version)]
    if not stored:
        which = f"{key!r} version {version}" if version else repr(key)
        fail(f"No questionnaire {which} (see `flask questionnaires list`).")
    return questionnaires.definition_of(stored[-1])


@questionnaires_cli.command("export")
@click.argument("key")
@click.option("--format", "fmt", type=click.Choice(["xlsform", "yaml"]), required=True)
@click.option(
    "--out",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file to write ('-' for standard output, yaml only).",
)
@click.option("--version", "version", type=int, help="A stored version (default: the latest).")
def export_questionnaire(key: str, fmt: str, out: Path, version: int | None) -> None:
    """Write questionnaire KEY (built-in or own) as XLSForm or YAML."""
    definition = _definition(key, version)
    if str(out) == "-":
        if fmt != "yaml":
            fail("Write xlsform to a file, not to standard output.")
        click.echo(write_yaml(definition), nl=False)
        return
    data = write_yaml(definition).encode() if fmt == "yaml" else write_xlsform(definition)
    try:
        out.write_bytes(data)
    except OSError as e:
        fail(f"{out}: cannot be written ({e.strerror or e}).")
    click.echo(f"Wrote {definition.id} v{definition.version} as {fmt} to {out}.")
