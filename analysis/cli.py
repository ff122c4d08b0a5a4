"""Command line: ``python -m analysis themes INPUT.csv --text-column TEXT --out OUT.csv``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

import pandas as pd

from .codebook import OTHER_KEY
from .exceptions import AnalysisError, InvalidParameterError
from .model import ThemeModel

__all__ = ["main", "build_parser"]

#: Theme written for non-answers in the output file.
NONANSWER_KEY = "ikke_svar"
#: Columns added to the output. An input column with one of these names is kept as
#: "<name>_input" (unless it is the coded column, whose coded values stay in "theme").
OUTPUT_COLUMNS = ("theme", "theme_label", "confidence")
#: Inputs at least this long show progress on stderr.
PROGRESS_FROM = 1000


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of ``python -m analysis``."""
    parser = argparse.ArgumentParser(
        prog="python -m analysis", description="Find themes in free-text answers."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    themes = sub.add_parser("themes", help="theme the answers in a CSV file")
    themes.add_argument("input", help="CSV file (UTF-8, with a header row)")
    themes.add_argument("--text-column", required=True, help="column with the answers")
    themes.add_argument("--id-column", help="column with answer ids (kept in the output)")
    themes.add_argument("--n-themes", default="auto", help="'auto' or a number (discover mode)")
    themes.add_argument("--codebook", help="YAML codebook, or a built-in: 15-1, workshop")
    themes.add_argument("--coded-column", help="column with the planner's coding (theme keys)")
    themes.add_argument("--random-state", type=int, default=0)
    themes.add_argument("--out", required=True, help="CSV file to write")
    themes.add_argument("--quiet", action="store_true", help="print no summary or progress")
    return parser


def _n_themes(value: str):
    if value == "auto":
        return "auto"
    try:
        number = int(value)
    except ValueError as exc:
        raise InvalidParameterError("--n-themes must be 'auto' or a whole number.") from exc
    if number < 1:
        raise InvalidParameterError("--n-themes must be at least 1.")
    return number


def run_themes(args: argparse.Namespace) -> int:
    """Read the CSV, fit the model, write the output and print a summary."""
    try:
        frame = pd.read_csv(args.input, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InvalidParameterError(f"Cannot read {args.input}: {exc}") from exc
    for column in (args.text_column, args.id_column, args.coded_column):
        if column and column not in frame.columns:
            raise InvalidParameterError(f"Column {column!r} is not in {args.input}.")
    coded = frame[args.coded_column].tolist() if args.coded_column else None
    mode = "coding" if coded is not None else ("guided" if args.codebook else "discover")
    verbose = int(not args.quiet and len(frame) >= PROGRESS_FROM)
    model = ThemeModel(
        mode=mode,
        codebook=args.codebook,
        n_themes=_n_themes(args.n_themes),
        random_state=args.random_state,
        verbose=verbose,
    )
    model.fit(frame[args.text_column], coded=coded)
    labels = {t.key: t.label for t in model.themes_}
    labels[NONANSWER_KEY] = "Ikke svar"
    keys = [a.theme or NONANSWER_KEY for a in model.assignments_]
    out = frame.rename(
        columns={
            c: f"{c}_input" for c in OUTPUT_COLUMNS if c in frame.columns and c != args.coded_column
        }
    )
    out["theme"] = keys
    out["theme_label"] = [labels.get(k, k) for k in keys]
    out["confidence"] = [f"{a.confidence:.3f}" for a in model.assignments_]
    out.to_csv(args.out, index=False, encoding="utf-8", lineterminator="\n")
    if not args.quiet:
        print(summary_table(model))
    return 0


def summary_table(model: ThemeModel) -> str:
    """Return a plain-text table: label, size, keywords and one quote per theme."""
    lines = [
        f"{model.n_answers_} svar, {model.n_nonanswers_} uten innhold, "
        f"{len([t for t in model.themes_ if t.key != OTHER_KEY])} tema "
        f"(modus: {model.mode}, random_state={model.random_state})",
        "",
    ]
    lines.append(f"{'tema':<34} {'antall':>6}  nøkkelord / sitat")
    for theme in model.themes_:
        if theme.size == 0:
            continue
        lines.append(f"{theme.label[:34]:<34} {theme.size:>6}  {', '.join(theme.keywords[:5])}")
        if theme.quotes:
            lines.append(f"{'':<42}«{theme.quotes[0][:100]}»")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the process exit code (2 for a clear error)."""
    args = build_parser().parse_args(argv)
    try:
        return run_themes(args)
    except AnalysisError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
