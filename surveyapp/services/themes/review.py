"""The planner's review actions on a run's themes; each is stored as a ReviewEvent.

Every action sets ``reviewed`` on what it touches, so a later update with late answers
leaves it alone. Event payloads hold ids, counts and theme labels, never answer text. The
caller commits.
"""

from __future__ import annotations

from collections import Counter

from flask_babel import lazy_gettext as _l

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.models import User
from surveyapp.models.analysis import (
    AnalysisItem,
    AnalysisRun,
    AnalysisTheme,
    ReviewEvent,
    ThemeAssignment,
)
from surveyapp.models.findings import finding_theme
from surveyapp.services.analysis import engine as analysis_engine
from surveyapp.services.analysis import vectors as answer_vectors

#: every review action, with the label the event log shows
ACTIONS = {
    "run": _l("Startet analysen"),
    "rerun": _l("Kjørte analysen på nytt"),
    "name": _l("Ga analysen navn"),
    "update": _l("La til nye svar"),
    "learn": _l("Lot motoren lære av kodingen"),
    "rename": _l("Ga tema nytt navn"),
    "merge": _l("Slo sammen tema"),
    "split": _l("Delte tema"),
    "create": _l("Laget nytt tema"),
    "accept": _l("Godtok foreslått tema"),
    "dismiss": _l("Lot svarene i et foreslått tema gå til Annet"),
    "move": _l("Flyttet svar"),
    "confirm": _l("Bekreftet tema for svar"),
    "second": _l("Ga svar et andre tema"),
    "remove_second": _l("Fjernet andre tema"),
    "off_topic": _l("Merket svar som utenfor tema"),
}
#: the only payload keys; none of them can hold answer text
PAYLOAD_KEYS = frozenset(
    {
        "theme",
        "label",
        "old_label",
        "themes",
        "labels",
        "into",
        "item",
        "from_theme",
        "to_theme",
        "new_themes",
        "answers",
        "mode",
        "count",
    }
)
MIN_SPLIT = 6


def record(run: AnalysisRun, user: User | None, action: str, **payload: object) -> ReviewEvent:
    """Add one event; refuses unknown actions and payload keys."""
    if action not in ACTIONS:
        raise ValueError(f"unknown review action {action!r}")
    unknown = set(payload) - PAYLOAD_KEYS
    if unknown:
        raise ValueError(f"review payload may not hold {sorted(unknown)}")
    event = ReviewEvent(run=run, user_id=user.id if user else None, action=action, payload=payload)
    db.session.add(event)
    return event


def drop(assignment: ThemeAssignment) -> None:
    """Delete an assignment and forget it on both sides (item and theme) at once."""
    item, theme = assignment.item, assignment.theme
    db.session.delete(assignment)
    db.session.flush()
    db.session.expire(item, ["assignments"])
    db.session.expire(theme, ["assignments"])


def _label(text: str) -> str:
    label = " ".join((text or "").split())
    if not label:
        raise InnspillError("Temaet må ha et navn.")
    if len(label) > 200:
        raise InnspillError("Navnet kan være på høyst 200 tegn.")
    return label


def _active(theme: AnalysisTheme) -> AnalysisTheme:
    if not theme.active:
        raise InnspillError("Temaet er slått sammen med et annet tema.")
    return theme


def rename(theme: AnalysisTheme, label: str, user: User) -> None:
    old, theme.label = theme.label, _label(label)
    theme.reviewed = True
    record(theme.run, user, "rename", theme=theme.id, old_label=old, label=theme.label)


def accept(theme: AnalysisTheme, user: User) -> None:
    """"Godta temaet": the theme goes from "Foreslått" to "Vurdert" (and into reports)."""
    _active(theme)
    theme.accepted = theme.reviewed = True
    theme.review_state = "reviewed"
    record(theme.run, user, "accept", theme=theme.id, label=theme.label)


def name_run(run: AnalysisRun, title: str, user: User) -> None:
    """Give the analysis a name of the planner's choosing."""
    old, run.title = run.title, _label(title)
    record(run, user, "name", old_label=old, label=run.title)


def is_proposal(theme: AnalysisTheme) -> bool:
    """A new theme the engine proposes beside the codebook's, not yet accepted or dismissed."""
    return theme.origin == "suggested" and not theme.accepted and theme.active


def dismiss(run: AnalysisRun, theme: AnalysisTheme, user: User) -> AnalysisTheme:
    """Let a proposed theme's answers go to "Annet"; the theme is kept only for the history."""
    _active(theme)
    if theme.is_other or not is_proposal(theme):
        raise InnspillError("Bare forslag til nye tema kan sendes til «Annet».")
    other = next((t for t in run.themes if t.is_other and t.active), None)
    if other is None:
        other = AnalysisTheme(
            run=run, label="Annet", is_other=True, engine_key="annet", position=len(run.themes)
        )
        db.session.add(other)
        db.session.flush()
    count = 0
    for assignment in list(theme.assignments):
        if assignment.primary:
            _set_primary(assignment.item, other, source="engine")
            count += 1
        else:
            drop(assignment)
    theme.merged_into_id, theme.reviewed = other.id, True
    record(run, user, "dismiss", theme=theme.id, label=theme.label, into=other.id, count=count)
    return other


def create_theme(run: AnalysisRun, label: str, user: User) -> AnalysisTheme:
    position = max((t.position for t in run.themes), default=-1) + 1
    theme = AnalysisTheme(
        run=run,
        label=_label(label),
        origin="planner",
        reviewed=True,
        review_state="reviewed",
        position=position,
    )
    db.session.add(theme)
    db.session.flush()
    record(run, user, "create", theme=theme.id, label=theme.label)
    return theme


def merge(
    run: AnalysisRun, themes: list[AnalysisTheme], user: User, label: str | None = None
) -> AnalysisTheme:
    """Merge ``themes`` into the first one; the others are kept only for the history."""
    themes = list(dict.fromkeys(_active(t) for t in themes))
    if len(themes) < 2:
        raise InnspillError("Velg minst to tema å slå sammen.")
    if any(t.is_other for t in themes):
        raise InnspillError("«Annet» kan ikke slås sammen. Flytt svarene i stedet.")
    target, sources = themes[0], themes[1:]
    for source in sources:
        _move_assignments(source, target)
        source.merged_into_id = target.id
        source.reviewed = True
        target.keywords = list(dict.fromkeys(target.keywords + source.keywords))[:10]
        target.representative_ids = target.representative_ids + source.representative_ids
        _relink_findings(source, target)
    old = target.label
    target.label = _label(label) if label and label.strip() else target.label
    target.reviewed = True
    record(
        run,
        user,
        "merge",
        themes=[t.id for t in themes],
        into=target.id,
        labels=[old] + [s.label for s in sources],
        label=target.label,
    )
    return target


def _move_assignments(source: AnalysisTheme, target: AnalysisTheme) -> None:
    for assignment in list(source.assignments):
        existing = next((a for a in assignment.item.assignments if a.theme_id == target.id), None)
        if existing is None:
            assignment.theme = target
            continue
        existing.primary = existing.primary or assignment.primary
        drop(assignment)
    db.session.flush()


def _relink_findings(source: AnalysisTheme, target: AnalysisTheme) -> None:
    linked = set(
        db.session.scalars(
            db.select(finding_theme.c.finding_id).where(finding_theme.c.theme_id == target.id)
        )
    )
    rows = db.session.scalars(
        db.select(finding_theme.c.finding_id).where(finding_theme.c.theme_id == source.id)
    ).all()
    db.session.execute(finding_theme.delete().where(finding_theme.c.theme_id == source.id))
    for finding_id in rows:
        if finding_id not in linked:
            db.session.execute(
                finding_theme.insert().values(finding_id=finding_id, theme_id=target.id)
            )


def split(
    run: AnalysisRun, theme: AnalysisTheme, user: User, n_themes: int | str = "auto"
) -> list[AnalysisTheme]:
    """Re-cluster the unreviewed answers whose main theme is ``theme`` into sub-themes.

    The largest sub-theme keeps the theme; it takes the engine's name for what is left,
    unless a planner named the theme (a rename, a merge under a new name, a codebook or a
    theme of their own). The others become new themes. Answers a planner placed stay where
    they are. The answers' stored sentence vectors are used when the model is installed.
    """
    _active(theme)
    if theme.is_other:
        raise InnspillError("Bruk «Nytt tema» og flytt svar for å dele opp «Annet».")
    members = [
        (a.item, a.item.answer.text)
        for a in theme.assignments
        if a.primary and not a.item.reviewed and a.item.answer.text
    ]
    if len(members) < MIN_SPLIT:
        raise InnspillError(f"Et tema må ha minst {MIN_SPLIT} svar for å kunne deles.")
    pairs = [(item.answer_id, text) for item, text in members]
    vectors = answer_vectors.vectors_for(pairs)
    result = analysis_engine.split([t for _, t in members], n_themes, run.random_state, vectors)
    # Largest first (stable on ties): the largest sub-theme keeps the theme and its name.
    sizes = Counter(a.theme for a in result.answers)
    parts = sorted((t for t in result.themes if not t.is_other), key=lambda t: -sizes[t.key])
    if len(parts) < 2:
        raise InnspillError("Motoren fant ingen tydelig måte å dele temaet på.")
    if not named_by_planner(theme):
        old_label, theme.label = theme.label, _label(parts[0].label[:200])
    else:
        old_label = theme.label
    theme.keywords, theme.reviewed = parts[0].keywords, True
    later = [t for t in run.themes if t.position > theme.position]
    for other in later:
        other.position += len(parts) - 1
    new_by_key: dict[str, AnalysisTheme] = {parts[0].key: theme}
    for offset, part in enumerate(parts[1:], start=1):
        new_by_key[part.key] = AnalysisTheme(
            run=run,
            label=part.label[:200],
            keywords=part.keywords,
            origin="split",
            reviewed=True,
            position=theme.position + offset,
            engine_key=part.key,
            representative_ids=[members[i][0].answer_id for i in part.representatives],
        )
        db.session.add(new_by_key[part.key])
    db.session.flush()
    for (item, _), found in zip(members, result.answers):
        target = new_by_key.get(found.theme or "")
        if target is not None and target is not theme:
            _set_primary(item, target, source="engine")
    created = [t for t in new_by_key.values() if t is not theme]
    record(
        run,
        user,
        "split",
        theme=theme.id,
        old_label=old_label,
        label=theme.label,
        new_themes=[t.id for t in created],
        labels=[t.label for t in created],
    )
    return [theme, *created]


def named_by_planner(theme: AnalysisTheme) -> bool:
    """True when the theme's name is a planner's, not one the engine made up."""
    if theme.origin in ("codebook", "planner"):
        return True
    for event in db.session.scalars(
        db.select(ReviewEvent).where(
            ReviewEvent.run_id == theme.run_id, ReviewEvent.action.in_(("rename", "merge"))
        )
    ):
        data = event.payload or {}
        if event.action == "rename" and data.get("theme") == theme.id:
            return True
        if event.action == "merge" and data.get("into") == theme.id:
            if data.get("label") != (data.get("labels") or [None])[0]:
                return True
    return False


def _set_primary(item: AnalysisItem, theme: AnalysisTheme, source: str) -> int | None:
    """Make ``theme`` the item's main theme; returns the old main theme's id."""
    old = next((a for a in item.assignments if a.primary), None)
    old_id = old.theme_id if old else None
    if old is not None and old.theme_id != theme.id:
        drop(old)
    existing = next((a for a in item.assignments if a.theme_id == theme.id), None)
    if existing is not None:
        existing.primary, existing.source = True, source
    else:
        item.assignments.append(ThemeAssignment(theme=theme, primary=True, source=source))
    db.session.flush()
    return old_id


def move(item: AnalysisItem, theme: AnalysisTheme, user: User) -> None:
    """Give the answer a new main theme (also takes it back from "off-topic")."""
    _active(theme)
    old = _set_primary(item, theme, source="planner")
    item.reviewed, item.off_topic = True, False
    record(
        item.run, user, "move", item=item.id, from_theme=old, to_theme=theme.id, label=theme.label
    )


def confirm(item: AnalysisItem, user: User) -> None:
    """Keep the engine's main theme for an answer (it leaves the uncertain queue)."""
    main = next((a for a in item.assignments if a.primary), None)
    if main is None:
        raise InnspillError("Svaret har ikke noe tema å bekrefte. Flytt det til et tema.")
    main.source, item.reviewed = "planner", True
    record(item.run, user, "confirm", item=item.id, theme=main.theme_id)


def set_second(item: AnalysisItem, theme: AnalysisTheme | None, user: User) -> None:
    """Give the answer a second theme besides its main one (``None`` removes it)."""
    main = next((a for a in item.assignments if a.primary), None)
    for assignment in [a for a in item.assignments if not a.primary]:
        drop(assignment)
    item.reviewed = True
    if theme is None:
        record(item.run, user, "remove_second", item=item.id)
        return
    _active(theme)
    if main is None or main.theme_id == theme.id:
        raise InnspillError("Det andre temaet må være et annet enn hovedtemaet.")
    if theme.is_other:
        raise InnspillError("«Annet» kan ikke være et andre tema.")
    item.assignments.append(ThemeAssignment(theme=theme, primary=False, source="planner"))
    record(item.run, user, "second", item=item.id, theme=theme.id, label=theme.label)


def mark_off_topic(item: AnalysisItem, user: User) -> None:
    """The answer is not about the question: it leaves every theme and every count."""
    old = [a.theme_id for a in item.assignments]
    for assignment in list(item.assignments):
        drop(assignment)
    item.off_topic = item.reviewed = True
    record(item.run, user, "off_topic", item=item.id, themes=old)
