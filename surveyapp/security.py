"""Security headers on every response, set in one ``after_request`` hook.

One hook is all it takes here (Flask-Talisman would add an HTTPS redirect we must not do
behind the proxy, and per-view referrer policies by decorator where we want them per
blueprint). The policy in short:

* ``Content-Security-Policy``: scripts, styles, fonts and requests only from this site, no
  inline code at all, images from here or ``data:``, no framing, forms post only here, no
  ``<base>``. The one exception is the standalone HTML plan report, which must keep its style
  when saved to disk: its ``<style>`` is allowed by hash (:func:`allow_inline_style`), never
  with ``'unsafe-inline'``.
* ``X-Content-Type-Options: nosniff`` and ``X-Frame-Options: DENY`` (for browsers that predate
  ``frame-ancestors``): no clickjacking on *Slett rådata* or *Steng runden*.
* ``Referrer-Policy: no-referrer`` on public pages whose address is the capability to answer
  (respondent, idea-wall participant, feedback), ``same-origin`` elsewhere.
* ``Permissions-Policy``: no camera, microphone, geolocation, payment or USB; full screen for
  this site only (the idea wall's big screen).
* ``Strict-Transport-Security`` only when the config sets ``HSTS_SECONDS`` (production).

Pages that send no Referer cannot pass Flask-WTF's strict HTTPS Referer check, so their
blueprints check the CSRF token alone (:func:`check_token_only`); cookies are
``SameSite=Lax`` as well. Planner pages keep the strict check.
"""

from __future__ import annotations

import base64
import hashlib

from flask import Blueprint, Flask, Response, current_app, g, has_request_context, request
from flask_wtf.csrf import CSRFError, validate_csrf
from wtforms import ValidationError

#: blueprints whose pages send no Referer (their address is a respondent's capability)
PUBLIC_BLUEPRINTS = frozenset({"respondent", "ideawall.participant", "feedback"})

CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
    "base-uri": "'none'",
}

PERMISSIONS = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
    "interest-cohort=(), fullscreen=(self)"
)


def init_app(app: Flask) -> None:
    """Attach the header hook to ``app``."""
    app.after_request(set_headers)


def content_security_policy(style_hashes: list[str] | tuple[str, ...] = ()) -> str:
    """The CSP header value; ``style_hashes`` allow exactly those inline style blocks."""
    parts = dict(CSP)
    if style_hashes:
        parts["style-src"] += "".join(f" 'sha256-{h}'" for h in style_hashes)
    return "; ".join(f"{name} {value}" for name, value in parts.items())


def allow_inline_style(css: str) -> None:
    """Let this response carry ``<style>{css}</style>`` (the standalone report only)."""
    if has_request_context():
        digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode()
        g.setdefault("csp_style_hashes", []).append(digest)


def set_headers(response: Response) -> Response:
    """Add the security headers to ``response`` (every response, error pages and files too)."""
    headers = response.headers
    headers["Content-Security-Policy"] = content_security_policy(g.get("csp_style_hashes", ()))
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    headers["Referrer-Policy"] = (
        "no-referrer" if request.blueprint in PUBLIC_BLUEPRINTS else "same-origin"
    )
    headers["Permissions-Policy"] = PERMISSIONS
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    seconds = current_app.config.get("HSTS_SECONDS")
    if seconds:
        headers["Strict-Transport-Security"] = f"max-age={int(seconds)}; includeSubDomains"
    return response


def check_token_only() -> None:
    """Check the posted CSRF token without Flask-WTF's Referer check; raise CSRFError."""
    token = request.form.get("csrf_token") or request.headers.get("X-CSRFToken")
    try:
        validate_csrf(token)
    except ValidationError as e:
        raise CSRFError(e.args[0]) from e


def token_only_csrf(blueprint: Blueprint, csrf) -> None:
    """Exempt ``blueprint`` from the strict check and check its POSTs' token alone."""
    csrf.exempt(blueprint)

    @blueprint.before_request
    def _check() -> None:
        if request.method not in ("GET", "HEAD", "OPTIONS"):
            check_token_only()
