"""Bad or hostile input gets a clear message and a 4xx, never a 500, and never loses text."""

from __future__ import annotations

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
    assert "Det du sendte var for stort" in response.get_data(as_text=True)


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
