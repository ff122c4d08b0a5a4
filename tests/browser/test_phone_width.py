"""Every planner page at 360 px with the demo data loaded: nothing scrolls sideways.

The pages come from the app's URL map (every GET route under ``/planlegger``), so a new
planner page is checked without anyone remembering to add it here.
"""

from __future__ import annotations

import re

import pytest

from surveyapp.demo.load import DEMO_ADMIN, DEMO_PASSWORD, load_demo
from surveyapp.extensions import db
from surveyapp.models import Round, User
from surveyapp.models.ideawall import IdeaParticipant, IdeaVote
from surveyapp.services import findings, ideawall
from surveyapp.services.analysis import codebooks as analysis_codebooks
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.analysis.runs import free_text_questions
from surveyapp.services.builder import versions as builder_versions
from surveyapp.services.themes import stats as theme_stats

from .conftest import assert_no_horizontal_scroll

pytestmark = pytest.mark.slow
#: routes that need something no demo has (an upload in progress)
SKIPPED = {"planner.import_mapping", "planner.import_preview"}
LONG_TITLE = "Ungdomsrådsmedvirkningsmøtet om fritid, skole og helsesykepleier våren 2026"


@pytest.fixture
def workspace(app):
    """The demo data plus one of everything a planner page shows: an analysis, a finding,
    a codebook, an idea wall with votes and an own questionnaire (a copy of the round's)."""
    load_demo(responses=150, seed=15)
    round_ = db.session.scalar(
        db.select(Round).filter_by(title="Spørreundersøkelse til tjenestene 2026")
    )
    org = round_.organisation
    keys = [q.key for q in free_text_questions([round_])]
    run = analysis_runs.create_run(org, [round_], keys, "guided", codebook_key="15-1")
    db.session.commit()
    run = analysis_runs.execute(run.id)
    theme = next(t for t in theme_stats.active_themes(run) if not t.is_other)
    data = findings.FindingData(
        "Tjenestene kjenner ikke hverandres tilbud",
        "tiltak",
        theme_ids=[theme.id],
        responsible="Kommunalsjef oppvekst",
    )
    finding = findings.create_finding(org, data, None, run)
    yaml_text = "themes:\n  - key: fritid\n    name: Fritid\n    keywords: [fritid, klubb]\n"
    book = analysis_codebooks.save(org, None, "Egen kodebok", yaml_text, None)
    wall = ideawall.create_wall(org, LONG_TITLE, ["Hva er det viktigste kommunen kan gjøre?"])
    statements = [
        ideawall.add_statement(wall, text)
        for text in ("Gratis møteplasser etter skolen", "Billigere buss", "Mobilforbud")
    ]
    db.session.flush()
    for p in range(8):
        phone = IdeaParticipant(wall_id=wall.id, key_hash=f"{p:064x}")
        db.session.add(phone)
        db.session.flush()
        for s, statement in enumerate(statements):
            value = 1 if (p + s) % 4 else -1
            db.session.add(
                IdeaVote(participant_id=phone.id, statement_id=statement.id, value=value)
            )
    own = builder_versions.create(
        org, "Egen tjenesteundersøkelse", source=round_.questionnaire_version.definition
    )
    db.session.commit()
    ideawall.choose(statements[0], "common_ground")
    return {
        "round_id": round_.id,
        "run_id": run.id,
        "theme_id": theme.id,
        "finding_id": finding.id,
        "codebook_id": book.id,
        "wall_id": wall.id,
        "questionnaire_id": own.id,
        "index": 0,
        "user_id": db.session.scalar(db.select(User.id).filter_by(email=DEMO_ADMIN)),
        "key": keys[0],
        "kind": "svg",
    }


def planner_pages(app, values: dict) -> list[str]:
    """Every GET page under /planlegger, with the workspace's ids filled in."""
    pages = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith("/planlegger") or "GET" not in rule.methods:
            continue
        if rule.endpoint in SKIPPED or re.search(r"\.(json|svg|md|csv|<kind>)$", rule.rule):
            continue
        args = {name: values["key"] if name == "key" else values[name] for name in rule.arguments}
        if rule.endpoint in ("planner.questionnaire", "planner.new_round"):
            args["key"] = "tjenester"
        path = rule.rule
        for name, value in args.items():
            path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
        pages.append(path)
    return pages


def test_no_planner_page_scrolls_sideways_at_360px(live_server, new_page, app, workspace):
    page = new_page(360, 740)
    page.goto(f"{live_server}/auth/logg-inn")
    page.get_by_label("E-post").fill(DEMO_ADMIN)
    page.get_by_label("Passord").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Logg inn").click()
    page.wait_for_url(f"{live_server}/planlegger/")
    wide = []
    paths = planner_pages(app, workspace)
    assert len(paths) >= 35, paths
    for path in paths:
        response = page.goto(live_server + path)
        assert response.status in (200, 403), (path, response.status)
        if "text/html" not in response.headers.get("content-type", ""):
            continue
        try:
            assert_no_horizontal_scroll(page)
        except AssertionError as e:
            wide.append(f"{path}: {e}")
    assert not wide, "\n".join(wide)


def test_every_page_has_a_favicon(live_server, page):
    response = page.goto(f"{live_server}/favicon.ico")
    assert response.status == 200
    page.goto(live_server + "/")
    icon = page.locator('link[rel="icon"]').get_attribute("href")
    assert page.goto(live_server + icon).status == 200
