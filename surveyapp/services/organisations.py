"""Organisations, their municipalities and users.

Every error message is shown to a user (the admin form, the command line), so it is
bokmål and goes through the translation catalogue.
"""

from __future__ import annotations

from flask_babel import gettext as _

from surveyapp.exceptions import InnspillError, NotFound
from surveyapp.extensions import db
from surveyapp.models import ROLES, Municipality, Organisation, User

#: the shortest password a new account may get (the admin form says the same)
MIN_PASSWORD_LENGTH = 10


def create_organisation(name: str, municipalities: list[str]) -> Organisation:
    """A new organisation with its member municipalities (default: one named like it)."""
    name = name.strip()
    if not name:
        raise InnspillError(_("Organisasjonen må ha et navn."))
    if db.session.scalar(db.select(Organisation).filter_by(name=name)):
        raise InnspillError(
            _("Det finnes allerede en organisasjon som heter «%(name)s».", name=name)
        )
    organisation = Organisation(name=name)
    organisation.municipalities = [Municipality(name=m.strip()) for m in municipalities or [name]]
    db.session.add(organisation)
    db.session.flush()
    return organisation


def find_organisation(name: str) -> Organisation:
    """The organisation called ``name``; NotFound names the ones that exist."""
    organisation = db.session.scalar(db.select(Organisation).filter_by(name=name))
    if organisation is None:
        known = db.session.scalars(db.select(Organisation.name).order_by(Organisation.name)).all()
        message = _("Fant ingen organisasjon som heter «%(name)s».", name=name)
        if known:
            message += " " + _("Disse finnes: %(names)s.", names=", ".join(known))
        raise NotFound(message)
    return organisation


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str, password: str, role: str, organisation: Organisation, name: str = ""
) -> User:
    """A new account in ``organisation``; raises InnspillError with a message for the user."""
    email = normalise_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InnspillError(_("«%(email)s» er ikke en e-postadresse.", email=email))
    if role not in ROLES:
        raise InnspillError(
            _(
                "Ukjent rolle «%(role)s». Velg en av disse: %(roles)s.",
                role=role,
                roles=", ".join(ROLES),
            )
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InnspillError(_("Passordet må ha minst %(n)s tegn.", n=MIN_PASSWORD_LENGTH))
    if db.session.scalar(db.select(User).filter_by(email=email)):
        raise InnspillError(
            _("Det finnes allerede en bruker med e-postadressen %(email)s.", email=email)
        )
    user = User(email=email, name=name, role=role, organisation=organisation)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
