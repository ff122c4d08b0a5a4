"""Fixtures for the analysis workspace: answered rounds and stored analyses.

``stored_run`` builds a finished analysis directly in the database (no engine), so review
actions, findings and reports can be tested quickly; tests marked with the real engine use
``analysed_run``.
"""

from __future__ import annotations

import itertools
import uuid

import pytest

from surveyapp.extensions import db
from surveyapp.models import Answer, utcnow
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.services.analysis import runs as analysis_runs
from surveyapp.services.responses import new_response
from tests.conftest import csrf_token

_keys = itertools.count()

#: realistic staff answers per topic, enough for the engine to find themes
TOPICS = {
    "samarbeid": [
        "Vi mangler faste møter med barnevernet og PPT, samarbeidet er tilfeldig.",
        "Samarbeidet mellom skole og helsestasjon fungerer dårlig, vi vet ikke hvem som har ansvaret.",
        "Det er uklart hvem som koordinerer når flere tjenester er inne i en sak.",
        "Tverrfaglige møter med barnevern og skole burde vært fast hver måned.",
        "Barn faller mellom to stoler fordi tjenestene ikke samarbeider.",
        "Samarbeid og koordinering mellom tjenestene må bli bedre.",
    ],
    "ventetid": [
        "Lang ventetid hos PPT og BUP gjør at barn ikke får hjelp tidlig.",
        "Ventelistene hos BUP er alt for lange, familiene venter i månedsvis.",
        "Det tar for lang tid før barna får utredning hos PPT.",
        "Ventetid på psykisk helsehjelp for unge er et stort problem.",
        "Vi venter lenge på svar fra PPT og spesialisthelsetjenesten.",
        "Ventetiden hos BUP hindrer tidlig innsats.",
    ],
    "fritid": [
        "Ungdom mangler gratis møteplasser og fritidstilbud på kveldstid.",
        "Det finnes ingen fritidsklubb eller gratis aktiviteter for ungdom her.",
        "Fritidstilbudene koster for mye for familier med dårlig råd.",
        "Vi trenger flere gratis møteplasser der unge kan være etter skolen.",
        "Ungdomsklubben er stengt, og unge har ingen steder å være.",
        "Gratis fritidsaktiviteter og møteplasser for barn og unge mangler.",
    ],
}


@pytest.fixture
def planner(make_user):
    return make_user("planner")


@pytest.fixture
def viewer(make_user):
    return make_user("viewer")


@pytest.fixture
def add_response(db):
    """Store one response to a round, masked like the respondent flow does."""

    def add(round_, texts: dict[str, str], **values):
        if round_.questionnaire_version.questionnaire.key == "tjenester":
            values.setdefault("tjeneste", "Skole/SFO")
            values.setdefault("kommune", round_.municipalities[0].name)
        response = new_response(round_, {**values, **texts}, uuid.uuid4().hex)
        db.session.add(response)
        db.session.flush()
        return response

    return add


@pytest.fixture
def staff_round(make_round, add_response, db):
    """A staff round with 18 answers on three topics, from two services."""
    round_ = make_round("tjenester", title="Tjenestene")
    for texts in TOPICS.values():
        for i, text in enumerate(texts):
            add_response(
                round_,
                {"hindrer_tidlig_innsats": text},
                tjeneste="Barnehage" if i % 2 else "Skole/SFO",
            )
    db.session.commit()
    return round_


@pytest.fixture
def stored_run(db, planner):
    """A finished analysis stored directly: ``{theme label: [response, ...]}``."""

    def make(
        round_,
        themes: dict[str, list],
        question: str = "hindrer_tidlig_innsats",
        other: list | None = None,
        rounds: list | None = None,
        questions: list[str] | None = None,
    ):
        run = AnalysisRun(
            organisation=round_.organisation,
            title=round_.title,
            mode="guided",
            codebook_key="15-1",
            question_keys=questions or [question],
            status="done",
            progress=100,
            random_state=0,
            rounds=rounds or [round_],
            created_by=planner,
            finished_at=utcnow(),
            message="Ferdig",
        )
        db.session.add(run)
        groups = {**themes, "Annet": other or []}
        keys = questions or [question]
        answers = {
            a.response_id: a
            for a in db.session.scalars(
                db.select(Answer).where(Answer.question_key.in_(keys), Answer.text.is_not(None))
            )
        }
        for position, (label, responses) in enumerate(groups.items()):
            theme = AnalysisTheme(
                run=run,
                label=label,
                position=position,
                is_other=label == "Annet",
                keywords=[label.split()[0].lower()],
            )
            db.session.add(theme)
            for rank, response in enumerate(responses):
                item = AnalysisItem(
                    run=run,
                    answer_id=answers[response.id].id,
                    confidence=0.9 - 0.1 * rank,
                    uncertain_rank=rank + 1 if rank < 2 else None,
                )
                item.assignments.append(ThemeAssignment(theme=theme, primary=True))
                db.session.add(item)
        db.session.commit()
        return run

    return make


@pytest.fixture
def topic_run(staff_round, stored_run):
    """``stored_run`` over ``staff_round`` with its three topics as themes."""
    by_text = {next(a.text for a in r.answers if a.text): r for r in staff_round.responses}
    themes = {
        "Samarbeid": [by_text[t] for t in TOPICS["samarbeid"]],
        "Ventetid": [by_text[t] for t in TOPICS["ventetid"]],
        "Fritid": [by_text[t] for t in TOPICS["fritid"]],
    }
    return stored_run(staff_round, themes)


@pytest.fixture
def analysed_run(staff_round, db, planner):
    """A real analysis of ``staff_round`` by the engine (guided by the 15-1 codebook)."""
    run = analysis_runs.create_run(
        staff_round.organisation,
        [staff_round],
        ["hindrer_tidlig_innsats"],
        "guided",
        codebook_key="15-1",
        user=planner,
    )
    db.session.commit()
    return analysis_runs.execute(run.id)


def queued_items(run) -> list[AnalysisItem]:
    """The run's items in the uncertain queue, least certain first."""
    return db.session.scalars(
        db.select(AnalysisItem)
        .where(AnalysisItem.run_id == run.id, AnalysisItem.uncertain_rank.is_not(None))
        .order_by(AnalysisItem.uncertain_rank)
    ).all()


def post_form(client, page_url: str, action_url: str, data: dict | None = None, **kwargs):
    """Read the CSRF token from ``page_url`` and post ``data`` to ``action_url``."""
    token = csrf_token(client.get(page_url).text)
    return client.post(action_url, data={"csrf_token": token, **(data or {})}, **kwargs)


def visible_text(html: str) -> str:
    """The page's text without tags, entities decoded, whitespace collapsed."""
    import html as html_lib
    import re

    text = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL)
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", text)).split())
