"""Organisations and users: every refusal is a bokmål message a user can act on."""

from __future__ import annotations

import pytest

from surveyapp.exceptions import InnspillError, NotFound
from surveyapp.services import organisations
from tests.conftest import PASSWORD


@pytest.mark.parametrize(
    ("email", "password", "role", "message"),
    [
        ("kari", PASSWORD, "planner", "«kari» er ikke en e-postadresse."),
        ("@midtdalen.example", PASSWORD, "planner", "er ikke en e-postadresse"),
        ("kari@midtdalen.example", PASSWORD, "sjef", "Ukjent rolle «sjef». Velg en av disse:"),
        ("kari@midtdalen.example", "kort", "planner", "Passordet må ha minst 10 tegn."),
        (
            "Planner@Midtdalen.example",
            PASSWORD,
            "viewer",
            "Det finnes allerede en bruker med e-postadressen planner@midtdalen.example.",
        ),
    ],
)
def test_create_user_refuses_in_bokmal(make_user, organisation, email, password, role, message):
    make_user("planner")
    with pytest.raises(InnspillError, match=message):
        organisations.create_user(email, password, role, organisation)


def test_create_organisation_refuses_in_bokmal(organisation):
    with pytest.raises(InnspillError, match="Organisasjonen må ha et navn."):
        organisations.create_organisation("  ", [])
    with pytest.raises(InnspillError, match="Det finnes allerede en organisasjon som heter"):
        organisations.create_organisation("Midtdalen", [])


def test_find_organisation_names_the_ones_that_exist(organisation):
    with pytest.raises(NotFound) as error:
        organisations.find_organisation("Atlantis")
    assert str(error.value) == (
        "Fant ingen organisasjon som heter «Atlantis». Disse finnes: Midtdalen."
    )


def test_messages_go_through_the_catalogue(organisation, monkeypatch):
    """The messages are looked up in the translation catalogue, not hard-coded."""
    looked_up = []

    def gettext(message, **variables):
        looked_up.append(message)
        return message % variables

    monkeypatch.setattr(organisations, "_", gettext)
    with pytest.raises(InnspillError):
        organisations.create_user("kari@midtdalen.example", "kort", "planner", organisation)
    assert looked_up == ["Passordet må ha minst %(n)s tegn."]
