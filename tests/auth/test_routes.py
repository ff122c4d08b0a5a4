"""Sign-in: where it sends the user afterwards."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.conftest import PASSWORD, csrf_token

HOSTILE = [
    "//evil.example",
    "//evil.example/planlegger/",
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "\\/evil.example",
    "https://evil.example",
    "https:/evil.example",
    "http:evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "\t//evil.example",
    " //evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "\x00//evil.example",
    "evil.example",
    "",
]


def _login_with_next(client, email: str, target: str):
    """Sign in from the login page that was opened with ``?next=target``, CSRF on."""
    url = f"/auth/logg-inn?next={quote(target, safe='')}"
    page = client.get(url)
    return client.post(
        url, data={"email": email, "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    )


@pytest.mark.parametrize("target", HOSTILE)
def test_next_never_leads_to_another_site(client, make_user, target):
    user = make_user("planner")
    response = _login_with_next(client, user.email, target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


@pytest.mark.parametrize(
    "target", ["/planlegger/", "/planlegger/runder/3?fane=svar", "/planlegger/runder/ny#skjema"]
)
def test_next_keeps_a_path_on_this_site(client, make_user, target):
    user = make_user("planner")
    response = _login_with_next(client, user.email, target)
    assert response.status_code == 302
    assert response.headers["Location"] == target
