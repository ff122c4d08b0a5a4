"""Versions protect answers: a round keeps its version; only unopened, empty rounds move on."""

from __future__ import annotations

from datetime import timedelta

from surveyapp.models import Round, utcnow
from surveyapp.services.builder import versions
from surveyapp.services.questionnaires import definition_of
from surveyapp.services.rounds import RoundSettings, create_round
from tests.builder.test_builder import _with_condition


def _round(db, organisation, q, opens=True, title="Runde"):
    settings = RoundSettings(
        title=title,
        audience="open",
        opens_at=utcnow() - timedelta(hours=1) if opens else None,
    )
    round_ = create_round(organisation, q.latest, settings)
    db.session.commit()
    return round_


def test_a_round_with_answers_keeps_its_questions_when_the_questionnaire_changes(
    builder, client, db, organisation, add_responses
):
    q = _with_condition(builder)
    builder.action(q, "lagre")
    q = builder.latest()
    answered = _round(db, organisation, q, title="Med svar")
    waiting = _round(db, organisation, q, opens=False, title="Ikke åpnet")
    add_responses(answered, 1, rolle="Ansatt")
    before = definition_of(answered.questionnaire_version)

    page = client.get(f"/planlegger/skjema/{q.id}").text
    builder.save_question(q, "rolle", text_nb="Hva er rollen din?")
    page = client.get(f"/planlegger/skjema/{q.id}").text
    assert (
        "Skjemaet har svar i runden Med svar. Lagring lager versjon 2; runden beholder "
        "versjonen sin (versjon 1)." in page
    )
    assert "Runden Ikke åpnet er ikke åpnet og har ingen svar, så den tar i bruk versjon 2." in page
    assert builder.action(q, "lagre").status_code == 302

    db.session.expire_all()
    answered = db.session.get(Round, answered.id)
    waiting = db.session.get(Round, waiting.id)
    assert answered.questionnaire_version.version == 1
    assert definition_of(answered.questionnaire_version) == before
    assert before.question("rolle").text.nb == "Rolle?"
    assert waiting.questionnaire_version.version == 2
    assert definition_of(waiting.questionnaire_version).question("rolle").text.nb == "Hva er rollen din?"
    # the answered round's pages still work on its own version
    assert client.get(f"/planlegger/runder/{answered.id}").status_code == 200


def test_a_stored_version_cannot_be_changed(builder, db):
    import pytest

    from surveyapp.exceptions import ImmutableRecord

    q = _with_condition(builder)
    builder.action(q, "lagre")
    version = builder.latest().latest
    version.title = "Noe annet"
    with pytest.raises(ImmutableRecord):
        db.session.flush()
    db.session.rollback()


def test_a_respondent_draft_freezes_the_version_too(builder, client, db, organisation):
    from surveyapp.respondent import drafts

    q = _with_condition(builder)
    builder.action(q, "lagre")
    q = builder.latest()
    round_ = _round(db, organisation, q, opens=False)
    drafts.start_draft(round_, "nb")
    db.session.commit()
    assert [u.answered for u in versions.uses(q)] == [True]


def test_built_in_questionnaires_cannot_be_saved_from_the_builder(db):
    import pytest

    from surveyapp.exceptions import InnspillError
    from surveyapp.services.questionnaires import latest_version

    builtin = latest_version("tjenester").questionnaire
    with pytest.raises(InnspillError):
        versions.save_version(builtin, builtin.latest.definition)


def test_new_round_lists_own_questionnaires_and_opens_one(builder, client, db, organisation):
    q = _with_condition(builder)
    builder.action(q, "lagre")
    page = client.get("/planlegger/runder/ny").text
    assert "Egne spørreskjema" in page and f"/planlegger/runder/ny/{q.key}" in page
    assert client.get(f"/planlegger/sporreskjema/{q.key}").status_code == 200
    form = client.get(f"/planlegger/runder/ny/{q.key}")
    assert form.status_code == 200


def test_another_organisations_questionnaire_is_not_offered(builder, client, db):
    from surveyapp.services import organisations

    other = organisations.create_organisation("Fjellet", ["Lesja"])
    theirs = versions.create(other, "Hemmelig skjema")
    db.session.flush()
    theirs.draft = {**theirs.draft, "sections": [{"key": "a", "title": {"nb": "A"}, "questions": [{"key": "x", "type": "short_text", "text": {"nb": "X?"}}]}]}
    versions.save_version(theirs)
    db.session.commit()
    assert "Hemmelig skjema" not in client.get("/planlegger/runder/ny").text
    assert client.get(f"/planlegger/runder/ny/{theirs.key}").status_code == 404
    assert client.get(f"/planlegger/sporreskjema/{theirs.key}").status_code == 404
