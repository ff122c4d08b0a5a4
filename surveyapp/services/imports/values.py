"""Turning one cell of an imported file into a stored answer value.

Every converter returns ``(value, message)``: the value (None when nothing fits) and,
when something did not fit, a Norwegian message in which ``{value}`` stands for the cell.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import gettext as _

from surveyapp.definitions import Question

Result = tuple[Any, str | None]

NUMBERING = re.compile(r"^\s*(?:q|spm\.?|spørsmål)?\s*\d+\s*[.):]\s*", re.IGNORECASE)
LEADING_DIGIT = re.compile(r"^([1-5])(?:[.,]0+)?(?:\s*[-–:.)(]\s*.*|\s+\D.*)?$")
LIKERT_WORDS = {
    "helt uenig": 1,
    "heilt usamd": 1,
    "svært uenig": 1,
    "sterkt uenig": 1,
    "uenig": 2,
    "usamd": 2,
    "litt uenig": 2,
    "delvis uenig": 2,
    "verken enig eller uenig": 3,
    "hverken enig eller uenig": 3,
    "nøytral": 3,
    "verken samd eller usamd": 3,
    "litt enig": 4,
    "delvis enig": 4,
    "enig": 4,
    "samd": 4,
    "helt enig": 5,
    "heilt samd": 5,
    "svært enig": 5,
    "sterkt enig": 5,
    "vet ikke": "vet_ikke",
    "veit ikkje": "vet_ikke",
    "vet ikkje": "vet_ikke",
    "vet_ikke": "vet_ikke",
    "ikke relevant": "vet_ikke",
}
TIME_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%d.%m.%Y %H:%M:%S",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y",
    "%d.%m.%y %H:%M",
    "%d.%m.%y",
    # Microsoft Forms writes US dates in CSV files: month first
    "%m/%d/%Y %H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y",
    "%m/%d/%y %H:%M:%S",
    "%m/%d/%y %H:%M",
    "%m/%d/%y",
)


def normalise(text: Any, header: bool = False) -> str:
    """Lower case, one kind of dash and space; for headers also no numbering like ``Q3:``."""
    value = unicodedata.normalize("NFKC", str(text)).casefold()
    value = value.replace("–", "-").replace("—", "-").replace("\u00a0", " ")
    if header:
        value = NUMBERING.sub("", value)
    value = re.sub(r"[\"'«»?!*$]", "", value)
    return re.sub(r"\s+", " ", value).strip(" .:")


def _options(question: Question, municipalities: list[str]) -> dict[str, str]:
    if question.options_from == "municipalities":
        return {normalise(m): m for m in municipalities}
    found: dict[str, str] = {}
    for option in question.options or []:
        for text in (option.value, option.label.nb, option.label.nn):
            if text:
                found[normalise(text)] = option.value
    return found


def _choices(question: Question, municipalities: list[str]) -> str:
    names = municipalities if question.options_from else question.option_values()
    return ", ".join(names)


def single_choice(question: Question, raw: Any, municipalities: list[str]) -> Result:
    value = _options(question, municipalities).get(normalise(raw))
    if value is None:
        return None, _(
            "«{value}» er ikke et av svaralternativene (%(choices)s).",
            choices=_choices(question, municipalities),
        )
    return value, None


def multiple_choice(question: Question, raw: Any, municipalities: list[str]) -> Result:
    options = _options(question, municipalities)
    text = str(raw)
    if normalise(text) in options:
        parts = [text]
    else:
        parts = text.split(";") if ";" in text else text.split(",")
    chosen, unknown = [], []
    for part in (p for p in parts if p.strip()):
        value = options.get(normalise(part))
        (chosen if value else unknown).append(value or part.strip())
    order = question.option_values() or municipalities
    values = sorted(set(chosen), key=order.index) or None
    if unknown:
        return values, _(
            "Disse valgene finnes ikke og er utelatt: %(parts)s.",
            parts=", ".join(f"«{p[:40]}»" for p in unknown),
        )
    return values, None


def likert(question: Question, raw: Any) -> Result:
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1 <= raw <= 5:
            return int(raw), None
        return None, _("«{value}» er ikke et tall fra 1 til 5.")
    text = normalise(raw)
    words = dict(LIKERT_WORDS)
    if question.scale:
        words[normalise(question.scale.low.nb)] = 1
        words[normalise(question.scale.high.nb)] = 5
    if text in words:
        value = words[text]
    else:
        match = LEADING_DIGIT.match(text)
        value = int(match.group(1)) if match else None
    if value is None:
        return None, _("«{value}» passer ikke på skalaen 1–5 (eller «Vet ikke»).")
    if value == "vet_ikke" and question.scale and not question.scale.dont_know:
        return None, _("Spørsmålet har ikke «Vet ikke» som svar.")
    return value, None


def number(question: Question, raw: Any) -> Result:
    try:
        value = (
            float(str(raw).replace(",", ".").replace(" ", ""))
            if not isinstance(raw, (int, float))
            else float(raw)
        )
    except ValueError:
        return None, _("«{value}» er ikke et tall.")
    if (question.min is not None and value < question.min) or (
        question.max is not None and value > question.max
    ):
        return None, _("«{value}» er utenfor det tillatte området.")
    return int(value) if value.is_integer() else value, None


def text(question: Question, raw: Any) -> Result:
    value = raw.isoformat() if isinstance(raw, (date, datetime)) else str(raw).strip()
    if len(value) > question.max_length:
        return value[: question.max_length], _(
            "Teksten var lengre enn %(n)s tegn og er kortet ned.", n=question.max_length
        )
    return value, None


def convert(question: Question, raw: Any, municipalities: list[str]) -> Result:
    """The answer value of ``raw`` for ``question`` (grid cells use the Likert rules)."""
    if question.type == "single_choice":
        return single_choice(question, raw, municipalities)
    if question.type == "multiple_choice":
        return multiple_choice(question, raw, municipalities)
    if question.type in ("likert", "likert_grid"):
        return likert(question, raw)
    if question.type == "number":
        return number(question, raw)
    return text(question, raw)


def _zone() -> ZoneInfo:
    return ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "Europe/Oslo"))


def parse_timestamp(raw: Any, now: datetime) -> tuple[datetime | None, str | None]:
    """An aware UTC time from a cell; local (Norwegian) time unless the cell says otherwise."""
    moment = raw if isinstance(raw, datetime) else None
    if isinstance(raw, date) and moment is None:
        moment = datetime(raw.year, raw.month, raw.day, 12)
    if moment is None:
        text = str(raw).strip()
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            for pattern in TIME_FORMATS:
                try:
                    moment = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    if moment is None:
        return None, _("«{value}» er ikke et tidspunkt som kan leses. Dagens dato brukes.")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=_zone())
    moment = moment.astimezone(UTC)
    if moment > now:
        return None, _("Tidspunktet «{value}» ligger fram i tid. Dagens dato brukes.")
    return moment, None


def local_date(moment: datetime) -> date:
    """The Norwegian calendar date of a UTC moment (what anonymous responses keep)."""
    return moment.astimezone(_zone()).date()
