"""Stored sentence vectors of answers: made once from the masked text, read by analyses.

:func:`embed_missing` embeds the free-text answers of some rounds that have no vector from
the current model yet, in batches, committing each batch, so an interrupted backfill keeps
what it did. An analysis run calls it before fitting (the run page shows the progress), and
operators call it through ``flask embed``. :func:`vectors_for` gives an analysis the stored
vectors, one row per answer, or None when the model is not installed: everything then works
on words alone.

Only ``Answer.text`` (masked) is ever embedded; the raw text is not kept at all.
An import queues an ``embed`` job for its round (:mod:`surveyapp.services.jobs`), so a bulk
import is read ahead of the first analysis; answers from the respondent flow are embedded
when an analysis needs them (embedding each on arrival would stamp its arrival time).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from surveyapp.extensions import db
from surveyapp.models import Answer, AnswerVector, Response, utcnow
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.jobs import records as job_records

#: answers embedded and committed together
BATCH = 64

Progress = Callable[[int, int], object]


def available() -> bool:
    """True when the bundled sentence model can be loaded."""
    return analysis_engine.meaning_available()


def model_name() -> str:
    return analysis_engine.meaning_model()[0]


def _text_answers(round_ids: Sequence[int] | None, question_keys: Sequence[str] | None):
    query = (
        db.select(Answer.id)
        .join(Response, Answer.response_id == Response.id)
        .where(Answer.text.is_not(None), Answer.text != "")
    )
    if round_ids is not None:
        query = query.where(Response.round_id.in_(list(round_ids)))
    if question_keys is not None:
        query = query.where(Answer.question_key.in_(list(question_keys)))
    return query


def missing_ids(
    round_ids: Sequence[int] | None = None, question_keys: Sequence[str] | None = None
) -> list[int]:
    """Answer ids with masked free text and no vector from the current model, oldest first."""
    current = db.select(AnswerVector.answer_id).where(AnswerVector.model == model_name())
    query = _text_answers(round_ids, question_keys).where(Answer.id.not_in(current))
    return list(db.session.scalars(query.order_by(Answer.id)))


def backlog(round_id: int) -> tuple[int, int]:
    """Return (answers read, answers to read) of one round's masked free text, in one query."""
    answers = _text_answers([round_id], None).subquery()
    read = (AnswerVector.answer_id == answers.c.id) & (AnswerVector.model == model_name())
    query = db.select(
        db.func.count(AnswerVector.answer_id), db.func.count(answers.c.id)
    ).select_from(answers.outerjoin(AnswerVector, read))
    done, total = db.session.execute(query).one()
    return done, total


def reading_status(round_id: int) -> dict:
    """How far the ``embed`` job of a round (queued by an import) has come, for its overview.

    ``reading`` is true while such a job is queued or running and answers are still unread;
    the overview then shows «Leser meningen i svarene: N av M» and polls for more.
    """
    if not available():
        return {"reading": False, "done": 0, "total": 0}
    done, total = backlog(round_id)
    return {"reading": is_reading(round_id) and done < total, "done": done, "total": total}


def is_reading(round_id: int) -> bool:
    """Whether an ``embed`` job for the round is queued or running (no counting)."""
    job = job_records.latest_for("embed", round_id)
    return available() and job is not None and job.state in ("queued", "running")


def embed_missing(
    round_ids: Sequence[int] | None = None,
    question_keys: Sequence[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """Embed the answers of ``round_ids`` (all rounds when None) that lack a vector.

    Calls ``progress(done, total)`` before the first batch and after each; commits each
    batch. Returns how many answers were embedded (0 when the model is not installed).
    """
    if not available():
        return 0
    ids = missing_ids(round_ids, question_keys)
    total, done = len(ids), 0
    if progress:
        progress(done, total)
    for start in range(0, total, BATCH):
        batch = ids[start : start + BATCH]
        rows = db.session.execute(db.select(Answer.id, Answer.text).where(Answer.id.in_(batch)))
        texts = dict(rows.tuples().all())
        batch = [i for i in batch if i in texts]  # an answer deleted meanwhile is skipped
        store(batch, analysis_engine.embed([texts[i] for i in batch]))
        db.session.commit()
        done += len(batch)
        if progress:
            progress(done, total)
    return done


def store(answer_ids: Sequence[int], vectors: np.ndarray) -> None:
    """Keep ``vectors`` (one row per answer id), replacing any older model's vectors."""
    if not answer_ids:
        return
    db.session.execute(db.delete(AnswerVector).where(AnswerVector.answer_id.in_(answer_ids)))
    name, now = model_name(), utcnow()
    db.session.add_all(
        AnswerVector(
            answer_id=answer_id,
            model=name,
            vector=np.asarray(vector, dtype=np.float32).tobytes(),
            created_at=now,
        )
        for answer_id, vector in zip(answer_ids, vectors, strict=True)
    )
    db.session.flush()


def vectors_for(answers: Iterable[tuple[int, str]]) -> np.ndarray | None:
    """The stored vectors of ``(answer id, masked text)`` pairs, one row each, in order.

    Answers without a stored vector (one that arrived after the embedding step) are
    embedded here but not stored. None when the model is not installed.
    """
    answers = list(answers)
    if not available():
        return None
    dimensions = analysis_engine.meaning_model()[1]
    ids = [i for i, _ in answers]
    found: dict[int, bytes] = {}
    for start in range(0, len(ids), 900):  # stay below SQLite's bound-parameter limit
        chunk = ids[start : start + 900]
        found.update(
            db.session.execute(
                db.select(AnswerVector.answer_id, AnswerVector.vector).where(
                    AnswerVector.answer_id.in_(chunk), AnswerVector.model == model_name()
                )
            )
            .tuples()
            .all()
        )
    out = np.zeros((len(answers), dimensions), dtype=np.float32)
    missing = []
    for row, answer_id in enumerate(ids):
        raw = found.get(answer_id)
        if raw is None or len(raw) != 4 * dimensions:
            missing.append(row)
        else:
            out[row] = np.frombuffer(raw, dtype=np.float32)
    if missing:
        out[missing] = analysis_engine.embed([answers[row][1] for row in missing])
    return out


def counts(round_ids: Sequence[int] | None = None) -> tuple[int, int]:
    """``(answers with a current vector, answers with free text)`` for ``round_ids``."""
    total = db.session.scalar(
        db.select(db.func.count()).select_from(_text_answers(round_ids, None).subquery())
    )
    if not available():
        return 0, total or 0
    have = db.session.scalar(
        db.select(db.func.count()).select_from(
            _text_answers(round_ids, None)
            .join(AnswerVector, AnswerVector.answer_id == Answer.id)
            .where(AnswerVector.model == model_name())
            .subquery()
        )
    )
    return have or 0, total or 0
