"""Codebooks a planner uploads or edits, stored per organisation."""

from __future__ import annotations

import yaml

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Organisation, User
from surveyapp.models.analysis import Codebook
from surveyapp.services.analysis import engine as analysis_engine

MAX_BYTES = 64 * 1024


def codebooks_of(organisation: Organisation) -> list[Codebook]:
    query = db.select(Codebook).filter_by(organisation_id=organisation.id).order_by(Codebook.name)
    return list(db.session.scalars(query))


def choice(value: str | None, organisation: Organisation) -> dict:
    """``codebook_key`` or ``codebook`` for :func:`analysis_runs.create_run` from a form value."""
    kind, _, key = (value or "").partition(":")
    if kind == "builtin":
        return {"codebook_key": key}
    if kind == "custom" and key.isdigit():
        book = db.session.get(Codebook, int(key))
        if book is None or book.organisation_id != organisation.id:
            raise InnspillError("Fant ikke kodeboken.")
        return {"codebook": book}
    return {}


def text_of(form) -> str:
    """The YAML from the uploaded file, or else from the text field."""
    upload = form.upload.data
    if upload and getattr(upload, "filename", ""):
        raw = upload.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            raise InnspillError("Filen er for stor.")
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError as e:
            raise InnspillError("Filen må være lagret som UTF-8.") from e
    return form.text.data or ""


def save(
    organisation: Organisation, book: Codebook | None, name: str, text: str, user: User | None
) -> Codebook:
    """Validate the YAML with the engine and store it (new when ``book`` is None)."""
    name = " ".join((name or "").split())
    if not name:
        raise InnspillError("Gi kodeboken et navn.")
    if not text.strip():
        raise InnspillError("Skriv eller last opp kodeboken.")
    data = analysis_engine.parse_codebook(text)
    clash = db.session.scalar(
        db.select(Codebook).filter_by(organisation_id=organisation.id, name=name)
    )
    if clash is not None and clash is not book:
        raise InnspillError("Det finnes allerede en kodebok med det navnet.")
    if book is None:
        book = Codebook(organisation=organisation, created_by_id=user.id if user else None)
        db.session.add(book)
    book.name, book.themes = name[:200], data["themes"]
    db.session.flush()
    return book


def as_yaml(book: Codebook) -> str:
    return yaml.safe_dump(
        {"name": book.name, "themes": book.themes}, allow_unicode=True, sort_keys=False
    )
