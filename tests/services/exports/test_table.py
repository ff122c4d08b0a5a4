"""Background blanking in row exports: no visible group or combination below the threshold."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from surveyapp.services.exports.files import _csv_safe, to_csv
from surveyapp.services.exports.table import HIDDEN, blank_background

KINDS = ["municipality", "service", "age_group"]
backgrounds = st.lists(
    st.fixed_dictionaries(
        {
            "municipality": st.sampled_from(["Nord-Fron", "Ringebu", "Sør-Fron", None]),
            "service": st.sampled_from(["Barnehage", "PPT", "NAV", "Skole/SFO", None]),
            "age_group": st.sampled_from(["0–5", "6–12", "13–18", None]),
        }
    ),
    min_size=2,
    max_size=120,
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=backgrounds, threshold=st.integers(2, 10), width=st.integers(1, 3))
def test_no_visible_group_or_combination_is_small(app, rows, threshold, width):
    assume(len(rows) >= threshold)  # smaller rounds are never exported at all
    kinds = KINDS[:width]
    shown = blank_background(rows, kinds, threshold)
    assert len(shown) == len(rows)
    for kind in kinds:
        for value, n in Counter(r[kind] for r in shown).items():
            if value != HIDDEN:
                assert n >= threshold, (kind, value, n)
        hidden = sum(1 for r in shown if r[kind] == HIDDEN)
        assert hidden == 0 or hidden >= threshold, (kind, hidden)
    combinations = Counter(tuple(r[k] for k in kinds) for r in shown)
    for combination, n in combinations.items():
        assert n >= threshold, (combination, n)
    for original, visible in zip(rows, shown):
        for kind in kinds:
            assert visible[kind] in (HIDDEN, original[kind])


def test_blanking_keeps_big_groups(app):
    rows = [{"service": "NAV"}] * 12 + [{"service": "Barnehage"}] * 9 + [{"service": "PPT"}] * 2
    shown = [r["service"] for r in blank_background(rows, ["service"], 5)]
    assert shown.count("NAV") == 12 and "PPT" not in shown
    assert shown.count(HIDDEN) == 11  # PPT and, to protect it, the next smallest group


def test_csv_cells_never_start_a_formula():
    assert _csv_safe("=1+1") == "'=1+1" and _csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert _csv_safe("-bedre samarbeid") == "'-bedre samarbeid"
    assert _csv_safe("Bra") == "Bra" and _csv_safe(-3) == -3
    data = to_csv(["a"], [["=2"]]).decode("utf-8-sig")
    assert data == "a\r\n'=2\r\n"
