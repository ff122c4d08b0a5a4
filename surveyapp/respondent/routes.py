"""Routes of the respondent blueprint: front page, one page per section, resume, receipt.

Every page works without JavaScript (POST, then redirect, then GET). The answer views check
the CSRF token themselves so that an expired token re-draws the page with what was typed
instead of throwing it away.
"""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from surveyapp.exceptions import AlreadySubmitted, RoundClosed
from surveyapp.extensions import csrf, db
from surveyapp.questions import build_answer_form, first_incomplete_page
from surveyapp.respondent import attempts, bp, drafts
from surveyapp.respondent.flow import (
    LATER,
    NOW,
    Flow,
    commit,
    csrf_problem,
    language,
    load_round,
    page_url,
    render_page,
    respondent_of,
    store,
    typed_texts,
    unavailable,
)
from surveyapp.services.responses import find_by_key


@bp.get("/<slug>")
def start(slug: str):
    """The round's front page: what it is about, what is stored, and whether it is open."""
    flow = load_round(slug)
    if flow is None:
        return unavailable("unknown", 404)
    found = drafts.remembered(flow.round) if flow.is_open else None
    if found is not None:
        flow = flow.confirmed(found.revision)
        if flow is None:
            return unavailable("unknown", 404)
    draft = found.draft if found is not None and flow.is_open else None
    return render_template("respondent/start.html", **flow.template_args(), draft=draft)


@bp.get("/<slug>/start")
def start_again(slug: str):
    """Reached by reloading or switching language on the first page: go where the draft is."""
    flow = load_round(slug)
    if flow is None:
        return unavailable("unknown", 404)
    found = drafts.remembered(flow.round) if flow.is_open else None
    if found is None:
        return redirect(url_for(".start", slug=slug))
    return redirect(page_url(flow, found.draft.section))


@bp.post("/<slug>/start")
@csrf.exempt
def begin(slug: str):
    """Start answering: check the access code, make a draft, show the first page and the code."""
    flow = load_round(slug, NOW)
    if flow is None:
        return unavailable("unknown", 404)
    if not flow.is_open:
        return render_template("respondent/start.html", **flow.template_args()), 403
    problem, status, headers = start_problem(flow)
    if problem:
        return (
            render_template("respondent/start.html", **flow.template_args(), problem=problem),
            status,
            headers,
        )
    first = flow.pages({})[0]  # before the draft exists: reading now writes nothing early
    draft, code = drafts.start_draft(flow.round, language())
    draft.section = first
    commit()
    drafts.remember(flow.round, draft)
    form = build_answer_form(flow.definition, draft.section, flow.ctx, {})
    return render_page(flow, draft, form, code=code)


def start_problem(flow: Flow) -> tuple[str | None, int, dict[str, str]]:
    """Why the posted front page cannot start the round, with the status and headers to send."""
    problem = csrf_problem()
    if problem:
        return problem, 400, {}
    if not flow.round.needs_access_code:
        return None, 200, {}
    wait = attempts.seconds_to_wait(flow.round)
    if wait:
        message = _(
            "Det er skrevet feil tilgangskode for mange ganger til denne runden. Vent noen "
            "minutter, og prøv igjen."
        )
        return message, 429, {"Retry-After": str(wait)}
    if not flow.round.check_access_code(request.form.get("access_code", "")[:200]):
        attempts.note_wrong(flow.round)
        commit()
        return _("Tilgangskoden er feil. Sjekk koden du fikk, og prøv igjen."), 403, {}
    return None, 200, {}


@bp.get("/<slug>/del/<int:number>")
def page(slug: str, number: int):
    """One section of the questionnaire, filled with what was saved."""
    flow = load_round(slug, LATER)
    if flow is None:
        return unavailable("unknown", 404)
    found = drafts.remembered(flow.round)  # and the round's revision, to check the cached round
    flow = flow.confirmed(found.revision) if found is not None else flow
    if flow is None:
        return unavailable("unknown", 404)
    if not flow.is_open:
        return redirect(url_for(".start", slug=slug))
    if found is None:
        flash(_("Vil du fortsette der du slapp, skriv inn koden du fikk."), "info")
        return redirect(url_for(".resume", slug=slug))
    draft = found.draft
    index = flow.allowed_page(draft, number - 1)
    if index != number - 1:
        return redirect(page_url(flow, index))
    form = build_answer_form(flow.definition, index, flow.ctx, draft.data)
    return render_page(flow, draft, form)


@bp.post("/<slug>/del/<int:number>")
@csrf.exempt
def save_page(slug: str, number: int):
    """Save one section and move on: next, back, save for later, change language, or send."""
    flow = load_round(slug, LATER)
    if flow is None:
        return unavailable("unknown", 404)
    found = drafts.from_token(flow.round, request.form.get("flow")) or drafts.remembered(flow.round)
    if found is None:
        return already_sent_or_lost(flow)
    flow = flow.confirmed(found.revision)
    if flow is None:
        return unavailable("unknown", 404)
    draft = found.draft
    if not 1 <= number <= len(flow.definition.sections):
        return unavailable("lost", 404, flow)
    if number - 1 > draft.section:
        return redirect(page_url(flow, draft.section), 303)
    action = request.form.get("action", "next")
    saved = dict(draft.data or {})
    form = build_answer_form(flow.definition, number - 1, flow.ctx, saved)
    values = form.parse(
        request.form, saved, require=action in ("next", "send"), files=request.files.keys()
    )
    name, status = check_page(flow, form)
    if status:
        return render_page(flow, draft, form, status=status, respondent_name=name)
    drafts.remember(flow.round, draft)
    data = {**{k: v for k, v in saved.items() if k not in form.keys}, **values}
    return move_on(flow, draft, form, action, values, data, name)


def check_page(flow: Flow, form) -> tuple[str | None, int | None]:
    """The name given (if asked for), and the status to re-draw the page with, if any."""
    problem = csrf_problem()
    if problem:
        form.form_errors.insert(0, problem)
        return None, 400
    if not flow.is_open:
        closed = _("Undersøkelsen er avsluttet, og vi kan ikke ta imot flere svar.")
        form.form_errors.insert(0, closed)
        return None, 403
    name, name_error = respondent_of(flow, request.form)
    if name_error:
        form.form_errors.append(name_error)
    return name, 400 if form.has_errors else None


def move_on(flow: Flow, draft, form, action: str, values: dict, data: dict, name: str | None):
    """Save the page, then go where the button said (or send, from the last page)."""
    index = form.index
    following = flow.next_page(index, data)
    if action == "send" and following is None:
        return submit(flow, draft, form, data, name)
    moving_on = action in ("next", "send") and following is not None
    drafts.save_page(draft, form.keys, values, following if moving_on else index)
    draft.language = language()
    saved = commit_draft()
    if saved is None:
        return busy(flow, draft, form)
    if not saved:
        return already_sent_or_lost(flow)
    if action == "save":  # the code shown on the first page stays the only one
        return render_template("respondent/saved.html", **flow.template_args(), number=index + 1)
    if action.startswith("lang-") and action[5:] in ("nb", "nn"):
        target = url_for("main.set_language", lang=action[5:], next=page_url(flow, index))
        return redirect(target, 303)
    if action == "back":
        return redirect(page_url(flow, flow.previous_page(index, data)), 303)
    return redirect(page_url(flow, following if moving_on else index), 303)


def commit_draft() -> bool | None:
    """Commit the draft; False when it vanished meanwhile (sent from another tab), None when
    the database is too busy to take it now."""
    try:
        commit()
    except StaleDataError:
        db.session.rollback()
        return False
    except OperationalError:
        db.session.rollback()
        return None
    return True


def busy(flow: Flow, draft, form):
    """The database could not take the page now: show it again, as typed, with a message."""
    form.form_errors.insert(
        0,
        _(
            "Vi fikk ikke lagret svarene akkurat nå. Vent litt og prøv igjen – "
            "det du har skrevet, står fortsatt her."
        ),
    )
    return render_page(flow, draft, form, status=503)


def already_sent_or_lost(flow: Flow):
    """No draft behind this form: the answer was sent (show the receipt), or it is lost."""
    key = request.form.get("idempotency_key", "")[:64]
    existing = find_by_key(key) if key else None
    if existing is not None and existing.round_id == flow.round.id:
        return receipt_redirect(flow)
    return unavailable("lost", 400, flow, typed=typed_texts(flow, request.form))


def submit(flow: Flow, draft, page, data: dict, name: str | None):
    """Store the response once; a repeat lands on the same receipt."""
    incomplete = first_incomplete_page(flow.definition, data, flow.ctx)
    if incomplete is not None:
        drafts.save_page(draft, set(data), data, draft.section)
        saved = commit_draft()
        if not saved:
            return busy(flow, draft, page) if saved is None else already_sent_or_lost(flow)
        form = build_answer_form(flow.definition, incomplete, flow.ctx, data)
        form.mark_missing(data)
        form.form_errors.append(_("Noen spørsmål på denne siden må besvares før du kan sende inn."))
        return render_page(flow, draft, form, status=400)
    try:
        store(flow, draft, data, name)
    except AlreadySubmitted:
        pass
    except RoundClosed:
        return unavailable("closed", 403, flow)
    except OperationalError:
        return busy(flow, draft, page)
    return receipt_redirect(flow)


def receipt_redirect(flow: Flow):
    drafts.mark_submitted(flow.round)
    return redirect(url_for(".receipt", slug=flow.round.slug), 303)


@bp.get("/<slug>/kvittering")
def receipt(slug: str):
    """Thanks, and what happens next. Shown to the browser that sent an answer."""
    flow = load_round(slug)
    if flow is None:
        return unavailable("unknown", 404)
    if not drafts.has_submitted(flow.round):
        return redirect(url_for(".start", slug=slug))
    return render_template("respondent/receipt.html", **flow.template_args())


@bp.route("/<slug>/fortsett", methods=["GET", "POST"])
@csrf.exempt
def resume(slug: str):
    """Come back with the resume code."""
    flow = load_round(slug)
    if flow is None:
        return unavailable("unknown", 404)
    if not flow.is_open:
        return redirect(url_for(".start", slug=slug))
    if request.method == "GET":
        return render_template("respondent/resume.html", **flow.template_args())
    problem = csrf_problem()
    found = None if problem else drafts.find_by_code(flow.round, request.form.get("code", "")[:100])
    flow = flow.confirmed(found.revision) if found is not None else flow
    if flow is None:
        return unavailable("unknown", 404)
    if not flow.is_open:
        return redirect(url_for(".start", slug=slug), 303)
    if found is None:
        problem = problem or _(
            "Vi fant ingen lagrede svar med den koden. Sjekk at du har skrevet den riktig."
        )
        return render_template(
            "respondent/resume.html", **flow.template_args(), problem=problem
        ), 400
    draft = found.draft
    drafts.remember(flow.round, draft)
    flash(_("Velkommen tilbake! Svarene du har lagret, er hentet fram."), "success")
    return redirect(page_url(flow, flow.allowed_page(draft, draft.section)), 303)
