"""Keeping an uploaded file between the steps of an import (upload, mapping, preview).

The file is kept in the shared folder (``INNSPILL_SHARED_DIR``, the instance folder by
default), so that the next step may reach any app instance, under an unguessable name,
readable only by the user who uploaded it, and removed when the import finishes, is
cancelled, or is older than :data:`MAX_AGE` (the nightly clean-up job removes those).
"""

from __future__ import annotations

import json
import re
import secrets
import time
from pathlib import Path
from typing import Any

from flask import current_app

MAX_AGE = 6 * 3600
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,40}$")


def _folder() -> Path:
    folder = Path(
        current_app.config.get("IMPORT_FOLDER") or Path(current_app.config["SHARED_DIR"]) / "imports"
    )
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    return folder


def purge_old(now: float | None = None) -> None:
    """Remove uploads older than MAX_AGE."""
    limit = (now or time.time()) - MAX_AGE
    for path in _folder().iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def save(data: bytes, meta: dict[str, Any]) -> str:
    """Keep ``data`` and its ``meta`` (JSON); returns the token that finds them again."""
    purge_old()
    token = secrets.token_urlsafe(18)
    folder = _folder()
    (folder / f"{token}.upload").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps(meta))
    for suffix in (".upload", ".json"):
        (folder / f"{token}{suffix}").chmod(0o600)
    return token


def load(token: str, user_id: int) -> tuple[bytes, dict[str, Any]] | None:
    """The upload behind ``token`` if ``user_id`` made it, else None."""
    if not TOKEN.match(token):
        return None
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        data = (folder / f"{token}.upload").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("user_id") != user_id:
        return None
    return data, meta


def update(token: str, meta: dict[str, Any]) -> None:
    if TOKEN.match(token):
        (_folder() / f"{token}.json").write_text(json.dumps(meta))


def drop(token: str) -> None:
    if TOKEN.match(token):
        for suffix in (".upload", ".json"):
            (_folder() / f"{token}{suffix}").unlink(missing_ok=True)
