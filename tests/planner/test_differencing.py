"""An attacker with a planner login, comparing every aggregate before and after each answer.

Answers arrive one at a time; after each one the attacker takes the overview HTML, the API
JSON, the charts, the CSV and XLSX exports, the free-text page and the analysis pages. No
two consecutive views may differ unless a whole snapshot (at least the threshold of new
answers) lies between them, so no difference ever singles out a respondent.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections import Counter

import pytest
from openpyxl import load_workbook

from surveyapp.extensions import db
from surveyapp.models import Response
from surveyapp.services.responses import new_response
from tests.conftest import csrf_token

LIKERT = ("rutiner_bekymring", "meldeplikt", "kjenner_tjenester")
VOLATILE = [
    re.compile(r'name="csrf_token"[^>]*>'),
    re.compile(r'<p class="big-number" id="response-total">.*?</p>', re.DOTALL),
    re.compile(r'data-shown="\d+"'),
    re.compile(r'<meta name="csrf-token"[^>]*>'),
]


def answers(service: str, municipality: str, likert: int, gap: str, text: str) -> dict:
    return {
        "tjeneste": service,
        "kommune": municipality,
        **{key: likert for key in LIKERT},
        "hull_i_tilbudet": [gap],
        "tiltak_virker": text,
    }


class Attacker:
    """Takes every aggregate a planner can see, with the live counter left out."""

    def __init__(self, client, round_, run):
        self.client, self.round, self.run = client, round_, run

    def html(self, url: str) -> str:
        page = self.client.get(url).text
        for pattern in VOLATILE:
            page = pattern.sub("", page)
        return re.sub(r"\d+ svar har kommet inn etter analysen", "", page)

    def api(self) -> dict:
        data = self.client.get(f"/api/rounds/{self.round.id}").get_json()
        data.pop("responses")  # the live counter may show the total
        data["overview"]["snapshot"].pop("pending")
        return data

    def export(self, fmt: str) -> bytes:
        page = self.client.get(f"/planlegger/runder/{self.round.id}/eksport").text
        url = f"/planlegger/runder/{self.round.id}/eksport/{fmt}"
        return self.client.post(url, data={"csrf_token": csrf_token(page)}).data

    def csv_rows(self) -> Counter:
        text = self.export("csv").decode("utf-8-sig")
        if not text.startswith("nr;"):
            return Counter()
        # row numbers say nothing about a person; compare the rest as a multiset
        return Counter(line.split(";", 1)[1] for line in text.splitlines()[1:])

    def xlsx_rows(self) -> Counter:
        data = self.export("xlsx")
        if not data.startswith(b"PK"):
            return Counter()
        sheet = load_workbook(io.BytesIO(data))["Svar"]
        return Counter(tuple(row[1:]) for row in sheet.iter_rows(min_row=2, values_only=True))

    def view(self) -> dict:
        rid, run = self.round.id, self.run.id
        theme = self.run.themes[0].id
        return {
            "overview": self.html(f"/planlegger/runder/{rid}"),
            "api": json.dumps(self.api(), sort_keys=True),
            "texts": self.html(f"/planlegger/runder/{rid}/fritekst/tiltak_virker"),
            "csv": self.csv_rows(),
            "xlsx": self.xlsx_rows(),
            "run": self.html(f"/planlegger/analyse/{run}"),
            "theme": self.html(f"/planlegger/analyse/{run}/tema/{theme}"),
            "compare": self.html(f"/planlegger/analyse/{run}/sammenlign?gruppe=service"),
        }


def published() -> int:
    return db.session.scalar(
        db.select(db.func.count(Response.id)).where(Response.snapshot_id.is_not(None))
    )


def submit(round_, values: dict) -> None:
    db.session.add(new_response(round_, values, uuid.uuid4().hex))
    db.session.commit()


def assert_zeros_hidden_beside_hidden_cells(overview: dict) -> None:
    tables = [*overview["breakdowns"], *(t for q in overview["questions"] for t in q["tables"])]
    for table in tables:
        counts = [row["count"] for row in table["rows"]]
        if None in counts:
            assert 0 not in counts, table["title"]
        assert all(c is None or c == 0 or c >= overview["threshold"] for c in counts)


@pytest.fixture
def planner(login_as):
    return login_as("planner")


@pytest.fixture
def attack(client, planner, make_round, stored_run):
    """A staff round with 18 answers from Skole/SFO in Nord-Fron, and an analysis of them."""
    round_ = make_round()
    for i in range(18):
        submit(round_, answers("Skole/SFO", "Nord-Fron", 4, "Psykisk helse og rus", f"Svar {i}"))
    attacker = Attacker(client, round_, None)
    attacker.html(f"/planlegger/runder/{round_.id}")  # the first snapshot: all 18
    responses = db.session.scalars(db.select(Response).order_by(Response.id)).all()
    themes = {"Samarbeid": responses[:9], "Ventetid": responses[9:]}
    attacker.run = stored_run(round_, themes, question="tiltak_virker")
    return attacker


def test_the_only_child_welfare_and_ppt_employees_are_not_given_away(attack):
    """The two cases of issue 19: answers 19 and 20 move nothing the attacker can see."""
    before = attack.view()
    api_before = attack.api()
    submit(attack.round, answers("Barnevern", "Sør-Fron", 4, "Psykisk helse og rus", "Jeg alene"))
    assert attack.view() == before
    submit(attack.round, answers("PPT", "Ringebu", 1, "Annet", "Også alene"))
    assert attack.view() == before
    services = {r["label"]: r["count"] for r in api_before["overview"]["breakdowns"][1]["rows"]}
    assert services["Barnevern"] == 0  # and it stays 0: nothing moves one answer at a time
    assert attack.api() == api_before


def test_no_two_consecutive_views_single_out_a_respondent(attack):
    services = ["Barnevern", "PPT", "NAV", "Skole/SFO", "Barnehage", "Kultur/fritid"]
    places = ["Nord-Fron", "Sør-Fron", "Ringebu"]
    gaps = ["Psykisk helse og rus", "Atferdsvansker", "Skolefravær", "Flyktninger"]
    last_view, last_published = attack.view(), published()
    steps = []
    for i in range(17):
        values = answers(
            services[i % len(services)], places[i % 3], 1 + i % 5, gaps[i % 4], f"Nytt {i}"
        )
        submit(attack.round, values)
        view, now = attack.view(), published()
        assert_zeros_hidden_beside_hidden_cells(attack.api()["overview"])
        if now == last_published:
            assert view == last_view, f"answer {19 + i} moved a number on its own"
        else:
            assert now - last_published >= 5
            for fmt in ("csv", "xlsx"):
                # rows may also change background blanking; never fewer than 5 are new
                assert sum((view[fmt] - last_view[fmt]).values()) >= 5
            steps.append(now)
        last_view, last_published = view, now
    assert steps == [23, 28, 33]
