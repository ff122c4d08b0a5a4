"""Forms of the idea wall. Services check the same rules again; these give errors per field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length, Optional

from surveyapp.forms import AppForm
from surveyapp.models.ideawall import CHOICE_KINDS, MAX_STATEMENT_LENGTH, VOTE_VALUES


class WallForm(AppForm):
    title = StringField(
        _l("Tittel"), validators=[DataRequired(_l("Skriv en tittel.")), Length(max=200)]
    )
    prompts = TextAreaField(
        _l("Spørsmål til ungdommene"),
        validators=[DataRequired(_l("Skriv minst ett spørsmål.")), Length(max=1600)],
    )
    moderated = BooleanField(
        _l("Godkjenn innlegg før de vises (anbefalt for ungdom)"), default=True
    )

    def prompt_lines(self) -> list[str]:
        return [line.strip() for line in (self.prompts.data or "").splitlines() if line.strip()]


class StatementForm(AppForm):
    text = TextAreaField(
        _l("Ditt innlegg"),
        validators=[
            DataRequired(_l("Skriv noe før du sender.")),
            Length(max=MAX_STATEMENT_LENGTH, message=_l("Høyst %(max)d tegn.")),
        ],
    )
    prompt = RadioField(
        _l("Hvilket spørsmål svarer du på?"),
        coerce=int,
        validators=[InputRequired(_l("Velg hvilket spørsmål du svarer på."))],
    )

    def __init__(self, wall, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.prompt.choices = [(p.id, p.text) for p in wall.prompts]
        if len(wall.prompts) == 1:
            self.prompt.validators = [Optional()]


class VoteForm(AppForm):
    statement_id = IntegerField(validators=[InputRequired()])
    vote = HiddenField(validators=[InputRequired(), AnyOf(list(VOTE_VALUES))])


class ChoiceForm(AppForm):
    kind = HiddenField(validators=[InputRequired(), AnyOf(list(CHOICE_KINDS))])


class ActionForm(AppForm):
    """A form with nothing but the CSRF token: buttons that change state."""
