"""SQL statements per respondent request and per whole submission (issue 15's budget).

A whole submission of the staff questionnaire is eight requests (front page, start, three
page posts, two page views, the receipt); it may take at most 12 statements, no page more
than 3 and the sending post 4 (the draft, the response, all answers in one INSERT, the
draft's deletion). The counter sees every statement the app sends, over the test client
with CSRF on, after one earlier respondent warmed the process's caches as in production.
"""

from __future__ import annotations

from sqlalchemy import update

from surveyapp.models import Answer, Response, Round, utcnow

from .conftest import Respondent

#: answers to the three pages of the built-in staff questionnaire (``tjenester``)
STAFF = [
    {
        "kommune": "Ringebu",
        "tjeneste": "PPT",
        "aldersgruppe": "6–12",
        "forebyggingsniva": "For noen",
    },
    {
        "rutiner_bekymring": "4",
        "meldeplikt": "5",
        "kjenner_tjenester": "3",
        "bruker_bti": "vet_ikke",
        "faste_moter": "2",
    },
    {
        "hull_i_tilbudet": ["Skolefravær", "Flyktninger"],
        "tiltak_virker": "Tidlig innsats i barnehagen, ring 912 34 567.",
        "hindrer_tidlig_innsats": "Lite tid og lange ventelister.",
    },
]


def walk(client, round_, statements: list[str]) -> list[tuple[str, int]]:
    """Answer the whole questionnaire; (request, statements it sent) for each of the eight."""
    respondent = Respondent(client, round_)
    counts: list[tuple[str, int]] = []

    def step(name: str, call):
        statements.clear()
        response = call()
        counts.append((name, len(statements)))
        return response

    step("front page", lambda: respondent.get(f"/r/{round_.slug}"))
    step("start", respondent.start)
    for number, answers in enumerate(STAFF, start=1):
        last = number == len(STAFF)
        button = "send" if last else "next"
        posted = step(f"post page {number}", lambda: respondent.post(answers, button))
        assert posted.status_code == 303, respondent.html
        target = posted.headers["Location"]
        shown = step(f"view after page {number}", lambda: respondent.get(target))
        assert shown.status_code == 200
    assert "Takk for svaret!" in respondent.html
    return counts


def test_a_whole_submission_takes_at_most_twelve_statements(
    app, client, db, make_round, statements
):
    app.config["ROUND_CACHE_SECONDS"] = 60  # a slow test machine must not make it flaky
    round_ = make_round("tjenester")
    walk(app.test_client(), round_, statements)  # warms the process's caches
    counts = walk(client, round_, statements)
    assert len(counts) == 8
    sending = dict(counts).pop("post page 3")
    assert all(n <= 3 for name, n in counts if name != "post page 3"), str(counts)
    # the draft with the round's revision; the response; its answers; the draft's deletion
    assert sending <= 4, str(counts)
    assert sum(n for _, n in counts) <= 12, str(counts)
    assert len(db.session.scalars(db.select(Response)).all()) == 2
    stored = db.session.scalars(db.select(Answer.question_key)).all()
    assert len(stored) == 2 * 12


def test_the_stored_answers_are_one_insert(app, client, db, make_round, statements):
    round_ = make_round("tjenester")
    walk(client, round_, statements)
    statements.clear()
    respondent = Respondent(app.test_client(), round_)
    respondent.start()
    for answers in STAFF[:-1]:
        respondent.answer(answers)
    statements.clear()
    assert respondent.post(STAFF[-1], "send").status_code == 303
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO ANSWER")]
    assert len(inserts) == 1, statements


def test_a_round_closed_by_another_process_takes_no_more_answers(app, db, make_round):
    """Another instance closes the round: this process's cached copy is not used to store."""
    app.config["ROUND_CACHE_SECONDS"] = 60
    round_ = make_round("tjenester")
    respondent = Respondent(app.test_client(), round_)
    respondent.start()
    assert respondent.answer(STAFF[0]).status_code == 200  # the round is cached here now
    # as another process would: a plain UPDATE, unseen by this process's session hooks
    db.session.execute(
        update(Round)
        .where(Round.id == round_.id)
        .values(closes_at=utcnow(), revision=Round.revision + 1)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    refused = respondent.post(STAFF[1])
    assert refused.status_code == 403
    assert "Undersøkelsen er avsluttet" in respondent.html


def test_a_planner_change_raises_the_revision(db, make_round):
    round_ = make_round("tjenester")
    before = round_.revision
    round_.title = "Ny tittel"
    db.session.commit()
    assert round_.revision == before + 1
    round_.organisation.name = "Nytt navn"
    db.session.commit()
    assert round_.revision == before + 2
