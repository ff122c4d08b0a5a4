"""The plan report: Word, HTML and Markdown checked against the database and the privacy rules."""

from __future__ import annotations

import base64
import hashlib
import io
import re

import docx
import pytest

from surveyapp.exceptions import InnspillError
from surveyapp.extensions import db
from surveyapp.services import findings as findings_service
from surveyapp.services.report import build
from surveyapp.services.report.build import build_report

from tests.conftest import csrf_token

from .conftest import post_form, visible_text

REPORT = "/planlegger/analyse/rapport"
SECTIONS = [
    "Metode",
    "Utfordringsbilde",
    "Satsingsområder",
    "Mål",
    "Strategier",
    "Tiltak",
    "Ungdomsrådet mener",
    "Spørsmål med svarskala",
    "Vedlegg: tema",
]
KORUS = [
    "Alder",
    "Tiltak",
    "Ansvar",
    "Organisering",
    "Samarbeid",
    "Implementeringsplan",
    "Evaluering",
    "Status",
]


@pytest.fixture
def plan(topic_run, staff_round, add_response, organisation, planner):
    """Two small PPT answers, Likert answers, and findings in three plan sections."""
    for i, response in enumerate(staff_round.responses):
        response.answers.append(
            type(response.answers[0])(question_key="rutiner_bekymring", value=[4, 4, 5, 2][i % 4])
        )
    for _ in range(2):
        add_response(staff_round, {"tiltak_virker": "Lite å si."}, tjeneste="PPT")
    fritid = next(t for t in topic_run.themes if t.label == "Fritid")
    ventetid = next(t for t in topic_run.themes if t.label == "Ventetid")
    quotes = [a.item.answer_id for a in fritid.assignments][:2]
    data = findings_service.FindingData
    findings_service.create_finding(
        organisation,
        data(
            "Ungdom opplever at det mangler gratis møteplasser",
            "utfordringsbilde",
            theme_ids=[fritid.id],
            quote_ids=quotes,
        ),
        planner,
        topic_run,
    )
    findings_service.create_finding(
        organisation,
        data("Kortere ventetid på utredning", "mal", theme_ids=[ventetid.id]),
        planner,
        topic_run,
    )
    findings_service.create_finding(
        organisation,
        data(
            "Gratis fritidsklubb to kvelder i uka",
            "tiltak",
            age_group="13–18",
            responsible="Kultur/fritid",
            organising="Ungdomsklubben",
            collaboration="Skole, SLT",
            implementation="Høsten 2026",
            evaluation="Årlig",
            status="planned",
            theme_ids=[fritid.id],
        ),
        planner,
        topic_run,
    )
    db.session.commit()
    return topic_run


def download(client, round_id: int, fmt: str):
    return post_form(client, REPORT, REPORT, {"rounds": round_id, "format": fmt})


def document_of(data: bytes):
    return docx.Document(io.BytesIO(data))


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def signed_in(client, auth, planner):
    auth.login(planner.email)
    return client


def test_word_report_has_the_plan_sections_counts_and_quotes(signed_in, plan, staff_round):
    response = download(signed_in, staff_round.id, "docx")
    assert response.status_code == 200
    assert response.mimetype.endswith("wordprocessingml.document")
    assert 'attachment; filename="innspill-rapport.docx"' == response.headers["Content-Disposition"]
    document = document_of(response.data)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == SECTIONS
    text = "\n".join(p.text for p in document.paragraphs)
    # Method: the round, its audience and dates, the analysis and the review decisions.
    assert "«Tjenestene»: spørreskjemaet «Spørreundersøkelse til tjenestene» til ansatte" in text
    assert "(18 svar)" in text and "startverdi 0" in text and "kodeboken" in text
    assert "0 vurderinger" in text
    # Findings by section with their quotes, exactly as stored (masked).
    finding = findings_service.findings_of(plan.organisation)[0]
    quotes = [q.answer.text for q in finding.quotes]
    assert len(quotes) == 2
    for quote in quotes:
        assert f"«{quote}»" in text
    assert text.index("Ungdom opplever at det mangler") < text.index("Kortere ventetid")
    # Response counts per round match the database (20 responses: 18 + 2 PPT).
    tables = [table_rows(t) for t in document.tables]
    assert ["Tjenestene", "20", "100\u00a0%"] in tables[0]
    # Tiltak as a KORUS table.
    korus = next(t for t in tables if t[0] == KORUS)
    assert korus[1][:3] == ["13–18", "Gratis fritidsklubb to kvelder i uka", "Kultur/fritid"]
    assert korus[1][-1] == "Planlagt"
    # Theme appendix: 6 answers per theme.
    themes = next(t for t in tables if any(row[0] == "Fritid" for row in t))
    assert ["Fritid", "6"] == next(row for row in themes if row[0] == "Fritid")[:2]


def test_no_number_for_a_group_under_the_threshold(signed_in, plan, staff_round):
    document = document_of(download(signed_in, staff_round.id, "docx").data)
    for table in document.tables:
        rows = table_rows(table)
        if rows[0][:2] != ["Gruppe", "Antall"] and rows[0][:2] != ["Svar", "Antall"]:
            continue
        for row in rows[1:]:
            if row[1].isdigit():
                assert int(row[1]) == 0 or int(row[1]) >= 5, (rows[0], row)
    services = next(
        table_rows(t) for t in document.tables if any(r[0] == "PPT" for r in table_rows(t))
    )
    assert next(r for r in services if r[0] == "PPT")[1] == "–"
    text = "\n".join(p.text for p in document.paragraphs)
    assert "– betyr at tallet er skjult" in text
    # Who raised a finding: 3 + 3 per service is hidden, staff in all (6) shown.
    assert "Ansatte: 6" in text and "Barnehage: –" in text


def test_no_quote_from_a_theme_under_the_threshold(
    signed_in, staff_round, stored_run, organisation, planner
):
    """Three answers make a theme too small to quote, in the appendix and in findings."""
    by_text = {next(a.text for a in r.answers if a.text): r for r in staff_round.responses}
    texts = list(by_text)
    run = stored_run(
        staff_round, {"Stort tema": [by_text[t] for t in texts[:15]], "Lite tema": [
            by_text[t] for t in texts[15:]
        ]}
    )
    small = next(t for t in run.themes if t.label == "Lite tema")
    big = next(t for t in run.themes if t.label == "Stort tema")
    for theme in (small, big):
        theme.accepted = True
    db.session.commit()
    small_ids = [a.item.answer_id for a in small.assignments]
    big_ids = [a.item.answer_id for a in big.assignments][:1]

    def finding(quote_ids):
        return findings_service.create_finding(
            organisation,
            findings_service.FindingData(
                "Et funn", "utfordringsbilde", theme_ids=[small.id, big.id], quote_ids=quote_ids
            ),
            planner,
            run,
        )

    # a small theme offers no quotes to choose from at all
    assert set(small_ids).isdisjoint(
        a for a, _ in findings_service.candidate_quotes([small.id, big.id], limit=None)
    )
    with pytest.raises(InnspillError):
        finding(small_ids + big_ids)
    db.session.rollback()
    finding(big_ids)
    db.session.commit()
    document = document_of(download(signed_in, staff_round.id, "docx").data)
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        c.text for t in document.tables for row in t.rows for c in row.cells
    )
    assert "Lite tema" in text and "Et funn" in text
    for quote in texts[15:]:
        assert quote not in text
    assert f"«{texts[0]}»" in text
    assert "det siteres bare fra tema som minst 5 personer har tatt opp" in text


def test_likert_questions_have_a_chart_and_the_same_numbers(signed_in, plan, staff_round):
    document = document_of(download(signed_in, staff_round.id, "docx").data)
    likert = next(table_rows(t) for t in document.tables if table_rows(t)[0][-1] == "Figur")
    counts = {row[0]: row[1] for row in likert[1:]}
    # 18 answers: 4 ten times; 5 and 2 four times each and 2 not answered (hidden: small).
    assert counts["4"] == "10" and counts["2"] == counts["5 – Helt enig"] == "–"
    assert next(r for r in likert if r[0] == "4")[3].startswith("█")
    assert counts["I alt"] == "20"


def test_html_report_is_printable_and_accessible_markup(signed_in, plan, staff_round):
    response = download(signed_in, staff_round.id, "html")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert response.headers["Content-Disposition"].startswith("inline")
    html = response.text
    assert '<html lang="nb">' in html and "@media print" in html
    assert "<caption>" in html and 'scope="col"' in html
    for heading in SECTIONS:
        assert f"<h2>{heading}</h2>" in html
    assert "Ungdom opplever at det mangler gratis møteplasser" in visible_text(html)


def test_html_report_style_is_allowed_by_its_hash_only(signed_in, plan, staff_round):
    """The saved file keeps its style; the served page allows exactly that block, no more."""
    response = download(signed_in, staff_round.id, "html")
    css = re.search(r"<style>(.*?)</style>", response.text, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    policy = response.headers["Content-Security-Policy"]
    assert f"style-src 'self' 'sha256-{digest}';" in policy
    assert "unsafe-inline" not in policy and "style=" not in response.text


def test_markdown_report_escapes_text_and_has_the_sections(signed_in, plan, staff_round):
    response = download(signed_in, staff_round.id, "md")
    assert response.status_code == 200 and response.mimetype == "text/markdown"
    md = response.text
    for heading in SECTIONS:
        assert f"## {heading}" in md
    assert "| Alder | Tiltak | Ansvar |" in md
    assert re.search(r"> «.*»", md)


def test_report_without_csrf_is_refused(signed_in, plan, staff_round):
    response = signed_in.post(REPORT, data={"rounds": staff_round.id, "format": "docx"})
    assert response.status_code == 400


def test_viewer_may_download_the_report(client, auth, viewer, plan, staff_round):
    auth.login(viewer.email)
    assert download(client, staff_round.id, "docx").status_code == 200


def test_report_of_another_organisations_round_is_refused(
    client, auth, make_user, plan, staff_round
):
    from surveyapp.services import organisations

    other = organisations.create_organisation("Andeby", ["Andeby"])
    db.session.commit()
    auth.login(make_user("planner", email="ole@andeby.example", org=other).email)
    response = download(client, staff_round.id, "docx")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "Content-Disposition" not in response.headers
    assert "Noe må rettes" in response.text


def test_report_counts_match_the_database(plan, staff_round):
    report = build_report(plan.organisation, [staff_round])
    assert report.round_counts.rows[0].count == len(staff_round.responses) == 20
    (run,) = report.runs
    sizes = {t["label"]: t["answers"].count for t in run.themes}
    assert sizes == {"Samarbeid": 6, "Ventetid": 6, "Fritid": 6, "Annet": 0}
    assert [e.statement for _k, _l, entries in report.sections for e in entries] == [
        "Ungdom opplever at det mangler gratis møteplasser",
        "Kortere ventetid på utredning",
        "Gratis fritidsklubb to kvelder i uka",
    ]


def test_report_includes_what_the_youth_council_chose(plan, staff_round, monkeypatch):
    from surveyapp.services.report import youth as report_youth

    monkeypatch.setattr(
        report_youth,
        "youth_council",
        lambda org, t: [
            {
                "title": "Ungdomsrådet mars",
                "items": [
                    {
                        "text": "Gratis steder å henge etter skolen",
                        "finding_id": None,
                        "votes_text": "11 enige, 1 uenige, 0 vet ikke",
                    }
                ],
            }
        ],
    )
    monkeypatch.setattr(build, "youth_council", report_youth.youth_council)
    report = build_report(plan.organisation, [staff_round])
    from surveyapp.services.report.render import to_markdown

    md = to_markdown(report)
    assert "### Ungdomsrådet mars" in md
    assert "«Gratis steder å henge etter skolen» (11 enige, 1 uenige, 0 vet ikke)" in md


def test_cli_report_writes_each_format(runner, plan, staff_round, tmp_path):
    for fmt in ("docx", "html", "md"):
        out = tmp_path / f"rapport.{fmt}"
        result = runner.invoke(
            args=["report", str(staff_round.id), "--format", fmt, "--out", str(out)]
        )
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 1000
    document = document_of((tmp_path / "rapport.docx").read_bytes())
    assert "Tiltak" in [p.text for p in document.paragraphs]
    assert "Ungdom opplever at det mangler" in (tmp_path / "rapport.md").read_text()


def test_youth_council_votes_need_threshold_voters(organisation, monkeypatch):
    from surveyapp.services.report import youth as report_youth

    class Wall:
        title, id = "Veggen", 1

    monkeypatch.setattr(
        report_youth,
        "youth_council_section",
        lambda wall: [
            {"text": "Mer lys i parken", "agree": 9, "disagree": 2, "passes": 1},
            {"text": "Gratis kino", "agree": 3, "disagree": 1, "passes": 0},
        ],
    )
    monkeypatch.setattr(report_youth.db.session, "scalars", lambda query: [Wall()])
    (wall,) = report_youth.youth_council(organisation, 5)
    assert [i["votes_text"] for i in wall["items"]] == [
        "9 enige, 2 uenige, 1 vet ikke",
        "færre enn 5 stemte, så stemmene vises ikke",
    ]


def test_report_includes_statements_chosen_on_an_idea_wall(
    plan, staff_round, organisation, planner
):
    from surveyapp.services import ideawall
    from surveyapp.services.report.render import to_markdown

    wall = ideawall.create_wall(
        organisation, "Ungdomsrådet i mars", ["Hva mangler?"], created_by=planner
    )
    statement = ideawall.add_statement(wall, "Gratis steder å henge etter skolen, ring 91234567")
    ideawall.choose(statement, "common_ground", planner)
    db.session.commit()
    md = to_markdown(build_report(organisation, [staff_round]))
    section = md.split("\n## Ungdomsrådet mener")[1].split("\n## ")[0]
    assert "### Ungdomsrådet i mars" in section
    assert "Gratis steder å henge etter skolen" in section
    assert "91234567" not in section
    assert "færre enn 5 stemte" in section  # nobody voted on it


def test_a_statement_taken_into_the_plan_is_in_the_report_once(
    client, auth, plan, staff_round, organisation, planner
):
    """Issue 18.3: the statement is under «Ungdomsrådet mener», not again as a finding."""
    from surveyapp.services import ideawall

    wall = ideawall.create_wall(organisation, "Ungdomsrådet", ["Hva mangler?"], created_by=planner)
    statement = ideawall.add_statement(wall, "Billigere buss om kvelden")
    ideawall.choose(statement, "common_ground", planner)
    db.session.commit()
    auth.login(planner.email)
    page = client.get("/planlegger/analyse/rapport")
    response = client.post(
        "/planlegger/analyse/rapport",
        data={"csrf_token": csrf_token(page.text), "rounds": staff_round.id, "format": "md"},
    )
    assert response.status_code == 200
    assert response.text.count("Billigere buss om kvelden") == 1
    youth = response.text.split("## Ungdomsrådet mener")[1].split("\n## ")[0]
    assert "Billigere buss om kvelden" in youth


def test_report_form_ticks_the_rounds_of_the_analysis_or_none(
    signed_in, topic_run, staff_round, make_round
):
    """Issue 18.2: coming from an analysis its rounds are ticked; otherwise no round is."""
    other = make_round("tjenester", title="En annen runde")
    ticked = re.compile(
        r'<input[^>]*checked[^>]*name="rounds"[^>]*value="(\d+)"|'
        r'<input[^>]*name="rounds"[^>]*value="(\d+)"[^>]*checked'
    )

    def ticked_ids(html: str) -> set[int]:
        return {int(a or b) for a, b in ticked.findall(html)}

    assert ticked_ids(signed_in.get(REPORT).text) == set()
    from_run = signed_in.get(f"{REPORT}?analyse={topic_run.id}").text
    assert ticked_ids(from_run) == {staff_round.id} and str(other.id) in from_run
    assert f"{REPORT}?analyse={topic_run.id}" in signed_in.get(
        f"/planlegger/analyse/{topic_run.id}"
    ).text


def test_likert_questions_once_without_empty_tables(
    signed_in, plan, staff_round, make_round, add_response
):
    """Issue 18.2: a question asked in two rounds has one heading; a round without
    answers to it (an import that lacked it) prints no table."""
    second = make_round("tjenester", title="Runde to")
    empty = make_round("tjenester", title="Importert uten skala")
    for i in range(6):
        add_response(second, {"tiltak_virker": "Greit."}, rutiner_bekymring=4)
        add_response(empty, {"tiltak_virker": "Greit."})
    db.session.commit()
    page = signed_in.get(REPORT)
    response = signed_in.post(
        REPORT,
        data={
            "csrf_token": csrf_token(page.text),
            "rounds": [staff_round.id, second.id, empty.id],
            "format": "md",
        },
    )
    likert = response.text.split("## Spørsmål med svarskala")[1].split("\n## ")[0]
    question = r"Vi har skriftlige rutiner for hva vi gjør ved bekymring for et barn\."
    assert likert.count(f"### {question}") == 1
    assert "*Runde to*" in likert and "*Tjenestene*" in likert
    assert "Importert uten skala" not in likert
