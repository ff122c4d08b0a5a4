"""Bar charts never draw a bar for a hidden number."""

from surveyapp.services.results.charts import bar_chart, percent_text


def test_hidden_rows_get_no_bar_and_a_marker():
    table = {
        "rows": [
            {"label": "A", "count": 30, "percent": 60.0},
            {"label": "B", "count": None, "percent": None},
            {"label": "C", "count": 0, "percent": 0.0},
        ]
    }
    chart = bar_chart(table, "skjult")
    a, b, c = chart["bars"]
    assert a["length"] > 0 and a["value"] == "30 (60\u00a0%)"
    assert b["hidden"] and b["length"] == 0 and b["value"] == "skjult"
    assert c["length"] == 0 and not c["hidden"]
    assert chart["height"] > c["bar_y"]


def test_percent_text():
    assert percent_text(33.333) == "33\u00a0%" and percent_text(None) == ""
