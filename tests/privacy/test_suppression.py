"""Tests for surveyapp.privacy.suppression: thresholds, complements and an attacker's view."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from surveyapp.privacy import (
    DEFAULT_THRESHOLD,
    Cell,
    HiddenReason,
    group_may_be_shown,
    suppress_counts,
    suppress_crosstab,
)

T = DEFAULT_THRESHOLD


# --- group_may_be_shown ------------------------------------------------------------


def test_group_boundary():
    assert not group_may_be_shown(T - 1)
    assert group_may_be_shown(T)
    assert not group_may_be_shown(0)
    assert group_may_be_shown(3, threshold=3)
    assert group_may_be_shown(1, threshold=1)


@pytest.mark.parametrize("bad", [0, -1, 2.5, True, "5"])
def test_invalid_threshold(bad):
    with pytest.raises(ValueError):
        group_may_be_shown(10, threshold=bad)
    with pytest.raises(ValueError):
        suppress_counts({"a": 10}, threshold=bad)


@pytest.mark.parametrize("bad", [-1, 1.0, None])
def test_invalid_counts(bad):
    with pytest.raises(ValueError):
        suppress_counts({"a": 10, "b": bad})
    with pytest.raises(ValueError):
        suppress_crosstab({("a", "x"): bad})


# --- one-way -------------------------------------------------------------------------


def test_threshold_minus_one_is_hidden_threshold_is_shown():
    result = suppress_counts({"Skole": T - 1, "NAV": 20, "Helsestasjon": 30})
    assert result.count("Skole") is None
    assert result.cells["Skole"].reason is HiddenReason.TOO_FEW
    # One hidden cell could be recovered from the total: the smallest other is hidden too.
    assert result.cells["NAV"].reason is HiddenReason.PROTECTS_OTHER
    assert result.hidden_keys == ["Skole", "NAV"]
    assert result.count("Helsestasjon") == 30
    assert result.total == Cell(54, None)
    assert result.cells["Helsestasjon"].percent == pytest.approx(100 * 30 / 54)

    shown = suppress_counts({"Skole": T, "NAV": 20, "Helsestasjon": 30})
    assert shown.hidden_keys == []
    assert [c.count for c in shown.cells.values()] == [T, 20, 30]
    assert sum(c.percent for c in shown.cells.values()) == pytest.approx(100)


def test_no_suppression_needed():
    result = suppress_counts({"a": 10, "b": 0, "c": 7})
    assert result.hidden_keys == []
    assert result.count("b") == 0  # zeros are shown
    assert result.total.count == 17


def test_two_small_cells_whose_sum_is_still_small_get_a_third():
    # 1 + 2 = 3 people "in a or b" would be derivable from the total: a small group.
    result = suppress_counts({"a": 1, "b": 2, "c": 9, "d": 40})
    assert result.hidden_keys == ["a", "b", "c"]
    assert result.cells["c"].reason is HiddenReason.PROTECTS_OTHER


def test_two_small_cells_with_a_large_enough_sum_protect_each_other():
    result = suppress_counts({"a": 3, "b": 4, "c": 9, "d": 40})
    assert result.hidden_keys == ["a", "b"]


def test_complement_prefers_the_smallest_non_zero_cell():
    result = suppress_counts({"a": 2, "z": 0, "big": 90, "mid": 12, "mid2": 12})
    assert result.hidden_keys == ["a", "z", "mid"]
    assert result.cells["mid"].reason is HiddenReason.PROTECTS_OTHER


def test_zeros_beside_a_hidden_cell_are_hidden_too():
    """0 → skjult must not tell anyone who answered: a zero next to hidden cells is hidden."""
    result = suppress_counts({"1": 0, "2": 0, "3": 2, "4": 3, "5": 18})
    assert result.hidden_keys == ["1", "2", "3", "4"]
    assert result.cells["1"].reason is HiddenReason.TOO_FEW
    assert result.count("5") == 18 and result.total.count == 23


def test_zeros_in_a_cross_table_with_hidden_cells_are_hidden():
    table = {("in", "a"): 0, ("in", "b"): 3, ("in", "c"): 10, ("out", "a"): 8}
    table |= {("out", "b"): 9, ("out", "c"): 10}
    result = suppress_crosstab(table)
    assert result.cells[("in", "a")].hidden
    assert_no_single_equation_disclosure(result)
    assert_no_linear_disclosure(table, result)
    if result.hidden_cells:
        assert all(c.count != 0 for c in result.cells.values()), "zeros are cells too"


def test_small_total_hides_everything_including_zeros():
    result = suppress_counts({"a": 3, "b": 0, "c": 0})
    assert all(c.hidden for c in result.cells.values())
    assert result.total.hidden
    assert result.total.reason is HiddenReason.TOO_FEW


def test_empty_and_all_zero_tables():
    assert suppress_counts({}).total.count == 0
    zero = suppress_counts({"a": 0, "b": 0})
    assert zero.hidden_keys == [] and zero.total.count == 0
    assert zero.cells["a"].percent is None


def test_configurable_threshold():
    counts = {"a": 9, "b": 10, "c": 30}
    assert suppress_counts(counts, threshold=10).hidden_keys == ["a", "b"]
    assert suppress_counts(counts, threshold=3).hidden_keys == []
    assert suppress_counts({"a": 1, "b": 2}, threshold=1).hidden_keys == []


def test_results_are_read_only():
    result = suppress_counts({"a": 10})
    with pytest.raises(TypeError):
        result.cells["a"] = Cell(1)  # type: ignore[index]


# --- cross tables --------------------------------------------------------------------


def test_two_by_two_with_one_small_cell_hides_all_four():
    result = suppress_crosstab({("A", "enig"): 3, ("A", "uenig"): 10, ("B", "enig"): 7, ("B", "uenig"): 8})
    assert len(result.hidden_cells) == 4
    assert result.cells[("A", "enig")].reason is HiddenReason.TOO_FEW
    assert result.row_totals["A"].count == 13
    assert result.total.count == 28


def test_small_row_shows_nothing_not_even_zeros():
    table = {("Liten", "enig"): 3, ("Liten", "uenig"): 0}
    table |= {(s, a): 20 for s in ("Skole", "NAV", "PPT") for a in ("enig", "uenig")}
    result = suppress_crosstab(table)
    assert result.cells[("Liten", "uenig")].hidden
    assert result.row_totals["Liten"].hidden
    assert_no_single_equation_disclosure(result)


def test_crosstab_percentages_are_row_percentages_and_missing_pairs_are_zero():
    result = suppress_crosstab({("A", "x"): 10, ("A", "y"): 30, ("B", "x"): 20})
    assert result.rows == ("A", "B") and result.columns == ("x", "y")
    assert result.cells[("A", "x")].percent == pytest.approx(25)
    assert result.cells[("B", "y")] == Cell(0, 0.0)
    assert result.row_totals["B"].percent == pytest.approx(100 * 20 / 60)
    assert result.hidden_cells == []


def test_grand_total_below_threshold_hides_everything():
    result = suppress_crosstab({("A", "x"): 1, ("B", "y"): 2})
    assert result.total.hidden
    assert all(c.hidden for c in [*result.cells.values(), *result.row_totals.values(), *result.column_totals.values()])


# Every row and column with a hidden cell has two of them and every hidden line sum is
# >= 5, yet combining equations pins down a cell. Found by random search (no zeros, which
# would be hidden too and break the chain).
CHAIN_TABLE = {
    (f"r{i}", f"c{j}"): v
    for i, row in enumerate([[20, 4, 10, 2], [4, 20, 4, 40], [2, 20, 6, 40], [1, 10, 20, 6]])
    for j, v in enumerate(row)
}


def test_linear_audit_catches_what_line_rules_miss(monkeypatch):
    assert_no_linear_disclosure(CHAIN_TABLE, suppress_crosstab(CHAIN_TABLE))

    import surveyapp.privacy.suppression as suppression

    monkeypatch.setattr(suppression, "_determined", lambda equations, hidden: set())
    line_rules_only = suppress_crosstab(CHAIN_TABLE)
    assert_no_single_equation_disclosure(line_rules_only)
    with pytest.raises(AssertionError, match="can be computed"):
        assert_no_linear_disclosure(CHAIN_TABLE, line_rules_only)


# --- the attacker's view -------------------------------------------------------------


def entries(result):
    """(cells by line, total cell) for every published equation of a cross table."""
    rows, cols = result.rows, result.columns
    yield from (([result.cells[(r, c)] for c in cols], result.row_totals[r]) for r in rows)
    yield from (([result.cells[(r, c)] for r in rows], result.column_totals[c]) for c in cols)
    yield list(result.row_totals.values()), result.total
    yield list(result.column_totals.values()), result.total


def assert_no_single_equation_disclosure(result):
    t = result.threshold
    for line, total in entries(result):
        shown = [c.count for c in line if not c.hidden]
        hidden = [c for c in line if c.hidden]
        assert all(n == 0 or n >= t for n in shown)
        if total.hidden:
            assert hidden, "a hidden total equals the sum of its shown cells"
        else:
            assert total.count == 0 or total.count >= t
            if hidden:
                assert len(hidden) >= 2, "total - sum(shown) recovers the single hidden cell"
                assert total.count - sum(shown) >= t, "the hidden cells together form a small group"


def assert_no_linear_disclosure(table, result):
    """No hidden entry is fixed by the published equations (checked with numpy ranks)."""
    rows, cols = result.rows, result.columns
    unknowns = [("cell", k) for k, c in result.cells.items() if c.hidden]
    unknowns += [("row", r) for r, c in result.row_totals.items() if c.hidden]
    unknowns += [("col", k) for k, c in result.column_totals.items() if c.hidden]
    unknowns += [("grand", None)] if result.total.hidden else []
    index = {u: i for i, u in enumerate(unknowns)}
    equations = [([("cell", (r, c)) for c in cols], ("row", r)) for r in rows]
    equations += [([("cell", (r, c)) for r in rows], ("col", c)) for c in cols]
    equations += [([("row", r) for r in rows], ("grand", None)), ([("col", c) for c in cols], ("grand", None))]
    matrix = []
    for summands, total in equations:
        row = np.zeros(len(unknowns))
        for s in summands:
            if s in index:
                row[index[s]] += 1
        if total in index:
            row[index[total]] -= 1
        matrix.append(row)
    if not unknowns:
        return
    a = np.array(matrix)
    rank = np.linalg.matrix_rank(a)
    for u, i in index.items():
        unit = np.zeros(len(unknowns))
        unit[i] = 1
        assert np.linalg.matrix_rank(np.vstack([a, unit])) > rank, f"{u} can be computed from the table"


def assert_one_way_safe(counts, result):
    t = result.threshold
    shown = [c.count for c in result.cells.values() if not c.hidden]
    hidden = [k for k, c in result.cells.items() if c.hidden]
    assert all(n == 0 or n >= t for n in shown)
    for k, n in counts.items():
        if 0 < n < t:
            assert k in hidden
    if result.total.hidden:
        assert hidden or not counts
        assert 0 < sum(counts.values()) < t
    elif hidden:
        assert len(hidden) >= 2
        assert result.total.count - sum(shown) >= t
    if hidden:
        assert 0 not in shown, "a zero beside hidden cells can turn into a small number"


# --- properties ----------------------------------------------------------------------

counts_strategy = st.dictionaries(
    st.sampled_from([f"tjeneste {i}" for i in range(10)]),
    st.one_of(st.integers(0, 12), st.integers(0, 200)),
    max_size=10,
)


@settings(max_examples=400, deadline=None)
@given(counts_strategy, st.integers(1, 10))
def test_one_way_property(counts, threshold):
    result = suppress_counts(counts, threshold)
    assert list(result.cells) == list(counts)
    for key, cell in result.cells.items():
        assert cell.hidden == (cell.reason is not None)
        assert cell.hidden or cell.count == counts[key]
    assert_one_way_safe(counts, result)


crosstab_strategy = st.integers(1, 6).flatmap(
    lambda n_rows: st.integers(1, 5).flatmap(
        lambda n_cols: st.lists(
            st.one_of(st.integers(0, 6), st.integers(0, 60)), min_size=n_rows * n_cols, max_size=n_rows * n_cols
        ).map(lambda values: {(f"r{i // n_cols}", f"c{i % n_cols}"): v for i, v in enumerate(values)})
    )
)


@settings(max_examples=300, deadline=None)
@given(crosstab_strategy, st.integers(1, 8))
def test_crosstab_property(table, threshold):
    result = suppress_crosstab(table, threshold)
    for key, cell in result.cells.items():
        assert cell.hidden or cell.count == table[key]
        if 0 < table[key] < threshold:
            assert cell.hidden
    assert_no_single_equation_disclosure(result)
    assert_no_linear_disclosure(table, result)
    if result.hidden_cells:
        assert all(c.count != 0 for c in result.cells.values()), "zeros are cells too"
