"""No raw identifier at rest: planted ID numbers, phones and e-mails are in no table."""

from __future__ import annotations

import random
import re

from sqlalchemy import String, Text, cast

from surveyapp.models import Base
from tests.privacy.test_masking import digits_of, make_email, make_fnr, make_phone, spell_fnr

from .conftest import EMPLOYEE, Respondent


def planted(seed: int = 17) -> list[str]:
    """Identifiers in several spellings: fødselsnummer, D-number, phone, e-mail."""
    rng = random.Random(seed)
    ids = [spell_fnr(make_fnr(rng), rng) for _ in range(3)]
    ids += [spell_fnr(make_fnr(rng, d_number=True), rng) for _ in range(2)]
    return ids + [make_phone(rng) for _ in range(3)] + [make_email(rng) for _ in range(2)]


def every_stored_text(db) -> str:
    """Every value of every column of every table, as text (JSON columns included)."""
    chunks = []
    for table in Base.metadata.sorted_tables:
        columns = [cast(c, String) if not isinstance(c.type, Text) else c for c in table.columns]
        for row in db.session.execute(db.select(*columns)):
            chunks.extend(str(v) for v in row if v is not None)
    return "\n".join(chunks)


def test_planted_identifiers_are_stored_nowhere(client, test_round, db):
    identifiers = planted()
    text = "Kontakt meg: " + ", ".join(identifiers) + "."
    respondent = Respondent(client, test_round)
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    short = "Ring " + ", ".join(identifiers[:5])  # "tanker" holds 200 characters
    respondent.answer({**EMPLOYEE[1], "tanker": short, "overskrift": identifiers[0]})
    page = respondent.answer({"annet": text}, action="send")
    assert page.status_code == 200 and "error-summary" not in page.text
    stored = every_stored_text(db)
    assert "[fødselsnummer]" in stored and "[telefon]" in stored and "[e-post]" in stored
    for identifier in identifiers:
        assert identifier not in stored
        if "@" not in identifier:  # the digits in any spelling
            spread = r"\D{0,3}".join(digits_of(identifier)[-8:])
            assert not re.search(spread, stored), identifier
