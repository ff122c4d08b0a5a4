"""Fixtures for the planner workspace: signed-in users by role and responses in bulk."""

from __future__ import annotations

import uuid

import pytest
from flask.testing import FlaskClient

from surveyapp.extensions import db as _db
from surveyapp.services.responses import new_response
from tests.conftest import csrf_token
from tests.ideawall.conftest import make_wall, seed  # noqa: F401 (records for test_access)
from tests.review.conftest import add_response, stored_run  # noqa: F401 (records for test_access)


class IsolatedClient(FlaskClient):
    """A test client whose every request runs in its own app context, as in production.

    The suite's ``app`` fixture keeps one app context open, so without this requests
    would share ``g``: Flask-Login's cached user and Flask-WTF's CSRF token would leak
    from one request (and one client) to the next, and a stolen cookie or a second
    user could not be tested honestly. The test's own session is committed before and
    after each request, so both sides see each other's committed changes.
    """

    def open(self, *args, **kwargs):
        _db.session.commit()
        with self.application.app_context():
            response = super().open(*args, **kwargs)
        _db.session.commit()
        return response


@pytest.fixture(autouse=True)
def quick_password_hashes(monkeypatch):
    """Cheap hashes in tests (checking still reads the method from the stored hash)."""
    from werkzeug.security import generate_password_hash

    monkeypatch.setattr(
        "surveyapp.models.users.generate_password_hash",
        lambda password: generate_password_hash(password, method="pbkdf2:sha256:1000"),
    )


@pytest.fixture(autouse=True)
def isolated_requests(app):
    app.test_client_class = IsolatedClient
    yield
    app.test_client_class = None


@pytest.fixture
def login_as(auth, make_user):
    """Create a user with ``role`` in the organisation and sign in as them."""

    def login(role: str = "planner", email: str | None = None):
        user = make_user(role, email=email)
        response = auth.login(user.email)
        assert response.status_code == 302, response.text
        return user

    return login


@pytest.fixture
def add_responses(db):
    """Store ``n`` responses with the same ``values`` in ``round_`` (committed)."""

    def add(round_, n: int, **values):
        for _ in range(n):
            db.session.add(new_response(round_, dict(values), uuid.uuid4().hex))
        db.session.commit()

    return add


@pytest.fixture
def post_form(client):
    """POST ``data`` to ``url`` with the CSRF token read from ``page`` (default: ``url``)."""

    def post(url: str, data: dict | None = None, page: str | None = None, **kwargs):
        html = client.get(page or url).text
        return client.post(url, data={**(data or {}), "csrf_token": csrf_token(html)}, **kwargs)

    return post
