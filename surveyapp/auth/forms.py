from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, Length


class LoginForm(FlaskForm):
    email = EmailField(_l("E-post"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Passord"), validators=[DataRequired(), Length(max=200)])


class PasswordForm(FlaskForm):
    current = PasswordField(_l("Nåværende passord"), validators=[DataRequired(), Length(max=200)])
    new = PasswordField(_l("Nytt passord (minst 10 tegn)"), validators=[DataRequired(), Length(max=200)])
    repeated = PasswordField(_l("Gjenta det nye passordet"), validators=[DataRequired(), Length(max=200)])
