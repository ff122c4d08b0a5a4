"""The review workspace over HTTP with CSRF on: every action, its event, and role checks."""

from __future__ import annotations

import pytest

from surveyapp.extensions import db
from surveyapp.models.analysis import AnalysisItem, AnalysisTheme, ReviewEvent, ThemeAssignment
from surveyapp.models.findings import Finding

from .conftest import TOPICS, post_form, visible_text


def url(run, rest: str = "") -> str:
    return f"/planlegger/analyse/{run.id}{rest}"


def theme(run, label: str) -> AnalysisTheme:
    return next(t for t in run.themes if t.label == label)


def items_of(t: AnalysisTheme, primary: bool = True) -> list[AnalysisItem]:
    return [a.item for a in t.assignments if a.primary == primary]


def events(run) -> list[ReviewEvent]:
    return db.session.scalars(
        db.select(ReviewEvent).filter_by(run_id=run.id).order_by(ReviewEvent.id)
    ).all()


@pytest.fixture
def signed_in(client, auth, planner):
    auth.login(planner.email)
    return client


def test_theme_list_shows_label_size_keywords_quotes_and_breakdown(signed_in, topic_run):
    page = signed_in.get(url(topic_run) + "?gruppe=service")
    assert page.status_code == 200
    for label in ("Samarbeid", "Ventetid", "Fritid", "Annet"):
        assert label in page.text
    assert "6 svar" in page.text
    assert "Nøkkelord:" in page.text
    assert TOPICS["samarbeid"][0][:40] in page.text
    assert "<caption>Tjeneste</caption>" in page.text


def test_theme_breakdown_follows_the_suppression_rule(signed_in, topic_run):
    # Each theme has 3 Barnehage and 3 Skole/SFO respondents: with threshold 5 the cells
    # in the theme (3) are hidden, while the group sizes (9 each) are shown.
    page = signed_in.get(url(topic_run) + "?gruppe=service").text
    table = page.split('id="fordeling-' + str(theme(topic_run, "Samarbeid").id) + '"')[1]
    table = table.split("</table>")[0]
    assert ">3<" not in table
    assert ">9<" in table
    assert "(skjult)" in table


def test_theme_page_lists_all_answers_with_terms_highlighted(signed_in, topic_run):
    t = theme(topic_run, "Ventetid")
    page = signed_in.get(url(topic_run, f"/tema/{t.id}"))
    assert page.status_code == 200
    shown = visible_text(page.text)
    for text in TOPICS["ventetid"]:
        assert text in shown
    assert "<mark>Ventetid</mark>" in page.text or "<mark>ventetid</mark>" in page.text


def test_rename(signed_in, topic_run, planner):
    t = theme(topic_run, "Fritid")
    response = post_form(
        signed_in,
        url(topic_run, f"/tema/{t.id}"),
        url(topic_run, f"/tema/{t.id}/navn"),
        {"label": "Gratis møteplasser"},
    )
    assert response.status_code == 302
    assert (t.label, t.reviewed) == ("Gratis møteplasser", True)
    event = events(topic_run)[-1]
    assert event.action == "rename" and event.user_id == planner.id
    assert event.payload == {"theme": t.id, "old_label": "Fritid", "label": "Gratis møteplasser"}


def test_rename_without_csrf_token_is_refused(signed_in, topic_run):
    t = theme(topic_run, "Fritid")
    response = signed_in.post(url(topic_run, f"/tema/{t.id}/navn"), data={"label": "X"})
    assert response.status_code == 400
    assert t.label == "Fritid" and events(topic_run) == []


def test_merge_moves_every_answer_and_relinks_findings(signed_in, topic_run, organisation):
    a, b = theme(topic_run, "Samarbeid"), theme(topic_run, "Ventetid")
    finding = Finding(
        organisation=organisation,
        run=topic_run,
        plan_section="utfordringsbilde",
        statement="Tjenestene henger ikke sammen",
        themes=[b],
    )
    db.session.add(finding)
    db.session.commit()
    response = post_form(
        signed_in,
        url(topic_run),
        url(topic_run, "/tema/slaa-sammen"),
        {"themes": [a.id, b.id], "label": "Tjenestene henger ikke sammen"},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert b.merged_into_id == a.id and not b.active
    assert len(items_of(a)) == 12 and items_of(b) == []
    assert a.label == "Tjenestene henger ikke sammen"
    assert [t.id for t in finding.themes] == [a.id]
    event = events(topic_run)[-1]
    assert event.action == "merge" and event.payload["themes"] == [a.id, b.id]
    page = signed_in.get(url(topic_run)).text
    assert "12 svar" in page and ">Ventetid<" not in page


def test_merge_keeps_one_main_theme_when_an_answer_had_both(signed_in, topic_run):
    a, b = theme(topic_run, "Samarbeid"), theme(topic_run, "Ventetid")
    item = items_of(a)[0]
    item.assignments.append(ThemeAssignment(theme=b, primary=False))
    db.session.commit()
    post_form(
        signed_in, url(topic_run), url(topic_run, "/tema/slaa-sammen"), {"themes": [b.id, a.id]}
    )
    db.session.expire_all()
    assert [(x.theme_id, x.primary) for x in item.assignments] == [(b.id, True)]


def test_merging_annet_is_refused(signed_in, topic_run):
    a, other = theme(topic_run, "Samarbeid"), theme(topic_run, "Annet")
    response = post_form(
        signed_in,
        url(topic_run),
        url(topic_run, "/tema/slaa-sammen"),
        {"themes": [a.id, other.id]},
        follow_redirects=True,
    )
    assert "«Annet» kan ikke slås sammen" in response.text
    assert other.active and a.active


def test_split_reclusters_one_theme(signed_in, topic_run, staff_round, stored_run):
    big = theme(topic_run, "Samarbeid")
    for t in (theme(topic_run, "Ventetid"), theme(topic_run, "Fritid")):
        post_form(
            signed_in,
            url(topic_run),
            url(topic_run, "/tema/slaa-sammen"),
            {"themes": [big.id, t.id]},
        )
    db.session.expire_all()
    assert len(items_of(big)) == 18
    response = post_form(
        signed_in,
        url(topic_run, f"/tema/{big.id}"),
        url(topic_run, f"/tema/{big.id}/del"),
        {"n_themes": "3"},
        follow_redirects=True,
    )
    assert "Temaet er delt i" in response.text
    db.session.expire_all()
    active = [t for t in topic_run.themes if t.active and not t.is_other]
    assert len(active) >= 2
    assert sum(len(items_of(t)) for t in active) == 18
    assert all(items_of(t) for t in active)
    # The largest part keeps the theme and its name.
    assert big.active and len(items_of(big)) == max(len(items_of(t)) for t in active)
    assert events(topic_run)[-1].action == "split"


def test_move_an_answer(signed_in, topic_run):
    source, target = theme(topic_run, "Fritid"), theme(topic_run, "Ventetid")
    item = items_of(source)[0]
    response = post_form(
        signed_in,
        url(topic_run, f"/tema/{source.id}"),
        url(topic_run, f"/svar/{item.id}/flytt"),
        {"theme": target.id},
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert [(a.theme_id, a.primary, a.source) for a in item.assignments] == [
        (target.id, True, "planner")
    ]
    assert item.reviewed
    assert events(topic_run)[-1].payload == {
        "item": item.id,
        "from_theme": source.id,
        "to_theme": target.id,
        "label": "Ventetid",
    }


def test_second_theme_and_its_removal(signed_in, topic_run):
    main, second = theme(topic_run, "Fritid"), theme(topic_run, "Samarbeid")
    item = items_of(main)[1]
    page = url(topic_run, f"/tema/{main.id}")
    post_form(signed_in, page, url(topic_run, f"/svar/{item.id}/andre-tema"), {"theme": second.id})
    db.session.expire_all()
    assert {(a.theme_id, a.primary) for a in item.assignments} == {
        (main.id, True),
        (second.id, False),
    }
    listing = signed_in.get(url(topic_run)).text
    assert "1 som andre tema" in listing
    post_form(signed_in, page, url(topic_run, f"/svar/{item.id}/andre-tema"), {"theme": 0})
    db.session.expire_all()
    assert [(a.theme_id, a.primary) for a in item.assignments] == [(main.id, True)]
    assert [e.action for e in events(topic_run)][-2:] == ["second", "remove_second"]


def test_second_theme_cannot_be_the_main_theme(signed_in, topic_run):
    main = theme(topic_run, "Fritid")
    item = items_of(main)[0]
    response = post_form(
        signed_in,
        url(topic_run, f"/tema/{main.id}"),
        url(topic_run, f"/svar/{item.id}/andre-tema"),
        {"theme": main.id},
        follow_redirects=True,
    )
    assert "Det andre temaet må være et annet enn hovedtemaet" in response.text


def test_mark_off_topic_removes_the_answer_from_every_count(signed_in, topic_run):
    t = theme(topic_run, "Fritid")
    item = items_of(t)[0]
    post_form(
        signed_in, url(topic_run, f"/tema/{t.id}"), url(topic_run, f"/svar/{item.id}/utenfor")
    )
    db.session.expire_all()
    assert item.off_topic and item.reviewed and item.assignments == []
    assert events(topic_run)[-1].payload == {"item": item.id, "themes": [t.id]}
    assert "5 svar" in signed_in.get(url(topic_run)).text


def test_accept_a_suggested_theme(signed_in, topic_run):
    t = theme(topic_run, "Fritid")
    t.accepted = False
    db.session.commit()
    page = signed_in.get(url(topic_run, f"/tema/{t.id}")).text
    assert "Foreslått" in page and "Godta temaet" in page
    post_form(signed_in, url(topic_run, f"/tema/{t.id}"), url(topic_run, f"/tema/{t.id}/godta"))
    db.session.expire_all()
    assert t.accepted and t.reviewed
    assert events(topic_run)[-1].action == "accept"


def test_create_a_theme(signed_in, topic_run):
    post_form(signed_in, url(topic_run), url(topic_run, "/tema/nytt"), {"label": "Økonomi"})
    db.session.expire_all()
    created = theme(topic_run, "Økonomi")
    assert created.origin == "planner" and created.reviewed


def test_uncertain_queue_codes_answers_until_empty(signed_in, topic_run):
    page = signed_in.get(url(topic_run, "/usikre"))
    queued = db.session.scalars(
        db.select(AnalysisItem).where(
            AnalysisItem.run_id == topic_run.id, AnalysisItem.uncertain_rank.is_not(None)
        )
    ).all()
    assert len(queued) == 6
    assert page.text.count('class="card answer"') == 6
    target = theme(topic_run, "Samarbeid")
    for n, item in enumerate(queued):
        action = f"/svar/{item.id}/bekreft" if n % 2 else f"/svar/{item.id}/flytt"
        post_form(
            signed_in,
            url(topic_run, "/usikre"),
            url(topic_run, action),
            {"theme": target.id, "next": url(topic_run, "/usikre")},
        )
    page = signed_in.get(url(topic_run, "/usikre"))
    assert "Ingen usikre svar igjen" in page.text
    assert {e.action for e in events(topic_run)} == {"move", "confirm"}


def test_event_log_page_lists_who_did_what(signed_in, topic_run, planner):
    t = theme(topic_run, "Fritid")
    post_form(
        signed_in,
        url(topic_run),
        url(topic_run, f"/tema/{t.id}/navn"),
        {"label": "Fritid for alle"},
    )
    page = signed_in.get(url(topic_run, "/hendelser")).text
    assert "Ga tema nytt navn" in page and "«Fritid» →" in page and planner.email in page


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/tema/{t}/navn", {"label": "X"}),
        ("/tema/{t}/godta", {}),
        ("/tema/{t}/del", {"n_themes": "2"}),
        ("/tema/slaa-sammen", {"themes": ["{t}", "{u}"]}),
        ("/tema/nytt", {"label": "X"}),
        ("/svar/{i}/flytt", {"theme": "{u}"}),
        ("/svar/{i}/andre-tema", {"theme": "{u}"}),
        ("/svar/{i}/utenfor", {}),
        ("/svar/{i}/bekreft", {}),
        ("/oppdater", {}),
        ("/laer", {}),
        ("/kjor-pa-nytt", {}),
        ("/navn", {"title": "X"}),
    ],
)
def test_viewer_cannot_change_anything(client, auth, viewer, topic_run, path, data):
    auth.login(viewer.email)
    t, u = theme(topic_run, "Fritid"), theme(topic_run, "Ventetid")
    item = items_of(t)[0]

    def fill(value):
        if isinstance(value, list):
            return [fill(v) for v in value]
        return value.format(t=t.id, u=u.id, i=item.id)

    page = url(topic_run, f"/tema/{t.id}")
    assert client.get(page).status_code == 200
    assert "Gi nytt navn" not in client.get(page).text
    response = post_form(
        client, url(topic_run), url(topic_run, fill(path)), {k: fill(v) for k, v in data.items()}
    )
    assert response.status_code == 403
    assert events(topic_run) == []
    assert t.label == "Fritid"


def test_every_theme_is_proposed_until_accepted_and_edits_do_not_accept_it(
    signed_in, topic_run
):
    """Issue 18.8: "Foreslått" with a "Godta temaet" button until the planner accepts it;
    renaming a theme or moving answers does not make it "Vurdert"."""
    fritid = theme(topic_run, "Fritid")
    listing = signed_in.get(url(topic_run)).text
    card = listing.split(f'id="tema-{fritid.id}"')[1].split("</li>")[0]
    assert "Foreslått" in card and "Godta temaet" in card
    post_form(
        signed_in, url(topic_run), url(topic_run, f"/tema/{fritid.id}/navn"), {"label": "Fritid 2"}
    )
    page = signed_in.get(url(topic_run, f"/tema/{fritid.id}")).text
    assert "Foreslått" in page and "Godta temaet" in page
    post_form(signed_in, url(topic_run), url(topic_run, f"/tema/{fritid.id}/godta"))
    db.session.expire_all()
    assert fritid.review_state == "reviewed"
    page = signed_in.get(url(topic_run, f"/tema/{fritid.id}")).text
    assert "Vurdert" in page and "Godta temaet" not in page
    card = signed_in.get(url(topic_run)).text.split(f'id="tema-{fritid.id}"')[1].split("</li>")[0]
    assert "Vurdert" in card and "Foreslått" not in card


def test_the_log_tells_a_split_from_a_merge(signed_in, topic_run, planner):
    """Issue 18.8: a split reads as a split ("delt"), a merge as a merge."""
    from surveyapp.services.themes import review as theme_review

    fritid, ventetid = theme(topic_run, "Fritid"), theme(topic_run, "Ventetid")
    theme_review.record(
        topic_run, planner, "split", theme=fritid.id, label="Fritid", new_themes=[9], labels=["Klubb"]
    )
    theme_review.merge(topic_run, [ventetid, theme(topic_run, "Samarbeid")], planner)
    db.session.commit()
    text = visible_text(signed_in.get(url(topic_run, "/hendelser")).text)
    assert "«Fritid» delt; nye tema: «Klubb»" in text
    assert "«Ventetid», «Samarbeid» slått sammen til «Ventetid»" in text
    assert "Klubb → «Fritid»" not in text


def test_no_group_at_100_percent_beside_a_hidden_one(signed_in, topic_run):
    """Issue 18.7: "Ansatte –" beside "Andre 33 of 33 = 100 %" would give the hidden number
    away with the theme's size; such a neighbour is hidden too, and the table says so."""
    from surveyapp.services.themes import stats as theme_stats
    from surveyapp.services.themes.stats import Row

    def rows(group: str, n: int, inside: int, start: int) -> list[Row]:
        return [
            Row(
                item_id=start + i,
                answer_id=start + i,
                response_id=start + i,
                round_id=1,
                groups={"audience": group},
                off_topic=False,
                nonanswer=False,
                reviewed=False,
                confidence=None,
                uncertain_rank=None,
                primary=7 if i < inside else 8,
                themes={7} if i < inside else {8},
            )
            for i in range(n)
        ]

    data = rows("staff", 8, 4, 0) + rows("other", 33, 33, 100) + rows("youth", 20, 10, 200)
    b = theme_stats.breakdown_of(data, theme_stats.theme_respondents(data, 7), "audience", 5)
    shown = {g.value: (g.count.count, g.size.count, g.share) for g in b.groups}
    assert shown["staff"][0] is None
    assert shown["other"] == (None, 33, None), "33 of 33 = 100 % next to a hidden count"
    fritid = theme(topic_run, "Fritid")
    page = signed_in.get(url(topic_run, f"/tema/{fritid.id}")).text
    assert "inline-hidden-note" in page
