"""Background answers for demo respondents: Likert values, service, role, age group.

The weights are skewed on purpose so the demo looks like a real round: barnehage and skole are
well represented, PPT has only a handful of answers (small enough to be suppressed), and most
innspill-respondents are staff.
"""

from __future__ import annotations

import random

from .phrases import common

SERVICE_WEIGHTS: dict[str, float] = {
    "Barnehage": 22,
    "Skole/SFO": 26,
    "Helsestasjon/skolehelsetjeneste": 10,
    "PPT": 4,
    "Barnevern": 7,
    "NAV": 4,
    "Psykisk helse og rus": 5,
    "Kultur/fritid": 7,
    "Politi/SLT": 3,
    "Frivillig": 6,
    "Annet": 6,
}
ROLE_WEIGHTS: dict[str, float] = {
    "Ansatt": 46,
    "Leder": 15,
    "Forelder": 14,
    "Ungdom": 8,
    "Samarbeidspartner": 10,
    "Organisasjon": 7,
}
AGE_GROUP_WEIGHTS: dict[str, float] = {"13–14": 30, "15–16": 42, "17–18": 28}

assert tuple(SERVICE_WEIGHTS) == common.services
assert tuple(ROLE_WEIGHTS) == common.roles
assert tuple(AGE_GROUP_WEIGHTS) == common.age_groups

DONT_KNOW_RATE = 0.05
NYNORSK_RATE = 0.10


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def pick_service(rng: random.Random) -> str:
    """One of the [Tjeneste] options, Barnehage and Skole/SFO most often, PPT rarely."""
    return _weighted(rng, SERVICE_WEIGHTS)


def pick_role(rng: random.Random) -> str:
    """One of the innspill_fire_tema roles, mostly Ansatt."""
    return _weighted(rng, ROLE_WEIGHTS)


def pick_age_group(rng: random.Random) -> str:
    """Age group for the youth round: "13–14", "15–16" or "17–18" (en dash)."""
    return _weighted(rng, AGE_GROUP_WEIGHTS)


def pick_nynorsk(rng: random.Random) -> bool:
    """Whether a respondent writes nynorsk (about one in ten)."""
    return rng.random() < NYNORSK_RATE


def likert_answer(rng: random.Random, tendency: float) -> int | None:
    """A 1–5 Likert answer around ``tendency`` (the intended mean, clamped to 1–5).

    Returns None ("Vet ikke") about 5 % of the time. The spread is roughly one scale step, so a
    tendency of 2.2 gives mostly 1–3 and a tendency of 4.1 mostly 3–5.
    """
    if rng.random() < DONT_KNOW_RATE:
        return None
    mean = min(5.0, max(1.0, float(tendency)))
    value = round(rng.gauss(mean, 0.95))
    return min(5, max(1, value))
