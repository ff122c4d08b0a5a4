"""Small-group suppression: no count, percentage, bar or quote for a small group.

In a municipality of a few thousand people, "2 ansatte i barnevernet svarte «helt
uenig»" points at named colleagues. Every number a page or an export shows must
therefore come out of this module, which hides small cells and enough other cells
that the hidden ones cannot be worked back out by subtraction.

Rules (``t`` is the organisation's threshold, :data:`DEFAULT_THRESHOLD` = 5):

1. **Small groups show nothing.** A table whose total is below ``t`` hides every
   cell, zeros included; in a cross table the same holds for every row and column
   whose total is below ``t``. Otherwise "0, 0, hidden, 0" would tell the reader
   that all three people in the group gave the hidden answer.
   :func:`group_may_be_shown` applies the same rule to quotes and comparisons.
2. **Primary suppression.** A cell with ``0 < n < t`` is hidden ("for få svar").
   Zeros are cells too: in a table where anything is hidden, every zero is hidden as
   well, because a zero beside hidden cells is the one number that can turn into a
   small one ("Barnevern 0 → skjult" told a reader that the one newcomer came from
   child welfare). In a table where nothing is hidden, zeros are shown.
3. **Complementary suppression.** Every published sum (row, column, margins, grand
   total) is an equation ``cells = total``. In each equation whose total is shown,
   the hidden cells must be at least two *and* add up to at least ``t`` (so their
   combined group, which the reader can compute as total minus the shown cells, is
   not itself a small group). A hidden total needs at least one hidden cell beside
   it. Violations are repaired by hiding the smallest non-zero shown cell of that
   equation ("skjult for å beskytte en annen gruppe"), then zeros, then the total,
   until all equations hold.
4. **Audit.** Row-by-row checks cannot see attacks that combine equations, so the
   hidden cells are then checked with exact linear algebra: any hidden value that
   is determined by the published numbers gets another complementary suppression.
   The result: no hidden cell is an exact function of what is shown.

Known limits, as in any cell suppression: a reader can still derive bounds (a
hidden cell is at most the row total), and someone who knows the algorithm and
which cells were hidden for which reason can narrow them further. Public pages
should therefore show one neutral marker for every hidden cell and explain both
reasons in a footnote; :attr:`Cell.reason` is for administrators and logs.

Input categories must be mutually exclusive (one answer per respondent per
question): the total is the sum of the cells. Multi-select questions are
suppressed one option at a time with :func:`suppress_counts` on
``{"valgt": k, "ikke valgt": n - k}``.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from types import MappingProxyType
from typing import Generic, TypeVar

DEFAULT_THRESHOLD = 5

K = TypeVar("K", bound=Hashable)
R = TypeVar("R", bound=Hashable)
C = TypeVar("C", bound=Hashable)


class HiddenReason(StrEnum):
    """Why a number is hidden (for administrators; see the module docstring)."""

    TOO_FEW = "for få svar"
    PROTECTS_OTHER = "skjult for å beskytte en annen gruppe"


@dataclass(frozen=True, slots=True)
class Cell:
    """A number that may be shown (``count`` set) or is hidden (``reason`` set).

    ``percent`` is only set when both the count and its denominator are shown, so a
    percentage can never be used to recover a hidden total.
    """

    count: int | None
    percent: float | None = None
    reason: HiddenReason | None = None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass(frozen=True, slots=True)
class SuppressedCounts(Generic[K]):
    """A one-way breakdown after suppression; ``cells`` keeps the input order."""

    threshold: int
    cells: Mapping[K, Cell]
    total: Cell

    @property
    def hidden_keys(self) -> list[K]:
        return [key for key, cell in self.cells.items() if cell.hidden]

    def count(self, key: K) -> int | None:
        return self.cells[key].count


@dataclass(frozen=True, slots=True)
class SuppressedCrosstab(Generic[R, C]):
    """A two-way table after suppression. Cell percentages are row percentages."""

    threshold: int
    rows: tuple[R, ...]
    columns: tuple[C, ...]
    cells: Mapping[tuple[R, C], Cell]
    row_totals: Mapping[R, Cell]
    column_totals: Mapping[C, Cell]
    total: Cell

    @property
    def hidden_cells(self) -> list[tuple[R, C]]:
        return [key for key, cell in self.cells.items() if cell.hidden]


def group_may_be_shown(n: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    """Whether anything at all (counts, charts, quotes) may be shown for a group of ``n``.

    Used for quotes and group comparisons: a group below the threshold shows nothing.
    """
    _check_threshold(threshold)
    _check_count(n)
    return n >= threshold


def suppress_counts(counts: Mapping[K, int], threshold: int = DEFAULT_THRESHOLD) -> SuppressedCounts[K]:
    """Suppress a one-way breakdown, e.g. answers per service, and its total."""
    _check_threshold(threshold)
    keys = list(counts)
    values = [_check_count(counts[k]) for k in keys]
    total = sum(values)
    values.append(total)
    total_index = len(keys)
    hidden = _suppress(values, [(tuple(range(len(keys))), total_index)], threshold)

    def cell(i: int) -> Cell:
        if i in hidden:
            return Cell(None, None, hidden[i])
        shown_total = total_index not in hidden and total > 0
        return Cell(values[i], 100 * values[i] / total if shown_total and i != total_index else None)

    return SuppressedCounts(
        threshold=threshold,
        cells=MappingProxyType({k: cell(i) for i, k in enumerate(keys)}),
        total=cell(total_index),
    )


def suppress_crosstab(
    table: Mapping[tuple[R, C], int], threshold: int = DEFAULT_THRESHOLD
) -> SuppressedCrosstab[R, C]:
    """Suppress a two-way table (e.g. service x Likert answer) with all its margins.

    ``table`` maps ``(row, column)`` to a count; missing pairs are zero. Rows and
    columns keep their order of first appearance. A pandas DataFrame can be passed
    as ``df.stack().to_dict()``.
    """
    _check_threshold(threshold)
    rows = tuple(dict.fromkeys(r for r, _ in table))
    cols = tuple(dict.fromkeys(c for _, c in table))
    keys = [(r, c) for r in rows for c in cols]
    values = [_check_count(table.get(k, 0)) for k in keys]
    n_cells = len(keys)
    row_index = {r: n_cells + i for i, r in enumerate(rows)}
    col_index = {c: n_cells + len(rows) + j for j, c in enumerate(cols)}
    grand = n_cells + len(rows) + len(cols)
    values += [sum(values[i * len(cols) + j] for j in range(len(cols))) for i in range(len(rows))]
    values += [sum(values[i * len(cols) + j] for i in range(len(rows))) for j in range(len(cols))]
    values.append(sum(values[:n_cells]))

    row_eqs = [(tuple(i * len(cols) + j for j in range(len(cols))), row_index[r]) for i, r in enumerate(rows)]
    col_eqs = [(tuple(i * len(cols) + j for i in range(len(rows))), col_index[c]) for j, c in enumerate(cols)]
    equations = [
        *row_eqs,
        *col_eqs,
        (tuple(row_index.values()), grand),
        (tuple(col_index.values()), grand),
    ]
    hidden = _suppress(values, equations, threshold)

    def cell(i: int, denominator: int) -> Cell:
        if i in hidden:
            return Cell(None, None, hidden[i])
        show_percent = denominator not in hidden and values[denominator] > 0
        return Cell(values[i], 100 * values[i] / values[denominator] if show_percent else None)

    return SuppressedCrosstab(
        threshold=threshold,
        rows=rows,
        columns=cols,
        cells=MappingProxyType(
            {k: cell(i, n_cells + i // len(cols)) for i, k in enumerate(keys)}
        ),
        row_totals=MappingProxyType({r: cell(row_index[r], grand) for r in rows}),
        column_totals=MappingProxyType({c: cell(col_index[c], grand) for c in cols}),
        total=Cell(None, None, hidden[grand]) if grand in hidden else Cell(values[grand]),
    )


# --- the engine: entries (cells and totals) linked by "sum of summands = total" ----

Equation = tuple[tuple[int, ...], int]


def _suppress(values: list[int], equations: list[Equation], threshold: int) -> dict[int, HiddenReason]:
    """Every rule in order: the hidden entries and why."""
    hidden = _primary(values, equations, threshold)
    _protect(values, equations, threshold, hidden)
    if hidden:
        zeros = {i: HiddenReason.TOO_FEW for i, v in enumerate(values) if v == 0 and i not in hidden}
        if zeros:
            hidden.update(zeros)
            _protect(values, equations, threshold, hidden)
    return hidden


def _primary(values: list[int], equations: list[Equation], threshold: int) -> dict[int, HiddenReason]:
    """Rules 1 and 2: small cells, and everything in a small group (line)."""
    hidden = {i: HiddenReason.TOO_FEW for i, v in enumerate(values) if 0 < v < threshold}
    for summands, total in equations:
        if 0 < values[total] < threshold:
            hidden.update((i, HiddenReason.TOO_FEW) for i in summands)
    return hidden


def _protect(values: list[int], equations: list[Equation], threshold: int, hidden: dict[int, HiddenReason]) -> None:
    """Rules 3 and 4: add complementary suppressions to ``hidden`` in place."""
    while True:
        unsafe = [eq for eq in equations if not _equation_safe(values, eq, threshold, hidden)]
        if unsafe:
            _hide_complement(values, unsafe[0], hidden)
            continue
        for i in sorted(_determined(equations, hidden)):
            repairable = [eq for eq in equations if i in eq[0] or i == eq[1]]
            if any(_hide_complement(values, eq, hidden) for eq in repairable):
                break
        else:
            return


def _equation_safe(values: list[int], equation: Equation, threshold: int, hidden: Mapping[int, object]) -> bool:
    summands, total = equation
    hidden_summands = [i for i in summands if i in hidden]
    if total in hidden:
        return bool(hidden_summands)
    return not hidden_summands or (len(hidden_summands) >= 2 and sum(values[i] for i in hidden_summands) >= threshold)


def _hide_complement(values: list[int], equation: Equation, hidden: dict[int, HiddenReason]) -> bool:
    """Hide the least informative shown entry of ``equation``; False if none is left."""
    summands, total = equation
    shown = [i for i in summands if i not in hidden]
    if shown:
        hidden[min(shown, key=lambda i: (values[i] == 0, values[i], i))] = HiddenReason.PROTECTS_OTHER
        return True
    if total not in hidden:
        hidden[total] = HiddenReason.PROTECTS_OTHER
        return True
    return False


def _determined(equations: list[Equation], hidden: Mapping[int, object]) -> set[int]:
    """Hidden entries whose value follows exactly from the shown numbers.

    The hidden entries are the unknowns of the linear system formed by the
    equations; an unknown is determined iff its unit vector lies in the row space,
    i.e. iff it is alone in a row of the reduced row echelon form.
    """
    unknowns = sorted(hidden)
    column = {entry: j for j, entry in enumerate(unknowns)}
    matrix: list[list[Fraction]] = []
    for summands, total in equations:
        row = [Fraction(0)] * len(unknowns)
        for i in summands:
            if i in column:
                row[column[i]] += 1
        if total in column:
            row[column[total]] -= 1
        if any(row):
            matrix.append(row)
    pivot_row = 0
    for j in range(len(unknowns)):
        pivot = next((r for r in range(pivot_row, len(matrix)) if matrix[r][j]), None)
        if pivot is None:
            continue
        matrix[pivot_row], matrix[pivot] = matrix[pivot], matrix[pivot_row]
        lead = matrix[pivot_row][j]
        matrix[pivot_row] = [x / lead for x in matrix[pivot_row]]
        for r in range(len(matrix)):
            if r != pivot_row and matrix[r][j]:
                factor = matrix[r][j]
                matrix[r] = [x - factor * y for x, y in zip(matrix[r], matrix[pivot_row])]
        pivot_row += 1
    return {
        unknowns[next(j for j, x in enumerate(row) if x)]
        for row in matrix[:pivot_row]
        if sum(1 for x in row if x) == 1
    }


def _check_threshold(threshold: int) -> None:
    if isinstance(threshold, bool) or not isinstance(threshold, int) or threshold < 1:
        raise ValueError(f"threshold must be a positive integer, got {threshold!r}")


def _check_count(n: int) -> int:
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"counts must be non-negative integers, got {n!r}")
    return n
