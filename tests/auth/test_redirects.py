"""``local_path``: the URL is judged as a browser would read it."""

from __future__ import annotations

import pytest

from surveyapp.auth.redirects import local_path
from tests.auth.test_routes import HOSTILE


@pytest.mark.parametrize("target", [*HOSTILE, None, "/\x7f/evil.example"])
def test_other_sites_and_schemes_are_refused(target):
    assert local_path(target) is None


@pytest.mark.parametrize(
    ("target", "path"),
    [
        ("/planlegger/", "/planlegger/"),
        (" /planlegger/\n", "/planlegger/"),
        ("/planlegger\\runder", "/planlegger/runder"),
        ("/plan\tlegger/", "/planlegger/"),
    ],
)
def test_the_path_a_browser_would_open_is_returned(target, path):
    assert local_path(target) == path
