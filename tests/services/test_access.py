"""The threshold in force, round lookup by organisation, and API tokens."""

from __future__ import annotations

from surveyapp.services import access, organisations


def test_threshold_is_the_higher_of_app_and_organisation(app, db, organisation):
    assert access.threshold_for(organisation) == 5
    organisation.suppression_threshold = 8
    assert access.threshold_for(organisation) == 8
    app.config["SUPPRESSION_THRESHOLD"] = 10
    assert access.threshold_for(organisation) == 10


def test_round_of_another_organisation_is_none(db, organisation, make_round):
    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    ours = make_round()
    assert access.round_of(organisation, ours.id) is ours
    assert access.round_of(other, ours.id) is None
    assert access.round_of(organisation, 987654) is None


def test_tokens_are_stored_hashed_and_checked(db, make_user):
    user = make_user("planner")
    token, plain = access.create_token(user, "Power BI")
    db.session.commit()
    assert plain.startswith("insp_") and len(plain) > 40
    assert plain not in token.token_hash and token.prefix == plain[:12]
    assert access.user_for_token(plain) is user
    assert access.user_for_token(plain + "x") is None
    assert access.user_for_token("feil") is None
    access.revoke_token(token)
    assert access.user_for_token(plain) is None


def test_token_of_checks_the_owner(db, make_user):
    owner, other = make_user("planner"), make_user("admin")
    token, _plain = access.create_token(owner, "x")
    assert access.token_of(owner, token.id) is token
    assert access.token_of(other, token.id) is None
