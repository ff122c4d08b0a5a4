"""The public address of a page: what share links, QR codes, posters and the big screen show."""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for

#: outside a request (the CLI) in development, when PUBLIC_BASE_URL is not set
DEVELOPMENT_ADDRESS = "http://127.0.0.1:5000"


def public_url_for(endpoint: str, **values: Any) -> str:
    """``url_for(endpoint, **values)`` as an absolute address respondents can open.

    ``PUBLIC_BASE_URL`` when it is set (production refuses to start without it). Otherwise
    the address the planner is on (the request's scheme, host and port), so ``make run
    PORT=8080`` and a laptop reached by its LAN address give links that work. Either base is
    the address of the app's root; the path is added to it.
    """
    base = current_app.config.get("PUBLIC_BASE_URL")
    if has_request_context():
        # request.root_url, not SERVER_NAME: the host and port the planner really used
        base = base or request.root_url
        path = url_for(endpoint, **values)[len(request.script_root) :]
    else:
        with current_app.test_request_context():
            path = url_for(endpoint, **values)
    return (base or DEVELOPMENT_ADDRESS).rstrip("/") + path
