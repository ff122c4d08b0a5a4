"""The three jobs of an analysis run, and how their results are stored.

* ``fit``: theme all answers (first run) and store themes, items and assignments.
* ``update``: late answers arrived; only the new answers are assigned, to the themes as the
  planner left them. Nothing that exists is changed.
* ``learn``: the engine learns from the planner's coding and re-suggests themes for the
  answers still in the "uncertain" queue. Reviewed answers are never changed.
"""

from __future__ import annotations

from collections.abc import Callable

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer, Response
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import vectors as answer_vectors
from surveyapp.services.analysis.engine import OTHER_KEY, EngineAnswer, EngineResult
from surveyapp.services.themes.review import drop

Step = Callable[..., object]
OTHER_LABEL = "Annet"
#: answers per second the engine handles, roughly (only moves the progress bar)
ENGINE_SPEED = 150.0
#: the progress bar: reading meaning (embedding) from EMBED_FROM, fitting from FIT_AT
EMBED_FROM, FIT_AT = 5, 30
#: the status line while answers are embedded ("Leser meningen i svarene: N av M")
READING = "Leser meningen i svarene:"


def answers_for(run: AnalysisRun, exclude: set[int] | None = None) -> list[tuple[int, str]]:
    """``(answer id, masked text)`` of the run's questions and rounds, oldest first.

    Only ``Answer.text`` is read: the original text is never analysed, shown or exported.
    """
    query = (
        db.select(Answer.id, Answer.text)
        .join(Response, Answer.response_id == Response.id)
        .where(
            Response.round_id.in_([r.id for r in run.rounds]),
            Answer.question_key.in_(run.question_keys),
            Answer.text.is_not(None),
            Answer.text != "",
        )
        .order_by(Answer.id)
    )
    return [(i, t) for i, t in db.session.execute(query) if not exclude or i not in exclude]


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


def fit_run(run: AnalysisRun, step: Step) -> str:
    """Theme every answer of the run; returns the status line."""
    answers = answers_for(run)
    if not answers:
        raise InnspillError("Det er ingen fritekstsvar å analysere i disse rundene ennå.")
    ids = [i for i, _ in answers]
    texts = [t for _, t in answers]
    codebook = (
        {"name": run.codebook.name, "themes": run.codebook.themes}
        if run.codebook
        else run.codebook_key
    )
    coded, coded_themes = _source_coding(run, ids)
    vectors = read_meaning(run, answers, step)
    with step(FIT_AT, f"Analyserer {len(texts)} svar", expected=len(texts) / ENGINE_SPEED):
        result = analysis_engine.fit(
            texts,
            mode=run.mode,
            random_state=run.random_state,
            codebook=codebook,
            coded=coded,
            vectors=vectors,
        )
    step(85, "Lagrer tema")
    for theme in list(run.themes):
        db.session.delete(theme)
    for item in list(run.items):
        db.session.delete(item)
    db.session.flush()
    run.parameters = {
        "engine": result.parameters,
        "answers": len(texts),
        "codebook": codebook if isinstance(codebook, dict) else None,
        "coded_answers": len(coded or {}),
        "vectors": vectors is not None,
    }
    by_key = _store_themes(run, result, ids, coded_themes)
    _store_items(
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
    return f"Ferdig: {shown} tema fra {len(texts)} svar."


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
            origin=_origin(found.source, suggested, source is not None),
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


def _origin(source: str, suggested: bool, coded: bool) -> str:
    if coded or source == "coded":
        return "planner"
    if suggested:
        return "suggested"
    return "codebook" if source == "codebook" else "engine"


def _store_items(run, answers: list[EngineAnswer], ids, by_key, *, batch, reviewed, ranks):
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
        _assign(item, found, by_key, "planner" if position in reviewed else "engine")
        db.session.add(item)
    db.session.flush()


def _assign(item: AnalysisItem, found: EngineAnswer, by_key, source: str) -> None:
    if found.theme is None or found.nonanswer:
        return
    main = by_key.get(found.theme) or by_key[OTHER_KEY]
    item.assignments.append(ThemeAssignment(theme=main, primary=True, source=source))
    second = by_key.get(found.secondary) if found.secondary else None
    if second is not None and second is not main and not second.is_other:
        item.assignments.append(ThemeAssignment(theme=second, primary=False, source="engine"))


# --- update and learn -------------------------------------------------------------------


def _coded_items(run: AnalysisRun, include) -> list[tuple[AnalysisItem, str, str]]:
    """``(item, text, key)`` for items passing ``include`` that have an active main theme."""
    rows = db.session.execute(
        db.select(AnalysisItem, Answer.text, AnalysisTheme)
        .join(Answer, AnalysisItem.answer_id == Answer.id)
        .join(ThemeAssignment, ThemeAssignment.item_id == AnalysisItem.id)
        .join(AnalysisTheme, ThemeAssignment.theme_id == AnalysisTheme.id)
        .where(
            AnalysisItem.run_id == run.id,
            ThemeAssignment.primary.is_(True),
            AnalysisItem.off_topic.is_(False),
            AnalysisTheme.merged_into_id.is_(None),
        )
        .order_by(AnalysisItem.id)
    )
    return [(item, text, theme_key(theme)) for item, text, theme in rows if include(item)]


def _active_keys(run: AnalysisRun) -> dict[str, AnalysisTheme]:
    keys = {theme_key(t): t for t in run.themes if t.active}
    keys[OTHER_KEY] = other_theme(run)
    return keys


def _ranks(answers: list[EngineAnswer], start: int) -> dict[int, int]:
    """The least certain tenth of ``answers`` (at least one), ranked after ``start``."""
    content = [p for p, a in enumerate(answers) if not a.nonanswer]
    share = max(1, round(analysis_engine.UNCERTAIN_SHARE * len(content))) if content else 0
    order = sorted(content, key=lambda p: answers[p].confidence)[:share]
    return {pos: start + rank for rank, pos in enumerate(order, start=1)}


def update_run(run: AnalysisRun, step: Step) -> str:
    """Assign answers that arrived after the run to the themes as they are now."""
    new = answers_for(run, exclude=item_answer_ids(run))
    if not new:
        return "Ingen nye svar. Temaene er som før."
    coded = _coded_items(run, lambda item: True)
    pairs = [(item.answer_id, text) for item, text, _ in coded] + new
    texts = [text for _, text in pairs]
    vectors = read_meaning(run, pairs, step)
    with step(FIT_AT, f"Plasserer {len(new)} nye svar", expected=len(texts) / ENGINE_SPEED):
        found = analysis_engine.assign_new(
            texts,
            {pos: key for pos, (_, _, key) in enumerate(coded)},
            run.random_state,
            vectors=vectors,
        )[len(coded) :]
    step(85, "Lagrer")
    top = (
        db.session.scalar(
            db.select(db.func.max(AnalysisItem.uncertain_rank)).filter_by(run_id=run.id)
        )
        or 0
    )
    _store_items(
        run,
        found,
        [i for i, _ in new],
        _active_keys(run),
        batch=run.updates + 1,
        reviewed=set(),
        ranks=_ranks(found, top),
    )
    for item in run.items:
        if item.batch == run.updates + 1:
            for assignment in item.assignments:
                assignment.source = "predict"
    return f"{len(new)} nye svar er plassert i temaene."


def learn_run(run: AnalysisRun, step: Step) -> str:
    """Re-suggest themes for the unreviewed answers in the uncertain queue."""

    def queued(item: AnalysisItem) -> bool:
        return not item.reviewed and item.uncertain_rank is not None

    coded = _coded_items(run, lambda item: not queued(item))
    targets = [(item, text) for item, text, _ in _coded_items(run, queued)]
    if not any(item.reviewed for item, _, _ in coded):
        raise InnspillError("Kod noen svar først, så kan motoren lære av dem.")
    if not targets:
        return "Ingen usikre svar igjen."
    pairs = [(item.answer_id, text) for item, text, _ in coded]
    pairs += [(item.answer_id, text) for item, text in targets]
    texts = [text for _, text in pairs]
    vectors = read_meaning(run, pairs, step)
    with step(FIT_AT, f"Lærer av {len(coded)} svar", expected=len(texts) / ENGINE_SPEED):
        found = analysis_engine.assign_new(
            texts,
            {pos: key for pos, (_, _, key) in enumerate(coded)},
            run.random_state,
            vectors=vectors,
        )[len(coded) :]
    step(85, "Lagrer")
    by_key = _active_keys(run)
    db.session.flush()  # a new "Annet" gets its id, so changes of theme can be counted
    order = sorted(range(len(found)), key=lambda p: found[p].confidence)
    ranks = {pos: rank for rank, pos in enumerate(order, start=1)}
    changed = 0
    for position, ((item, _), suggestion) in enumerate(zip(targets, found)):
        before = next((a.theme_id for a in item.assignments if a.primary), None)
        for assignment in list(item.assignments):
            drop(assignment)
        _assign(item, suggestion, by_key, "engine")
        item.confidence = round(suggestion.confidence, 4)
        item.terms = suggestion.terms
        item.uncertain_rank = ranks.get(position)
        after = next((a.theme.id for a in item.assignments if a.primary), None)
        changed += before != after
    run.parameters = {
        **(run.parameters or {}),
        "coding_effect": {"changed": changed, "answers": len(targets), "job": "learn"},
    }
    return f"{len(targets)} usikre svar har fått nye forslag."
