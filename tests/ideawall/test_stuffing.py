"""Vote stuffing: joins per minute are shown, and devices joining after closing do not count."""

from __future__ import annotations

from surveyapp.models.ideawall import IdeaParticipant
from surveyapp.services import ideawall as service
from tests.conftest import csrf_token


def test_a_phone_that_joins_again_and_again_is_seen(db, make_wall, seed, phone, auth, make_user):
    wall = make_wall()
    seed(wall, "Flere fritidsklubber")
    for _ in range(15):  # one phone dropping its cookie: fifteen "participants"
        phone(wall)
    rate = service.join_rate(wall)
    assert rate["last_minute"] == 15 and rate["busiest_minute"] == 15
    auth.login(make_user("planner").email)
    page = auth.client.get(f"/planlegger/idevegg/{wall.id}/moderering").text
    assert "Siste minutt" in page and "<dd>15</dd>" in page and "Steng for nye deltakere" in page


def test_votes_of_devices_joining_after_closing_are_not_counted(
    app, db, make_wall, seed, phone, auth, make_user
):
    wall = make_wall()
    (statement,) = seed(wall, "Flere fritidsklubber")
    early = [phone(wall) for _ in range(3)]
    auth.login(make_user("planner").email)
    page = auth.client.get(f"/planlegger/idevegg/{wall.id}")
    response = auth.client.post(
        f"/planlegger/idevegg/{wall.id}/deltakere/steng",
        data={"csrf_token": csrf_token(page.text)},
    )
    assert response.status_code == 303
    late = [phone(wall) for _ in range(10)]
    for p in early:
        assert p.vote(statement.id, "enig").status_code == 200
    for p in late:
        assert p.vote(statement.id, "uenig").status_code == 200
    assert "stemmene dine telles ikke" in late[0].page().text
    counts = service.statement_counts(wall)[statement.id]
    assert (counts.agree, counts.disagree) == (3, 0)
    assert {p for p, _s, _v in service.vote_triples(wall)} == {
        i for i in db.session.scalars(db.select(IdeaParticipant.id).filter_by(counted=True))
    }
    assert service.wall_totals([wall])[wall.id]["participants"] == 3
    assert service.join_rate(wall)["not_counted"] == 10


def test_the_join_rate_ties_no_device_to_a_time(db, make_wall, phone):
    wall = make_wall()
    phone(wall)
    columns = set(IdeaParticipant.__table__.columns.keys())
    assert columns == {"id", "wall_id", "key_hash", "joined_on", "counted"}
