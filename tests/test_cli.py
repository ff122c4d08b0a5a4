"""Every CLI command, invoked as an operator would."""

import json

import yaml

from surveyapp.models import Organisation, Response, Round, User

from .definitions.test_loader import MINIMAL


def test_questionnaires_list_shows_every_built_in(runner):
    result = runner.invoke(args=["questionnaires", "list"])
    assert result.exit_code == 0
    for key in ("tjenester", "innspill_fire_tema", "ungdomsrad", "samarbeid_bti"):
        assert key in result.output


def test_questionnaires_validate_all_built_ins(runner):
    result = runner.invoke(args=["questionnaires", "validate"])
    assert result.exit_code == 0, result.output
    assert result.output.count(": OK") == 4


def test_questionnaires_validate_a_bad_file_exits_1_and_names_it(runner, tmp_path):
    data = yaml.safe_load(yaml.safe_dump(MINIMAL))
    data["sections"][0]["questions"][1]["type"] = "slider"
    bad = tmp_path / "ugyldig.yaml"
    bad.write_text(yaml.safe_dump(data))
    result = runner.invoke(args=["questionnaires", "validate", str(bad)])
    assert result.exit_code == 1
    assert "ugyldig.yaml" in result.output
    assert "question 'fritekst'" in result.output
    assert "unknown type 'slider'" in result.output


def test_organisations_create_with_member_municipalities(runner, db):
    result = runner.invoke(
        args=["organisations", "create", "Midtdalen", "--municipality", "Nord-Fron",
              "--municipality", "Sør-Fron", "--municipality", "Ringebu"]
    )
    assert result.exit_code == 0, result.output
    org = db.session.scalar(db.select(Organisation).filter_by(name="Midtdalen"))
    assert [m.name for m in org.municipalities] == ["Nord-Fron", "Ringebu", "Sør-Fron"]
    again = runner.invoke(args=["organisations", "create", "Midtdalen"])
    assert again.exit_code == 1 and "already exists" in again.output


def test_users_create_reads_the_password_from_stdin(runner, db, organisation):
    result = runner.invoke(
        args=["users", "create", "Kari@Midtdalen.example", "--role", "planner",
              "--organisation", "Midtdalen"],
        input="et langt passord\net langt passord\n",
    )
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User).filter_by(email="kari@midtdalen.example"))
    assert user.role == "planner" and user.check_password("et langt passord")
    assert "et langt passord" not in result.output.replace("Password", "")


def test_users_create_explains_bad_input(runner, organisation):
    unknown = runner.invoke(
        args=["users", "create", "a@b.no", "--organisation", "Atlantis"], input="x" * 12 + "\n" + "x" * 12 + "\n"
    )
    assert unknown.exit_code == 1 and "No organisation named 'Atlantis'" in unknown.output
    assert "Midtdalen" in unknown.output
    short = runner.invoke(
        args=["users", "create", "a@b.no", "--organisation", "Midtdalen"], input="kort\nkort\n"
    )
    assert short.exit_code == 1 and "at least 10 characters" in short.output


def test_rounds_list_json_has_the_documented_keys(runner, make_round):
    make_round("tjenester", title="Tjenestene 2026")
    make_round("ungdomsrad", title="Ungdomsrådet", access_code="hemmelig", opens_at=None)
    result = runner.invoke(args=["rounds", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["title"]: r for r in json.loads(result.output)}
    assert set(rows["Tjenestene 2026"]) == {
        "id", "title", "questionnaire", "state", "url", "access_code", "responses"
    }
    assert rows["Tjenestene 2026"]["state"] == "open"
    assert rows["Tjenestene 2026"]["access_code"] is False
    assert rows["Ungdomsrådet"]["state"] == "draft"
    assert rows["Ungdomsrådet"]["access_code"] is True
    assert rows["Ungdomsrådet"]["questionnaire"] == "ungdomsrad"
    assert rows["Ungdomsrådet"]["url"].startswith("https://innspill.test/r/")


def test_rounds_list_table(runner, make_round):
    assert "No rounds yet" in runner.invoke(args=["rounds", "list"]).output
    make_round(title="Tjenestene 2026")
    result = runner.invoke(args=["rounds", "list"])
    assert "Tjenestene 2026" in result.output and "open" in result.output


def test_demo_loads_a_realistic_workspace(runner, db, client, auth):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "kari@midtdalen.example" in result.output
    rounds = db.session.scalars(db.select(Round)).all()
    assert len(rounds) == 4 and all(r.state == "open" for r in rounds)
    assert sum(r.needs_access_code for r in rounds) == 1
    count = db.session.scalar(db.select(db.func.count(Response.id)))
    assert 550 <= count <= 650
    assert {m.name for m in rounds[0].municipalities} == {"Nord-Fron", "Sør-Fron", "Ringebu"}
    response = auth.login("kari@midtdalen.example", "innspill-demo")
    assert response.status_code == 302


def test_demo_is_deterministic_and_masks_planted_identifiers(runner, db):
    from surveyapp.models import Answer

    runner.invoke(args=["demo", "--responses", "200"])
    texts = db.session.scalars(db.select(Answer.text).where(Answer.text.is_not(None))).all()
    originals = db.session.scalars(
        db.select(Answer.text_original).where(Answer.text_original.is_not(None))
    ).all()
    assert len(set(texts)) > 0.8 * len(texts)
    masked = [t for t in texts if "[fødselsnummer]" in t or "[telefon]" in t or "[e-post]" in t]
    assert masked, "the demo should show masking"
    assert any(o != t for o, t in zip(originals, texts))


def test_demo_if_empty_leaves_existing_data_alone(runner, db, organisation):
    result = runner.invoke(args=["demo", "--if-empty"])
    assert result.exit_code == 0
    assert "already has data" in result.output
    assert db.session.scalar(db.select(db.func.count(Round.id))) == 0
