"""The overview page: small groups are never shown, at the threshold and just below it."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

ROW = re.compile(
    r'<th scope="row">([^<]*)</th>\s*<td class="num">(.*?)</td>\s*<td class="num">(.*?)</td>',
    re.DOTALL,
)


def table(html: str, table_id: str) -> dict[str, str]:
    """Label -> shown count ("skjult" when hidden) of one result table on a page."""
    start = html.index(f'id="{table_id}-table"')
    body = html[start : html.index("</table>", start)]
    cells = {}
    for label, count, _percent in ROW.findall(body):
        text = re.sub(r"<[^>]+>", "", count).strip()
        cells[label.strip()] = text
    return cells


def add_drafts(db, round_, n: int) -> None:
    """``n`` started, unsent answers."""
    from surveyapp.models import Draft

    for i in range(n):
        db.session.add(Draft(round_id=round_.id, token_hash=f"{i}" * 64, idempotency_key=f"d{i}"))
    db.session.commit()


@pytest.fixture
def planner_round(login_as, make_round):
    login_as("planner")
    return make_round()


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True)])
def test_group_below_threshold_is_hidden_at_threshold_shown(
    client, planner_round, add_responses, n, shown
):
    add_responses(planner_round, 20, tjeneste="Barnehage")
    add_responses(planner_round, 20, tjeneste="Skole/SFO")
    add_responses(planner_round, n, tjeneste="PPT")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    services = table(html, "group-service")
    assert services["PPT"] == (str(n) if shown else "skjult")
    if not shown:
        assert "skjult" in (services["Barnehage"], services["Skole/SFO"])
        assert services["Totalt"] == str(40 + n)


def test_hidden_cell_cannot_be_worked_out_from_the_total(client, planner_round, add_responses):
    add_responses(planner_round, 4, tjeneste="PPT")
    add_responses(planner_round, 20, tjeneste="NAV")
    add_responses(planner_round, 30, tjeneste="Barnehage")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    services = table(html, "group-service")
    assert services["PPT"] == "skjult" and services["NAV"] == "skjult"
    assert services["Barnehage"] == "30" and services["Totalt"] == "54"
    assert "«Skjult»: for få svar til å vises" in html


@pytest.mark.parametrize(("n", "shown"), [(4, False), (5, True)])
def test_likert_answers_follow_the_same_rule(client, planner_round, add_responses, n, shown):
    add_responses(planner_round, 30, meldeplikt=4)
    add_responses(planner_round, n, meldeplikt=1)
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    answers = table(html, "q-meldeplikt-1")
    assert answers["1 – Helt uenig"] == (str(n) if shown else "skjult")


def test_multiple_choice_options_are_suppressed_one_by_one(client, planner_round, add_responses):
    add_responses(planner_round, 3, hull_i_tilbudet=["Flyktninger", "Skolefravær"])
    add_responses(planner_round, 20, hull_i_tilbudet=["Skolefravær"])
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    gaps = table(html, "q-hull_i_tilbudet-1")
    assert gaps["Flyktninger"] == "skjult" and gaps["Skolefravær"] == "23"
    assert gaps["Atferdsvansker"] == "skjult"  # a zero beside a hidden option is hidden too


def test_a_round_below_the_threshold_shows_no_numbers(client, planner_round, add_responses):
    add_responses(planner_round, 4, tjeneste="PPT", meldeplikt=5)
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    assert "For få svar til å vise resultater" in html
    assert "Tallene oppdateres når minst 5 nye svar er kommet" in html
    assert "Tallene under bygger på 0 svar" in html
    for table_id in ("group-service", "q-meldeplikt-1"):
        assert set(table(html, table_id).values()) <= {"skjult", "0"}, table_id


def test_organisation_can_raise_the_threshold(
    client, db, organisation, planner_round, add_responses
):
    organisation.suppression_threshold = 10
    db.session.commit()
    add_responses(planner_round, 30, tjeneste="Barnehage")
    add_responses(planner_round, 9, tjeneste="PPT")
    add_responses(planner_round, 12, tjeneste="NAV")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    services = table(html, "group-service")
    assert services["PPT"] == "skjult" and services["Barnehage"] == "30"
    assert "færre enn 10" in html


def test_municipalities_and_timeline_are_broken_down(client, planner_round, add_responses):
    add_responses(planner_round, 6, kommune="Ringebu")
    add_responses(planner_round, 7, kommune="Nord-Fron")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    municipalities = table(html, "group-municipality")
    assert municipalities["Ringebu"] == "6" and municipalities["Nord-Fron"] == "7"
    assert municipalities["Sør-Fron"] == "0"
    assert table(html, "timeline")["Totalt"] == "13"
    assert table(html, "completion")["Sendt inn"] == "13"


def test_started_but_not_sent_cannot_be_worked_out_from_the_header(
    client, db, planner_round, add_responses
):
    """20 sent and 2 started: the header's 20 is fine, but no total or share may give the 2."""
    add_responses(planner_round, 20, tjeneste="NAV")
    add_drafts(db, planner_round, 2)
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    start = html.index('<section aria-labelledby="summary-title">')
    section = html[start : html.index("</section>", start)]
    visible = re.sub(r"<[^>]+>", " ", section)
    # 20 in the header and the snapshot note, 5 as the snapshot step: never 22 or 2
    assert set(re.findall(r"\d+", visible)) == {"20", "5"}, visible
    completion = table(html, "completion")
    assert completion["Påbegynt, ikke sendt"] == "skjult"
    assert completion["Totalt"] == "skjult"
    assert "%" not in section


def test_chart_shows_no_bar_for_a_hidden_number(client, planner_round, add_responses):
    add_responses(planner_round, 4, tjeneste="PPT")
    add_responses(planner_round, 20, tjeneste="NAV")
    add_responses(planner_round, 30, tjeneste="Barnehage")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    start = html.index('aria-labelledby="group-service-chart-title"')
    svg = html[start : html.index("</svg>", start)]
    assert svg.count('class="chart-bar"') == 1  # Barnehage only
    # PPT, NAV and every service nobody chose: zeros beside hidden cells are hidden too
    assert svg.count('class="chart-bar-hidden"') == svg.count("chart-value") - 1
    assert ">4<" not in svg and ">20<" not in svg and "(4" not in svg


def test_free_text_is_masked_and_needs_enough_responses(client, planner_round, add_responses):
    add_responses(planner_round, 4, tiltak_virker="Ring Ola Nordmann på 912 34 567")
    url = f"/planlegger/runder/{planner_round.id}/fritekst/tiltak_virker"
    html = client.get(url).text
    assert "For få svar til å vises" in html and "Ring" not in html
    add_responses(planner_round, 1, tiltak_virker="Ring Ola Nordmann på 912 34 567")
    html = client.get(url).text
    assert "912 34 567" not in html and "Nordmann" not in html
    assert html.count("[telefon]") == 5


def test_free_text_page_only_for_text_questions(client, planner_round):
    assert (
        client.get(f"/planlegger/runder/{planner_round.id}/fritekst/meldeplikt").status_code == 404
    )
    assert (
        client.get(f"/planlegger/runder/{planner_round.id}/fritekst/finnes_ikke").status_code == 404
    )


def _queries(app, client, url) -> int:
    from surveyapp.extensions import db

    count = 0

    def before(*args):
        nonlocal count
        count += 1

    engine = db.engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", before)
    return count


def test_overview_queries_do_not_grow_with_responses(app, client, planner_round, add_responses):
    url = f"/planlegger/runder/{planner_round.id}"
    add_responses(planner_round, 5, tjeneste="PPT", meldeplikt=3, tiltak_virker="Bra")
    few = _queries(app, client, url)
    add_responses(planner_round, 60, tjeneste="NAV", meldeplikt=4, tiltak_virker="Fint")
    assert _queries(app, client, url) == few


def test_rounds_list_queries_do_not_grow_with_rounds(app, client, planner_round, make_round):
    few = _queries(app, client, "/planlegger/")
    for i in range(5):
        make_round(title=f"Runde {i}")
    assert _queries(app, client, "/planlegger/") == few


def test_free_text_needs_enough_answers_to_the_question(client, planner_round, add_responses):
    add_responses(planner_round, 30, tjeneste="NAV")
    add_responses(planner_round, 4, tiltak_virker="Faste møter")
    url = f"/planlegger/runder/{planner_round.id}/fritekst/tiltak_virker"
    assert "Faste møter" not in client.get(url).text
    add_responses(planner_round, 1, tiltak_virker="Faste møter")
    # one newcomer is not published on its own: the texts move with the snapshot
    assert "Faste møter" not in client.get(url).text
    add_responses(planner_round, 4, tiltak_virker="Faste møter")
    assert client.get(url).text.count("Faste møter") == 9


def test_open_round_overview_watches_for_new_answers(client, planner_round, add_responses):
    add_responses(planner_round, 7, tjeneste="PPT")
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    live = re.search(r'data-live-count="([^"]+)"[^>]*data-shown="(\d+)"', html)
    assert live, "an open round's overview polls for new answers"
    assert live.group(2) == "7"
    assert client.get(live.group(1)).get_json()["responses"] == 7
    add_responses(planner_round, 2, tjeneste="PPT")
    assert client.get(live.group(1)).get_json()["responses"] == 9
    assert "Oppdater oversikten" in html


def test_closed_round_overview_does_not_poll(client, make_round, planner_round):
    from datetime import timedelta

    from surveyapp.models import utcnow

    closed = make_round(
        opens_at=utcnow() - timedelta(days=2), closes_at=utcnow() - timedelta(days=1)
    )
    response = client.get(f"/planlegger/runder/{closed.id}")
    assert response.status_code == 200 and "Stengt" in response.text
    assert "data-live-count" not in response.text


def test_a_hidden_number_is_explained_where_it_is_hidden(
    client, db, planner_round, add_responses
):
    """Issue 18.7: "5 svar" next to "Sendt inn: skjult" says why, at the table."""
    add_responses(planner_round, 5, tjeneste="NAV")
    add_drafts(db, planner_round, 2)
    html = client.get(f"/planlegger/runder/{planner_round.id}").text
    assert table(html, "completion")["Sendt inn"] == "skjult"
    after_table = html.split('id="completion-table"')[1].split("</section>")[0]
    assert 'id="completion-note"' in after_table
    assert "Hvor mange svar som er sendt inn, står over tabellen." in after_table
    services = html.split('id="group-service-table"')[1].split("</section>")[0]
    assert "inline-hidden-note" not in services.split("</table>")[0]
