"""Reading an uploaded questionnaire file, and keeping it between preview and confirmation.

The file is read once, on upload; what it became (the definition and the rows left out)
travels to the confirmation in a signed, time-limited form field, so any app instance can
finish the upload and nothing waits in one process's memory or on one machine's disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from surveyapp.definitions import QuestionnaireDefinition, as_data
from surveyapp.definitions.xlsform import read_xlsform
from surveyapp.definitions.yaml_io import read_yaml
from surveyapp.exceptions import InnspillError, InvalidQuestionnaire, InvalidXLSForm

#: how long a preview can wait for its confirmation
MAX_AGE = 6 * 3600
SALT = "questionnaire-upload"
SUFFIXES = (".xlsx", ".yaml", ".yml")


@dataclass(frozen=True)
class Upload:
    """What an uploaded file holds: the questionnaire, and the rows that were left out."""

    filename: str
    definition: QuestionnaireDefinition
    #: rows left out, each ``{sheet, row, name, type, reason}``
    skipped: list[dict[str, Any]] = field(default_factory=list)


def read_upload(filename: str, data: bytes) -> Upload:
    """The questionnaire in an XLSForm (.xlsx) or YAML file; InnspillError in Norwegian else."""
    name = filename.lower()
    if not name.endswith(SUFFIXES):
        raise InnspillError("Velg en XLSForm-fil (.xlsx) eller en YAML-fil (.yaml eller .yml).")
    try:
        if name.endswith(".xlsx"):
            found = read_xlsform(data)
            skipped = [
                {"sheet": s.sheet, "row": s.row, "name": s.name, "type": s.type, "reason": s.reason}
                for s in found.skipped
            ]
            return Upload(filename, found.definition, skipped)
        return Upload(filename, read_yaml(data.decode("utf-8")))
    except InvalidXLSForm as e:
        raise InnspillError(_listed(e.problems)) from e
    except InvalidQuestionnaire as e:
        raise InnspillError(f"Filen følger ikke skjemaformatet: {_listed(e.problems)}") from e
    except UnicodeDecodeError as e:
        raise InnspillError("YAML-filen er ikke UTF-8-tekst.") from e


def _listed(problems: list[str], shown: int = 3) -> str:
    """Problems on one line: the first few, and how many more."""
    text = "; ".join(" ".join(p.split()) for p in problems[:shown])
    more = len(problems) - shown
    return f"{text} (og {more} til)" if more > 0 else text


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def sign(upload: Upload, user_id: int) -> str:
    """The upload as a signed token for a hidden field, good for :data:`MAX_AGE` seconds."""
    return _serializer().dumps(
        {
            "user": user_id,
            "filename": upload.filename,
            "definition": as_data(upload.definition),
            "skipped": upload.skipped,
        }
    )


def unsign(token: str, user_id: int) -> Upload | None:
    """The upload behind ``token`` if it is intact, recent and ``user_id``'s; else None."""
    try:
        data = _serializer().loads(token, max_age=MAX_AGE)
    except BadSignature:
        return None
    if not isinstance(data, dict) or data.get("user") != user_id:
        return None
    definition = QuestionnaireDefinition.model_validate(data["definition"])
    return Upload(data["filename"], definition, data["skipped"])
