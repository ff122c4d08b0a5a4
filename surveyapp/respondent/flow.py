"""The respondent's way through a round: loading it, moving between pages, storing once."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from flask import current_app, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from sqlalchemy import delete
from werkzeug.datastructures import MultiDict

from surveyapp.definitions import QuestionnaireDefinition
from surveyapp.definitions.schema import TEXT_TYPES
from surveyapp.exceptions import AlreadySubmitted
from surveyapp.extensions import db
from surveyapp.models import Draft
from surveyapp.questions import AnswerForm, Context, answers_to_store, pages
from surveyapp.questions.form import FormField, is_empty
from surveyapp.questions.base import clean_text, field_name
from surveyapp.respondent import drafts
from surveyapp.security import check_token_only
from surveyapp.services import round_cache
from surveyapp.services.questionnaires import cached_definition, definition_of
from surveyapp.services.responses import Respondent, submit_response
from surveyapp.services.round_cache import PublicRound

#: the pages shown, by questionnaire, language, places and the answers conditions look at
_PAGES: dict[tuple, list[int]] = {}
#: question blocks as drawn before anything is typed in them (see :func:`question_blocks`)
_BLOCKS: dict[tuple, Markup] = {}
#: entries a process cache holds before it starts again (a few MB at most)
CACHE_LIMIT = 10_000


def _remember(cache: dict, key: tuple, make):
    """``cache[key]``, made by ``make()`` the first time; the cache is emptied when full."""
    found = cache.get(key)
    if found is None:
        if len(cache) >= CACHE_LIMIT:
            cache.clear()
        found = cache[key] = make()
    return found


#: one writer at a time per process on SQLite (see :func:`writing`)
_SQLITE_WRITER = threading.Lock()


@contextmanager
def writing():
    """Around a commit that writes: on SQLite, let this process's threads take turns.

    SQLite allows one writer; a thread that finds the database locked sleeps in SQLite's
    busy handler for 1, 2, 5 ... up to 100 ms, so threads of one process racing for the lock
    waste most of their time asleep. Queuing them on a Python lock hands the turn over at
    once. Other databases lock rows, not the file, and need none of this.
    """
    if db.engine.dialect.name != "sqlite":
        yield
        return
    with _SQLITE_WRITER:
        yield


def commit() -> None:
    with writing():
        db.session.commit()


def language() -> str:
    chosen = str(get_locale() or "nb")
    return chosen if chosen in current_app.config["LANGUAGES"] else "nb"


@dataclass
class Flow:
    """A round as one respondent meets it: its questionnaire, in their language."""

    round: PublicRound
    definition: QuestionnaireDefinition

    @cached_property
    def ctx(self) -> Context:
        needs_places = any(q.options_from for q in self.definition.questions())
        places = self.round.municipality_names if needs_places else ()
        return Context(language=language(), municipalities=places)

    @cached_property
    def is_open(self) -> bool:
        return self.round.state == "open"

    @cached_property
    def _condition_keys(self) -> tuple[str, ...]:
        return tuple({q.show_if.question for q in self.definition.questions() if q.show_if})

    def pages(self, values: dict[str, Any]) -> list[int]:
        """Sections with something to show; they depend only on the answers conditions name."""
        key = (
            self.round.checksum,
            self.ctx,
            tuple(repr(values.get(k)) for k in self._condition_keys),
        )
        return _remember(_PAGES, key, lambda: pages(self.definition, values, self.ctx) or [0])

    def next_page(self, index: int, values: dict[str, Any]) -> int | None:
        return next((i for i in self.pages(values) if i > index), None)

    def previous_page(self, index: int, values: dict[str, Any]) -> int:
        earlier = [i for i in self.pages(values) if i < index]
        return earlier[-1] if earlier else index

    def allowed_page(self, draft: Draft, index: int) -> int:
        """``index`` if the respondent may see it now, else the nearest page they may see."""
        reachable = [i for i in self.pages(draft.data) if i <= draft.section]
        if index in reachable:
            return index
        return reachable[-1] if reachable else self.pages(draft.data)[0]

    def template_args(self) -> dict[str, Any]:
        return {"round": self.round, "definition": self.definition, "lang": language()}

    def confirmed(self, revision: int | None) -> Flow | None:
        """This flow if the round is still at ``revision`` (read with the draft), else the round
        read again (None when it is gone)."""
        if round_cache.confirm(self.round, revision):
            return self
        return _from_database(self.round.slug)


#: how fresh the cached round must be: checked by a later query (the draft's), checked
#: within ROUND_CACHE_SECONDS (pages that only show something), or checked now
LATER, RECENT, NOW = "later", "recent", "now"


def load_round(slug: str, check: str = RECENT) -> Flow | None:
    """The round with its questionnaire, from this process's cache when ``check`` allows.

    With ``LATER`` the caller passes the revision its draft query read to
    :meth:`Flow.confirmed` before it stores or shows anything.
    """
    if check == NOW:
        public = round_cache.cached(slug)
        if public is not None and round_cache.confirm(public, round_cache.current_revision(slug)):
            return _flow(public)
        return _from_database(slug)
    max_age = None if check == LATER else round_cache.recent_enough()
    public = round_cache.cached(slug, max_age)
    return _flow(public) if public is not None else _from_database(slug)


def _flow(public: PublicRound) -> Flow | None:
    definition = cached_definition(public.checksum)
    if definition is None:  # the parse was dropped from its cache: read the version again
        return _from_database(public.slug)
    return Flow(public, definition)


def _from_database(slug: str) -> Flow | None:
    loaded = round_cache.load(slug)
    if loaded is None:
        return None
    public, version = loaded
    return Flow(public, definition_of(version))


def page_url(flow: Flow, index: int) -> str:
    return url_for("respondent.page", slug=flow.round.slug, number=index + 1)


def csrf_problem() -> str | None:
    """Check the CSRF token (alone: these pages send no Referer); a message, not an error page."""
    try:
        check_token_only()
    except CSRFError:
        return _("Skjemaet var utløpt – sjekk svarene og send på nytt.")
    return None


def unavailable(reason: str, status: int, flow: Flow | None = None, **extra: Any):
    """A friendly page for an unknown round, a closed one, or a lost draft."""
    args = flow.template_args() if flow else {}
    return render_template("respondent/unavailable.html", reason=reason, **args, **extra), status


def typed_texts(flow: Flow, form: MultiDict) -> list[tuple[str, str]]:
    """The free text in a posted form that can no longer be saved, to show back for copying."""
    texts = []
    for question in flow.definition.questions():
        if question.type in TEXT_TYPES:
            typed, _error = clean_text(form.get(field_name(question.key), ""))
            if typed.strip():
                texts.append((question.text.get(flow.ctx.language), typed))
    return texts


def question_blocks(flow: Flow, form: AnswerForm) -> list[Markup]:
    """Each question of the page as HTML.

    A question with nothing typed in it and no error looks the same to every respondent of
    the round who reads it in the same language, so it is drawn once per process and
    questionnaire version (the checksum) and then reused; drawing the questions was a third of
    the time of an answer page. A question that shows an answer or an error is drawn for the
    respondent alone: nobody's answer is ever kept here.
    """
    lang = flow.ctx.language

    def draw(field: FormField) -> Markup:
        return Markup(render_template(field.template, field=field, lang=lang))

    blocks = []
    for field in form.fields:
        if field.error is None and is_empty(field.shown):
            key = (flow.round.checksum, flow.ctx, field.key, field.condition is not None)
            blocks.append(_remember(_BLOCKS, key, lambda field=field: draw(field)))
        else:
            blocks.append(draw(field))
    return blocks


def render_page(
    flow: Flow,
    draft: Draft,
    form: AnswerForm,
    *,
    code: str | None = None,
    status: int = 200,
    respondent_name: str | None = None,
):
    """Draw one section page: progress, errors, the questions, and the way on."""
    values = draft.data or {}
    visible = flow.pages(values)
    position = visible.index(form.index) + 1 if form.index in visible else 1
    is_last = flow.next_page(form.index, values) is None
    html = render_template(
        "respondent/page.html",
        **flow.template_args(),
        form=form,
        blocks=question_blocks(flow, form),
        number=form.index + 1,
        position=position,
        total=max(len(visible), position),
        is_first=not any(i < form.index for i in visible),
        is_last=is_last,
        ask_name=is_last and not flow.round.anonymous,
        respondent_name=respondent_name or "",
        flow_token=drafts.flow_token(draft),
        idempotency_key=draft.idempotency_key,
        code=drafts.format_code(code) if code else None,
    )
    return html, status


def respondent_of(flow: Flow, form: MultiDict) -> tuple[str | None, str | None]:
    """The name a respondent chose to give, in rounds that are not anonymous."""
    if flow.round.anonymous:
        return None, None
    name, error = clean_text(form.get("respondent_name", ""))
    name = " ".join(name.split())
    if error is None and len(name) > 200:
        error = _("Navnet kan være på høyst 200 tegn.")
    return name or None, error


def store(flow: Flow, draft: Draft, data: dict[str, Any], name: str | None) -> None:
    """Store the response exactly once and delete the draft, in one write transaction.

    The response's unique idempotency key makes the store happen once, however many requests
    race; the loser's draft is deleted on its own. The answers are masked before the write
    starts, so nothing slow runs while SQLite's write lock is held.
    """
    values = answers_to_store(flow.definition, data, flow.ctx)
    key = draft.idempotency_key
    lang = draft.language or language()
    # forget unsaved changes to the draft: it is about to go, perhaps already gone
    db.session.expunge(draft)
    try:
        with writing():
            submit_response(
                flow.round,
                flow.definition,
                values,
                key,
                language=lang,
                respondent=Respondent(name=name),
                draft_id=draft.id,
            )
    except AlreadySubmitted:
        db.session.rollback()
        delete_draft(draft.id)
        raise
    except Exception:
        db.session.rollback()
        raise


def delete_draft(draft_id: int) -> None:
    """Delete a draft that has been sent (perhaps by another request already)."""
    with writing():
        db.session.execute(delete(Draft).where(Draft.id == draft_id))
        db.session.commit()
