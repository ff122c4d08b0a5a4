"""Public pages where staff and young people answer a round. No login."""

from urllib.parse import parse_qsl

from flask import Blueprint, request
from werkzeug.datastructures import ImmutableMultiDict

from surveyapp.extensions import db

bp = Blueprint("respondent", __name__)


@bp.before_request
def readable_form() -> None:
    """Read a form whose body is not UTF-8 with replacement characters, instead of as empty.

    Werkzeug silently parses such a body as an empty form, which would look like a missing
    CSRF token and throw away what was typed; with U+FFFD in place of the bad bytes, the
    page is shown again with the text and a clear message (see ``questions.base.clean_text``).
    """
    if request.method != "POST" or request.mimetype != "application/x-www-form-urlencoded":
        return
    body = request.get_data(cache=True)
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        text = body.decode("utf-8", "replace")
        request.files = ImmutableMultiDict()
        request.form = ImmutableMultiDict(parse_qsl(text, keep_blank_values=True))


@bp.before_request
def keep_loaded_rows() -> None:
    """Keep the round and draft loaded after a commit instead of reading them again.

    A respondent request commits at most once or twice and then only draws a page or a
    redirect from the rows it already holds, so re-reading them (SQLAlchemy's default after a
    commit) would cost a query per request for nothing. The session ends with the request.
    """
    db.session().expire_on_commit = False


from surveyapp.respondent import routes  # noqa: E402,F401
