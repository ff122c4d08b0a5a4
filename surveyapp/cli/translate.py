"""``flask translate``: keep the nb and nn catalogues in step with the source (microblog style).

Source strings are bokmål; the nn catalogue holds the nynorsk translations, and the nb
catalogue exists so both languages go through the same pipeline.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import click
from flask.cli import AppGroup

translate_cli = AppGroup("translate", help="Extract, update and compile UI translations.")
ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = ROOT / "surveyapp" / "translations"
TEMPLATE = ROOT / "messages.pot"


def pybabel(*args: str) -> None:
    command = [sys.executable, "-m", "babel.messages.frontend", *args]
    if subprocess.run(command, cwd=ROOT).returncode != 0:
        raise click.ClickException(f"pybabel {args[0]} failed")


def extract() -> None:
    pybabel("extract", "-F", "babel.cfg", "-k", "_l", "--no-location", "--sort-output",
            "-o", str(TEMPLATE), ".")


@translate_cli.command("init")
@click.argument("language")
def init(language: str) -> None:
    """Start a catalogue for a new language."""
    extract()
    pybabel("init", "-i", str(TEMPLATE), "-d", str(CATALOGUES), "-l", language)
    TEMPLATE.unlink()


@translate_cli.command("update")
def update() -> None:
    """Add new source strings to every catalogue."""
    extract()
    pybabel("update", "-i", str(TEMPLATE), "-d", str(CATALOGUES), "--no-fuzzy-matching")
    TEMPLATE.unlink()


@translate_cli.command("compile")
def compile_() -> None:
    """Compile the catalogues into .mo files the app reads."""
    pybabel("compile", "-d", str(CATALOGUES))
