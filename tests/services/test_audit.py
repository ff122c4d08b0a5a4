"""The audit log refuses anything that could carry answer text."""

from __future__ import annotations

import pytest

from surveyapp.models import AuditEvent
from surveyapp.services import audit


def test_record_keeps_known_details(db, organisation, make_round):
    round_ = make_round(title="Runde A")
    event = audit.record("export.csv", organisation, None, round_, rows=12, via="cli")
    db.session.commit()
    stored = db.session.get(AuditEvent, event.id)
    assert stored.target == f"round:{round_.id}"
    assert stored.details == {"rows": 12, "via": "cli", "title": "Runde A"}


def test_unknown_detail_keys_are_refused(db, organisation):
    with pytest.raises(ValueError, match="text"):
        audit.record("import", organisation, None, text="Det barnet heter Ola")


def test_unknown_actions_are_refused(db, organisation):
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("answers.read", organisation, None)


def test_long_values_are_cut(db, organisation):
    event = audit.record("round.edit", organisation, None, title="x" * 500)
    assert len(event.details["title"]) == audit.MAX_DETAIL_LENGTH


def test_events_are_per_organisation_newest_first(db, organisation):
    from surveyapp.services import organisations

    other = organisations.create_organisation("Fjellbygd", ["Fjellbygd"])
    audit.record("round.open", organisation, None, target="round:1")
    audit.record("round.close", organisation, None, target="round:1")
    audit.record("round.open", other, None, target="round:2")
    db.session.commit()
    assert [e.action for e in audit.events_for(organisation)] == ["round.close", "round.open"]
    assert audit.label("round.close") == "Stengte runde"
