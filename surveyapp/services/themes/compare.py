"""Compare two respondent groups theme by theme: who raises the same things, and who differs.

For each theme a 2×2 table (group A / group B × raised the theme / did not) is tested with
Fisher's exact test; the p-values are Holm-adjusted over the themes compared, because with
twelve themes one "difference" in twenty would otherwise appear by chance alone. The counts
go through the same suppression as every other table, and no comparison at all is made for a
group smaller than the threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from scipy.stats import fisher_exact

from surveyapp.models.analysis import AnalysisTheme
from surveyapp.privacy import Cell, group_may_be_shown, suppress_crosstab
from surveyapp.services.themes.stats import Row, group_sizes, theme_respondents

#: adjusted p-values below this are called a clear difference
ALPHA = 0.05
NOTES = {
    "clear": _l("Tydelig forskjell"),
    "chance": _l("Forskjellen kan skyldes tilfeldigheter"),
    "too_few": _l("For få svar til å sammenligne"),
}


@dataclass
class Comparison:
    theme: AnalysisTheme
    a: Cell
    b: Cell
    a_share: float | None
    b_share: float | None
    #: ``clear``, ``chance`` or ``too_few``
    note: str
    p_value: float | None = None

    @property
    def note_text(self) -> str:
        return str(NOTES[self.note])

    @property
    def both_raise(self) -> bool:
        """Both groups raise it (each shown and at least one respondent)."""
        return bool(self.a.count) and bool(self.b.count)


def _share(cell: Cell, total: Cell) -> float | None:
    if cell.hidden or total.hidden or not total.count:
        return None
    return 100 * cell.count / total.count


def holm(p_values: list[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


def compare(
    rows: list[Row],
    themes: list[AnalysisTheme],
    dimension: str,
    group_a: str,
    group_b: str,
    threshold: int,
) -> list[Comparison]:
    """Theme-by-theme comparison of ``group_a`` and ``group_b``; clearest differences first."""
    sizes = group_sizes(rows, dimension)
    n_a, n_b = sizes.get(group_a, 0), sizes.get(group_b, 0)
    comparable = group_may_be_shown(n_a, threshold) and group_may_be_shown(n_b, threshold)
    groups = {r.response_id: r.groups[dimension] for r in rows}
    results, raw = [], []
    for theme in themes:
        inside = theme_respondents(rows, theme.id)
        x = sum(1 for rid in inside if groups[rid] == group_a)
        y = sum(1 for rid in inside if groups[rid] == group_b)
        table = suppress_crosstab(
            {
                (group_a, "in"): x,
                (group_a, "out"): n_a - x,
                (group_b, "in"): y,
                (group_b, "out"): n_b - y,
            },
            threshold,
        )
        a, b = table.cells[(group_a, "in")], table.cells[(group_b, "in")]
        result = Comparison(
            theme,
            a,
            b,
            _share(a, table.row_totals[group_a]),
            _share(b, table.row_totals[group_b]),
            "too_few",
        )
        if comparable and group_a != group_b:
            result.p_value = float(fisher_exact([[x, n_a - x], [y, n_b - y]])[1])
            raw.append(result)
        results.append(result)
    for result, adjusted in zip(raw, holm([r.p_value for r in raw])):
        result.p_value = adjusted
        result.note = "clear" if adjusted < ALPHA else "chance"
    return sorted(results, key=lambda r: (r.p_value is None, r.p_value or 1.0, r.theme.position))
