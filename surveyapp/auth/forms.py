from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length

from surveyapp.forms import AppForm


class LoginForm(AppForm):
    email = EmailField(_l("E-post"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Passord"), validators=[DataRequired(), Length(max=200)])


def _password_field(label) -> PasswordField:
    return PasswordField(label, validators=[DataRequired(), Length(max=200)])


class PasswordForm(AppForm):
    current = _password_field(_l("Nåværende passord"))
    new = _password_field(_l("Nytt passord (minst 10 tegn)"))
    repeated = _password_field(_l("Gjenta det nye passordet"))
