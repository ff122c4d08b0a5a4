"""Runs that build on an earlier run: update with late answers, learn from the planner's
coding, and a full re-run that keeps every decision the planner made."""

from __future__ import annotations

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import Answer
from surveyapp.models.analysis import AnalysisItem, AnalysisRun, AnalysisTheme, ThemeAssignment
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis.engine import OTHER_KEY, EngineAnswer
from surveyapp.services.analysis.store import (
    ENGINE_SPEED,
    FIT_AT,
    Step,
    answers_for,
    assign,
    fit_all,
    item_answer_ids,
    origin,
    other_theme,
    read_meaning,
    store_items,
    theme_key,
)
from surveyapp.services.themes.review import drop


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


def _place(run: AnalysisRun, step: Step, coded, pairs, doing: str) -> list:
    """The engine's suggestions for the answers after the coded ones in ``pairs``."""
    texts = [text for _, text in pairs]
    vectors = read_meaning(run, pairs, step)
    with step(FIT_AT, doing, expected=len(texts) / ENGINE_SPEED):
        return analysis_engine.assign_new(
            texts,
            {pos: key for pos, (_, _, key) in enumerate(coded)},
            run.random_state,
            vectors=vectors,
        )[len(coded) :]


def update_run(run: AnalysisRun, step: Step) -> str:
    """Assign answers that arrived after the run to the themes as they are now."""
    new = answers_for(run, exclude=item_answer_ids(run))
    if not new:
        return "Ingen nye svar. Temaene er som før."
    coded = _coded_items(run, lambda item: True)
    pairs = [(item.answer_id, text) for item, text, _ in coded] + new
    found = _place(run, step, coded, pairs, f"Plasserer {len(new)} nye svar")
    step(85, "Lagrer")
    top = (
        db.session.scalar(
            db.select(db.func.max(AnalysisItem.uncertain_rank)).filter_by(run_id=run.id)
        )
        or 0
    )
    store_items(
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
    found = _place(run, step, coded, pairs, f"Lærer av {len(coded)} svar")
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
        assign(item, suggestion, by_key, "engine")
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


# --- rerun ------------------------------------------------------------------------------


def _rerun_targets(run: AnalysisRun) -> dict[str, AnalysisTheme]:
    """The engine's theme keys mapped to the themes as the planner left them.

    A key found in a merged theme leads to the theme it was merged into; a key that several
    themes share (a split part can reuse a cluster number) goes to the earliest of them.
    """
    by_id = {t.id: t for t in run.themes}
    targets: dict[str, AnalysisTheme] = {}
    for theme in sorted(run.themes, key=lambda t: (t.origin == "split", t.position)):
        target = theme
        while target.merged_into_id is not None and target.merged_into_id in by_id:
            target = by_id[target.merged_into_id]
        if theme.engine_key and theme.engine_key not in targets:
            targets[theme.engine_key] = target
    targets[OTHER_KEY] = other_theme(run)
    return targets


def rerun_run(run: AnalysisRun, step: Step) -> str:
    """Theme every answer again and place each undecided one; keep every planner decision."""
    fitted = fit_all(run, step, "Analyserer på nytt")
    ids, result = fitted.ids, fitted.result
    step(85, "Plasserer svarene")
    targets = _rerun_targets(run)
    for found in result.themes:  # a theme the engine finds now and did not find before
        if found.key not in targets and not found.is_other:
            position = max((t.position for t in run.themes), default=-1) + 1
            suggested = found.source == "discovered" and run.mode != "discover"
            targets[found.key] = AnalysisTheme(
                run=run,
                label=found.label[:200],
                keywords=found.keywords,
                engine_key=found.key,
                origin=origin(found.source, suggested, False),
                accepted=not suggested,
                position=position,
                representative_ids=[ids[i] for i in found.representatives if 0 <= i < len(ids)],
            )
            db.session.add(targets[found.key])
    db.session.flush()
    items = {item.answer_id: item for item in run.items}
    ranks = {pos: rank for rank, pos in enumerate(result.uncertain, start=1)}
    placed = 0
    for position, (answer_id, found) in enumerate(zip(ids, result.answers)):
        item = items.get(answer_id)
        if item is not None and item.reviewed:
            continue
        if item is None:
            item = AnalysisItem(run=run, answer_id=answer_id, batch=run.updates)
            db.session.add(item)
        for assignment in list(item.assignments):
            drop(assignment)
        item.confidence = round(found.confidence, 4)
        item.nonanswer = item.off_topic = found.nonanswer
        item.terms = found.terms
        item.uncertain_rank = ranks.get(position)
        assign(item, found, targets, "engine")
        placed += 1
    db.session.flush()
    return f"Analysen er kjørt på nytt: {placed} svar er plassert. Det du har bestemt, er beholdt."
