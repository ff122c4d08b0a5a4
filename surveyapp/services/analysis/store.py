"""The three jobs of an analysis run, and how their results are stored.

* ``fit``: theme all answers (first run) and store themes, items and assignments.
* ``update``: late answers arrived; only the new answers are assigned, to the themes as the
  planner left them. Nothing that exists is changed.
* ``learn``: the engine learns from the planner's coding and re-suggests themes for the
  answers still in the "uncertain" queue. Reviewed answers are never changed.
* ``rerun`` ("Kjør analysen på nytt"): the engine again over *every* answer of the run (late
  ones included), with the run's mode, codebook and seed. Every answer the planner has not
  decided is placed again; the planner's decisions are kept: names, merges, splits, new
  themes, the review state, and every answer moved, confirmed, coded or marked off-topic.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer, Organisation, Response, Round
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.services.results import snapshots
from surveyapp.services.access import threshold_for
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.analysis.engine import OTHER_KEY, EngineAnswer, EngineResult

Step = Callable[..., object]
OTHER_LABEL = "Annet"
#: answers per second the engine handles, roughly (only moves the progress bar)
ENGINE_SPEED = 150.0
#: the progress bar: reading meaning (embedding) from EMBED_FROM, fitting from FIT_AT
EMBED_FROM, FIT_AT = 5, 30
#: the status line while answers are embedded ("Leser meningen i svarene: N av M")
READING = "Leser meningen i svarene:"


def _answers(rounds: list[Round], keys: list[str]):
    """``(answer id, masked text, response id)`` of published answers, oldest first.

    Only ``Answer.text`` is read: the original text is never analysed, shown or exported.
    Only responses in the rounds' published snapshots count, so an analysis grows in the
    same steps as the overview and never by one newcomer's answer.
    """
    query = (
        db.select(Answer.id, Answer.text, Answer.response_id)
        .join(Response, Answer.response_id == Response.id)
        .where(
            Response.round_id.in_([r.id for r in rounds]),
            snapshots.is_published(),
            Answer.question_key.in_(keys),
            Answer.text.is_not(None),
            Answer.text != "",
        )
        .order_by(Answer.id)
    )
    return db.session.execute(query).all()


def answers_for(run: AnalysisRun, exclude: set[int] | None = None) -> list[tuple[int, str]]:
    """``(answer id, masked text)`` of the run's questions and rounds, oldest first."""
    rows = _answers(run.rounds, run.question_keys)
    return [(i, t) for i, t, _ in rows if not exclude or i not in exclude]


def require_respondents(organisation: Organisation, rounds: list[Round], keys: list[str]) -> None:
    """Refuse an analysis whose answers come from fewer people than the threshold.

    Themes of so few people would speak for single persons, whatever the pages hide.
    """
    respondents = {response_id for _, _, response_id in _answers(rounds, keys)}
    if len(respondents) < threshold_for(organisation):
        raise InnspillError(
            _(
                "Analysen trenger fritekstsvar fra minst %(n)s personer. Rundene og "
                "spørsmålene du valgte har svar fra færre enn det ennå, og da kunne temaene "
                "peke ut enkeltpersoner.",
                n=threshold_for(organisation),
            )
        )


def item_answer_ids(run: AnalysisRun) -> set[int]:
    return set(db.session.scalars(db.select(AnalysisItem.answer_id).filter_by(run_id=run.id)))


def theme_key(theme: AnalysisTheme) -> str:
    """The key a stored theme has when the engine learns from the stored coding."""
    return OTHER_KEY if theme.is_other else f"t{theme.id}"


def other_theme(run: AnalysisRun) -> AnalysisTheme:
    """The run's "Annet" pile, made when missing."""
    for theme in run.themes:
        if theme.is_other and theme.active:
            return theme
    theme = AnalysisTheme(
        run=run, label=OTHER_LABEL, is_other=True, engine_key=OTHER_KEY, position=len(run.themes)
    )
    db.session.add(theme)
    return theme


# --- fit -------------------------------------------------------------------------------


@dataclass
class Fitted:
    """The engine's result over every answer of a run, with what it was given."""

    ids: list[int]
    result: EngineResult
    codebook: dict | str | None
    coded: dict[int, str] | None
    coded_themes: dict[str, AnalysisTheme]
    vectors: object = None


def fit_all(run: AnalysisRun, step: Step, doing: str) -> Fitted:
    """Run the engine over every answer with the run's mode, codebook and seed."""
    require_respondents(run.organisation, run.rounds, run.question_keys)
    answers = answers_for(run)
    ids = [i for i, _ in answers]
    texts = [t for _, t in answers]
    codebook = (
        {"name": run.codebook.name, "themes": run.codebook.themes}
        if run.codebook
        else run.codebook_key
    )
    coded, coded_themes = _source_coding(run, ids)
    vectors = read_meaning(run, answers, step)
    with step(FIT_AT, f"{doing} {len(texts)} svar", expected=len(texts) / ENGINE_SPEED):
        result = analysis_engine.fit(
            texts,
            mode=run.mode,
            random_state=run.random_state,
            codebook=codebook,
            coded=coded,
            vectors=vectors,
        )
    return Fitted(ids, result, codebook, coded, coded_themes, vectors)


def fit_run(run: AnalysisRun, step: Step) -> str:
    """Theme every answer of the run; returns the status line."""
    fitted = fit_all(run, step, "Analyserer")
    ids, result, codebook = fitted.ids, fitted.result, fitted.codebook
    coded, coded_themes = fitted.coded, fitted.coded_themes
    step(85, "Lagrer tema")
    for theme in list(run.themes):
        db.session.delete(theme)
    for item in list(run.items):
        db.session.delete(item)
    db.session.flush()
    run.parameters = {
        "engine": result.parameters,
        "answers": len(ids),
        "codebook": codebook if isinstance(codebook, dict) else None,
        "coded_answers": len(coded or {}),
        "vectors": fitted.vectors is not None,
    }
    by_key = _store_themes(run, result, ids, coded_themes)
    store_items(
        run,
        result.answers,
        ids,
        by_key,
        batch=0,
        reviewed=set(coded or {}),
        ranks={pos: rank for rank, pos in enumerate(result.uncertain, start=1)},
    )
    if coded:
        run.parameters = {**run.parameters, "coding_effect": _source_effect(run, by_key)}
    shown = sum(1 for t in run.themes if not t.is_other)
    return f"Ferdig: {shown} tema fra {len(ids)} svar."


def read_meaning(run: AnalysisRun, answers: list[tuple[int, str]], step: Step):
    """Embed the run's answers that have no stored vector, then return all their vectors.

    None when the sentence model is not installed: the engine then works on words alone.
    """
    if not answer_vectors.available():
        return None

    def report(done: int, total: int) -> None:
        if total:
            share = EMBED_FROM + (FIT_AT - EMBED_FROM) * done // total
            step(share, reading_message(done, total))

    answer_vectors.embed_missing(
        [r.id for r in run.rounds], run.question_keys, progress=report
    )
    return answer_vectors.vectors_for(answers)


def reading_message(done: int, total: int) -> str:
    """The stored status line while answers are embedded (translated by ``runs.progress``)."""
    return f"{READING} {done} av {total}"


def _source_effect(run: AnalysisRun, by_key: dict[str, AnalysisTheme]) -> dict:
    """Coding mode: how many answers got another main theme than in the source run."""
    now: dict[int, str] = {}
    for item in run.items:
        main = next((a.theme for a in item.assignments if a.primary), None)
        if main is not None and not item.reviewed:
            now[item.answer_id] = main.engine_key or ""
    changed = compared = 0
    for item in run.source_run.items:
        main = next((a.theme for a in item.assignments if a.primary), None)
        if main is None or item.off_topic or item.answer_id not in now:
            continue
        main = _followed(main)
        compared += 1
        changed += now[item.answer_id] not in {theme_key(main), main.engine_key}
    return {"changed": changed, "answers": compared, "job": "coding"}


def _followed(theme: AnalysisTheme) -> AnalysisTheme:
    """The active theme ``theme`` was merged into (itself when it was not)."""
    seen = {theme.id}
    while theme.merged_into_id is not None:
        target = db.session.get(AnalysisTheme, theme.merged_into_id)
        if target is None or target.id in seen:
            break
        seen.add(target.id)
        theme = target
    return theme


def _source_coding(run: AnalysisRun, ids: list[int]):
    """Coding mode: the reviewed answers of the source run as ``{position: key}``."""
    if run.mode != "coding" or run.source_run is None:
        return None, {}
    position = {answer_id: pos for pos, answer_id in enumerate(ids)}
    coded, themes = {}, {}
    for item in run.source_run.items:
        main = next((a.theme for a in item.assignments if a.primary), None)
        if item.reviewed and not item.off_topic and main is not None and item.answer_id in position:
            coded[position[item.answer_id]] = theme_key(main)
            themes[theme_key(main)] = main
    if not coded:
        raise InnspillError(
            "Analysen du vil lære av, har ingen svar som er kodet av en planlegger."
        )
    return coded, themes


def _store_themes(run, result: EngineResult, ids, coded_themes) -> dict[str, AnalysisTheme]:
    by_key: dict[str, AnalysisTheme] = {}
    for position, found in enumerate(result.themes):
        source = coded_themes.get(found.key)
        # Guided and coding modes only *propose* new themes ("proposed"); runs stored before
        # the engine said so had "discovered" for them.
        suggested = found.source == "proposed" or (
            found.source == "discovered" and run.mode != "discover"
        )
        theme = AnalysisTheme(
            run=run,
            label=(source.label if source else OTHER_LABEL if found.is_other else found.label)[
                :200
            ],
            description=source.description if source else found.description,
            keywords=found.keywords,
            engine_key=found.key,
            origin=origin(found.source, suggested, source is not None),
            review_state="reviewed" if source is not None else "proposed",
            accepted=not suggested,
            is_other=found.is_other,
            representative_ids=[ids[i] for i in found.representatives if 0 <= i < len(ids)],
            position=position,
        )
        db.session.add(theme)
        by_key[found.key] = theme
    if OTHER_KEY not in by_key:
        by_key[OTHER_KEY] = other_theme(run)
    db.session.flush()
    return by_key


def origin(source: str, suggested: bool, coded: bool) -> str:
    if coded or source == "coded":
        return "planner"
    if suggested:
        return "suggested"
    return "codebook" if source == "codebook" else "engine"


def store_items(run, answers: list[EngineAnswer], ids, by_key, *, batch, reviewed, ranks):
    for position, found in enumerate(answers):
        item = AnalysisItem(
            run=run,
            answer_id=ids[position],
            confidence=round(found.confidence, 4),
            nonanswer=found.nonanswer,
            off_topic=found.nonanswer,
            terms=found.terms,
            batch=batch,
            reviewed=position in reviewed,
            uncertain_rank=None if position in reviewed else ranks.get(position),
        )
        assign(item, found, by_key, "planner" if position in reviewed else "engine")
        db.session.add(item)
    db.session.flush()


def assign(item: AnalysisItem, found: EngineAnswer, by_key, source: str) -> None:
    if found.theme is None or found.nonanswer:
        return
    main = by_key.get(found.theme) or by_key[OTHER_KEY]
    item.assignments.append(ThemeAssignment(theme=main, primary=True, source=source))
    second = by_key.get(found.secondary) if found.secondary else None
    if second is not None and second is not main and not second.is_other:
        item.assignments.append(ThemeAssignment(theme=second, primary=False, source="engine"))
