"""The main blueprint: the favicon every page asks for."""


def test_favicon_exists_and_every_page_links_it(client):
    """Issue 18.9: no 404 for the icon, on any page."""
    with client.get("/favicon.ico") as response:
        assert response.status_code == 200 and response.mimetype == "image/svg+xml"
        assert response.get_data().startswith(b"<svg")
    page = client.get("/").text
    assert 'rel="icon" href="/static/favicon.svg"' in page
    with client.get("/static/favicon.svg") as response:
        assert response.status_code == 200
