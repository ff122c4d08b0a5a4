"""Findings: write, link to themes and quotes, place in the plan, reorder, export."""

from __future__ import annotations

import csv
import io

import pytest

from surveyapp.extensions import db
from surveyapp.models.findings import Finding
from surveyapp.services import findings as service

from .conftest import TOPICS, post_form, visible_text

FINDINGS = "/planlegger/analyse/funn"


def theme(run, label):
    return next(t for t in run.themes if t.label == label)


@pytest.fixture
def signed_in(client, auth, planner):
    auth.login(planner.email)
    return client


def new_finding(client, run, **data):
    page = f"{FINDINGS}/ny?analyse={run.id}"
    form = {
        "statement": "Ungdom opplever at det mangler gratis møteplasser",
        "plan_section": "utfordringsbilde",
        "prevention_level": "",
        "status": "",
        "public": "y",
        **data,
    }
    return post_form(client, page, page, form)


def test_write_a_finding_linked_to_a_theme(signed_in, topic_run, planner):
    fritid = theme(topic_run, "Fritid")
    response = new_finding(signed_in, topic_run, themes=fritid.id)
    assert response.status_code == 302
    finding = db.session.scalar(db.select(Finding))
    assert finding.statement == "Ungdom opplever at det mangler gratis møteplasser"
    assert finding.run_id == topic_run.id and [t.id for t in finding.themes] == [fritid.id]
    assert finding.created_by_id == planner.id and finding.position == 1
    # The edit page now offers the theme's answers as quotes.
    page = signed_in.get(response.headers["Location"]).text
    for text in TOPICS["fritid"]:
        assert text in visible_text(page)


def test_choose_quotes_and_see_who_raised_it(signed_in, topic_run):
    fritid = theme(topic_run, "Fritid")
    new_finding(signed_in, topic_run, themes=fritid.id)
    finding = db.session.scalar(db.select(Finding))
    answers = [a.item.answer for a in fritid.assignments][:2]
    edit = f"{FINDINGS}/{finding.id}"
    response = post_form(
        signed_in,
        edit,
        edit,
        {
            "statement": finding.statement,
            "plan_section": "utfordringsbilde",
            "themes": fritid.id,
            "quotes": [a.id for a in answers],
            "prevention_level": "",
            "status": "",
            "public": "y",
        },
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [q.answer_id for q in finding.quotes] == [a.id for a in answers]
    assert service.quotes_of(finding, {a.id for a in answers}) == [a.text for a in answers]
    page = visible_text(signed_in.get(edit).text)
    assert "Hvem tok det opp" in page
    # 6 staff respondents in all: shown (>= 5); the two services with 3 each are hidden.
    raised = service.raised_by(finding, 5)
    audience, services = raised
    assert [(g.label, g.count.count) for g in audience.groups] == [("Ansatte", 6)]
    assert all(g.count.hidden for g in services.groups)


def test_quotes_must_come_from_the_linked_themes(signed_in, topic_run):
    fritid, ventetid = theme(topic_run, "Fritid"), theme(topic_run, "Ventetid")
    new_finding(signed_in, topic_run, themes=fritid.id)
    finding = db.session.scalar(db.select(Finding))
    stranger = ventetid.assignments[0].item.answer
    with pytest.raises(Exception, match="Sitatene må være svar fra temaene"):
        service.update_finding(
            finding,
            service.FindingData(
                statement="x",
                plan_section="utfordringsbilde",
                theme_ids=[fritid.id],
                quote_ids=[stranger.id],
            ),
        )


def test_a_tiltak_carries_the_korus_columns_and_a_status(signed_in, topic_run):
    response = new_finding(
        signed_in,
        topic_run,
        statement="Gratis fritidsklubb to kvelder i uka",
        plan_section="tiltak",
        age_group="13–18",
        responsible="Kultur/fritid",
        organising="Ungdomsklubben",
        collaboration="Skole, SLT",
        implementation="Høsten 2026",
        evaluation="Årlig, med ungdomsrådet",
        status="planned",
        prevention_level="universell",
        themes=theme(topic_run, "Fritid").id,
    )
    assert response.status_code == 302
    finding = db.session.scalar(db.select(Finding))
    assert (finding.plan_section, finding.status, finding.prevention_level) == (
        "tiltak",
        "planned",
        "universell",
    )
    assert (
        finding.responsible == "Kultur/fritid" and finding.evaluation == "Årlig, med ungdomsrådet"
    )
    page = signed_in.get(FINDINGS).text
    assert "Tiltak i KORUS-format" in page
    table = page.split('class="korus"')[1].split("</table>")[0]
    for text in (
        "Alder",
        "Ansvar",
        "Organisering",
        "Samarbeid",
        "Implementeringsplan",
        "Evaluering",
        "13–18",
        "Kultur/fritid",
        "Planlagt",
    ):
        assert text in table


def test_findings_are_listed_by_plan_section_and_can_be_reordered(signed_in, organisation, planner):
    made = [
        service.create_finding(
            organisation, service.FindingData(statement=s, plan_section=p), planner
        )
        for s, p in [
            ("Første mål", "mal"),
            ("Et utfordringsbilde", "utfordringsbilde"),
            ("Andre mål", "mal"),
            ("Tredje mål", "mal"),
        ]
    ]
    db.session.commit()
    page = visible_text(signed_in.get(FINDINGS).text)
    assert page.index("Et utfordringsbilde") < page.index("Første mål") < page.index("Andre mål")
    third = made[3]
    post_form(signed_in, FINDINGS, f"{FINDINGS}/{third.id}/flytt", {"direction": "up"})
    db.session.expire_all()
    goals = [f.statement for f in service.findings_of(organisation) if f.plan_section == "mal"]
    assert goals == ["Første mål", "Tredje mål", "Andre mål"]
    post_form(signed_in, FINDINGS, f"{FINDINGS}/{made[0].id}/flytt", {"direction": "up"})
    db.session.expire_all()
    goals = [f.statement for f in service.findings_of(organisation) if f.plan_section == "mal"]
    assert goals == ["Første mål", "Tredje mål", "Andre mål"]


def test_moving_a_finding_to_another_section_puts_it_last(organisation, planner):
    a = service.create_finding(organisation, service.FindingData("A", "strategi"), planner)
    b = service.create_finding(organisation, service.FindingData("B", "mal"), planner)
    service.update_finding(b, service.FindingData("B", "strategi"))
    assert (a.position, b.position) == (1, 2)


def test_edit_and_delete(signed_in, organisation, planner):
    finding = service.create_finding(organisation, service.FindingData("Gammel", "mal"), planner)
    db.session.commit()
    edit = f"{FINDINGS}/{finding.id}"
    post_form(
        signed_in,
        edit,
        edit,
        {"statement": "Ny tekst", "plan_section": "strategi", "prevention_level": "", "status": ""},
    )
    db.session.expire_all()
    assert (finding.statement, finding.plan_section, finding.public) == (
        "Ny tekst",
        "strategi",
        False,
    )
    post_form(signed_in, edit, f"{edit}/slett")
    assert db.session.scalar(db.select(Finding)) is None


def test_empty_statement_is_refused_with_the_error_next_to_the_field(signed_in, topic_run):
    response = new_finding(signed_in, topic_run, statement="  ")
    assert response.status_code == 200
    assert "Skriv funnet som en kort setning." in response.text
    assert db.session.scalar(db.select(Finding)) is None


def test_csv_export_has_korus_columns_and_is_formula_safe(signed_in, organisation, planner):
    service.create_finding(
        organisation,
        service.FindingData('=HYPERLINK("x")', "tiltak", responsible="PPT", status="in_progress"),
        planner,
    )
    db.session.commit()
    response = signed_in.get(f"{FINDINGS}/eksport.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:9] == [
        "Plandel",
        "Nr",
        "Alder",
        "Tiltak",
        "Ansvar",
        "Organisering",
        "Samarbeid",
        "Implementeringsplan",
        "Evaluering",
    ]
    assert rows[1][0] == "Tiltak" and rows[1][3] == '\'=HYPERLINK("x")' and rows[1][4] == "PPT"
    assert "I gang" in rows[1]


def test_viewer_can_read_but_not_change_findings(client, auth, viewer, organisation, planner):
    finding = service.create_finding(organisation, service.FindingData("Et funn", "mal"), planner)
    db.session.commit()
    auth.login(viewer.email)
    edit = f"{FINDINGS}/{finding.id}"
    assert client.get(FINDINGS).status_code == 200
    assert "Lagre funnet" not in client.get(edit).text
    for action, data in [
        (edit, {"statement": "x", "plan_section": "mal"}),
        (f"{edit}/slett", {}),
        (f"{edit}/flytt", {"direction": "up"}),
        (f"{FINDINGS}/ny", {"statement": "x", "plan_section": "mal"}),
    ]:
        assert post_form(client, FINDINGS, action, data).status_code == 403
    db.session.expire_all()
    assert finding.statement == "Et funn"


def test_another_organisations_finding_is_not_found(client, auth, make_user, organisation, planner):
    from surveyapp.services import organisations

    finding = service.create_finding(organisation, service.FindingData("Et funn", "mal"), planner)
    other = organisations.create_organisation("Andeby", ["Andeby"])
    db.session.commit()
    auth.login(make_user("planner", email="ole@andeby.example", org=other).email)
    assert client.get(f"{FINDINGS}/{finding.id}").status_code == 404
