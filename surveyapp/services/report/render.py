"""Lay out a :class:`~surveyapp.services.report.build.Report` as Word, Markdown or HTML.

The layout follows the plan (DOMAIN.md §5): method, then findings by plan section, tiltak
as a KORUS table, "Ungdomsrådet mener", the Likert questions, and the themes as an appendix.
Hidden numbers are shown as one neutral marker, explained once.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Pt
from flask import current_app, render_template
from flask_babel import gettext as _

from surveyapp.security import allow_inline_style
from surveyapp.services.findings import KORUS_COLUMNS
from surveyapp.services.report.build import Count, FindingEntry, Report, Table
from surveyapp.services.report.numbers import HIDDEN, number

BAR = "█"
BAR_WIDTH = 20
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}\u00a0%"


def bar(row: Count, table: Table) -> str:
    """A text bar as long as the row's share of the largest shown number."""
    shown = [r.count for r in table.rows if r.count is not None]
    if row.count is None or not shown or max(shown) == 0:
        return ""
    return BAR * round(BAR_WIDTH * row.count / max(shown))


def hidden_note(threshold: int) -> str:
    return _(
        "%(mark)s betyr at tallet er skjult: gruppen har færre enn %(t)d personer, eller tallet "
        "er skjult for å beskytte en annen liten gruppe.",
        mark=HIDDEN,
        t=threshold,
    )


def privacy_text(threshold: int) -> str:
    return _(
        "Tall for grupper med færre enn %(t)d personer vises ikke, og det siteres bare fra tema "
        "som minst %(t)d personer har tatt opp. Noen andre tall er også skjult, slik at de skjulte ikke kan regnes ut. "
        "Personopplysninger i sitatene, som navn, telefonnumre, e-postadresser og "
        "fødselsnumre, er byttet ut med [navn], [telefon], [e-post] og [fødselsnummer].",
        t=threshold,
    )


def raised_text(entry: FindingEntry) -> list[str]:
    """ "Ansatte: 12 (30 % av gruppen)" per group, one line per breakdown."""
    lines = []
    for table in entry.raised:
        parts = [
            f"{row.label}: {number(row.count)}"
            + (f" ({percent(row.percent)} {_('av gruppen')})" if row.percent is not None else "")
            for row in table.rows
        ]
        lines.append(f"{table.title}: " + "; ".join(parts))
    return lines


# --- Word ---------------------------------------------------------------------------------


def to_docx(report: Report) -> bytes:
    """The report as a .docx file."""
    doc = Document()
    doc.styles["Normal"].font.name = "Calibri"
    doc.styles["Normal"].font.size = Pt(11)
    doc.add_heading(_("Innspill til forebyggende plan – %(org)s", org=report.organisation), 0)
    doc.add_paragraph(_("Laget %(date)s med Innspill.", date=report.generated))
    _docx_method(doc, report)
    for key, label, entries in report.sections:
        doc.add_heading(label, 1)
        if key == "tiltak" and entries:
            _docx_korus(doc, entries)
        if not entries:
            doc.add_paragraph(_("Ingen funn er plassert her ennå."))
        for entry in entries:
            _docx_finding(doc, entry)
    _docx_youth(doc, report)
    doc.add_heading(_("Spørsmål med svarskala"), 1)
    for table in report.likert:
        if table.title:  # a question asked in several rounds has its heading once
            doc.add_heading(table.title, 3)
        if table.note:
            doc.add_paragraph(table.note).runs[0].italic = True
        _docx_table(doc, table, chart=True)
    doc.add_heading(_("Vedlegg: tema"), 1)
    for run in report.runs:
        doc.add_heading(run.title, 2)
        _docx_table(doc, run.themes_table)
        for theme in run.themes:
            doc.add_heading(f"{theme['label']} ({number(theme['answers'].count)})", 3)
            if theme["keywords"]:
                doc.add_paragraph(_("Nøkkelord: %(words)s", words=", ".join(theme["keywords"])))
            for quote in theme["quotes"]:
                doc.add_paragraph(f"«{quote}»", style="Quote")
    doc.add_paragraph(hidden_note(report.threshold))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _docx_method(doc, report: Report) -> None:
    doc.add_heading(_("Metode"), 1)
    doc.add_heading(_("Rundene"), 2)
    for r in report.rounds:
        doc.add_paragraph(_round_line(r), style="List Bullet")
    _docx_table(doc, report.round_counts)
    doc.add_heading(_("Hvem svarte"), 2)
    for table in report.groups:
        doc.add_paragraph(table.title).runs[0].bold = True
        _docx_table(doc, table)
    doc.add_heading(_("Slik ble temaene laget"), 2)
    if not report.runs:
        doc.add_paragraph(_("Fritekstsvarene er ikke analysert i tema."))
    for run in report.runs:
        doc.add_paragraph(f"{run.title}: {run.method}")
    doc.add_heading(_("Personvern og små grupper"), 2)
    doc.add_paragraph(privacy_text(report.threshold))


def _round_line(r: dict) -> str:
    line = _(
        "«%(title)s»: spørreskjemaet «%(questionnaire)s» til %(audience)s, åpen fra %(opens)s "
        "til %(closes)s",
        **r,
    )
    if r["municipalities"]:
        line += _(", i %(places)s", places=r["municipalities"])
    return line + (_(". Svarene er anonyme.") if r["anonymous"] else ".")


def _docx_table(doc, table: Table, chart: bool = False) -> None:
    headers = [_("Svar") if chart else _("Gruppe"), _("Antall"), _("Andel")]
    grid = doc.add_table(rows=1, cols=len(headers) + (1 if chart else 0))
    grid.style = "Table Grid"
    cells = grid.rows[0].cells
    for i, text in enumerate(headers + ([_("Figur")] if chart else [])):
        cells[i].text = str(text)
    for row in table.rows:
        values = [row.label, number(row.count), percent(row.percent)]
        if chart:
            values.append(bar(row, table))
        for cell, text in zip(grid.add_row().cells, values):
            cell.text = text
    total = grid.add_row().cells
    total[0].text, total[1].text = _("I alt"), number(table.total)
    doc.add_paragraph()


def _docx_finding(doc, entry: FindingEntry) -> None:
    doc.add_paragraph(entry.statement).runs[0].bold = True
    if entry.details:
        doc.add_paragraph(entry.details)
    if entry.themes:
        doc.add_paragraph(_("Bygger på tema: %(themes)s", themes=", ".join(entry.themes)))
    for line in raised_text(entry):
        doc.add_paragraph(line)
    for quote in entry.quotes:
        doc.add_paragraph(f"«{quote}»", style="Quote")


def _docx_korus(doc, entries: list[FindingEntry]) -> None:
    section = doc.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    headers = [str(label) for _name, label in KORUS_COLUMNS] + [_("Status")]
    grid = doc.add_table(rows=1, cols=len(headers))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, headers):
        cell.text = text
    for entry in entries:
        values = [entry.korus[name] for name, _label in KORUS_COLUMNS] + [entry.status]
        for cell, text in zip(grid.add_row().cells, values):
            cell.text = text
    doc.add_paragraph()


def _docx_youth(doc, report: Report) -> None:
    doc.add_heading(_("Ungdomsrådet mener"), 1)
    if not report.youth:
        doc.add_paragraph(_("Ingen utsagn fra idéveggen er valgt til planen ennå."))
    for wall in report.youth:
        doc.add_heading(wall["title"], 2)
        for item in wall["items"]:
            doc.add_paragraph(f"«{item['text']}» ({item['votes_text']})", style="List Bullet")


# --- Markdown -----------------------------------------------------------------------------


def md(text: str) -> str:
    """Text that Markdown shows literally (no links, emphasis or HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def _md_table(table: Table, chart: bool = False) -> list[str]:
    head = f"| {_('Svar') if chart else _('Gruppe')} | {_('Antall')} | {_('Andel')} |"
    lines = [
        head + (f" {_('Figur')} |" if chart else ""),
        "|---|---:|---:|" + ("---|" if chart else ""),
    ]
    for row in table.rows:
        line = f"| {md(row.label)} | {number(row.count)} | {percent(row.percent)} |"
        lines.append(line + (f" {bar(row, table)} |" if chart else ""))
    lines.append(f"| {_('I alt')} | {number(table.total)} | |" + (" |" if chart else ""))
    return lines + [""]


def to_markdown(report: Report) -> str:
    """The report as Markdown."""
    out = [
        f"# {md(_('Innspill til forebyggende plan – %(org)s', org=report.organisation))}",
        "",
        md(_("Laget %(date)s med Innspill.", date=report.generated)),
        "",
        f"## {_('Metode')}",
        "",
        f"### {_('Rundene')}",
        "",
    ]
    out += [f"- {md(_round_line(r))}" for r in report.rounds] + [""]
    out += _md_table(report.round_counts)
    out += [f"### {_('Hvem svarte')}", ""]
    for table in report.groups:
        out += [f"**{md(table.title)}**", ""] + _md_table(table)
    out += [f"### {_('Slik ble temaene laget')}", ""]
    out += [f"{md(run.title)}: {md(run.method)}" + "\n" for run in report.runs]
    out += [f"### {_('Personvern og små grupper')}", "", md(privacy_text(report.threshold)), ""]
    for key, label, entries in report.sections:
        out += [f"## {label}", ""]
        if key == "tiltak" and entries:
            headers = [str(lab) for _n, lab in KORUS_COLUMNS] + [_("Status")]
            out += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
            out += [
                "| "
                + " | ".join(md(e.korus[n]) for n, _l in KORUS_COLUMNS)
                + f" | {md(e.status)} |"
                for e in entries
            ] + [""]
        for entry in entries:
            out += [f"**{md(entry.statement)}**", ""]
            if entry.details:
                out += [md(entry.details), ""]
            if entry.themes:
                out += [md(_("Bygger på tema: %(themes)s", themes=", ".join(entry.themes))), ""]
            out += [f"- {md(line)}" for line in raised_text(entry)]
            out += [f"> «{md(q)}»\n" for q in entry.quotes] + [""]
    out += [f"## {_('Ungdomsrådet mener')}", ""]
    for wall in report.youth:
        out += [f"### {md(wall['title'])}", ""]
        out += [f"- «{md(item['text'])}» ({md(item['votes_text'])})" for item in wall["items"]]
        out += [""]
    out += [f"## {_('Spørsmål med svarskala')}", ""]
    for table in report.likert:
        out += [f"### {md(table.title)}", ""] if table.title else []
        out += [f"*{md(table.note)}*", ""] + _md_table(table, True)
    out += [f"## {_('Vedlegg: tema')}", ""]
    for run in report.runs:
        out += [f"### {md(run.title)}", ""] + _md_table(run.themes_table)
        for theme in run.themes:
            out += [f"#### {md(theme['label'])} ({number(theme['answers'].count)})", ""]
            if theme["keywords"]:
                out += [md(_("Nøkkelord: %(words)s", words=", ".join(theme["keywords"]))), ""]
            out += [f"> «{md(q)}»\n" for q in theme["quotes"]]
    out += ["", md(hidden_note(report.threshold)), ""]
    return "\n".join(out)


# --- HTML ---------------------------------------------------------------------------------


@cache
def _report_css(static_folder: str) -> str:
    """The report's style sheet, read once per process (it ships with the app)."""
    return (Path(static_folder) / "css" / "report.css").read_text(encoding="utf-8")


def to_html(report: Report) -> str:
    """The report as a printable, accessible HTML page (standalone, no scripts).

    Its style is embedded so that a saved copy keeps it; the response's CSP allows exactly
    that block by hash.
    """
    css = _report_css(current_app.static_folder)
    allow_inline_style(css)
    return render_template(
        "review/report.html",
        css=css,
        report=report,
        korus=KORUS_COLUMNS,
        number=number,
        percent=percent,
        bar=bar,
        raised_text=raised_text,
        round_line=_round_line,
        hidden_note=hidden_note(report.threshold),
        privacy=privacy_text(report.threshold),
    )
