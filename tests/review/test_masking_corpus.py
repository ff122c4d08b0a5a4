"""End to end: planted identifiers never leave the app through themes, findings, reports, exports.

600 answers each carry a planted fødselsnummer/D-number, phone number or e-mail address
(the generators of tests/privacy/test_masking.py), masked once at storage. Every page and
file of the analysis workspace is then searched for every planted identifier: the original
text (never stored: ``tests/respondent/test_identifiers_at_rest.py``) must never be shown.
Invalid 11-digit numbers are not identity numbers and must come through unchanged.
"""

from __future__ import annotations

import io
import random
import re

import docx
import pytest

from surveyapp.extensions import db
from surveyapp.models.findings import FeedbackPage
from surveyapp.privacy import EPOST, PLACEHOLDERS
from surveyapp.services import findings as findings_service
from surveyapp.services.themes import stats as theme_stats
from tests.privacy.test_masking import build_corpus, digits_of, make_fnr, spell_fnr

from .conftest import post_form, visible_text

PER_KIND = 200
NAMES = [
    "Jeg heter Ingrid Hansen og jobber på skolen.",
    "Gutten heter Ahmed, han sliter.",
    "Jeg er Kari Nordmann, helsesykepleier.",
    "Eleven heter Ola og har mye fravær.",
]


def planted_corpus() -> list[tuple[str, str, str]]:
    corpus = build_corpus(seed=2026)
    by_kind: dict[str, list] = {}
    for entry in corpus:
        by_kind.setdefault(entry[0], []).append(entry)
    chosen = [e for entries in by_kind.values() for e in entries[:PER_KIND]]
    assert len(chosen) >= 500
    return chosen


def invalid_numbers(n: int = 20) -> list[str]:
    rng = random.Random(11)
    out = []
    while len(out) < n:
        fnr = make_fnr(rng)
        out.append(spell_fnr(fnr[:10] + str((int(fnr[10]) + rng.randint(1, 9)) % 10), rng))
    return out


#: a number as people write it: digits with spaces, dots, hyphens or brackets between
NUMBER_RUN = re.compile(r"\+?\(?\d[\d .()\-]*\d")


def number_runs(text: str) -> list[str]:
    """The digits of every written number in ``text`` (each run on its own)."""
    return [digits_of(m.group()) for m in NUMBER_RUN.finditer(text)]


def leaks(kind: str, ident: str, output: str, runs: list[str]) -> bool:
    if ident in output:
        return True
    tail = digits_of(ident)[-8:]
    return kind != EPOST and any(tail in run for run in runs)


@pytest.fixture
def corpus_run(make_round, add_response, stored_run, organisation, planner):
    round_ = make_round("tjenester", title="Korpus")
    corpus = planted_corpus()
    responses = [add_response(round_, {"hindrer_tidlig_innsats": text}) for _, _, text in corpus]
    bad = invalid_numbers()
    responses += [
        add_response(round_, {"hindrer_tidlig_innsats": f"Saksnummer {b} gjelder ikke en person."})
        for b in bad
    ]
    responses += [add_response(round_, {"hindrer_tidlig_innsats": t}) for t in NAMES]
    db.session.commit()
    third = len(responses) // 3
    run = stored_run(
        round_,
        {
            "Kontakt": responses[:third],
            "Saker": responses[third : 2 * third],
            "Navn": responses[2 * third :],
        },
    )
    for label in ("Kontakt", "Saker", "Navn"):
        theme = next(t for t in run.themes if t.label == label)
        answer_ids = [a.item.answer_id for a in theme.assignments][:5]
        findings_service.create_finding(
            organisation,
            findings_service.FindingData(
                statement=f"Funn om {label}",
                plan_section="utfordringsbilde" if label != "Navn" else "tiltak",
                theme_ids=[theme.id],
                quote_ids=answer_ids,
                responsible="PPT",
            ),
            planner,
            run,
        )
    db.session.add(FeedbackPage(round=round_, published=True))
    db.session.commit()
    return run, corpus, bad


def collect_outputs(client, run, runner, tmp_path) -> list[tuple[str, str]]:
    """Every page and file that shows answers: (name, text)."""
    base = f"/planlegger/analyse/{run.id}"
    outputs = [
        (base, client.get(base).text),
        ("usikre", client.get(f"{base}/usikre").text),
        ("compare", client.get(f"{base}/sammenlign").text),
        ("findings", client.get("/planlegger/analyse/funn").text),
        ("csv", client.get("/planlegger/analyse/funn/eksport.csv").text),
        ("public", client.get(f"/tilbakemelding/{run.rounds[0].slug}").text),
    ]
    for theme in theme_stats.active_themes(run):
        page, pages = 1, 1
        while page <= pages:
            html = client.get(f"{base}/tema/{theme.id}?side={page}").text
            outputs.append((f"theme {theme.id} page {page}", html))
            match = re.search(r"Side \d+ av (\d+)", html)
            pages = int(match.group(1)) if match else 1
            page += 1
    for finding in findings_service.findings_of(run.organisation):
        outputs.append(
            (f"finding {finding.id}", client.get(f"/planlegger/analyse/funn/{finding.id}").text)
        )
    for fmt in ("docx", "html", "md"):
        response = post_form(
            client,
            "/planlegger/analyse/rapport",
            "/planlegger/analyse/rapport",
            {"rounds": run.rounds[0].id, "format": fmt},
        )
        assert response.status_code == 200, fmt
        if fmt == "docx":
            document = docx.Document(io.BytesIO(response.data))
            text = "\n".join(
                [p.text for p in document.paragraphs]
                + [c.text for t in document.tables for row in t.rows for c in row.cells]
            )
        else:
            text = response.text
        outputs.append((f"report.{fmt}", text))
    out = tmp_path / "rapport.md"
    result = runner.invoke(
        args=["report", str(run.rounds[0].id), "--format", "md", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    outputs.append(("cli report", out.read_text()))
    return outputs


def test_no_planted_identifier_leaves_the_app_and_invalid_numbers_stay(
    client, auth, planner, corpus_run, runner, tmp_path
):
    run, corpus, bad = corpus_run
    auth.login(planner.email)
    outputs = collect_outputs(client, run, runner, tmp_path)
    # Search the raw output and the text a reader sees (highlighting splits words with tags).
    everything = "\n".join(text + "\n" + visible_text(text) for _, text in outputs)
    runs = number_runs(everything)
    # Every answer was shown on a theme page, and the masked placeholders are there.
    theme_pages = "\n".join(visible_text(t) for name, t in outputs if name.startswith("theme"))
    for kind in ("fodselsnummer", "telefon", "epost", "navn"):
        assert PLACEHOLDERS[kind] in theme_pages
    leaked = [(k, ident) for k, ident, _ in corpus if leaks(k, ident, everything, runs)]
    assert leaked == []
    for name in ("Ingrid Hansen", "Ahmed", "Kari Nordmann", "Ola og"):
        assert name not in everything
    # Invalid 11-digit numbers are not identity numbers: shown unchanged.
    for number in bad:
        shown = " ".join(number.split())  # as visible_text collapses thin and no-break spaces
        assert f"Saksnummer {shown} gjelder ikke en person." in theme_pages
    # The report quotes and the finding pages show masked quotes, not just nothing.
    report = dict(outputs)["report.docx"]
    assert "«" in report and "[" in report
