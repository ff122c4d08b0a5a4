"""Save and resume: drafts on the server, found again with a code that is never stored."""

from __future__ import annotations

import hashlib
import math
from datetime import timedelta

from surveyapp.models import Draft, today
from surveyapp.respondent import drafts

from .conftest import EMPLOYEE, Respondent


def test_resume_code_has_at_least_128_bits():
    assert drafts.CODE_LENGTH * math.log2(len(drafts.ALPHABET)) >= 128
    codes = {drafts.new_code() for _ in range(200)}
    assert len(codes) == 200


def test_codes_forgive_case_spaces_and_look_alikes():
    code = "0123456789ABCDEFGHJKMNPQRSTV"
    typed = " o123-456789abcdefghjkmnpqrstv "
    assert drafts.code_hash(typed) == drafts.code_hash(code)
    assert drafts.code_hash(code) == hashlib.sha256(code.encode()).hexdigest()


def test_only_the_hash_of_the_code_is_stored(respondent, db):
    respondent.start()
    draft = db.session.scalar(db.select(Draft))
    plain = respondent.code.replace("-", "")
    assert draft.token_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert plain not in str(draft.data)
    assert draft.updated_on == today()


def test_leave_and_come_back_on_another_device(respondent, app, test_round):
    respondent.start()
    code = respondent.code
    respondent.answer(EMPLOYEE[0])
    respondent.post({"tanker": "Halvveis"}, action="save")
    assert "Svarene dine er lagret" in respondent.html
    assert 'id="resume-code-value"' not in respondent.html, "no second code (issue 18.6)"
    respondent.get(f"/r/{test_round.slug}/del/2")
    respondent.post({"tanker": "Halvveis"}, action="save")  # saving twice changes nothing
    assert 'id="resume-code-value"' not in respondent.html

    phone = Respondent(app.test_client(), test_round)
    page = phone.get(f"/r/{test_round.slug}/fortsett")
    assert page.status_code == 200
    token = phone.hidden()["csrf_token"]
    back = phone.client.post(
        f"/r/{test_round.slug}/fortsett",
        data={"csrf_token": token, "code": code.lower().replace("-", " ")},
    )
    assert back.status_code == 303
    phone.follow(back)
    assert "Velkommen tilbake" in phone.html
    assert "<h1>Meninger</h1>" in phone.html
    assert "Halvveis</textarea>" in phone.html
    phone.answer({}, action="back")
    assert 'value="Sør-Fron" checked' in phone.html


def test_wrong_code_is_refused_without_a_hint(client, test_round):
    respondent = Respondent(client, test_round)
    respondent.get(f"/r/{test_round.slug}/fortsett")
    token = respondent.hidden()["csrf_token"]
    for code in ("", "abc", "Z" * 28, "x" * 5000):
        response = client.post(
            f"/r/{test_round.slug}/fortsett", data={"csrf_token": token, "code": code}
        )
        assert response.status_code == 400
        assert 'aria-describedby="code-hint code-error"' in response.get_data(as_text=True)


def test_code_from_another_round_does_not_work(respondent, make_test_round, app, test_round):
    respondent.start()
    other = make_test_round(title="En annen runde")
    stranger = Respondent(app.test_client(), other)
    stranger.get(f"/r/{other.slug}/fortsett")
    response = stranger.client.post(
        f"/r/{other.slug}/fortsett",
        data={"csrf_token": stranger.hidden()["csrf_token"], "code": respondent.code},
    )
    assert response.status_code == 400


def test_same_browser_continues_from_the_front_page(respondent, test_round):
    respondent.start()
    respondent.answer(EMPLOYEE[0])
    page = respondent.get(f"/r/{test_round.slug}")
    html = page.get_data(as_text=True)
    assert "Fortsett der du slapp" in html
    assert f'href="/r/{test_round.slug}/del/2"' in html
    assert "Start på nytt" in html


def test_resume_requires_csrf(client, test_round, respondent):
    respondent.start()
    response = client.post(f"/r/{test_round.slug}/fortsett", data={"code": respondent.code})
    assert response.status_code == 400
    assert "Skjemaet var utløpt" in response.get_data(as_text=True)


def test_old_drafts_are_purged(respondent, db):
    respondent.start()
    draft = db.session.scalar(db.select(Draft))
    assert drafts.purge_drafts(30) == 0
    draft.updated_on = today() - timedelta(days=31)
    db.session.commit()
    assert drafts.purge_drafts(30) == 1
    db.session.commit()
    assert db.session.scalar(db.select(Draft)) is None
