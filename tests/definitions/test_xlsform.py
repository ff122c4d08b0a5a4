"""XLSForm out and back: the built-ins convert with pyxform and come back the same."""

from __future__ import annotations

import pytest
from pyxform.xls2xform import convert

from surveyapp.config import PROJECT_ROOT
from surveyapp.definitions import load_directory
from surveyapp.definitions.xlsform import read_xlsform, write_xlsform
from tests.definitions.xlsform_builders import workbook

BUILT_INS = load_directory(PROJECT_ROOT / "questionnaires")


@pytest.mark.parametrize("key", sorted(BUILT_INS))
def test_built_in_exports_to_an_xlsform_pyxform_converts(key):
    warnings: list[str] = []
    result = convert(write_xlsform(BUILT_INS[key]), warnings=warnings)
    assert "<h:html" in result.xform
    assert warnings == []


@pytest.mark.parametrize("key", sorted(BUILT_INS))
def test_built_in_comes_back_the_same(key):
    imported = read_xlsform(write_xlsform(BUILT_INS[key]))
    assert imported.definition == BUILT_INS[key]
    assert imported.skipped == ()


# --- a KoboToolbox-style form ------------------------------------------------------------

NB = "label::Norsk bokmål (nb)"
KOBO_SURVEY = [
    ["type", "name", NB, "hint::Norsk bokmål (nb)", "required", "relevant", "appearance",
     "constraint", "calculation", "$kuid"],
    ["start", "start"],
    ["end", "end"],
    ["today", "today"],
    ["deviceid", "deviceid"],
    ["phonenumber", "phonenumber"],
    ["username", "username"],
    ["audit", "audit"],
    ["note", "velkommen", "Takk for at du svarer!"],
    ["select_one rolle", "Rolle", "Hva er din rolle?", None, "true", None, None, None, None, "k1"],
    ["select_one ja_nei", "har_erfaring", "Har du erfaring med BTI?", None, "yes"],
    ["select_multiple utfordring", "utfordringer", "Hva er utfordringene?",
     "Velg alle som passer", None, "${har_erfaring} = 'ja'"],
    ["text", "beskriv", "Beskriv", None, None, "selected(${utfordringer}, 'annet')",
     "multiline"],
    ["integer", "alder", "Alder", None, None, None, None, ". >= 13 and . <= 99"],
    ["decimal", "timer", "Timer per uke"],
    ["geopoint", "posisjon", "Hvor er du?"],
    ["image", "bilde", "Ta et bilde"],
    ["calculate", "sum", None, None, None, None, None, None, "${alder} * 2"],
    ["begin group", "vurdering", "Vurdering", None, None, None, "field-list"],
    ["select_one enig", "samarbeid", "Samarbeidet fungerer", None, None, None, "likert"],
    ["text", "kommentar", "Kommentar", None, None, "${sum} > 10"],
    ["end group"],
    ["begin_repeat", "barn", "Barn"],
    ["text", "barn_navn", "Navn"],
    ["end_repeat"],
    ["date", "dato", "Dato"],
    ["select_one rolle or_other", "rolle2", "Annen rolle?"],
]
KOBO_CHOICES = [
    ["list_name", "name", NB],
    ["rolle", "ansatt", "Ansatt"],
    ["rolle", "leder", "Leder"],
    ["ja_nei", "ja", "Ja"],
    ["ja_nei", "nei", "Nei"],
    ["utfordring", "rus", "Rus"],
    ["utfordring", "annet", "Annet"],
    ["enig", "1", "Helt uenig"],
    ["enig", "2", "Uenig"],
    ["enig", "3", "Nøytral"],
]
KOBO_SETTINGS = [
    ["form_title", "form_id", "version", "default_language"],
    ["BTI-evaluering", "aBcD123xyz", "vQ3x", "Norsk bokmål (nb)"],
]


def test_kobo_form_with_basic_types_imports_whole():
    data = workbook(KOBO_SURVEY, KOBO_CHOICES, KOBO_SETTINGS)
    convert(data)  # the form itself is valid XLSForm
    imported = read_xlsform(data)
    d = imported.definition
    assert (d.id, d.version, d.title.nb, d.audience) == ("abcd123xyz", 1, "BTI-evaluering", "open")
    assert d.intro.nb == "Takk for at du svarer!"
    types = {q.key: q.type for q in d.questions()}
    assert types == {
        "rolle": "single_choice",
        "har_erfaring": "single_choice",
        "utfordringer": "multiple_choice",
        "beskriv": "long_text",
        "alder": "number",
        "timer": "number",
        "samarbeid": "single_choice",
        "kommentar": "short_text",
        "rolle2": "single_choice",
        "rolle2_other": "short_text",
    }
    assert [s.key for s in d.sections] == ["sporsmal", "vurdering", "sporsmal_2"]
    assert d.question("rolle").required and d.question("rolle").option_values() == [
        "ansatt", "leder"]
    assert d.question("utfordringer").show_if.model_dump(exclude_none=True) == {
        "question": "har_erfaring", "equals": "ja"}
    assert d.question("beskriv").show_if.equals == "annet"
    assert (d.question("alder").min, d.question("alder").max) == (13, 99)
    assert d.question("utfordringer").help.nb == "Velg alle som passer"
    assert d.question("rolle2").option_values() == ["ansatt", "leder", "other"]
    assert d.question("rolle2_other").show_if.equals == "other"


def test_kobo_form_names_every_row_it_leaves_out():
    imported = read_xlsform(workbook(KOBO_SURVEY, KOBO_CHOICES, KOBO_SETTINGS))
    skipped = {(s.sheet, s.row, s.name, s.type): s.reason for s in imported.skipped}
    device = "Enhets- og telefondata samles ikke inn i Innspill."
    assert skipped == {
        ("survey", 2, "start", "start"): "Tidspunkt for utfylling samles ikke inn i Innspill.",
        ("survey", 3, "end", "end"): "Tidspunkt for utfylling samles ikke inn i Innspill.",
        ("survey", 4, "today", "today"): "Tidspunkt for utfylling samles ikke inn i Innspill.",
        ("survey", 5, "deviceid", "deviceid"): device,
        ("survey", 6, "phonenumber", "phonenumber"): device,
        ("survey", 7, "username", "username"): device,
        ("survey", 8, "audit", "audit"): device,
        ("survey", 16, "posisjon", "geopoint"): "Posisjon (GPS) samles ikke inn.",
        ("survey", 17, "bilde", "image"): "Bilder, lyd og video støttes ikke.",
        ("survey", 18, "sum", "calculate"): "Beregninger støttes ikke.",
        ("survey", 20, "samarbeid", "select_one enig"):
            "Skalaen er ikke 1–5 som i Innspill; tatt med som «ett valg».",
        ("survey", 21, "kommentar", "text"):
            "Betingelsen kan ikke uttrykkes som show_if: «${sum} > 10». Spørsmålet vises alltid.",
        ("survey", 23, "barn", "begin_repeat"): "Gjentakende grupper støttes ikke.",
        ("survey", 24, "barn_navn", "text"): "Ligger i en gjentakende gruppe, som ikke støttes.",
        ("survey", 26, "dato", "date"): "Dato og klokkeslett støttes ikke.",
    }
