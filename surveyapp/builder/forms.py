"""Forms of the builder. Every text has a bokmål and a nynorsk field side by side."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp
from wtforms.fields import DecimalField

from surveyapp.definitions.schema import KEY_PATTERN
from surveyapp.forms import AppForm
from surveyapp.planner.forms import audience_choices

#: empty rows offered below the filled ones, for new options and statements
SPARE_ROWS = 3


def type_choices() -> list[tuple[str, str]]:
    return [
        ("single_choice", _l("Ett valg")),
        ("multiple_choice", _l("Flere valg")),
        ("likert", _l("Skala 1–5 (enig–uenig)")),
        ("likert_grid", _l("Skala 1–5 for flere påstander")),
        ("short_text", _l("Kort fritekst")),
        ("long_text", _l("Lang fritekst")),
        ("number", _l("Tall")),
    ]


def background_choices() -> list[tuple[str, str]]:
    return [
        ("", _l("Nei, et vanlig spørsmål")),
        ("municipality", _l("Ja: kommune")),
        ("service", _l("Ja: tjeneste")),
        ("role", _l("Ja: rolle")),
        ("age_group", _l("Ja: aldersgruppe")),
    ]


def plan_section_choices() -> list[tuple[str, str]]:
    return [
        ("", _l("Ingen")),
        ("utfordringsbilde", _l("Utfordringsbilde")),
        ("satsingsomrade", _l("Satsingsområde")),
        ("mal", _l("Mål")),
        ("strategi", _l("Strategi")),
        ("tiltak", _l("Tiltak")),
        ("organisering", _l("Organisering")),
        ("implementering", _l("Implementering")),
        ("evaluering", _l("Evaluering")),
    ]


class NewForm(AppForm):
    title = StringField(_l("Tittel"), validators=[DataRequired(), Length(max=300)])
    start = SelectField(_l("Start fra"))


class SettingsForm(AppForm):
    title_nb = StringField(_l("Tittel (bokmål)"), validators=[Length(max=300)])
    title_nn = StringField(_l("Tittel (nynorsk)"), validators=[Length(max=300)])
    intro_nb = TextAreaField(_l("Innledning (bokmål)"), validators=[Length(max=3000)])
    intro_nn = TextAreaField(_l("Innledning (nynorsk)"), validators=[Length(max=3000)])
    audience = SelectField(_l("Hvem skal svare?"), choices=audience_choices)


class SectionForm(AppForm):
    title_nb = StringField(_l("Tittel (bokmål)"), validators=[Length(max=300)])
    title_nn = StringField(_l("Tittel (nynorsk)"), validators=[Length(max=300)])
    intro_nb = TextAreaField(_l("Innledning (bokmål)"), validators=[Length(max=3000)])
    intro_nn = TextAreaField(_l("Innledning (nynorsk)"), validators=[Length(max=3000)])


class AddQuestionForm(AppForm):
    type = SelectField(_l("Type spørsmål"), choices=type_choices)


class RowForm(Form):
    """One option or statement: its stored value (kept when the text changes) and texts."""

    value = HiddenField()
    nb = StringField(_l("Bokmål"), validators=[Length(max=300)])
    nn = StringField(_l("Nynorsk"), validators=[Length(max=300)])


class QuestionForm(AppForm):
    key = StringField(
        _l("Nøkkel (brukes i eksporter)"),
        validators=[
            DataRequired(),
            Length(max=64),
            Regexp(
                KEY_PATTERN,
                message=_l("Bare små bokstaver a–z, tall og _, og første tegn en bokstav."),
            ),
        ],
    )
    type = SelectField(_l("Type spørsmål"), choices=type_choices)
    text_nb = TextAreaField(_l("Spørsmål (bokmål)"), validators=[Length(max=1000)])
    text_nn = TextAreaField(_l("Spørsmål (nynorsk)"), validators=[Length(max=1000)])
    help_nb = TextAreaField(_l("Hjelpetekst (bokmål)"), validators=[Length(max=1000)])
    help_nn = TextAreaField(_l("Hjelpetekst (nynorsk)"), validators=[Length(max=1000)])
    required = BooleanField(_l("Må besvares"))
    max_length = IntegerField(
        _l("Største antall tegn"), validators=[Optional(), NumberRange(min=1, max=5000)]
    )
    min = DecimalField(_l("Minste tall"), validators=[Optional()])
    max = DecimalField(_l("Største tall"), validators=[Optional()])
    options = FieldList(FormField(RowForm), min_entries=0)
    municipalities = BooleanField(_l("Svaralternativene er rundens kommuner"))
    items = FieldList(FormField(RowForm), min_entries=0)
    low_nb = StringField(_l("Laveste verdi (bokmål)"), validators=[Length(max=100)])
    low_nn = StringField(_l("Laveste verdi (nynorsk)"), validators=[Length(max=100)])
    high_nb = StringField(_l("Høyeste verdi (bokmål)"), validators=[Length(max=100)])
    high_nn = StringField(_l("Høyeste verdi (nynorsk)"), validators=[Length(max=100)])
    dont_know = BooleanField(_l("Med «Vet ikke»"))
    background = SelectField(
        _l("Bakgrunnsspørsmål (brukes til å dele opp svarene og skjule små grupper)"),
        choices=background_choices,
    )
    theme = StringField(
        _l("Tema (valgfritt, for analysen)"),
        validators=[
            Optional(),
            Length(max=64),
            Regexp(KEY_PATTERN, message=_l("Bare små bokstaver a–z, tall og _.")),
        ],
    )
    plan_section = SelectField(_l("Del av planen"), choices=plan_section_choices)
    #: checked in :func:`surveyapp.builder.fields.read`: absent when no question comes before
    show_if_question = SelectField(_l("Vis spørsmålet bare når"), validate_choice=False)
    show_if_values = SelectMultipleField(_l("har svaret"))


class UploadForm(AppForm):
    file = FileField(
        _l("Skjemafil (XLSForm .xlsx eller YAML .yaml/.yml)"), validators=[FileRequired()]
    )


class ConfirmUploadForm(AppForm):
    payload = HiddenField(validators=[DataRequired()])
