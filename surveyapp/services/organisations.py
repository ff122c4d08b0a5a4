"""Organisations, their municipalities and users."""

from __future__ import annotations

from surveyapp.exceptions import InnspillError, NotFound
from surveyapp.extensions import db
from surveyapp.models import ROLES, Municipality, Organisation, User


def create_organisation(name: str, municipalities: list[str]) -> Organisation:
    name = name.strip()
    if not name:
        raise InnspillError("The organisation needs a name.")
    if db.session.scalar(db.select(Organisation).filter_by(name=name)):
        raise InnspillError(f"An organisation named {name!r} already exists.")
    organisation = Organisation(name=name)
    organisation.municipalities = [Municipality(name=m.strip()) for m in municipalities or [name]]
    db.session.add(organisation)
    db.session.flush()
    return organisation


def find_organisation(name: str) -> Organisation:
    organisation = db.session.scalar(db.select(Organisation).filter_by(name=name))
    if organisation is None:
        known = db.session.scalars(db.select(Organisation.name).order_by(Organisation.name)).all()
        hint = f" Known organisations: {', '.join(known)}." if known else ""
        raise NotFound(f"No organisation named {name!r}.{hint}")
    return organisation


def normalise_email(email: str) -> str:
    return email.strip().lower()


def create_user(
    email: str, password: str, role: str, organisation: Organisation, name: str = ""
) -> User:
    email = normalise_email(email)
    if "@" not in email or email.startswith("@") or email.endswith("@"):
        raise InnspillError(f"{email!r} is not an e-mail address.")
    if role not in ROLES:
        raise InnspillError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.")
    if len(password) < 10:
        raise InnspillError("The password must be at least 10 characters long.")
    if db.session.scalar(db.select(User).filter_by(email=email)):
        raise InnspillError(f"A user with e-mail {email} already exists.")
    user = User(email=email, name=name, role=role, organisation=organisation)
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user
