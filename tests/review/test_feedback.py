"""The public page "Dette gjorde vi med innspillet ditt": opt-in, plain, no quotes."""

from __future__ import annotations

from surveyapp.extensions import db
from surveyapp.models.findings import FeedbackPage, Finding
from surveyapp.services import findings as findings_service

from .conftest import TOPICS, post_form, visible_text


EMPTY = {"prevention_level": "", "status": ""}


def settings_url(round_) -> str:
    return f"/planlegger/analyse/runder/{round_.id}/tilbakemelding"


def test_page_is_not_public_until_published(client, topic_run, staff_round):
    assert client.get(f"/tilbakemelding/{staff_round.slug}").status_code == 404
    db.session.add(FeedbackPage(round=staff_round, published=False))
    db.session.commit()
    assert client.get(f"/tilbakemelding/{staff_round.slug}").status_code == 404


def test_publish_and_read_the_page(client, auth, planner, topic_run, staff_round, organisation):
    fritid = next(t for t in topic_run.themes if t.label == "Fritid")
    quote = fritid.assignments[0].item.answer_id
    data = findings_service.FindingData
    findings_service.create_finding(
        organisation,
        data(
            "Ungdom mangler gratis møteplasser",
            "utfordringsbilde",
            theme_ids=[fritid.id],
            quote_ids=[quote],
            public=True,
        ),
        planner,
        topic_run,
    )
    findings_service.create_finding(
        organisation,
        data(
            "Gratis fritidsklubb",
            "tiltak",
            responsible="Kultur/fritid",
            status="in_progress",
            public=True,
        ),
        planner,
        topic_run,
    )
    findings_service.create_finding(
        organisation, data("Internt notat", "strategi", public=False), planner, topic_run
    )
    db.session.commit()
    auth.login(planner.email)
    response = post_form(
        client,
        settings_url(staff_round),
        settings_url(staff_round),
        {"published": "y", "intro": "Takk for at du svarte!"},
    )
    assert response.status_code == 302
    auth.logout()

    page = client.get(f"/tilbakemelding/{staff_round.slug}")
    assert page.status_code == 200
    text = visible_text(page.text)
    assert "Dette gjorde vi med innspillet ditt" in text and "Takk for at du svarte!" in text
    assert "Fritid – 6 svar" in text and "Ventetid – 6 svar" in text
    assert "Ungdom mangler gratis møteplasser" in text
    assert "Gratis fritidsklubb Ansvar: Kultur/fritid Status: i gang" in text
    assert "Internt notat" not in text
    for texts in TOPICS.values():  # never quotes
        assert not any(t in text for t in texts)


def test_small_theme_counts_are_hidden_on_the_public_page(client, topic_run, staff_round):
    item = next(t for t in topic_run.themes if t.label == "Fritid").assignments
    for assignment in item[:3]:
        assignment.theme = next(t for t in topic_run.themes if t.label == "Annet")
    db.session.add(FeedbackPage(round=staff_round, published=True))
    db.session.commit()
    text = visible_text(client.get(f"/tilbakemelding/{staff_round.slug}").text)
    assert "Fritid – noen svar" in text


def test_viewer_cannot_publish(client, auth, viewer, staff_round):
    auth.login(viewer.email)
    assert client.get(settings_url(staff_round)).status_code == 200
    response = post_form(
        client, settings_url(staff_round), settings_url(staff_round), {"published": "y"}
    )
    assert response.status_code == 403
    assert db.session.scalar(db.select(FeedbackPage)) is None


def test_findings_are_private_until_ticked_and_the_page_can_be_previewed(
    client, auth, planner, topic_run, staff_round
):
    """Issue 18.1: a new finding is not public; the planner previews before publishing."""
    auth.login(planner.email)
    form_url = f"/planlegger/analyse/funn/ny?analyse={topic_run.id}"
    page = client.get(form_url)
    assert 'name="public"' in page.text and "checked" not in page.text.split('name="public"')[1][:60]
    response = post_form(
        client, form_url, form_url, {**EMPTY, "statement": "Et internt funn", "plan_section": "strategi"}
    )
    assert response.status_code == 302
    quiet = db.session.scalar(db.select(Finding).filter_by(statement="Et internt funn"))
    assert quiet.public is False
    post_form(
        client,
        form_url,
        form_url,
        {**EMPTY, "statement": "Gratis møteplasser", "plan_section": "tiltak", "public": "y"},
    )
    preview = client.get(settings_url(staff_round) + "/forhandsvisning")
    assert preview.status_code == 200
    text = visible_text(preview.text)
    assert "Forhåndsvisning" in text and "Siden er ikke publisert" in text
    assert "Gratis møteplasser" in text and "Et internt funn" not in text
    assert "forhandsvisning" in client.get(settings_url(staff_round)).text
    assert client.get(f"/tilbakemelding/{staff_round.slug}").status_code == 404
