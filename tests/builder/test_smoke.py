def test_pages_render(builder, client):
    q = builder.new("Prøve")
    assert client.get("/planlegger/skjema/").status_code == 200
    assert client.get(f"/planlegger/skjema/{q.id}").status_code == 200
    key = builder.add_question(q, 0, "single_choice")
    page = client.get(f"/planlegger/skjema/{q.id}/sporsmal/{key}")
    assert page.status_code == 200, page.text
    print(builder.form_values(f"/planlegger/skjema/{q.id}/sporsmal/{key}"))
    r = builder.save_question(q, key, text_nb="Rolle?", **{"options-0-nb": "Ansatt", "options-1-nb": "Leder"})
    assert r.status_code == 302, r.text
    assert client.get(f"/planlegger/skjema/{q.id}/forhandsvis").status_code == 200
    r = builder.action(q, "lagre")
    assert r.status_code == 302
    assert builder.latest().latest.version == 1
