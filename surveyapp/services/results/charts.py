"""Bar charts as plain geometry, drawn as inline SVG by ``planner/_charts.html``.

The charts take their numbers from an already suppressed table: a hidden number has no
bar, only a dashed outline, so a chart can never show more than its table.
"""

from __future__ import annotations

from typing import Any

WIDTH = 480
LABEL_HEIGHT = 18
BAR_HEIGHT = 18
ROW_GAP = 12
VALUE_SPACE = 110
TOP = 4


def percent_text(value: float | None) -> str:
    """A percentage the Norwegian way: ``42 %`` (no decimals, a non-breaking space)."""
    return "" if value is None else f"{value:.0f}\u00a0%"


def bar_chart(table: dict[str, Any], hidden_text: str, width: int = WIDTH) -> dict[str, Any]:
    """Rows of label, bar and value for one suppressed table."""
    shown = [r["count"] for r in table["rows"] if r["count"] is not None]
    largest = max(shown, default=0) or 1
    span = width - VALUE_SPACE
    bars = []
    y = TOP
    for row in table["rows"]:
        count = row["count"]
        length = 0 if count is None else round(span * count / largest, 1)
        if count is None:
            value = hidden_text
        elif row.get("percent") is not None:
            value = f"{count} ({percent_text(row['percent'])})"
        else:
            value = str(count)
        bars.append(
            {
                "label": row["label"],
                "label_y": y + LABEL_HEIGHT - 5,
                "bar_y": y + LABEL_HEIGHT,
                "length": length,
                "hidden": count is None,
                "value": value,
                "value_x": (span * 0.35 if count is None else length) + 6,
            }
        )
        y += LABEL_HEIGHT + BAR_HEIGHT + ROW_GAP
    return {
        "width": width,
        "height": y,
        "bar_height": BAR_HEIGHT,
        "hidden_width": round(span * 0.35, 1),
        "bars": bars,
    }
