"""SQL statements per vote (issue 15's budget): a vote is one small insert and one small answer."""

from __future__ import annotations

from surveyapp.models.ideawall import IdeaVote


def test_a_vote_takes_three_statements_and_answers_with_the_next(
    db, make_wall, seed, phone, statements
):
    wall = make_wall()
    first, second = seed(wall, "Mer fritidstilbud", "Gratis buss")
    first_id, second_id = first.id, second.id
    voter = phone(wall)
    token = voter.token()
    statements.clear()
    answer = voter.vote(first_id, "enig", token=token)
    assert answer.status_code == 200
    assert len(statements) <= 3, statements
    data = answer.get_json()
    assert data["next"]["id"] == second_id
    assert (data["voted"], data["total"]) == (1, 2)
    assert len(db.session.scalars(db.select(IdeaVote)).all()) == 1


def test_a_second_vote_is_refused_and_counted_once(db, make_wall, seed, phone):
    wall = make_wall()
    (first,) = seed(wall, "Mer fritidstilbud")
    voter = phone(wall)
    token = voter.token()
    assert voter.vote(first.id, "enig", token=token).status_code == 200
    again = voter.vote(first.id, "uenig", token=token)
    assert again.status_code == 409
    assert again.get_json()["next"] is None
    db.session.expire_all()
    assert first.vote_count == 1
    assert [v.value for v in db.session.scalars(db.select(IdeaVote))] == [1]


def test_a_vote_sends_no_cookie(make_wall, seed, phone):
    """The phone's session is read, not re-signed and re-sent, on every vote."""
    wall = make_wall()
    first, second = seed(wall, "Mer fritidstilbud", "Gratis buss")
    voter = phone(wall)
    token = voter.token()
    answer = voter.vote(first.id, "enig", token=token)
    assert answer.status_code == 200
    assert answer.headers.getlist("Set-Cookie") == []
    assert voter.vote(second.id, "uenig", token=token).status_code == 200
