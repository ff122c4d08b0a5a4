"""Done when: a planner builds the four-theme input round from blank, opens a round from it and
receives answers, all over HTTP with CSRF on, the way a browser without JavaScript does."""

from __future__ import annotations

from datetime import timedelta

from surveyapp.definitions import as_data
from surveyapp.models import Response, Round, utcnow
from surveyapp.planner.forms import to_local
from surveyapp.services.questionnaires import available_definitions, definition_of
from tests.respondent.conftest import Respondent


def _fill_rows(builder, q, key, prefix, labels):
    """Type ``labels`` into the empty rows, asking for more rows as a planner would."""
    url = f"/planlegger/skjema/{q.id}/sporsmal/{key}"
    left = list(labels)
    while left:
        values = builder.form_values(url)
        empty = sorted(
            int(name.split("-")[1])
            for name, value in values.items()
            if name.startswith(f"{prefix}-") and name.endswith("-nb") and not value
        )
        for index in empty:
            if left:
                values[f"{prefix}-{index}-nb"] = left.pop(0)
        values["then"] = "more"
        response = builder.post(url, values)
        assert response.status_code == 302, response.text


def _build(builder, client, target):
    q = builder.new(target.title.nb)
    intro = target.intro.nb if target.intro else ""
    builder.post(
        f"/planlegger/skjema/{q.id}/innstillinger",
        {"title_nb": target.title.nb, "title_nn": "", "intro_nb": intro, "intro_nn": "", "audience": target.audience},
        page=f"/planlegger/skjema/{q.id}",
    )
    for s, section in enumerate(target.sections):
        if s > 0:
            builder.action(q, "del/ny")
        builder.post(
            f"/planlegger/skjema/{q.id}/del/{s}",
            {"title_nb": section.title.nb, "title_nn": "", "intro_nb": "", "intro_nn": ""},
        )
        for question in section.questions:
            key = builder.add_question(q, s, question.type)
            changes = {
                "key": question.key,
                "text_nb": question.text.nb,
                "help_nb": question.help.nb if question.help else "",
                "background": question.background or "",
                "theme": question.theme or "",
                "plan_section": question.plan_section or "",
            }
            if question.required:
                changes["required"] = "y"
            if question.options_from:
                changes["municipalities"] = "y"
            if question.show_if:
                changes["show_if_question"] = question.show_if.question
                changes["show_if_values"] = [f"{question.show_if.question}:{v}" for v in question.show_if.values]
            response = builder.save_question(q, key, **changes)
            assert response.status_code == 302, response.text
            if question.options:
                _fill_rows(builder, q, question.key, "options", [o.label.nb for o in question.options])
    return builder.latest()


def test_the_four_theme_round_built_from_blank_opens_and_receives_answers(builder, client, app, db, organisation):
    target = available_definitions()["innspill_fire_tema"]
    q = _build(builder, client, target)
    page = client.get(f"/planlegger/skjema/{q.id}").text
    assert "Dette må rettes" not in page
    assert builder.action(q, "lagre").status_code == 302
    q = builder.latest()
    built = as_data(definition_of(q.latest))
    expected = as_data(target)
    for data in (built, expected):
        data.pop("id")
        for section in data["sections"]:
            section.pop("key")
    assert built == expected

    opens = to_local(utcnow() - timedelta(minutes=5)).strftime("%Y-%m-%dT%H:%M")
    response = builder.post(
        f"/planlegger/runder/ny/{q.key}",
        {"title": "Innspill 2026", "audience": "open", "anonymous": "y", "opens_at": opens,
         "closes_at": "", "access_code": "", "municipalities": [m.id for m in organisation.municipalities]},
    )
    assert response.status_code == 302, response.text
    round_ = db.session.scalar(db.select(Round).filter_by(title="Innspill 2026"))
    assert round_.questionnaire_version_id == q.latest.id

    respondent = Respondent(app.test_client(), round_)
    respondent.start()
    respondent.answer({"kommune": "Ringebu", "rolle": "Ansatt", "tjeneste": "PPT"})
    respondent.answer({"hvor_trykker_skoen": "For lange ventelister.", "moter_oftest": ["Mobbing", "Rus"]})
    respondent.answer({"mellom_to_stoler": "Overgangen fra barnehage til skole.", "koordinering_tydelig": "2"})
    respondent.answer({"barn_blir_hort": "4"})
    respondent.answer({"rom_for_skjonn": "3", "skjonn_situasjon": "Vi ringte heller enn å skrive."}, action="send")
    assert "Takk" in respondent.html
    stored = db.session.scalar(db.select(Response).filter_by(round_id=round_.id))
    values = {a.question_key: a for a in stored.answers}
    assert values["tjeneste"] is not None and "hvor_trykker_skoen" in values
    assert client.get(f"/planlegger/runder/{round_.id}").status_code == 200
