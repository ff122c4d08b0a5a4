"""Forms of the analysis workspace (Flask-WTF, CSRF on)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from surveyapp.forms import AppForm
from surveyapp.services.findings import LEVEL_LABELS, SECTION_LABELS, STATUS_LABELS


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AtLeastOne:
    """At least one box ticked (without marking every box ``required`` in the HTML)."""

    def __init__(self, message: str) -> None:
        self.message = message

    def __call__(self, form, field) -> None:
        if not field.data:
            raise ValidationError(self.message)


class ActionForm(AppForm):
    """A button that changes state: only the CSRF token."""


class NewRunForm(AppForm):
    title = StringField(
        _l("Navn på analysen (valgfritt)"), validators=[Optional(), Length(max=200)]
    )
    rounds = MultiCheckboxField(
        _l("Runder"), coerce=int, validators=[AtLeastOne(_l("Velg minst én runde."))]
    )
    questions = MultiCheckboxField(
        _l("Fritekstspørsmål"), validators=[AtLeastOne(_l("Velg minst ett spørsmål."))]
    )
    mode = RadioField(
        _l("Hvordan skal temaene lages?"),
        choices=[
            ("guided", _l("Styrt av en kodebok: svarene sorteres i tema du kjenner fra før")),
            ("discover", _l("Finn tema: motoren finner temaene selv")),
            (
                "coding",
                _l("Lær av koding: motoren lærer av svar du har kodet i en tidligere analyse"),
            ),
        ],
        default="guided",
        validators=[InputRequired()],
    )
    codebook = SelectField(_l("Kodebok"), validators=[Optional()])
    source_run = SelectField(
        _l("Analyse med koding å lære av"), coerce=int, validators=[Optional()]
    )
    random_state = IntegerField(
        _l("Startverdi for tilfeldige valg"),
        default=0,
        validators=[Optional(), NumberRange(min=0, max=2**31 - 1)],
    )


class RunNameForm(AppForm):
    title = StringField(
        _l("Navn på analysen"), validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)]
    )


class LabelForm(AppForm):
    label = StringField(
        _l("Navn på tema"), validators=[DataRequired(_l("Skriv et navn.")), Length(max=200)]
    )


class MergeForm(AppForm):
    themes = MultiCheckboxField(_l("Tema som skal slås sammen"), coerce=int)
    label = StringField(
        _l("Navn på det sammenslåtte temaet (valgfritt)"), validators=[Optional(), Length(max=200)]
    )


class SplitForm(AppForm):
    n_themes = SelectField(
        _l("Antall deltema"),
        choices=[("auto", _l("La motoren velge")), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5")],
        default="auto",
    )


class ThemeChoiceForm(AppForm):
    theme = SelectField(_l("Tema"), coerce=int)


class CodebookForm(AppForm):
    name = StringField(
        _l("Navn"), validators=[DataRequired(_l("Gi kodeboken et navn.")), Length(max=200)]
    )
    text = TextAreaField(_l("Kodeboken (YAML)"), validators=[Optional()])
    upload = FileField(
        _l("…eller last opp en YAML-fil"),
        validators=[FileAllowed(["yaml", "yml"], _l("Bare YAML-filer."))],
    )


class FindingForm(AppForm):
    statement = TextAreaField(
        _l("Funn"),
        validators=[DataRequired(_l("Skriv funnet som en kort setning.")), Length(max=500)],
    )
    plan_section = SelectField(
        _l("Hvor i planen"), choices=[(k, v) for k, v in SECTION_LABELS.items()]
    )
    details = TextAreaField(_l("Utdyping (valgfritt)"), validators=[Optional(), Length(max=5000)])
    themes = MultiCheckboxField(_l("Tema funnet bygger på"), coerce=int)
    quotes = MultiCheckboxField(_l("Sitater (høyst 5)"), coerce=int)
    prevention_level = SelectField(
        _l("Forebyggingsnivå"),
        choices=[("", _l("Ikke valgt"))] + [(k, v) for k, v in LEVEL_LABELS.items()],
    )
    age_group = StringField(_l("Alder"), validators=[Optional(), Length(max=100)])
    responsible = StringField(_l("Ansvar"), validators=[Optional(), Length(max=200)])
    organising = TextAreaField(_l("Organisering"), validators=[Optional(), Length(max=2000)])
    collaboration = TextAreaField(_l("Samarbeid"), validators=[Optional(), Length(max=2000)])
    implementation = TextAreaField(
        _l("Implementeringsplan"), validators=[Optional(), Length(max=2000)]
    )
    evaluation = TextAreaField(_l("Evaluering"), validators=[Optional(), Length(max=2000)])
    status = SelectField(
        _l("Status"), choices=[("", _l("Ikke valgt"))] + [(k, v) for k, v in STATUS_LABELS.items()]
    )
    public = BooleanField(_l("Vis på den offentlige tilbakemeldingssiden"), default=False)


class MoveFindingForm(AppForm):
    direction = SelectField(choices=[("up", _l("Opp")), ("down", _l("Ned"))])


class ReportForm(AppForm):
    rounds = MultiCheckboxField(
        _l("Runder i rapporten"), coerce=int, validators=[AtLeastOne(_l("Velg minst én runde."))]
    )
    format = RadioField(
        _l("Format"),
        choices=[
            ("docx", _l("Word (.docx)")),
            ("html", _l("Nettside for utskrift (HTML)")),
            ("md", _l("Markdown (.md)")),
        ],
        default="docx",
    )


class FeedbackForm(AppForm):
    published = BooleanField(_l("Publiser siden «Dette gjorde vi med innspillet ditt»"))
    intro = TextAreaField(
        _l("Hilsen til dem som svarte (valgfritt)"), validators=[Optional(), Length(max=3000)]
    )
