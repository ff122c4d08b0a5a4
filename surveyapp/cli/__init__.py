"""Command-line interface: ``flask --app wsgi <group> <command>``, one module per command group.

:func:`register` is the one place the commands are added to the app.
"""

from __future__ import annotations

from flask import Flask

from surveyapp.cli import (
    analyse,
    demo,
    embed,
    export,
    organisations,
    questionnaires,
    report,
    rounds,
    tokens,
    translate,
    worker,
)

COMMANDS = (
    questionnaires.questionnaires_cli,
    organisations.organisations_cli,
    organisations.users_cli,
    rounds.rounds_cli,
    demo.demo,
    translate.translate_cli,
    analyse.analyse,
    embed.embed,
    report.report,
    export.export,
    tokens.tokens_cli,
    worker.worker,
)


def register(app: Flask) -> None:
    """Add every command group to ``app.cli``."""
    for command in COMMANDS:
        app.cli.add_command(command)
