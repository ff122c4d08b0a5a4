"""Forms of the planner workspace. Times are entered in Norwegian time and stored in UTC."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    IntegerField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    NumberRange,
    Optional,
)
from wtforms.widgets import CheckboxInput, ListWidget

from surveyapp.forms import AppForm
from surveyapp.models import ROLES

TIME_FORMAT = "%Y-%m-%dT%H:%M"


def audience_choices() -> list[tuple[str, str]]:
    return [
        ("staff", _l("Ansatte i tjenestene")),
        ("youth", _l("Ungdom")),
        ("parents", _l("Foreldre")),
        ("open", _l("Alle (åpen)")),
    ]


def role_choices() -> list[tuple[str, str]]:
    labels = {
        "admin": _l("Administrator: styrer brukere"),
        "planner": _l("Planlegger: lager runder og analyser"),
        "viewer": _l("Leser: ser resultater"),
    }
    return [(role, labels[role]) for role in ROLES]


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Oslo"))


def to_utc(local: datetime | None) -> datetime | None:
    """A time typed in Norwegian time, as an aware UTC datetime."""
    return None if local is None else local.replace(tzinfo=_zone()).astimezone(UTC)


def to_local(moment: datetime | None) -> datetime | None:
    """A stored UTC time as the naive Norwegian time a form field shows."""
    return None if moment is None else moment.astimezone(_zone()).replace(tzinfo=None)


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class RoundForm(AppForm):
    title = StringField(_l("Tittel"), validators=[DataRequired(), Length(max=200)])
    audience = SelectField(_l("Hvem skal svare?"), choices=audience_choices)
    anonymous = BooleanField(_l("Anonym runde"), default=True)
    opens_at = DateTimeLocalField(_l("Åpner"), format=TIME_FORMAT, validators=[Optional()])
    closes_at = DateTimeLocalField(_l("Stenger"), format=TIME_FORMAT, validators=[Optional()])
    access_code = StringField(
        _l("Tilgangskode (valgfri)"), validators=[Optional(), Length(min=4, max=50)]
    )
    remove_access_code = BooleanField(_l("Fjern tilgangskoden"))
    municipalities = MultiCheckboxField(_l("Kommuner"), coerce=int)


class ConfirmForm(AppForm):
    """A destructive action needs a ticked box, not only a click."""

    confirm = BooleanField(_l("Ja, jeg er sikker"), validators=[DataRequired()])


class ActionForm(AppForm):
    """A button that changes something: only the CSRF token."""


class ReopenForm(AppForm):
    closes_at = DateTimeLocalField(
        _l("Nytt sluttidspunkt (valgfritt)"), format=TIME_FORMAT, validators=[Optional()]
    )


class ImportForm(AppForm):
    file = FileField(
        _l("Fil fra Forms, Nettskjema eller Questback (.csv eller .xlsx)"),
        validators=[FileRequired()],
    )
    questionnaire = SelectField(_l("Spørreskjema svarene skal kobles til"))
    title = StringField(
        _l("Tittel på den nye runden"), validators=[DataRequired(), Length(max=200)]
    )
    audience = SelectField(_l("Hvem svarte?"), choices=audience_choices)
    anonymous = BooleanField(_l("Anonym runde"), default=True)
    municipalities = MultiCheckboxField(_l("Kommuner"), coerce=int)


class UserForm(AppForm):
    email = EmailField(_l("E-post"), validators=[DataRequired(), Length(max=254)])
    name = StringField(_l("Navn"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Rolle"), choices=role_choices)
    password = PasswordField(
        _l("Første passord (minst 10 tegn)"), validators=[DataRequired(), Length(min=10, max=200)]
    )


class UserEditForm(AppForm):
    role = SelectField(_l("Rolle"), choices=role_choices)
    active = BooleanField(_l("Kontoen er aktiv"))


class TokenForm(AppForm):
    name = StringField(_l("Navn på nøkkelen"), validators=[DataRequired(), Length(max=100)])


class SettingsForm(AppForm):
    threshold = IntegerField(
        _l("Minste gruppe som vises"), validators=[InputRequired(), NumberRange(min=2, max=50)]
    )
