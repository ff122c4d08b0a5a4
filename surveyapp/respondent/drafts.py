"""Drafts: unfinished responses kept on the server, and the codes that find them again.

A draft is found by the sha256 of its resume code (the code itself is never stored, logged
or put in a URL), by a signed token in the page's form, or by a pointer in the session
cookie. The cookie holds only draft ids: never an answer, never a name.

Each lookup reads the round's revision in the same query (:data:`Found`), so the page can
check its cached round (``services.round_cache``) without a query of its own.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import Any, NamedTuple

from flask import current_app, session
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete

from surveyapp.extensions import db
from surveyapp.models import Draft, Round, today
from surveyapp.services.round_cache import PublicRound

#: Crockford's base32: no I, L, O or U, so a code read aloud or written down survives
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
#: 28 symbols of 5 bits: 140 bits of randomness
CODE_LENGTH = 28
SESSION_DRAFTS = "drafts"
SESSION_SUBMITTED = "submitted"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def format_code(code: str) -> str:
    """``ABCD-EFGH-...``: groups of four are easier to copy by hand."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(typed: str) -> str:
    """The code as typed, forgiving case, spaces, dashes and look-alike letters."""
    table = str.maketrans({"O": "0", "I": "1", "L": "1"})
    return "".join(c for c in typed.upper().translate(table) if c in ALPHABET)


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


class Found(NamedTuple):
    """A draft and the revision its round had when the draft was read."""

    draft: Draft
    revision: int


def start_draft(round_: PublicRound, language: str) -> tuple[Draft, str]:
    """A new, empty draft and its resume code (returned once, never stored)."""
    code = new_code()
    draft = Draft(
        round_id=round_.id,
        token_hash=code_hash(code),
        idempotency_key=secrets.token_urlsafe(32),
        section=0,
        data={},
        language=language,
    )
    db.session.add(draft)
    return draft, code


def _found(round_: PublicRound, *where) -> Found | None:
    """The draft of ``round_`` matching ``where``, with the round's revision, in one query."""
    row = db.session.execute(
        db.select(Draft, Round.revision)
        .join(Round, Round.id == Draft.round_id)
        .where(Draft.round_id == round_.id, *where)
    ).first()
    return Found(*row) if row is not None else None


def find_by_code(round_: PublicRound, typed: str) -> Found | None:
    if len(normalise_code(typed)) != CODE_LENGTH:
        return None
    return _found(round_, Draft.token_hash == code_hash(typed))


def _signer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="respondent-draft")


def flow_token(draft: Draft) -> str:
    """A signed reference to ``draft`` for the page's hidden field."""
    return _signer().dumps([draft.round_id, draft.id])


def _get(round_: PublicRound, draft_id: Any) -> Found | None:
    if not isinstance(draft_id, int):
        return None
    return _found(round_, Draft.id == draft_id)


def from_token(round_: PublicRound, token: str | None) -> Found | None:
    try:
        round_id, draft_id = _signer().loads(token or "")
    except (BadSignature, ValueError, TypeError):
        return None
    return _get(round_, draft_id) if round_id == round_.id else None


def remembered(round_: PublicRound) -> Found | None:
    """The draft this browser is working on in ``round_``, if any."""
    return _get(round_, session.get(SESSION_DRAFTS, {}).get(round_.slug))


def remember(round_: PublicRound, draft: Draft) -> None:
    drafts = dict(session.get(SESSION_DRAFTS, {}))
    if drafts.get(round_.slug) != draft.id:
        drafts[round_.slug] = draft.id
        session[SESSION_DRAFTS] = dict(list(drafts.items())[-10:])


def forget(round_: PublicRound) -> None:
    drafts = dict(session.get(SESSION_DRAFTS, {}))
    if drafts.pop(round_.slug, None) is not None:
        session[SESSION_DRAFTS] = drafts


def mark_submitted(round_: PublicRound) -> None:
    """Let the receipt page know this browser sent an answer (the round, nothing else)."""
    forget(round_)
    sent = [s for s in session.get(SESSION_SUBMITTED, []) if s != round_.slug]
    session[SESSION_SUBMITTED] = (sent + [round_.slug])[-10:]


def has_submitted(round_: PublicRound) -> bool:
    return round_.slug in session.get(SESSION_SUBMITTED, [])


def save_page(draft: Draft, page_keys: set[str], values: dict[str, Any], reached: int) -> None:
    """Replace the answers of one page and note how far the respondent has come."""
    data = {k: v for k, v in (draft.data or {}).items() if k not in page_keys}
    data.update(values)
    draft.data = data
    draft.section = max(draft.section or 0, reached)


def purge_drafts(max_age_days: int = 30) -> int:
    """Delete drafts nobody has touched for ``max_age_days``; returns how many."""
    cutoff = today() - timedelta(days=max_age_days)
    result = db.session.execute(delete(Draft).where(Draft.updated_on < cutoff))
    return result.rowcount or 0
