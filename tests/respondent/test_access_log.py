"""Access logs name no client and hold no query string: werkzeug in development, gunicorn in
production (``gunicorn.conf.py``)."""

from __future__ import annotations

import http.client
import logging
import threading
from datetime import timedelta
from types import SimpleNamespace

import pytest
from werkzeug.serving import make_server

from surveyapp import _NoQueryStrings
from surveyapp.config import PROJECT_ROOT

SECRET_QUERY = "kode=HEMMELIG&tekst=Jeg%20heter%20Ola"


def test_werkzeug_access_lines_hold_no_address_and_no_query(app, test_round, caplog):
    caplog.set_level(logging.INFO, logger="werkzeug")
    server = make_server("127.0.0.1", 0, app)
    serving = threading.Thread(target=server.handle_request)
    serving.start()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", server.server_port, timeout=10)
        connection.request("GET", f"/r/{test_round.slug}?{SECRET_QUERY}")
        assert connection.getresponse().status == 200
        connection.close()
    finally:
        serving.join(timeout=10)
        server.server_close()
    lines = [r.getMessage() for r in caplog.records if r.name == "werkzeug"]
    assert len(lines) == 1
    assert f'"GET /r/{test_round.slug} HTTP/1.1" 200' in lines[0]
    assert lines[0].startswith("- - - [")
    for secret in ("127.0.0.1", "HEMMELIG", "Ola", "?"):
        assert secret not in lines[0]


@pytest.mark.parametrize(
    ("address", "request_line", "logged"),
    [
        ("10.0.0.7", "GET /r/abc?kode=1 HTTP/1.1", "GET /r/abc HTTP/1.1"),
        ("fe80::1%%eth0", "POST /planlegger?q=navn HTTP/1.0", "POST /planlegger HTTP/1.0"),
        ("10.0.0.7", "\x1b[33mGET /r/x?a=b c HTTP/1.1\x1b[0m", "\x1b[33mGET /r/x HTTP/1.1\x1b[0m"),
        ("10.0.0.7", "GET /r/x?kode=1", "GET /r/x"),
        ("10.0.0.7", "GET /helse HTTP/1.1", "GET /helse HTTP/1.1"),
    ],
    ids=["respondent", "ipv6-planner", "coloured-with-space", "bad-request-line", "no-query"],
)
def test_the_filter_rewrites_a_werkzeug_access_record(address, request_line, logged):
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        f'{address} - - [01/Mar/2026 10:00:00] "%s" %s %s',
        (request_line, "200", "512"),
        None,
    )
    assert _NoQueryStrings().filter(record)
    assert record.getMessage() == f'- - - [01/Mar/2026 10:00:00] "{logged}" 200 512'


def test_the_filter_leaves_other_lines_alone():
    record = logging.LogRecord(
        "werkzeug",
        logging.INFO,
        __file__,
        1,
        " * Running on %s",
        ("http://127.0.0.1:5000?x",),
        None,
    )
    assert _NoQueryStrings().filter(record)
    assert record.getMessage() == " * Running on http://127.0.0.1:5000?x"


@pytest.fixture(scope="module")
def gunicorn_settings() -> dict:
    """``gunicorn.conf.py`` run as Python, as gunicorn itself reads it."""
    path = PROJECT_ROOT / "gunicorn.conf.py"
    settings: dict = {"__file__": str(path)}
    exec(compile(path.read_text(), str(path), "exec"), settings)  # noqa: S102
    return settings


def test_gunicorn_serves_on_loopback_as_the_readme_says(gunicorn_settings):
    assert gunicorn_settings["bind"] == "127.0.0.1:8000"
    assert (gunicorn_settings["workers"], gunicorn_settings["threads"]) == (2, 8)
    readme = (PROJECT_ROOT / "README.md").read_text()
    assert ".venv/bin/gunicorn wsgi:app" in readme


def test_gunicorn_access_log_holds_no_address_and_no_query(gunicorn_settings):
    fmt = gunicorn_settings["access_log_format"]
    for atom in ("%(h)s", "%(q)s", "%(r)s", "%(f)s", "forwarded"):
        assert atom not in fmt.lower()
    assert gunicorn_settings["accesslog"] == "-"


def test_gunicorn_formats_a_request_without_address_or_query(gunicorn_settings):
    from gunicorn.config import Config
    from gunicorn.glogging import Logger, SafeAtoms

    config = Config()
    for name in ("access_log_format", "accesslog"):
        config.set(name, gunicorn_settings[name])
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/r/abc?{SECRET_QUERY}",
        "PATH_INFO": "/r/abc",
        "QUERY_STRING": SECRET_QUERY,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "10.20.30.40",
        "HTTP_REFERER": f"https://innspill.test/r/abc?{SECRET_QUERY}",
        "HTTP_X_FORWARDED_FOR": "10.20.30.40",
    }
    response = SimpleNamespace(status="200 OK", sent=512, headers=[])
    request = SimpleNamespace(headers=[("X-FORWARDED-FOR", "10.20.30.40")])
    atoms = Logger(config).atoms(response, request, environ, timedelta(milliseconds=42))
    line = config.access_log_format % SafeAtoms(atoms)
    assert line.endswith('"GET /r/abc" 200 512 42ms')
    for secret in ("10.20.30.40", "HEMMELIG", "Ola", "?"):
        assert secret not in line
