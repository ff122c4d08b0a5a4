"""The share page, QR codes and the printable poster."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from surveyapp.services.rounds import public_url


def test_share_page_shows_the_public_link_and_count(client, login_as, make_round, add_responses):
    login_as("viewer")
    round_ = make_round()
    add_responses(round_, 2, tjeneste="PPT")
    html = client.get(f"/planlegger/runder/{round_.id}/del").text
    url = public_url(round_)
    assert url.startswith("https://innspill.test/r/") and round_.slug in url
    assert f'value="{url}"' in html
    assert 'id="live-count" data-count>2<' in html
    assert "Kopier lenken" in html and "Plakat til utskrift" in html


def test_live_count_answers_json(client, login_as, make_round, add_responses):
    login_as("viewer")
    round_ = make_round()
    add_responses(round_, 3, tjeneste="PPT")
    assert client.get(f"/planlegger/runder/{round_.id}/antall").get_json() == {
        "responses": 3,
        "state": "open",
    }


def test_qr_svg_is_an_svg_image(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    response = client.get(f"/planlegger/runder/{round_.id}/qr.svg")
    assert response.status_code == 200 and response.mimetype == "image/svg+xml"
    root = ET.fromstring(response.data)
    assert root.tag.endswith("svg") and int(float(root.get("width"))) >= 200


def test_qr_png_is_a_png_image(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    response = client.get(f"/planlegger/runder/{round_.id}/qr.png")
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert response.data[:8] == b"\x89PNG\r\n\x1a\n"


def test_qr_encodes_the_public_url(client, login_as, make_round):
    import segno

    login_as("viewer")
    round_ = make_round()
    served = client.get(f"/planlegger/runder/{round_.id}/qr.svg").data
    assert served == _svg(segno.make(public_url(round_), error="m"))
    assert served != _svg(segno.make(public_url(round_) + "x", error="m"))


def _svg(qr) -> bytes:
    import io

    buffer = io.BytesIO()
    qr.save(buffer, kind="svg", scale=10, border=4, xmldecl=False, title="QR-kode")
    return buffer.getvalue()


def test_unknown_qr_format_is_404(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round()
    assert client.get(f"/planlegger/runder/{round_.id}/qr.gif").status_code == 404


def test_poster_is_a_printable_page_with_qr_and_link(client, login_as, make_round):
    login_as("viewer")
    round_ = make_round(title="Si din mening om forebygging", access_code="kode1234")
    html = client.get(f"/planlegger/runder/{round_.id}/plakat").text
    assert "Si din mening om forebygging" in html
    assert f"/planlegger/runder/{round_.id}/qr.svg" in html
    assert public_url(round_) in html
    assert "Tilgangskode" in html and "kode1234" not in html


def test_without_public_base_url_links_use_the_address_the_planner_is_on(
    app, client, db, login_as, make_round, organisation
):
    """Issue 18.5: share link, QR code, poster and big screen follow the request's host."""
    from surveyapp.services import ideawall

    app.config["PUBLIC_BASE_URL"] = ""
    login_as("planner")
    round_ = make_round()
    here = "http://innspill.test:8080"  # the port of `make run PORT=8080`
    share = client.get(f"/planlegger/runder/{round_.id}/del", base_url=here).text
    assert f'value="{here}/r/{round_.slug}"' in share
    poster = client.get(f"/planlegger/runder/{round_.id}/plakat", base_url=here).text
    assert f"{here}/r/{round_.slug}" in poster
    wall = ideawall.create_wall(organisation, "Ungdomsrådet", ["Hva mangler?"])
    db.session.commit()
    screen = client.get(f"/planlegger/idevegg/{wall.id}/skjerm", base_url=here).text
    assert f"innspill.test:8080/v/{wall.join_code}" in screen
    assert "127.0.0.1:5000" not in share + poster + screen
    app.config["PUBLIC_BASE_URL"] = "https://innspill.kommune.no"
    share = client.get(f"/planlegger/runder/{round_.id}/del", base_url=here).text
    assert f'value="https://innspill.kommune.no/r/{round_.slug}"' in share
