"""XLSForm vocabulary on the way in: question types (and why some are left out), names made
into Innspill keys, and the choices sheet."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from surveyapp.definitions.schema import Scale, Text
from surveyapp.definitions.xlsform_format import DONT_KNOW, LIKERT_VALUES, VALUE_COLUMN
from surveyapp.definitions.xlsform_sheets import Record

DEVICE = "Enhets- og telefondata samles ikke inn i Innspill."
TIMESTAMP = "Tidspunkt for utfylling samles ikke inn i Innspill."
MEDIA = "Bilder, lyd og video støttes ikke."
GPS = "Posisjon (GPS) samles ikke inn."
ROW_IN_REPEAT = "Ligger i en gjentakende gruppe, som ikke støttes."
#: XLSForm types Innspill leaves out, and why (in the words a planner understands)
LEFT_OUT = {
    **dict.fromkeys(("start", "end", "today"), TIMESTAMP),
    **dict.fromkeys(
        ("deviceid", "phonenumber", "simserial", "subscriberid", "username", "email", "audit",
         "start-geopoint", "uri:deviceid", "uri:email", "uri:phonenumber", "uri:username",
         "uri:simserial", "uri:subscriberid"),
        DEVICE,
    ),
    **dict.fromkeys(("geopoint", "geotrace", "geoshape", "gps", "location"), GPS),
    **dict.fromkeys(("image", "photo", "audio", "video", "background-audio"), MEDIA),
    "file": "Opplasting av filer støttes ikke.",
    "barcode": "Strekkoder (barcode) støttes ikke.",
    "calculate": "Beregninger støttes ikke.",
    "hidden": "Skjulte felt støttes ikke.",
    "acknowledge": "Bekreftelsesfelt (acknowledge) støttes ikke.",
    "trigger": "Bekreftelsesfelt (trigger) støttes ikke.",
    "rank": "Rangering støttes ikke.",
    "range": "Glidebryter (range) støttes ikke.",
    **dict.fromkeys(("date", "time", "datetime"), "Dato og klokkeslett støttes ikke."),
    **dict.fromkeys(
        ("xml-external", "csv-external", "select_one_external", "select_multiple_external"),
        "Eksterne data støttes ikke.",
    ),
    **dict.fromkeys(
        ("begin_kobomatrix", "end_kobomatrix", "begin_score", "end_score", "score__row",
         "begin_rank", "end_rank", "rank__level"),
        "KoboToolbox-matriser støttes ikke.",
    ),
}
_KINDS = {
    "text": "short_text",
    "string": "short_text",
    "integer": "number",
    "int": "number",
    "decimal": "number",
    "select_one": "single_choice",
    "select_multiple": "multiple_choice",
    "select_one_from_file": "single_choice",
    "select_multiple_from_file": "multiple_choice",
    "note": "note",
}
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "é": "e", "ü": "u", "ö": "o", "ä": "a"})


def normalise_type(cell: str) -> str:
    """``Begin Group`` → ``begin_group``, ``select one x`` → ``select_one x``, and so on."""
    text = " ".join(cell.split()).lower()
    text = re.sub(r"^(begin|end) (group|repeat)\b", r"\1_\2", text)
    text = re.sub(r"^select all that apply\b", "select_multiple", text)
    text = re.sub(r"^select (one|multiple)( from file)?\b", r"select_\1\2", text)
    return re.sub(r"^(select_(?:one|multiple)) from file\b", r"\1_from_file", text)


def kind_of(cell: str) -> tuple[str, str | None, str | None, bool]:
    """(Innspill type or "note", choice list or file, reason it is left out, or_other)."""
    parts = normalise_type(cell).split()
    base = parts[0] if parts else ""
    or_other = parts[-1:] == ["or_other"] and base in ("select_one", "select_multiple")
    list_name = parts[1] if len(parts) > 1 and parts[1] != "or_other" else None
    if base in _KINDS:
        if base.endswith("_from_file") and list_name != "kommuner.csv":
            return "", None, "Valglister fra filer støttes ikke.", False
        return _KINDS[base], list_name, None, or_other
    reason = LEFT_OUT.get(base) or f"Typen «{base}» finnes ikke i Innspill."
    return "", None, reason, False


def to_key(name: str) -> str:
    """An XLSForm name as an Innspill key: lower case, a–z, digits and ``_``, a letter first."""
    key = re.sub(r"[^a-z0-9_]", "_", name.strip().lower().translate(_FOLD))
    if not key[:1].isalpha():
        key = "q" + ("" if key.startswith("_") else "_") + key
    return key[:64]


@dataclass
class ChoiceList:
    """One list of the choices sheet, in order: names, values and labels."""

    row: int
    #: (choice name, option value)
    names: list[tuple[str, str]] = field(default_factory=list)
    #: (option value, label as {nb, nn?})
    options: list[tuple[str, dict]] = field(default_factory=list)


def read_choices(sheet, reader, nb: str | None, nn: str | None) -> dict[str, ChoiceList]:
    """The choice lists by name; a choice without a name, or a name used twice, is an error."""
    lists: dict[str, ChoiceList] = {}
    if sheet.records and not {"list_name", "name"} <= sheet.columns:
        missing = "list_name" if "list_name" not in sheet.columns else "name"
        reader.error(Record("choices", 1), f"kolonnen «{missing}» mangler.")
        return lists
    for record in sheet.records:
        list_name, name = record.get("list_name"), record.get("name")
        if not list_name:
            continue
        if not name:
            reader.error(record, f"et valg i listen «{list_name}» mangler navn (name).")
            continue
        found = lists.setdefault(list_name, ChoiceList(record.row))
        value = record.get(VALUE_COLUMN) or name
        if any(n == name for n, _ in found.names):
            reader.error(record, f"valget «{name}» står to ganger i listen «{list_name}».")
            continue
        if len(value) > 100:
            reader.error(record, f"valget «{name}» er lengre enn 100 tegn.")
            continue
        found.names.append((name, value))
        found.options.append((value, reader.text(record, "label", nb, nn) or {"nb": value}))
    return lists


def scale_of(found: ChoiceList) -> Scale | None:
    """The Likert scale of a list shaped as Innspill writes it (1–5, maybe "Vet ikke")."""
    values = [v for v, _ in found.options]
    if values not in (list(LIKERT_VALUES), [*LIKERT_VALUES, DONT_KNOW]):
        return None
    labels = dict(found.options)
    return Scale(
        low=Text(**labels["1"]), high=Text(**labels["5"]), dont_know=DONT_KNOW in values
    )
