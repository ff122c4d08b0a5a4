"""Who may see what: an organisation's rounds, its suppression threshold, and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from flask import current_app

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import ApiToken, Organisation, Round, User, utcnow

TOKEN_PREFIX = "insp_"


def threshold_for(organisation: Organisation) -> int:
    """The smallest group shown: the app's setting, or the organisation's if it is higher."""
    return max(current_app.config["SUPPRESSION_THRESHOLD"], organisation.suppression_threshold)


def round_of(organisation: Organisation, round_id: int) -> Round | None:
    """The round with this id if it belongs to ``organisation``, else None."""
    round_ = db.session.get(Round, round_id)
    if round_ is None or round_.organisation_id != organisation.id:
        return None
    return round_


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new API token for ``user``; the plain token is returned once and never stored."""
    name = name.strip()
    if not name:
        raise InnspillError("Gi nøkkelen et navn, for eksempel «Power BI».")
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:100], token_hash=_digest(plain), prefix=plain[:12])
    db.session.add(token)
    db.session.flush()
    return token, plain


def user_for_token(plain: str) -> User | None:
    """The active user a bearer token belongs to, or None; notes when it was last used."""
    if not plain.startswith(TOKEN_PREFIX) or len(plain) > 100:
        return None
    token = db.session.scalar(db.select(ApiToken).filter_by(token_hash=_digest(plain)))
    if token is None or not token.active:
        return None
    token.last_used_at = utcnow()
    return token.user


def tokens_of(user: User) -> list[ApiToken]:
    query = db.select(ApiToken).filter_by(user_id=user.id).order_by(ApiToken.created_at.desc())
    return list(db.session.scalars(query))


def token_of(user: User, token_id: int) -> ApiToken | None:
    """One of ``user``'s own tokens, or None."""
    token = db.session.get(ApiToken, token_id)
    return token if token is not None and token.user_id == user.id else None


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
