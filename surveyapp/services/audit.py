"""The audit log of planner actions: who did what to which round, and when.

Events never hold answer text. ``details`` takes only numbers, booleans and short
strings under known keys, so a careless caller cannot put an answer into the log.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload

from surveyapp.extensions import db
from surveyapp.models import AuditEvent, Organisation, Round, User

#: every action the log knows, with the label the audit page shows
ACTIONS = {
    "round.create": _l("Opprettet runde"),
    "round.edit": _l("Endret runde"),
    "round.open": _l("Åpnet runde"),
    "round.close": _l("Stengte runde"),
    "round.reopen": _l("Åpnet runde igjen"),
    "round.duplicate": _l("Kopierte runde"),
    "round.code_limit": _l("For mange feil tilgangskoder: koden sjekkes ikke på 10 minutter"),
    "export.csv": _l("Eksporterte CSV"),
    "export.xlsx": _l("Eksporterte Excel"),
    "export.codebook": _l("Lastet ned kodebok"),
    "export.api": _l("Hentet svar via API"),
    "import": _l("Importerte svar"),
    "answers.delete": _l("Slettet rådata"),
    "user.create": _l("Opprettet bruker"),
    "user.update": _l("Endret bruker"),
    "user.password": _l("Byttet passord"),
    "token.create": _l("Laget API-nøkkel"),
    "token.revoke": _l("Trakk tilbake API-nøkkel"),
    "settings.update": _l("Endret innstillinger"),
    "questionnaire.create": _l("Laget spørreskjema"),
    "questionnaire.version": _l("Lagret ny versjon av spørreskjema"),
    "questionnaire.import": _l("Lastet opp spørreskjema"),
}
#: the only keys ``details`` may hold; none of them can carry answer text
DETAIL_KEYS = frozenset(
    {
        "via",
        "format",
        "rows",
        "responses",
        "skipped",
        "problems",
        "from_round",
        "questionnaire",
        "fields",
        "role",
        "active",
        "email",
        "token",
        "threshold",
        "title",
        "closes_at",
        "version",
        "copy_of",
    }
)
MAX_DETAIL_LENGTH = 200


def _clean(details: dict[str, object]) -> dict[str, object]:
    unknown = set(details) - DETAIL_KEYS
    if unknown:
        raise ValueError(f"audit details may not hold {sorted(unknown)}")
    clean: dict[str, object] = {}
    for key, value in details.items():
        if isinstance(value, (list, tuple)):
            value = ", ".join(str(v) for v in value)
        if value is not None and not isinstance(value, (bool, int, float, str)):
            value = str(value)
        if isinstance(value, str):
            value = value[:MAX_DETAIL_LENGTH]
        clean[key] = value
    return clean


def record(
    action: str,
    organisation: Organisation,
    user: User | None,
    round_: Round | None = None,
    target: str | None = None,
    **details: object,
) -> AuditEvent:
    """Add one event to the session (the caller commits with the change it describes)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if round_ is not None:
        target = f"round:{round_.id}"
        details.setdefault("title", round_.title)
    event = AuditEvent(
        organisation_id=organisation.id,
        user_id=user.id if user is not None else None,
        action=action,
        target=target,
        details=_clean(details),
    )
    db.session.add(event)
    return event


def events_for(organisation: Organisation, limit: int = 500) -> list[AuditEvent]:
    """The organisation's newest events first, with their users loaded."""
    query = (
        db.select(AuditEvent)
        .where(AuditEvent.organisation_id == organisation.id)
        .options(joinedload(AuditEvent.user))
        .order_by(AuditEvent.created_at.desc(), AuditEvent.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def label(action: str) -> str:
    """The readable name of an action."""
    return str(ACTIONS.get(action, action))
