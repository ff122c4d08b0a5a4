"""Creating, editing, opening, closing, reopening and duplicating rounds over HTTP."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from surveyapp.models import AuditEvent, Round, utcnow
from surveyapp.planner.forms import to_local
from tests.conftest import csrf_token

LOCAL = "%Y-%m-%dT%H:%M"


def _local(moment):
    return to_local(moment).strftime(LOCAL)


def _create(post_form, organisation, **overrides):
    data = {
        "title": "Tjenestene 2026",
        "audience": "staff",
        "anonymous": "y",
        "opens_at": _local(utcnow() - timedelta(minutes=5)),
        "closes_at": _local(utcnow() + timedelta(days=14)),
        "access_code": "",
        "municipalities": [m.id for m in organisation.municipalities],
        **overrides,
    }
    return post_form(
        "/planlegger/runder/ny/tjenester", {k: v for k, v in data.items() if v is not None}
    )


def _audit(db, action):
    return db.session.scalars(db.select(AuditEvent).filter_by(action=action)).all()


def test_rounds_page_has_a_clear_new_round_button(client, login_as):
    login_as("planner")
    html = client.get("/planlegger/").text
    assert ">Ny runde</a>" in html


def test_viewer_sees_no_new_round_button(client, login_as):
    login_as("viewer")
    assert "Ny runde" not in client.get("/planlegger/").text


def test_choose_lists_built_in_questionnaires(client, login_as):
    login_as("planner")
    html = client.get("/planlegger/runder/ny").text
    assert "Spørreundersøkelse til tjenestene" in html
    assert "/planlegger/runder/ny/ungdomsrad" in html


def test_new_round_form_previews_questions_and_what_is_stored(client, login_as):
    login_as("planner")
    html = client.get("/planlegger/runder/ny/tjenester").text
    assert "Dette ser respondentene" in html
    assert "Jeg vet når jeg har meldeplikt til barnevernet." in html
    assert "Dette lagres" in html and "bare datoen" in html
    opens = re.search(r'id="opens_at" name="opens_at" type="datetime-local" value="([^"]+)"', html)
    suggested = datetime.strptime(opens.group(1), LOCAL)
    assert abs((suggested - to_local(utcnow())).total_seconds()) < 120  # "open now"


def test_create_round_opens_it_and_logs_it(client, db, login_as, post_form, organisation):
    user = login_as("planner")
    response = _create(post_form, organisation)
    assert response.status_code == 302
    round_ = db.session.scalar(db.select(Round))
    assert response.headers["Location"].endswith(f"/planlegger/runder/{round_.id}/del")
    assert round_.title == "Tjenestene 2026" and round_.anonymous and round_.state == "open"
    assert round_.created_by_id == user.id
    assert len(round_.municipalities) == 3
    [event] = _audit(db, "round.create")
    assert event.user_id == user.id and event.target == f"round:{round_.id}"


def test_empty_opening_time_keeps_a_draft(db, login_as, post_form, organisation):
    login_as("planner")
    assert _create(post_form, organisation, opens_at="").status_code == 302
    assert db.session.scalar(db.select(Round)).state == "draft"


def test_access_code_is_stored_hashed(db, login_as, post_form, organisation):
    login_as("planner")
    assert _create(post_form, organisation, access_code="hemmelig1").status_code == 302
    round_ = db.session.scalar(db.select(Round))
    assert round_.needs_access_code and "hemmelig1" not in round_.access_code_hash
    assert round_.check_access_code("hemmelig1")


def test_chosen_municipalities_only(db, login_as, post_form, organisation):
    login_as("planner")
    ringebu = next(m for m in organisation.municipalities if m.name == "Ringebu")
    assert _create(post_form, organisation, municipalities=[ringebu.id]).status_code == 302
    assert [m.name for m in db.session.scalar(db.select(Round)).municipalities] == ["Ringebu"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "Tittel"),
        ({"closes_at": "2020-01-01T10:00"}, "Sluttidspunktet"),
        ({"audience": "youth", "anonymous": None}, "Runder for ungdom må være anonyme"),
        ({"access_code": "ab"}, "Tilgangskode"),
        ({"opens_at": "i morgen"}, "Åpner"),
    ],
)
def test_invalid_settings_are_explained(db, login_as, post_form, organisation, overrides, message):
    login_as("planner")
    response = _create(post_form, organisation, **overrides)
    assert response.status_code == 400
    assert "Noe må rettes" in response.text and message in response.text
    assert db.session.scalar(db.select(Round)) is None


def test_create_without_csrf_token_is_refused(client, db, login_as, organisation):
    login_as("planner")
    response = client.post(
        "/planlegger/runder/ny/tjenester", data={"title": "x", "audience": "staff"}
    )
    assert response.status_code == 400
    assert db.session.scalar(db.select(Round)) is None


def test_edit_a_draft(db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(opens_at=None, title="Utkast")
    url = f"/planlegger/runder/{round_.id}/endre"
    response = post_form(
        url,
        {
            "title": "Nytt navn",
            "audience": "parents",
            "anonymous": "y",
            "opens_at": "",
            "closes_at": "",
            "municipalities": [round_.municipalities[0].id],
        },
    )
    assert response.status_code == 302
    db.session.refresh(round_)
    assert (round_.title, round_.audience, len(round_.municipalities)) == (
        "Nytt navn",
        "parents",
        1,
    )
    assert len(_audit(db, "round.edit")) == 1


def test_an_open_round_cannot_be_edited(client, db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(title="Åpen")
    response = post_form(
        f"/planlegger/runder/{round_.id}/endre",
        {"title": "Endret", "audience": "staff"},
        page=f"/planlegger/runder/{round_.id}",
    )
    assert response.status_code == 302
    db.session.refresh(round_)
    assert round_.title == "Åpen"
    assert _audit(db, "round.edit") == []


def test_open_a_draft_now(db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(opens_at=None)
    response = post_form(
        f"/planlegger/runder/{round_.id}/apne", page=f"/planlegger/runder/{round_.id}"
    )
    assert response.status_code == 302
    db.session.refresh(round_)
    assert round_.state == "open" and len(_audit(db, "round.open")) == 1


def test_close_needs_the_confirmation_box(client, db, login_as, make_round):
    login_as("planner")
    round_ = make_round()
    url = f"/planlegger/runder/{round_.id}/steng"
    page = client.get(url)
    assert "Ja, jeg er sikker" in page.text
    unconfirmed = client.post(url, data={"csrf_token": csrf_token(page.text)})
    assert unconfirmed.status_code == 400
    db.session.refresh(round_)
    assert round_.state == "open"
    confirmed = client.post(url, data={"csrf_token": csrf_token(page.text), "confirm": "y"})
    assert confirmed.status_code == 302
    db.session.refresh(round_)
    assert round_.state == "closed" and len(_audit(db, "round.close")) == 1


def test_reopen_a_closed_round_with_a_new_closing_time(db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(
        opens_at=utcnow() - timedelta(days=3), closes_at=utcnow() - timedelta(days=1)
    )
    new_close = utcnow() + timedelta(days=7)
    response = post_form(
        f"/planlegger/runder/{round_.id}/gjenapne",
        {"closes_at": _local(new_close)},
        page=f"/planlegger/runder/{round_.id}",
    )
    assert response.status_code == 302
    db.session.refresh(round_)
    assert round_.state == "open"
    assert abs((round_.closes_at - new_close).total_seconds()) < 60
    assert len(_audit(db, "round.reopen")) == 1


def test_reopen_refuses_a_closing_time_in_the_past(client, db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(
        opens_at=utcnow() - timedelta(days=3), closes_at=utcnow() - timedelta(days=1)
    )
    response = post_form(
        f"/planlegger/runder/{round_.id}/gjenapne",
        {"closes_at": _local(utcnow() - timedelta(hours=2))},
        page=f"/planlegger/runder/{round_.id}",
    )
    assert response.status_code == 302
    assert "må ligge fram i tid" in client.get(response.headers["Location"]).text
    db.session.refresh(round_)
    assert round_.state == "closed" and _audit(db, "round.reopen") == []


def test_duplicate_for_next_year(db, login_as, post_form, make_round):
    login_as("planner")
    round_ = make_round(title="Tjenestene 2026", access_code="kode1234")
    response = post_form(
        f"/planlegger/runder/{round_.id}/kopier", page=f"/planlegger/runder/{round_.id}"
    )
    copy = db.session.scalar(db.select(Round).where(Round.id != round_.id))
    assert response.headers["Location"].endswith(f"/planlegger/runder/{copy.id}/endre")
    assert copy.title == "Tjenestene 2027" and copy.state == "draft"
    assert copy.check_access_code("kode1234") and copy.slug != round_.slug
    assert [m.id for m in copy.municipalities] == [m.id for m in round_.municipalities]
    [event] = _audit(db, "round.duplicate")
    assert event.details["from_round"] == round_.id


def test_overview_actions_follow_the_state(client, login_as, make_round):
    login_as("planner")
    draft = make_round(opens_at=None)
    html = client.get(f"/planlegger/runder/{draft.id}").text
    assert "Åpne nå" in html and "Endre" in html and "Steng runden" not in html
    open_ = make_round()
    html = client.get(f"/planlegger/runder/{open_.id}").text
    assert "Steng runden" in html and "Åpne nå" not in html


def test_viewer_sees_no_action_buttons(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    html = client.get(f"/planlegger/runder/{round_.id}").text
    assert "Steng runden" not in html and "Kopier til ny runde" not in html


def test_questionnaire_preview_page(client, login_as):
    login_as("viewer")
    html = client.get("/planlegger/sporreskjema/ungdomsrad").text
    assert "Hva mener ungdommen?" in html and "Hvor gammel er du?" in html
    assert client.get("/planlegger/sporreskjema/finnes_ikke").status_code == 404
