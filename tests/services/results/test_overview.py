"""The overview data: every shown number is zero or a group of at least the threshold."""

from __future__ import annotations

import functools
import re
from datetime import date, timedelta

import pytest
from flask import render_template_string
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from surveyapp.services.results.overview import Row, completion_table, summarise, suppressed_table
from surveyapp.services.questionnaires import available_definitions

SERVICES = ["Barnehage", "PPT", "NAV", "Barnevern", None]
LIKERT = [1, 2, 3, 4, 5, "vet_ikke", None]
GAPS = ["Skolefravær", "Flyktninger", "Atferdsvansker"]
MUNICIPALITIES = ["Nord-Fron", "Ringebu", "Sør-Fron"]

responses = st.lists(
    st.fixed_dictionaries(
        {
            "service": st.sampled_from(SERVICES),
            "municipality": st.sampled_from([*MUNICIPALITIES, None]),
            "likert": st.sampled_from(LIKERT),
            "gaps": st.lists(st.sampled_from(GAPS), unique=True, max_size=3),
            "text": st.booleans(),
            "day": st.integers(0, 40),
        }
    ),
    max_size=80,
)


@functools.cache
def _tjenester():
    """The built-in staff questionnaire, parsed once (YAML parsing is slow)."""
    return available_definitions()["tjenester"]


def _rows(data) -> list[Row]:
    start = date(2026, 1, 5)
    rows = []
    for d in data:
        values = {"meldeplikt": d["likert"], "tiltak_virker": True if d["text"] else None}
        if d["gaps"]:
            values["hull_i_tilbudet"] = d["gaps"]
        rows.append(
            Row(
                background={
                    "service": d["service"],
                    "municipality": d["municipality"],
                    "role": None,
                    "age_group": None,
                },
                submitted_on=start + timedelta(days=d["day"]),
                values={k: v for k, v in values.items() if v is not None},
            )
        )
    return rows


def _tables(summary) -> list[dict]:
    tables = [*summary["breakdowns"], summary["completion"]]
    if summary["timeline"]:
        tables.append(summary["timeline"])
    for question in summary["questions"]:
        tables.extend(question["tables"])
    return tables


def _small(n: int | None, threshold: int) -> bool:
    return n is not None and 0 < n < threshold


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=responses, threshold=st.integers(2, 8), drafts=st.integers(0, 6))
def test_no_shown_number_comes_from_a_small_group(app, data, threshold, drafts):
    summary = summarise(
        _tjenester(), _rows(data), threshold, municipalities=MUNICIPALITIES, drafts=drafts
    )
    for table in _tables(summary):
        assert not _small(table["total"], threshold), table["title"]
        hidden = [r for r in table["rows"] if r["count"] is None]
        for row in table["rows"]:
            assert not _small(row["count"], threshold), (table["title"], row)
            if row["count"] is None:
                assert row["percent"] is None
        if table["kind"] == "counts" and table["total"] is not None:
            assert len(hidden) != 1, table["title"]  # one hidden cell = total minus the rest


NUMBER = re.compile(r'<td class="num">(?:<span[^>]*>)?([^<%]*)(?:</span>)?</td>')
CHART_VALUE = re.compile(r'class="chart-value">(\d+)')


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=responses, threshold=st.integers(2, 8))
def test_no_rendered_number_comes_from_a_small_group(app, data, threshold):
    summary = summarise(_tjenester(), _rows(data), threshold, municipalities=MUNICIPALITIES)
    template = (
        '{% from "planner/_results.html" import result %}'
        '{% for t in tables %}{{ result(t, "t" ~ loop.index) }}{% endfor %}'
    )
    with app.test_request_context():
        html = render_template_string(template, tables=_tables(summary))
    numbers = [int(n) for n in NUMBER.findall(html) if n.strip().isdigit()]
    numbers += [int(n) for n in CHART_VALUE.findall(html)]
    if len(data) >= threshold:
        assert len(data) in numbers, "the totals must be among the parsed numbers"
    assert [n for n in numbers if 0 < n < threshold] == []


def test_table_keeps_order_and_hides_small_cells(app):
    table = suppressed_table("Tjeneste", {"Barnehage": 30, "PPT": 4, "NAV": 20}, 5)
    assert [r["label"] for r in table["rows"]] == ["Barnehage", "PPT", "NAV"]
    assert [r["count"] for r in table["rows"]] == [30, None, None]
    assert table["total"] == 54 and table["any_hidden"]


def test_background_questions_are_shown_once_as_breakdowns(app):
    definition = available_definitions()["tjenester"]
    summary = summarise(definition, [], 5, municipalities=MUNICIPALITIES)
    assert {b["key"] for b in summary["breakdowns"]} == {"municipality", "service", "age_group"}
    keys = {q["key"] for q in summary["questions"]}
    assert not keys & {"kommune", "tjeneste", "aldersgruppe"}
    assert summary["timeline"] is None


def test_long_rounds_count_per_week(app):
    definition = available_definitions()["tjenester"]
    rows = [
        Row(background={}, submitted_on=date(2026, 1, 5) + timedelta(days=d))
        for d in range(0, 60, 2)
    ]
    summary = summarise(definition, rows, 5, municipalities=MUNICIPALITIES)
    labels = [r["label"] for r in summary["timeline"]["rows"]]
    assert labels[0] == "Uke 2" and len(labels) == 9


@pytest.mark.parametrize(
    ("submitted", "drafts"), [(20, 2), (3, 3), (3, 10), (2, 0), (0, 4), (20, 7), (20, 0)]
)
def test_completion_never_gives_a_hidden_cell_beside_the_published_number_sent(
    app, submitted, drafts
):
    """The number sent is shown in the header, so sum and shares must not give the rest."""
    table = completion_table(submitted, drafts, 5)
    counts = [r["count"] for r in table["rows"]]
    if None in counts:
        assert table["total"] is None
        assert all(r["percent"] is None for r in table["rows"])
    else:
        assert counts == [submitted, drafts] and table["total"] == submitted + drafts
    assert not _small(counts[1], 5) and not _small(table["total"], 5)
