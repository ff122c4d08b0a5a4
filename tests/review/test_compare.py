"""Comparing groups theme by theme: counts, a plain significance note, suppression."""

from __future__ import annotations

import pytest

from surveyapp.extensions import db
from surveyapp.models.analysis import ThemeAssignment
from surveyapp.services.themes import stats as theme_stats
from surveyapp.services.themes.compare import compare, holm

from .conftest import visible_text


@pytest.fixture
def mixed_run(make_round, add_response, stored_run, organisation):
    """20 staff and 20 youth: staff talk about collaboration, youth about free places."""
    staff = make_round("tjenester", title="Ansatte")
    youth = make_round("ungdomsrad", title="Ungdom", audience="youth")
    ringebu = organisation.municipalities[0]
    staff_fritid = [
        add_response(staff, {"hindrer_tidlig_innsats": f"Fritid {i}"}) for i in range(2)
    ]
    staff_samarbeid = [
        add_response(staff, {"hindrer_tidlig_innsats": f"Samarbeid {i}"}) for i in range(18)
    ]
    youth_fritid = [
        add_response(youth, {"kommunen_burde": f"Gratis steder {i}"}, kommune=ringebu.name)
        for i in range(18)
    ]
    youth_samarbeid = [
        add_response(youth, {"kommunen_burde": f"Voksne samarbeider {i}"}, kommune=ringebu.name)
        for i in range(2)
    ]
    db.session.commit()
    run = stored_run(
        staff,
        {
            "Møteplasser": staff_fritid + youth_fritid,
            "Samarbeid": staff_samarbeid + youth_samarbeid,
            "Trygghet": [],
        },
        rounds=[staff, youth],
        questions=["hindrer_tidlig_innsats", "kommunen_burde"],
    )
    trygghet = next(t for t in run.themes if t.label == "Trygghet")
    # Six staff and six youth also raise "Trygghet" as a second theme: no real difference.
    youth_items = [
        a.item for a in run.themes[0].assignments if a.item.answer.text.startswith("Gratis")
    ]
    staff_items = [
        a.item for a in run.themes[1].assignments if a.item.answer.text.startswith("Samarbeid")
    ]
    for item in youth_items[:6] + staff_items[:6]:
        item.assignments.append(ThemeAssignment(theme=trygghet, primary=False))
    db.session.commit()
    return run


def test_clear_difference_and_shared_theme(mixed_run):
    rows = theme_stats.run_rows(mixed_run)
    themes = [t for t in mixed_run.themes if not t.is_other]
    results = {r.theme.label: r for r in compare(rows, themes, "audience", "staff", "youth", 5)}
    meeting, together, safety = results["Møteplasser"], results["Samarbeid"], results["Trygghet"]
    # 2 staff is a small cell; 18 youth is hidden too, since the theme's total (20) is shown
    # elsewhere and 20 - 18 would give the 2 away. The note needs no exact numbers.
    assert meeting.a.count is None and meeting.b.count is None
    assert meeting.note == "clear" and meeting.note_text == "Tydelig forskjell"
    assert together.a.count is None and together.note == "clear"
    assert (safety.a.count, safety.b.count) == (6, 6)
    assert safety.note == "chance" and safety.both_raise
    assert safety.note_text == "Forskjellen kan skyldes tilfeldigheter"
    assert safety.a_share == pytest.approx(30.0)


def test_no_comparison_for_a_group_under_the_threshold(mixed_run, organisation):
    rows = theme_stats.run_rows(mixed_run)
    themes = [t for t in mixed_run.themes if not t.is_other]
    # Youth are all from one municipality; staff from another; a made-up tiny group:
    for row in rows[:3]:
        row.groups["municipality"] = "Lillevik"
    results = compare(rows, themes, "municipality", "Lillevik", rows[-1].groups["municipality"], 5)
    assert all(r.note == "too_few" and r.p_value is None for r in results)
    assert all(r.a.count is None for r in results)


def test_compare_page(client, auth, viewer, mixed_run):
    auth.login(viewer.email)
    page = client.get(
        f"/planlegger/analyse/{mixed_run.id}/sammenlign?gruppe=audience&a=staff&b=youth"
    )
    assert page.status_code == 200
    text = visible_text(page.text)
    assert "Ansatte og Ungdom, tema for tema" in text
    assert "Tydelig forskjell" in text and "Forskjellen kan skyldes tilfeldigheter" in text
    assert "6 (30 %)" in text


def test_holm_adjustment():
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([]) == []
