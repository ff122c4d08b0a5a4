"""The builder over HTTP with CSRF on: every action, and its errors in Norwegian, never a 500."""

from __future__ import annotations

import copy

import pytest

from surveyapp.models import Questionnaire
from surveyapp.services import organisations


def test_menu_list_and_access(client, builder, login_as):
    html = client.get("/planlegger/").text
    assert ">Spørreskjema</a>" in html
    page = client.get("/planlegger/skjema/").text
    assert "Innspillsrunde med fire tema" in page and "kan ikke endres" in page
    assert page.count(">Kopier<") == 4
    builder.new("Vårt skjema")
    page = client.get("/planlegger/skjema/").text
    assert "Vårt skjema" in page and "Bare utkast" in page and ">Rediger<" in page


def test_viewers_cannot_build(client, login_as):
    login_as("viewer", email="leser@midtdalen.example")
    assert client.get("/planlegger/skjema/").status_code == 403
    assert client.get("/planlegger/skjema/ny").status_code == 403


def test_another_organisations_questionnaire_is_404(client, builder, db):
    other = organisations.create_organisation("Fjellet", ["Lesja"])
    db.session.commit()
    from surveyapp.services.builder import versions

    theirs = versions.create(other, "Deres skjema")
    db.session.commit()
    for url in ("", "/forhandsvis", "/del/0", "/sporsmal/x"):
        assert client.get(f"/planlegger/skjema/{theirs.id}{url}").status_code == 404
    assert builder.post(f"/planlegger/skjema/{theirs.id}/lagre", page="/planlegger/skjema/").status_code == 404


def test_new_needs_a_title(builder):
    response = builder.post("/planlegger/skjema/ny", {"title": "  ", "start": ""})
    assert response.status_code == 400
    assert "Noe må rettes" in response.text


def test_copy_of_a_built_in_holds_its_questions_and_built_ins_stay_unchanged(builder, client, db):
    response = builder.post("/planlegger/skjema/kopier/tjenester", page="/planlegger/skjema/")
    assert response.status_code == 302
    q = builder.latest()
    assert q.organisation_id is not None and q.key != "tjenester"
    assert q.draft["title"]["nb"].endswith("(kopi)")
    from surveyapp.services.questionnaires import available_definitions

    assert len([x for s in q.draft["sections"] for x in s["questions"]]) == len(
        available_definitions()["tjenester"].questions()
    )
    start = builder.new("Fra eget", start=q.key)
    assert start.draft["sections"] == q.draft["sections"]


def test_sections_add_edit_move_duplicate_remove(builder, client):
    q = builder.new()
    assert builder.action(q, "del/ny").status_code == 302
    response = builder.post(f"/planlegger/skjema/{q.id}/del/1", {"title_nb": "Samhandling", "title_nn": "Samhandling", "intro_nb": "", "intro_nn": ""})
    assert response.status_code == 302
    assert builder.action(q, "del/1/opp").status_code == 302
    q = builder.latest()
    assert [s["title"]["nb"] for s in q.draft["sections"]] == ["Samhandling", "Del 1"]
    builder.action(q, "del/0/dupliser")
    q = builder.latest()
    assert [s["key"] for s in q.draft["sections"]] == ["del_2", "del_2_kopi", "del_1"]
    for _ in range(2):
        builder.action(q, "del/0/fjern")
    response = builder.action(q, "del/0/fjern")
    assert response.status_code == 302
    assert "minst én del" in client.get(response.headers["Location"]).text
    assert len(builder.latest().draft["sections"]) == 1


def test_every_question_type_can_be_added_and_filled(builder, client):
    q = builder.new()
    kinds = ["single_choice", "multiple_choice", "likert", "likert_grid", "short_text", "long_text", "number"]
    keys = [builder.add_question(q, 0, kind) for kind in kinds]
    fills = {
        "single_choice": {"text_nb": "Rolle?", "text_nn": "Rolle?", "options-0-nb": "Ansatt", "options-0-nn": "Tilsett", "options-1-nb": "Leder", "background": "role", "required": "y"},
        "multiple_choice": {"text_nb": "Hva møter du?", "options-0-nb": "Mobbing", "options-1-nb": "Rus", "help_nb": "Velg så mange du vil."},
        "likert": {"text_nb": "Det er tydelig hvem som koordinerer."},
        "likert_grid": {"text_nb": "Hvor enig er du?", "items-0-nb": "Ansvaret er tydelig.", "items-1-nb": "Informasjon deles godt."},
        "short_text": {"text_nb": "Én setning", "max_length": "80"},
        "long_text": {"text_nb": "Hva tenker du?", "theme": "samhandling", "plan_section": "strategi"},
        "number": {"text_nb": "Hvor mange møter?", "min": "0", "max": "100"},
    }
    for kind, key in zip(kinds, keys):
        response = builder.save_question(q, key, **fills[kind])
        assert response.status_code == 302, response.text
    q = builder.latest()
    stored = {x["type"]: x for x in q.draft["sections"][0]["questions"]}
    assert stored["single_choice"]["options"][0] == {"value": "Ansatt", "label": {"nb": "Ansatt", "nn": "Tilsett"}}
    assert stored["single_choice"]["background"] == "role" and stored["single_choice"]["required"]
    assert [i["key"] for i in stored["likert_grid"]["items"]] == ["ansvaret_er_tydelig", "informasjon_deles_godt"]
    assert stored["short_text"]["max_length"] == 80
    assert (stored["number"]["min"], stored["number"]["max"]) == (0, 100)
    assert stored["likert"]["scale"]["low"]["nb"] == "Helt uenig"
    assert builder.action(q, "lagre").status_code == 302
    assert builder.latest().latest.version == 1


def test_question_moves_duplicates_and_removal(builder, client):
    q = builder.new()
    builder.action(q, "del/ny")
    first = builder.add_question(q, 0, "short_text")
    second = builder.add_question(q, 0, "short_text")
    builder.action(q, f"sporsmal/{first}/ned")
    assert [x["key"] for x in builder.latest().draft["sections"][0]["questions"]] == [second, first]
    builder.action(q, f"sporsmal/{first}/ned")  # past the edge: into the next section
    sections = builder.latest().draft["sections"]
    assert [x["key"] for x in sections[1]["questions"]] == [first]
    builder.action(q, f"sporsmal/{first}/dupliser")
    assert [x["key"] for x in builder.latest().draft["sections"][1]["questions"]] == [first, f"{first}_kopi"]
    builder.action(q, f"sporsmal/{first}_kopi/fjern")
    assert [x["key"] for x in builder.latest().draft["sections"][1]["questions"]] == [first]


def _with_condition(builder):
    q = builder.new()
    role = builder.add_question(q, 0, "single_choice")
    builder.save_question(q, role, key="rolle", text_nb="Rolle?", **{"options-0-nb": "Ansatt", "options-1-nb": "Forelder"})
    follow = builder.add_question(q, 0, "long_text")
    response = builder.save_question(q, follow, key="foreldre", text_nb="Hva trenger foreldre?", show_if_question="rolle", show_if_values=["rolle:Forelder"])
    assert response.status_code == 302
    return builder.latest()


def test_condition_is_chosen_from_earlier_questions(builder, client):
    q = _with_condition(builder)
    rule = q.draft["sections"][0]["questions"][1]["show_if"]
    assert rule == {"question": "rolle", "equals": "Forelder"}
    page = client.get(f"/planlegger/skjema/{q.id}/sporsmal/rolle").text
    assert "Ingen spørsmål med svaralternativer kommer før dette" in page
    page = client.get(f"/planlegger/skjema/{q.id}/sporsmal/foreldre").text
    assert 'value="rolle:Forelder" checked' in page


def test_removing_a_question_a_condition_needs_is_refused(builder, client):
    q = _with_condition(builder)
    response = builder.action(q, "sporsmal/rolle/fjern")
    assert "styrer når «Hva trenger foreldre?» vises" in client.get(response.headers["Location"]).text
    assert len(builder.latest().draft["sections"][0]["questions"]) == 2


def test_a_new_key_is_followed_by_conditions_and_a_taken_key_is_refused(builder, client):
    q = _with_condition(builder)
    assert builder.save_question(q, "rolle", key="rolle_din").status_code == 302
    assert builder.latest().draft["sections"][0]["questions"][1]["show_if"]["question"] == "rolle_din"
    response = builder.save_question(q, "foreldre", key="rolle_din")
    assert response.status_code == 400 and "brukes allerede" in response.text
    response = builder.save_question(q, "foreldre", key="Ugyldig nøkkel")
    assert response.status_code == 400 and "Bare små bokstaver" in response.text


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("empty_choices", "Spørsmålet «Rolle?» har ingen svaralternativer"),
        ("forward", "Spørsmålet «Hva trenger foreldre?» har et vilkår som peker framover, til «Rolle?»"),
        ("duplicate", "nøkkelen «rolle» brukes av et annet spørsmål også"),
        ("no_text", "Spørsmål 3 i delen «Del 1» mangler tekst på bokmål"),
    ],
)
def test_save_version_names_the_question_and_the_problem(builder, client, db, change, message):
    q = _with_condition(builder)
    if change == "empty_choices":
        builder.save_question(q, "rolle", **{"options-0-nb": "", "options-1-nb": ""})
    elif change == "forward":
        builder.action(q, "sporsmal/foreldre/opp")
    elif change == "duplicate":
        draft = copy.deepcopy(q.draft)
        draft["sections"][0]["questions"][1]["key"] = "rolle"
        q.draft = draft
        db.session.commit()
    else:
        builder.add_question(q, 0, "short_text")
    page = client.get(f"/planlegger/skjema/{q.id}").text
    assert message in page
    response = builder.action(q, "lagre")
    assert response.status_code == 302
    assert "Versjonen ble ikke lagret" in client.get(response.headers["Location"]).text
    assert builder.latest().versions == []


def test_missing_nynorsk_is_listed(builder, client):
    q = _with_condition(builder)
    page = client.get(f"/planlegger/skjema/{q.id}").text
    assert "tekster mangler nynorsk" in page
    assert "Spørsmålet «Rolle?»: spørsmålstekst" in page


def test_nothing_changed_saves_no_new_version(builder, client):
    q = _with_condition(builder)
    builder.action(q, "lagre")
    response = builder.action(q, "lagre")
    assert "Ingen endringer" in client.get(response.headers["Location"]).text
    assert len(builder.latest().versions) == 1


def test_reorder_by_drag_and_drop_posts_the_new_order(builder, client):
    q = _with_condition(builder)
    third = builder.add_question(q, 0, "short_text")
    response = builder.action(q, "del/0/rekkefolge", {"order": f"rolle,{third},foreldre"})
    assert response.status_code == 302
    assert [x["key"] for x in builder.latest().draft["sections"][0]["questions"]] == ["rolle", third, "foreldre"]
    response = builder.action(q, "del/0/rekkefolge", {"order": "rolle"})
    assert "Rekkefølgen kunne ikke leses" in client.get(response.headers["Location"]).text


def test_actions_without_a_csrf_token_are_refused(builder, client):
    q = builder.new()
    assert client.post(f"/planlegger/skjema/{q.id}/del/ny").status_code == 400
    assert client.post(f"/planlegger/skjema/{q.id}/lagre").status_code == 400


def test_preview_uses_the_respondent_templates_and_stores_nothing(builder, client, db):
    from surveyapp.models import Draft, Response

    q = _with_condition(builder)
    page = client.get(f"/planlegger/skjema/{q.id}/forhandsvis").text
    assert "phone-frame" in page and "js/respondent.js" in page
    assert 'name="q-rolle"' in page and 'data-show-if-question="rolle"' in page
    assert db.session.scalar(db.select(Response.id)) is None
    assert db.session.scalar(db.select(Draft.id)) is None
    builder.add_question(q, 0, "single_choice")
    page = client.get(f"/planlegger/skjema/{q.id}/forhandsvis").text
    assert "har ingen svaralternativer" in page
