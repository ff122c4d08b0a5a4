"""Codebooks the planner uploads or edits, and guided analysis with one."""

from __future__ import annotations

import io

from surveyapp.extensions import db
from surveyapp.models.analysis import AnalysisRun, Codebook
from surveyapp.services.analysis import runs as analysis_runs

from .conftest import post_form

BOOKS = "/planlegger/analyse/kodebok"
OWN = """name: Vår kodebok
themes:
  - key: ventetid
    name: Ventetid
    description: Lang ventetid på utredning og behandling.
    keywords: [ventetid, venteliste, vente]
  - key: fritid
    name: Fritid og møteplasser
    keywords: [fritid, møteplass, gratis, ungdomsklubb]
"""


def test_save_a_codebook_from_text(client, auth, planner):
    auth.login(planner.email)
    response = post_form(client, BOOKS, BOOKS, {"name": "Vår kodebok", "text": OWN})
    assert response.status_code == 302
    book = db.session.scalar(db.select(Codebook))
    assert book.name == "Vår kodebok" and [t["key"] for t in book.themes] == ["ventetid", "fritid"]
    page = client.get(response.headers["Location"]).text
    assert "key: ventetid" in page


def test_upload_a_codebook_file(client, auth, planner):
    auth.login(planner.email)
    response = post_form(
        client,
        BOOKS,
        BOOKS,
        {"name": "Fra fil", "upload": (io.BytesIO(OWN.encode()), "kodebok.yaml")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302
    assert db.session.scalar(db.select(Codebook)).name == "Fra fil"


def test_edit_a_saved_codebook(client, auth, planner):
    auth.login(planner.email)
    post_form(client, BOOKS, BOOKS, {"name": "Vår kodebok", "text": OWN})
    book = db.session.scalar(db.select(Codebook))
    edit = f"{BOOKS}/{book.id}"
    changed = OWN.replace("vente]", "vente, utredning]")
    response = post_form(client, edit, edit, {"name": "Vår nye kodebok", "text": changed})
    assert response.status_code == 302
    db.session.expire_all()
    assert book.name == "Vår nye kodebok"
    assert "utredning" in book.themes[0]["keywords"]
    # An invalid edit is explained and changes nothing.
    response = post_form(client, edit, edit, {"name": "X", "text": "themes: []"})
    assert response.status_code == 200 and "Kodeboken kan ikke brukes" in response.text
    db.session.expire_all()
    assert book.name == "Vår nye kodebok"


def test_an_invalid_codebook_is_explained(client, auth, planner):
    auth.login(planner.email)
    response = post_form(client, BOOKS, BOOKS, {"name": "Feil", "text": "themes:\n  - key: Æ\n"})
    assert response.status_code == 200
    assert "Kodeboken kan ikke brukes" in response.text
    assert db.session.scalar(db.select(Codebook)) is None


BILLION_LAUGHS = """name: Latter
a: &a ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]
themes:
  - key: latter
    name: Latter
    keywords: *f
"""


def test_yaml_aliases_are_refused_before_they_expand(client, auth, planner):
    """A 0.5 kB "billion laughs" is refused by the scanner, in well under a second."""
    import time

    auth.login(planner.email)
    start = time.perf_counter()
    response = post_form(client, BOOKS, BOOKS, {"name": "Latter", "text": BILLION_LAUGHS})
    assert time.perf_counter() - start < 2
    assert response.status_code == 200 and "YAML-ankere eller -aliaser" in response.text
    assert db.session.scalar(db.select(Codebook)) is None


def test_a_too_long_codebook_is_refused(client, auth, planner):
    auth.login(planner.email)
    text = OWN + "# " + "x" * 70_000 + "\n"
    response = post_form(client, BOOKS, BOOKS, {"name": "Lang", "text": text})
    assert response.status_code == 200 and "Kodeboken er for lang: høyst 64 kB" in response.text
    assert db.session.scalar(db.select(Codebook)) is None


def test_copy_a_built_in_codebook_to_edit(client, auth, planner):
    auth.login(planner.email)
    page = client.get(f"{BOOKS}?kopi=workshop").text
    assert "Kopi av Innspillsrunde med fire tema" in page and "hvor_trykker_skoen" in page


def test_viewer_cannot_save_a_codebook(client, auth, viewer):
    auth.login(viewer.email)
    assert post_form(client, BOOKS, BOOKS, {"name": "X", "text": OWN}).status_code == 403


def test_guided_analysis_with_an_own_codebook(client, auth, planner, staff_round):
    auth.login(planner.email)
    post_form(client, BOOKS, BOOKS, {"name": "Vår kodebok", "text": OWN})
    book = db.session.scalar(db.select(Codebook))
    post_form(
        client,
        "/planlegger/analyse/ny",
        "/planlegger/analyse/ny",
        {
            "rounds": staff_round.id,
            "questions": "hindrer_tidlig_innsats",
            "mode": "guided",
            "codebook": f"custom:{book.id}",
            "source_run": 0,
            "random_state": 0,
        },
    )
    run = db.session.scalar(db.select(AnalysisRun))
    assert run.status == "done" and run.codebook_id == book.id
    assert run.parameters["codebook"]["themes"][0]["key"] == "ventetid"
    labels = {t.label: len(t.assignments) for t in run.themes}
    assert labels["Ventetid"] >= 5 and labels["Fritid og møteplasser"] >= 5


def test_cli_analyse_with_a_codebook_file(runner, staff_round, tmp_path):
    path = tmp_path / "var.yaml"
    path.write_text(OWN, encoding="utf-8")
    result = runner.invoke(args=["analyse", str(staff_round.id), "--codebook", str(path)])
    assert result.exit_code == 0, result.output
    run = db.session.scalar(db.select(AnalysisRun))
    assert run.status == "done" and run.codebook.name == "Vår kodebok"
    assert "Ventetid" in result.output
    # The stored codebook can then be named; an unknown one is explained.
    again = runner.invoke(args=["analyse", str(staff_round.id), "--codebook", "Vår kodebok"])
    assert again.exit_code == 0, again.output
    assert db.session.scalar(db.select(db.func.count(Codebook.id))) == 1
    unknown = runner.invoke(args=["analyse", str(staff_round.id), "--codebook", "nope"])
    assert unknown.exit_code == 1 and "Unknown codebook 'nope'" in unknown.output


def test_learn_from_coding_in_a_new_run(topic_run, staff_round, planner):
    for item in topic_run.items:
        item.reviewed = True
    db.session.commit()
    run = analysis_runs.create_run(
        staff_round.organisation,
        [staff_round],
        ["hindrer_tidlig_innsats"],
        "coding",
        source_run=topic_run,
    )
    db.session.commit()
    run = analysis_runs.execute(run.id)
    assert run.status == "done", run.message
    assert {t.label for t in run.themes if not t.is_other} == {"Samarbeid", "Ventetid", "Fritid"}
    assert all(i.reviewed for i in run.items)
    assert all(t.origin == "planner" for t in run.themes if not t.is_other)
