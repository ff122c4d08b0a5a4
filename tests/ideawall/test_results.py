"""Results pages, choosing statements for the plan, and the "Ungdomsrådet mener" section."""

from __future__ import annotations

import pytest

from surveyapp.ideawall import results as results_module
from surveyapp.models import AuditEvent
from surveyapp.models.findings import Finding
from surveyapp.models.ideawall import IdeaChoice
from surveyapp.services import ideawall as service
from surveyapp.services.analysis.engine import AnalysisFailed
from surveyapp.services.ideawall.plan import (
    markdown_escape,
    section_markdown,
    youth_council_section,
)
from tests.conftest import csrf_token

from .conftest import simulated_council

BASE = "/planlegger/idevegg"
TEXTS = [
    "Mer penger til idrettslag",
    "Flere turneringer",
    "Kunstgress på skolen",
    "Lengre treningstider",
    "Mer kultur og teater",
    "Flere konserter for unge",
    "Et verksted for musikk",
    "Gratis kino",
    "Gratis steder å henge etter skolen",
    "Helsesykepleier må være der når vi trenger det",
    "Billigere buss om kvelden",
    "Voksne som lytter til oss",
]


@pytest.fixture
def planner(make_user, auth):
    user = make_user("planner")
    auth.login(user.email)
    return user


def choose(client, wall, statement, kind):
    page = client.get(f"{BASE}/{wall.id}/resultat")
    return client.post(
        f"{BASE}/{wall.id}/innlegg/{statement.id}/velg",
        data={"csrf_token": csrf_token(page.text), "kind": kind},
    )


def test_results_of_a_council_in_two_camps(client, planner, make_wall, fill_wall):
    wall = make_wall()
    votes, _ = simulated_council(10, 10)
    fill_wall(wall, votes, TEXTS)
    page = client.get(f"{BASE}/{wall.id}/resultat")
    assert page.status_code == 200
    assert "Gruppe A" in page.text and "Gruppe B" in page.text
    assert "(10 deltakere)" in page.text
    common = page.text.split("Felles grunn")[1].split("Her er de uenige")[0]
    assert "Gratis steder å henge etter skolen" in common
    assert "Gratis kino" not in common and "Flere turneringer" not in common


def test_small_council_sees_no_groups(client, planner, make_wall, fill_wall):
    wall = make_wall()
    votes, _ = simulated_council(3, 3)
    fill_wall(wall, votes, TEXTS)
    page = client.get(f"{BASE}/{wall.id}/resultat")
    assert "Gruppe A" not in page.text
    assert "minst 10 deltakere" in page.text
    assert "Gratis steder å henge etter skolen" in page.text.split("Felles grunn")[1]


def test_choosing_for_the_plan_keeps_the_counts_of_that_moment(
    client, db, planner, make_wall, fill_wall, phone
):
    wall = make_wall()
    votes, _ = simulated_council(10, 10, missing=0.0, noise=0.0)
    statements, _ = fill_wall(wall, votes, TEXTS)
    shared, split = statements[8], statements[0]
    assert choose(client, wall, shared, "common_ground").status_code == 303
    assert choose(client, wall, split, "divisive").status_code == 303
    phone(wall).vote(shared.id, "uenig")  # later votes do not change what was chosen

    section = youth_council_section(wall)
    made = [f.id for f in findings(db)]
    assert [item.pop("finding_id") for item in section] == made
    assert section == [
        {
            "statement_id": shared.id,
            "text": TEXTS[8],
            "prompt": wall.prompts[0].text,
            "kind": "common_ground",
            "agree": 20,
            "disagree": 0,
            "passes": 0,
        },
        {
            "statement_id": split.id,
            "text": TEXTS[0],
            "prompt": wall.prompts[0].text,
            "kind": "divisive",
            "agree": 10,
            "disagree": 10,
            "passes": 0,
        },
    ]
    plan = client.get(f"{BASE}/{wall.id}/planen")
    assert "Dette er de enige om" in plan.text and TEXTS[8] in plan.text
    assert "20 enige, 0 uenige, 0 vet ikke" in plan.text
    actions = [e.action for e in db.session.scalars(db.select(AuditEvent))]
    assert actions.count("ideawall.choice.add") == 2


def test_choosing_again_changes_nothing(db, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Voksne som lytter")
    service.choose(statement, "common_ground")
    with pytest.raises(service.AlreadyChosen):
        service.choose(statement, "divisive")
    assert [c.kind for c in db.session.scalars(db.select(IdeaChoice))] == ["common_ground"]
    assert len(db.session.scalars(db.select(Finding)).all()) == 1


def test_only_approved_statements_go_into_the_plan(client, db, planner, make_wall, phone):
    wall = make_wall(moderated=True)
    phone(wall).write("Ikke godkjent ennå")
    statement = service.statements(wall)[0]
    response = choose(client, wall, statement, "common_ground")
    assert response.status_code == 303
    assert "Bare godkjente innlegg" in client.get(response.headers["Location"]).text
    assert db.session.scalars(db.select(IdeaChoice)).all() == []


def test_unknown_kind_is_refused(client, db, planner, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Voksne som lytter")
    choose(client, wall, statement, "favourite")
    assert db.session.scalars(db.select(IdeaChoice)).all() == []


def test_taking_a_statement_out_of_the_plan(client, db, planner, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Voksne som lytter")
    choose(client, wall, statement, "common_ground")
    page = client.get(f"{BASE}/{wall.id}/planen")
    response = client.post(
        f"{BASE}/{wall.id}/innlegg/{statement.id}/fjern", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.status_code == 303
    assert youth_council_section(wall) == []
    assert "Ingen innlegg er valgt ut ennå" in client.get(f"{BASE}/{wall.id}/planen").text


def test_markdown_export_of_the_section(client, planner, make_wall, seed):
    wall = make_wall(title="Ungdomsrådet *mars*")
    a, b = seed(
        wall, "Gratis steder å henge [mer](http://x.example) <b>nå</b>", "Mobilforbud # i timene"
    )
    service.choose(a, "common_ground")
    service.choose(b, "divisive")
    response = client.get(f"{BASE}/{wall.id}/planen.md")
    assert response.mimetype == "text/markdown"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.text
    assert text.startswith("## Ungdomsrådet mener\n")
    assert "### Dette er de enige om" in text and "### Her er de uenige" in text
    assert (
        r"«Gratis steder å henge \[mer\]\(http://x\.example\) \<b\>nå\</b\>» (færre enn 5 stemte, så stemmene vises ikke)"
        in text
    )
    assert r"Mobilforbud \# i timene" in text
    assert r"Ungdomsrådet \*mars\*" in text
    assert text == section_markdown(wall)


def test_markdown_escape_leaves_plain_words_alone():
    assert markdown_escape("Flere   fritidsklubber\nfor alle") == "Flere fritidsklubber for alle"
    assert markdown_escape("1. _x_ `y`") == r"1\. \_x\_ \`y\`"


def test_statements_are_sorted_into_the_plans_themes(client, planner, make_wall, seed, monkeypatch):
    wall = make_wall()
    seed(wall, "Gratis steder å henge", "Helsesykepleier oftere", "Flere klubber")
    monkeypatch.setattr(
        results_module, "theme_statements", lambda texts: ["Fritid", "Helse", "Fritid"]
    )
    page = client.get(f"{BASE}/{wall.id}/tema")
    assert page.status_code == 200
    fritid = page.text.split("Fritid (2)")[1].split("Helse (1)")[0]
    assert "Gratis steder å henge" in fritid and "Flere klubber" in fritid
    assert "Helsesykepleier oftere" in page.text.split("Helse (1)")[1]


def test_themes_page_survives_a_failing_analysis_engine(
    client, planner, make_wall, seed, monkeypatch
):
    wall = make_wall()
    seed(wall, "Gratis steder å henge")

    def broken(texts):
        raise AnalysisFailed("Analysen kunne ikke gjøres: test")

    monkeypatch.setattr(results_module, "theme_statements", broken)
    page = client.get(f"{BASE}/{wall.id}/tema")
    assert page.status_code == 200 and "Temaanalysen er ikke tilgjengelig" in page.text


@pytest.mark.slow
def test_the_real_analysis_engine_themes_statements():
    """Statements land in the plan's own (§ 15-1 codebook) themes."""
    from surveyapp.services.ideawall.themes import theme_statements

    texts = [*TEXTS, "Gratis møteplasser for ungdom etter skolen", "Ungdomsklubben må være åpen"]
    labels = theme_statements(texts)
    assert len(labels) == len(texts)
    assert labels[-2] == labels[-1] == "Fritid og møteplasser"
    assert theme_statements(texts) == labels  # deterministic (and cached)


# --- one click: a finding in the plan ------------------------------------------------

FINDINGS = "/planlegger/analyse/funn"


@pytest.fixture
def council(make_wall, fill_wall):
    """A wall of 20 in two camps: statement 8 is common ground (20 agree), 0 is split 10/10."""
    wall = make_wall()
    votes, _ = simulated_council(10, 10, missing=0.0, noise=0.0)
    statements, _ = fill_wall(wall, votes, TEXTS)
    return wall, statements


def findings(db) -> list[Finding]:
    return list(db.session.scalars(db.select(Finding).order_by(Finding.id)))


def section_of(html: str, section: str) -> str:
    """The part of the findings page under one plan section's heading."""
    return html.split(f'id="del-{section}"')[1].split('id="del-')[0]


def test_one_click_makes_a_finding_with_the_votes(client, db, planner, council):
    wall, statements = council
    shared, split = statements[8], statements[0]
    response = choose(client, wall, shared, "common_ground")
    assert response.status_code == 303
    assert "Innlegget er lagt til som funn under Utfordringsbilde" in client.get(
        response.headers["Location"]
    ).text
    choose(client, wall, split, "divisive")

    listed = client.get(FINDINGS)
    assert listed.status_code == 200
    assert TEXTS[8] in section_of(listed.text, "utfordringsbilde")
    assert TEXTS[0] in section_of(listed.text, "utfordringsbilde")
    first, second = findings(db)
    assert (first.statement, first.plan_section, first.run_id) == (
        TEXTS[8],
        "utfordringsbilde",
        None,
    )
    assert first.created_by_id == planner.id
    assert "Ungdomsrådet er enige om dette (20 enige, 0 uenige, 0 vet ikke)" in first.details
    assert "er delt i synet på dette (10 enige, 10 uenige, 0 vet ikke)" in second.details
    assert "«Ungdomsrådet mars»" in first.details
    assert "20 enige, 0 uenige, 0 vet ikke" in client.get(f"{FINDINGS}/{first.id}").text
    export = client.get(f"{FINDINGS}/eksport.csv").text
    assert f"Utfordringsbilde;1;;{TEXTS[8]};" in export and "10 enige, 10 uenige" in export
    event = db.session.scalar(db.select(AuditEvent).filter_by(action="ideawall.choice.add"))
    assert event.details == {"statement": shared.id, "kind": "common_ground", "finding": first.id}


def test_second_click_says_it_is_already_a_finding(client, db, planner, council):
    wall, statements = council
    choose(client, wall, statements[8], "common_ground")
    response = choose(client, wall, statements[8], "divisive")
    assert response.status_code == 303
    assert "Innlegget er allerede et funn" in client.get(response.headers["Location"]).text
    assert len(findings(db)) == 1
    assert [c.kind for c in db.session.scalars(db.select(IdeaChoice))] == ["common_ground"]


def test_two_racing_clicks_make_one_finding(db, council):
    """The click that loses the race finds the choice already stored by the other one."""
    wall, statements = council
    statement = statements[8]
    assert statement.choice is None  # what this request saw before the other one committed
    with db.engine.begin() as conn:
        conn.execute(
            IdeaChoice.__table__.insert().values(
                wall_id=wall.id,
                statement_id=statement.id,
                kind="common_ground",
                agree=20,
                disagree=0,
                passes=0,
            )
        )
    with pytest.raises(service.AlreadyChosen):
        service.choose(statement, "common_ground")
    assert findings(db) == []


def test_the_finding_is_edited_and_moved_like_any_other(client, db, planner, council):
    wall, statements = council
    choose(client, wall, statements[8], "common_ground")
    (finding,) = findings(db)
    page = client.get(f"{FINDINGS}/{finding.id}")
    response = client.post(
        f"{FINDINGS}/{finding.id}",
        data={
            "csrf_token": csrf_token(page.text),
            "statement": "Unge trenger gratis steder å være etter skolen",
            "plan_section": "tiltak",
            "details": finding.details,
            "prevention_level": "",
            "status": "planned",
        },
    )
    assert response.status_code == 302
    listed = client.get(FINDINGS).text
    assert "Unge trenger gratis steder å være etter skolen" in section_of(listed, "tiltak")
    assert TEXTS[8] not in section_of(listed, "utfordringsbilde")
    # the report's "Ungdomsrådet mener" still quotes the young people's own words
    assert youth_council_section(wall)[0]["text"] == TEXTS[8]


def test_taking_it_out_of_the_section_keeps_the_finding(client, db, planner, council):
    wall, statements = council
    choose(client, wall, statements[8], "common_ground")
    page = client.get(f"{BASE}/{wall.id}/planen")
    response = client.post(
        f"{BASE}/{wall.id}/innlegg/{statements[8].id}/fjern",
        data={"csrf_token": csrf_token(page.text)},
    )
    assert "Funnet står fortsatt under Funn" in client.get(response.headers["Location"]).text
    assert youth_council_section(wall) == []
    assert [f.statement for f in findings(db)] == [TEXTS[8]]


def test_viewers_cannot_make_findings(client, db, make_user, auth, council):
    wall, statements = council
    auth.login(make_user("viewer").email)
    assert choose(client, wall, statements[8], "common_ground").status_code == 403
    assert findings(db) == [] and db.session.scalars(db.select(IdeaChoice)).all() == []


def test_another_organisations_wall_is_not_found(client, db, planner, make_wall, seed):
    from surveyapp.services.organisations import create_organisation

    other = create_organisation("Senja", [])
    db.session.commit()
    wall = make_wall(org=other)
    (statement,) = seed(wall, "Hemmelig")
    token = csrf_token(client.get(f"{BASE}/").text)
    response = client.post(
        f"{BASE}/{wall.id}/innlegg/{statement.id}/velg",
        data={"csrf_token": token, "kind": "common_ground"},
    )
    assert response.status_code == 404
    assert findings(db) == [] and db.session.scalars(db.select(IdeaChoice)).all() == []


def test_votes_reach_the_plan_as_the_council_saw_them(client, db, planner, make_wall, fill_wall):
    """Issue 18.3: one rule for votes. 6 agree, 2 disagree on the big screen is 6 and 2 in
    the finding, on Til planen, in planen.md and in the report's «Ungdomsrådet mener»;
    a statement with fewer voters than the threshold says in words why there are none."""
    from surveyapp.services.report.youth import youth_council

    wall = make_wall()
    votes = [(p, 0, 1 if p < 6 else -1) for p in range(8)]
    votes += [(p, 1, 1) for p in range(3)]
    (shared, few), _ = fill_wall(wall, votes, ["Mer lys i parken, ring 91234567", "Gratis kino"])
    screen = client.get(f"{BASE}/{wall.id}/skjerm.json").get_json()
    assert (screen["agreed"][0]["agree"], screen["agreed"][0]["disagree"]) == (6, 2)
    choose(client, wall, shared, "common_ground")
    choose(client, wall, few, "common_ground")

    seen = "6 enige, 2 uenige, 0 vet ikke"
    why = "færre enn 5 stemte, så stemmene vises ikke"
    first, second = findings(db)
    assert first.statement == "Mer lys i parken, ring [telefon]"
    assert f"({seen})" in first.details and f"({why})" in second.details
    plan = client.get(f"{BASE}/{wall.id}/planen").text
    markdown = client.get(f"{BASE}/{wall.id}/planen.md").text
    for text in (plan, markdown):
        assert seen in text and why in text and "– enige" not in text
    (section,) = youth_council(wall.organisation, 5)
    assert [i["votes_text"] for i in section["items"]] == [seen, why]


def test_a_statement_is_common_ground_or_split_never_both(
    client, planner, make_wall, fill_wall, phone
):
    """Issue 18.4: 6-2 and 5-3 are common ground (at least 60 % agree), not also split;
    the participant counts say joined and voted."""
    wall = make_wall()
    votes = [(p, 0, 1 if p < 6 else -1) for p in range(8)]
    votes += [(p, 1, 1 if p < 5 else -1) for p in range(8)]
    votes += [(p, 2, 1 if p % 2 else -1) for p in range(8)]
    fill_wall(wall, votes, ["Gratis møteplasser", "Billigere buss", "Mobilforbud"])
    phone(wall), phone(wall)  # two more phones join but do not vote
    page = client.get(f"{BASE}/{wall.id}/resultat").text
    common = page.split("Felles grunn")[1].split("Her er de uenige")[0]
    split = page.split("Her er de uenige")[1].split("Meningsgrupper")[0]
    assert "Gratis møteplasser" in common and "Billigere buss" in common
    assert "Gratis møteplasser" not in split and "Billigere buss" not in split
    assert "Mobilforbud" in split and "Mobilforbud" not in common
    assert "Har stemt: 8 deltakere, på 3 innlegg (10 ble med)." in page
    assert "har minst 60 % stemt enig" in page
    data = client.get(f"{BASE}/{wall.id}/skjerm.json").get_json()
    assert [i["text"] for i in data["agreed"]] == ["Gratis møteplasser", "Billigere buss"]
    assert [i["text"] for i in data["split"]] == ["Mobilforbud"]
    assert (data["participants"], data["voters"]) == (10, 8)
    screen = client.get(f"{BASE}/{wall.id}/skjerm").text
    assert "Ble med" in screen and "Har stemt" in screen
    show = client.get(f"{BASE}/{wall.id}").text
    assert "Deltakere som ble med" in show and "Deltakere som har stemt" in show


# --- the planner corrects a statement's theme on the Tema tab ---------------------------


FRITID = "Fritid og møteplasser"


def set_theme(client, wall, statement, label):
    page = client.get(f"{BASE}/{wall.id}/tema")
    return client.post(
        f"{BASE}/{wall.id}/innlegg/{statement.id}/tema",
        data={"csrf_token": csrf_token(page.text), "theme": label},
    )


def test_the_planner_corrects_a_statements_theme(client, db, planner, make_wall, seed, monkeypatch):
    wall = make_wall()
    bus, club = seed(wall, "Billigere buss til byen på kveldene", "Flere klubber")
    monkeypatch.setattr(
        results_module,
        "theme_statements",
        lambda texts: ["Vold, overgrep og omsorgssvikt", "Fritid og møteplasser"],
    )
    page = client.get(f"{BASE}/{wall.id}/tema")
    assert f'action="{BASE}/{wall.id}/innlegg/{bus.id}/tema"' in page.text
    assert '<option value="Annet">Annet</option>' in page.text
    response = set_theme(client, wall, bus, "Annet")
    assert response.status_code == 303
    db.session.expire_all()
    assert bus.theme_label == "Annet"
    page = client.get(f"{BASE}/{wall.id}/tema").text
    assert "Vold, overgrep og omsorgssvikt (" not in page
    assert "Billigere buss til byen" in page.split("Annet (1)")[1]
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "ideawall.statement.theme"
    assert event.details == {"statement": bus.id}
    # An empty choice lets the engine decide again.
    set_theme(client, wall, bus, "")
    db.session.expire_all()
    assert bus.theme_label is None


def test_a_theme_outside_the_list_is_refused(client, db, planner, make_wall, seed, monkeypatch):
    wall = make_wall()
    (statement,) = seed(wall, "Flere klubber")
    monkeypatch.setattr(results_module, "theme_statements", lambda texts: [FRITID] * len(texts))
    response = set_theme(client, wall, statement, "Noe jeg fant på")
    assert response.status_code == 303
    db.session.expire_all()
    assert statement.theme_label is None
    assert "Velg et av temaene i listen." in client.get(f"{BASE}/{wall.id}/tema").text


def test_viewers_cannot_set_a_theme(client, db, make_user, auth, make_wall, seed, monkeypatch):
    wall = make_wall()
    (statement,) = seed(wall, "Flere klubber")
    monkeypatch.setattr(results_module, "theme_statements", lambda texts: [FRITID] * len(texts))
    auth.login(make_user("viewer").email)
    page = client.get(f"{BASE}/{wall.id}/tema")
    assert page.status_code == 200 and f"innlegg/{statement.id}/tema" not in page.text
    response = client.post(
        f"{BASE}/{wall.id}/innlegg/{statement.id}/tema",
        data={"csrf_token": csrf_token(page.text), "theme": "Annet"},
    )
    assert response.status_code == 403


def test_setting_a_theme_needs_the_csrf_token(client, db, planner, make_wall, seed, monkeypatch):
    wall = make_wall()
    (statement,) = seed(wall, "Flere klubber")
    response = client.post(f"{BASE}/{wall.id}/innlegg/{statement.id}/tema", data={"theme": "Annet"})
    assert response.status_code == 400
    db.session.expire_all()
    assert statement.theme_label is None


def test_proposed_themes_go_to_annet_on_the_wall(monkeypatch):
    """The wall shows the plan's themes: a theme the engine only proposes is "Annet" there."""
    from surveyapp.services.analysis.engine import EngineAnswer, EngineResult, EngineTheme
    from surveyapp.services.ideawall import themes as wall_themes

    result = EngineResult(
        themes=[
            EngineTheme("fritid", "Fritid og møteplasser", source="codebook"),
            EngineTheme("p1", "Billig buss", source="proposed"),
            EngineTheme("annet", "Annet", source="other"),
        ],
        answers=[
            EngineAnswer("fritid"),
            EngineAnswer("p1"),
            EngineAnswer("annet"),
            EngineAnswer(None, nonanswer=True),
        ],
        uncertain=[],
        parameters={},
    )
    monkeypatch.setattr(wall_themes.analysis_engine, "fit", lambda *a, **k: result)
    wall_themes._themes.cache_clear()
    try:
        labels = wall_themes.theme_statements(["a", "b", "c", "-"])
    finally:
        wall_themes._themes.cache_clear()
    assert labels == ["Fritid og møteplasser", "Annet", "Annet", None]


@pytest.mark.slow
def test_a_statement_with_no_theme_word_goes_to_annet_or_its_theme():
    from surveyapp.services.ideawall.themes import theme_statements

    labels = theme_statements([*TEXTS, "Billigere buss til byen på kveldene"])
    assert labels[-1] in ("Annet", "Fritid og møteplasser")  # annotation guide, rule 8
