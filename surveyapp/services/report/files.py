"""The plan report as a file: the one entry point for the web download and the CLI."""

from __future__ import annotations

from surveyapp.exceptions import InnspillError
from surveyapp.models import Organisation, Round
from surveyapp.models.analysis import AnalysisRun
from surveyapp.services.report.build import build_report
from surveyapp.services.report.render import to_docx, to_html, to_markdown

FORMATS = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    "html": ("text/html; charset=utf-8", "html"),
    "md": ("text/markdown; charset=utf-8", "md"),
}


def report_file(
    organisation: Organisation, rounds: list[Round], fmt: str, runs: list[AnalysisRun] | None = None
) -> tuple[bytes, str, str]:
    """``(body, mimetype, file name)`` of the report in ``fmt`` (docx, html or md)."""
    if fmt not in FORMATS:
        raise InnspillError(f"Ukjent format: {fmt}.")
    report = build_report(organisation, rounds, runs)
    if fmt == "docx":
        body = to_docx(report)
    else:
        body = (to_html(report) if fmt == "html" else to_markdown(report)).encode("utf-8")
    mimetype, suffix = FORMATS[fmt]
    return body, mimetype, f"innspill-rapport.{suffix}"
