"""Bad or hostile input gets a clear message and a 4xx, never a 500, and never loses text."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveyapp.models import Response

from tests.conftest import csrf_token

from .conftest import EMPLOYEE, Browser

HYPOTHESIS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

field_names = st.one_of(
    st.sampled_from(
        [
            "q-kommune",
            "q-rolle",
            "q-tjeneste",
            "q-alder",
            "q-trives",
            "q-samarbeid-skole",
            "q-problemer",
            "q-tanker",
            "q-overskrift",
            "action",
            "flow",
            "idempotency_key",
            "respondent_name",
        ]
    ),
    st.text(max_size=30),
)
field_values = st.one_of(
    st.sampled_from(
        [
            "Ansatt",
            "Leder",
            "Forelder",
            "Skole",
            "5",
            "vet_ikke",
            "send",
            "back",
            "save",
            "next",
            "lang-nn",
            "lang-xx",
            "",
            "-1",
            "1e309",
            "NaN",
        ]
    ),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=50).map(lambda s: s + "\x00"),
)


#: slugs as typed, mangled or forged: the real one is put in where None is drawn
slugs = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.text(alphabet="ABCabc012_-", min_size=1, max_size=40),
    st.text(max_size=20).map(lambda s: s + "\x00"),
)
#: paths under /r/<slug> and whether they are posted to
ROUND_PATHS = [
    ("", "get"),
    ("/start", "get"),
    ("/start", "post"),
    ("/del/1", "get"),
    ("/del/1", "post"),
    ("/kvittering", "get"),
    ("/fortsett", "get"),
    ("/fortsett", "post"),
]


@pytest.fixture
def started(respondent):
    respondent.start()
    return respondent


@HYPOTHESIS
@given(st.lists(st.tuples(field_names, field_values), max_size=25))
def test_any_form_on_a_page_is_answered_without_a_server_error(started, fields):
    data = started.form_data()
    del data["action"]
    for name, value in fields:
        data.add(name, value)
    response = started.client.post(started.action(), data=data)
    assert response.status_code < 500, response.status_code
    if response.status_code == 400:
        assert 'class="error-summary"' in response.get_data(as_text=True) or (
            "Vi fant ikke svarene dine" in response.get_data(as_text=True)
        )


@HYPOTHESIS
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_body_never_cause_a_server_error(started, body):
    for path in (started.action(), f"/r/{started.slug}/start", f"/r/{started.slug}/fortsett"):
        response = started.client.post(
            path, data=body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code < 500, (path, response.status_code)


@HYPOTHESIS
@given(st.binary(min_size=1, max_size=200))
def test_invalid_utf8_in_an_answer_is_refused_with_a_message(started, raw):
    hidden = "&".join(f"{k}={v}" for k, v in started.hidden().items())
    body = (
        hidden.encode() + b"&q-rolle=Forelder&q-alder=" + raw.replace(b"&", b"").replace(b"=", b"")
    )
    response = started.client.post(
        started.action(), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (303, 400)


def test_invalid_utf8_in_text_is_kept_on_screen_with_a_message(started):
    started.answer(EMPLOYEE[0])
    hidden = "&".join(f"{k}={v}" for k, v in started.hidden().items())
    body = (hidden + "&q-trives=3&q-tanker=").encode() + b"Hei p\xe5 deg%FF"
    started.last = started.client.post(
        started.action(), data=body, content_type="application/x-www-form-urlencoded"
    )
    assert started.last.status_code == 400
    assert "Teksten inneholder tegn som ikke kan lagres" in started.html
    assert "Hei p\ufffd deg\ufffd</textarea>" in started.html


def test_nul_bytes_are_removed_from_what_is_shown_back(started):
    started.answer(EMPLOYEE[0])
    started.post({"trives": "3", "tanker": "før\x00etter"})
    assert started.last.status_code == 400
    assert "føretter</textarea>" in started.html


def test_huge_body_gets_a_clear_413(started):
    response = started.client.post(
        started.action(), data={**started.hidden(), "q-alder": "x" * 200_000}
    )
    assert response.status_code == 413
    html = response.get_data(as_text=True)
    assert "Det du sendte var for stort" in html and "teksten din står der fortsatt" in html


def test_uploaded_files_are_unknown_fields(started):
    from io import BytesIO

    data = {**started.hidden(), "q-rolle": "Forelder", "vedlegg": (BytesIO(b"x"), "a.txt")}
    response = started.client.post(started.action(), data=data, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "felt vi ikke kjenner igjen" in response.get_data(as_text=True)


def test_json_body_is_refused(started):
    response = started.client.post(started.action(), json={"q-rolle": "Forelder"})
    assert response.status_code == 400


@pytest.mark.parametrize("number", ["0", "99", "-5", "abc"])
def test_page_numbers_out_of_range_are_handled(started, number):
    response = started.client.post(f"/r/{started.slug}/del/{number}", data=started.form_data())
    assert response.status_code in (303, 404)


def test_forged_flow_token_finds_no_draft(started, app):
    started.answer(EMPLOYEE[0])
    data = started.form_data({"trives": "2", "tanker": "Teksten min"})
    data["flow"] = data["flow"][:-2] + "xx"
    other = Browser(app.test_client())
    data["csrf_token"] = csrf_token(other.get(f"/r/{started.slug}").get_data(as_text=True))
    response = other.post(started.action(), data=data)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vi fant ikke svarene dine" in html
    assert "Teksten min" in html, "text that cannot be saved is shown back for copying"
    # the same browser still knows its draft through the session
    data["csrf_token"] = started.hidden()["csrf_token"]
    assert started.client.post(started.action(), data=data).status_code == 400


def test_hostile_submit_cannot_store_twice_or_for_another_round(started, db, make_test_round):
    started.answer(EMPLOYEE[0])
    started.answer(EMPLOYEE[1])
    form = started.form_data(EMPLOYEE[2], action="send")
    started.client.post(started.action(), data=form)
    other = make_test_round(title="Annen runde")
    response = started.client.post(f"/r/{other.slug}/del/3", data=form)
    assert response.status_code == 400
    assert len(db.session.scalars(db.select(Response)).all()) == 1


@pytest.mark.parametrize("path, method", ROUND_PATHS)
def test_nul_in_a_slug_is_an_unknown_round(client, test_round, path, method):
    response = getattr(client, method)(f"/r/%00{test_round.slug}{path}", data={"x": "1"})
    assert response.status_code == 404
    assert "Vi fant ikke undersøkelsen" in response.get_data(as_text=True)


@pytest.mark.parametrize("slug", ["x" * 33, "ab cd", "ab%2Ecd", "æøå", "%E2%80%8B"])
def test_slugs_of_the_wrong_shape_are_unknown_rounds(client, test_round, slug):
    assert client.get(f"/r/{slug}").status_code == 404


@pytest.mark.parametrize("key", ["ab\x00cd", "\x00", "x" * 65, "nøkkel", "a b"])
def test_odd_idempotency_key_without_a_session_is_a_clear_400(app, test_round, key):
    stranger = Browser(app.test_client())
    response = stranger.post(
        f"/r/{test_round.slug}/del/1", data={"idempotency_key": key, "q-tanker": "Min tekst"}
    )
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "Vi fant ikke svarene dine" in html


@HYPOTHESIS
@given(
    slug=slugs,
    fields=st.lists(st.tuples(field_names, field_values), max_size=10),
    with_session=st.booleans(),
)
def test_any_slug_and_form_with_or_without_a_session_never_cause_a_server_error(
    started, app, slug, fields, with_session
):
    client = started.client if with_session else Browser(app.test_client())
    target = started.slug if slug is None else quote(slug, safe="")
    data = started.form_data() if with_session else {}
    for name, value in fields:
        data[name] = value
    for path, method in ROUND_PATHS:
        response = getattr(client, method)(f"/r/{target}{path}", data=data)
        assert response.status_code < 500, (path, method, response.status_code)


@pytest.mark.parametrize(
    "url", ["/tilbakemelding/%00x", "/v/%00AB", "/v/?kode=%00AB", "/v/AB%00/neste"]
)
def test_nul_in_other_public_urls_is_not_found(client, url):
    """The feedback page and the idea wall check codes before the database sees them."""
    assert client.get(url).status_code == 404
