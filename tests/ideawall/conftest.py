"""Fixtures for the idea wall: walls, seeded statements and phones (one test client each)."""

from __future__ import annotations

import numpy as np
import pytest

from surveyapp.models.ideawall import IdeaParticipant, IdeaVote
from surveyapp.services import ideawall as service
from tests.conftest import csrf_token, forget_request_state

PROMPT = "Hva er det viktigste kommunen kan gjøre for at unge skal ha det bra?"


@pytest.fixture
def make_wall(db, organisation):
    def make(prompts=(PROMPT,), moderated=False, org=None, title="Ungdomsrådet mars"):
        wall = service.create_wall(org or organisation, title, list(prompts), moderated=moderated)
        db.session.commit()
        return wall

    return make


@pytest.fixture
def seed(db):
    """Statements the contact person adds (approved at once)."""

    def add(wall, *texts):
        statements = [service.add_statement(wall, text) for text in texts]
        db.session.commit()
        return statements

    return add


class Phone:
    """One participant's phone: its own cookies, reading CSRF tokens from pages like a browser."""

    def __init__(self, app, wall):
        self.client = app.test_client()
        self.code = wall.join_code
        self.url = f"/v/{wall.join_code}"

    def send(self, method: str, url: str, **kwargs):
        """A request from this phone, leaving no CSRF token behind for other clients."""
        forget_request_state()
        try:
            return self.client.open(url, method=method, **kwargs)
        finally:
            forget_request_state()

    def page(self):
        return self.send("GET", self.url)

    def token(self) -> str:
        return csrf_token(self.page().text)

    def join(self):
        return self.send("POST", f"{self.url}/bli-med", data={"csrf_token": self.token()})

    @property
    def key(self) -> str | None:
        cookie = self.client.get_cookie("idevegg", domain="innspill.test", path=self.url)
        return cookie.value if cookie else None

    def write(self, text: str, prompt: int | None = None, *, token: str | None = None):
        data = {"csrf_token": token or self.token(), "text": text}
        if prompt is not None:
            data["prompt"] = str(prompt)
        return self.send("POST", f"{self.url}/skriv", data=data)

    def vote(
        self, statement_id, vote: str = "enig", *, json: bool = True, token: str | None = None
    ):
        headers = {"Accept": "application/json"} if json else {}
        data = {
            "csrf_token": token or self.token(),
            "statement_id": str(statement_id),
            "vote": vote,
        }
        return self.send("POST", f"{self.url}/stem", data=data, headers=headers)

    def next(self):
        return self.send("GET", f"{self.url}/neste").get_json()


@pytest.fixture
def phone(app):
    def make(wall, join: bool = True) -> Phone:
        p = Phone(app, wall)
        if join:
            assert p.join().status_code == 303
        return p

    return make


def simulated_council(n_a: int, n_b: int, seed: int = 1, noise: float = 0.1, missing: float = 0.15):
    """Votes of two camps on 12 statements: 0-3 camp A's, 4-7 camp B's, 8-11 shared by all.

    Returns ``(votes, camp)``: (participant, statement index, value) triples and each
    participant's camp (0 or 1).
    """
    rng = np.random.default_rng(seed)
    votes, camp = [], {}
    for p in range(n_a + n_b):
        camp[p] = 0 if p < n_a else 1
        for s in range(12):
            if rng.random() < missing:
                continue
            if s < 8:
                value = 1 if (s < 4) == (camp[p] == 0) else -1
            else:
                value = 1
            if rng.random() < noise:
                value = int(rng.choice([-1, 0, 1]))
            votes.append((p, s, value))
    return votes, camp


@pytest.fixture
def fill_wall(db, seed):
    """Put a simulated council on a wall: 12 statements and the participants' votes."""

    def fill(wall, votes, texts=None):
        texts = texts or [f"Innlegg nummer {i + 1} om fritid og skole" for i in range(12)]
        statements = seed(wall, *texts)
        participants = {}
        for p, _, _ in votes:
            if p not in participants:
                participants[p] = IdeaParticipant(wall_id=wall.id, key_hash=f"{p:064x}")
                db.session.add(participants[p])
        db.session.flush()
        db.session.add_all(
            IdeaVote(participant_id=participants[p].id, statement_id=statements[s].id, value=v)
            for p, s, v in votes
        )
        db.session.commit()
        return statements, participants

    return fill
