"""Results pages, choosing statements for the plan, and the "Ungdomsrådet mener" section."""

from __future__ import annotations

import pytest

from surveyapp.ideawall import results as results_module
from surveyapp.ideawall.report import markdown_escape, section_markdown, youth_council_section
from surveyapp.models import AuditEvent
from surveyapp.models.ideawall import IdeaChoice
from surveyapp.services import ideawall as service
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


def test_choosing_again_changes_the_kind_not_the_number(db, make_wall, seed):
    wall = make_wall()
    (statement,) = seed(wall, "Voksne som lytter")
    service.choose(statement, "common_ground")
    db.session.commit()
    service.choose(statement, "divisive")
    db.session.commit()
    assert [c.kind for c in db.session.scalars(db.select(IdeaChoice))] == ["divisive"]


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
        r"«Gratis steder å henge \[mer\]\(http://x\.example\) \<b\>nå\</b\>» (0 enige, 0 uenige, 0 vet ikke)"
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
        raise AttributeError("half-built")

    monkeypatch.setattr(results_module, "theme_statements", broken)
    page = client.get(f"{BASE}/{wall.id}/tema")
    assert page.status_code == 200 and "Temaanalysen er ikke tilgjengelig" in page.text


@pytest.mark.slow
@pytest.mark.filterwarnings("ignore:The number of unique classes:UserWarning")
def test_the_real_analysis_engine_themes_statements():
    from surveyapp.ideawall.themes import theme_statements

    labels = theme_statements(TEXTS)
    if labels is None:
        pytest.skip("the analysis engine does not provide ThemeModel yet")
    assert len(labels) == len(TEXTS)
    assert all(label is None or isinstance(label, str) for label in labels)
    assert theme_statements(TEXTS) == labels  # deterministic (and cached)
