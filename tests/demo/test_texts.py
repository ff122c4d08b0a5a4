"""Tests for the deterministic demo answer generator (surveyapp/demo/texts.py)."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from surveyapp.demo import texts
from surveyapp.demo.background import (
    SERVICE_WEIGHTS,
    likert_answer,
    pick_age_group,
    pick_role,
    pick_service,
)
from surveyapp.demo.noise import make_fodselsnummer
from surveyapp.demo.nynorsk import NYNORSK_MARKERS, WORDS, to_nynorsk
from surveyapp.demo.phrases import common
from surveyapp.demo.texts import QUESTION_KEYS, compose_answer, free_text_answer, theme_labels

BUILT_IN_KEYS = (
    "tiltak_virker",
    "hindrer_tidlig_innsats",
    "hvor_trykker_skoen",
    "mellom_to_stoler",
    "bedre_samarbeid",
    "reell_innflytelse",
    "skjonn_situasjon",
    "mangler_aktiviteter",
    "kommunen_burde",
    "viktigste_forbedring",
)
YOUTH_KEYS = ("mangler_aktiviteter", "kommunen_burde")
STAFF_KEYS = tuple(k for k in BUILT_IN_KEYS if k not in YOUTH_KEYS)

FNR_RE = re.compile(r"(?<!\d)(\d{6}) ?(\d{5})(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+\.[a-z]{2,}")
PHONE_RE = re.compile(r"(?<!\d)(?:\+47 ?)?(?:\d{3} ?\d{2} ?\d{3}|\d{2} \d{2} \d{2} \d{2})(?!\d)")


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+", text.lower())


def _respondent_answers(
    seed: int, n: int, key: str | None = None, **kwargs
) -> list[texts.DemoAnswer]:
    """n answers as the demo loader would make them: background first, then the text."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        k = key or BUILT_IN_KEYS[i % len(BUILT_IN_KEYS)]
        role = pick_role(rng)
        service = pick_service(rng) if role in ("Ansatt", "Leder") else None
        out.append(compose_answer(k, rng, role=role, service=service, **kwargs))
    return out


def _independent_fnr_ok(fnr: str) -> bool:
    """Mod-11 check written independently of the code under test."""
    d = [int(c) for c in fnr]
    w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    k1 = (11 - sum(a * b for a, b in zip(d[:9], w1)) % 11) % 11
    k2 = (11 - sum(a * b for a, b in zip(d[:10], w2)) % 11) % 11
    month = int(fnr[2:4]) - 80  # synthetic test numbers (Tenor): month + 80, never a real person
    return k1 == d[9] and k2 == d[10] and 1 <= month <= 12 and 1 <= int(fnr[:2]) <= 31


# ---------------------------------------------------------------- API surface


def test_every_built_in_key_is_known():
    assert set(QUESTION_KEYS) == set(BUILT_IN_KEYS)


@pytest.mark.parametrize("key", BUILT_IN_KEYS)
def test_every_built_in_key_produces_text(key):
    rng = random.Random(1)
    answers = [free_text_answer(key, rng, role="Ansatt", service="Barnehage") for _ in range(50)]
    assert all(isinstance(a, str) for a in answers)
    substantive = [a for a in answers if len(a.split()) >= 3]
    assert len(substantive) >= 40


@pytest.mark.parametrize("key", BUILT_IN_KEYS)
def test_each_key_has_6_to_12_themes_and_uses_them_all(key):
    labels = theme_labels(key)
    assert 6 <= len(labels) <= 12
    seen = Counter()
    for a in _respondent_answers(11, 1500, key):
        assert set(a.themes) <= set(labels)
        seen.update(a.themes)
    assert set(seen) == set(labels), f"themes never generated: {set(labels) - set(seen)}"


def test_unknown_key_raises_key_error_with_clear_message():
    with pytest.raises(KeyError, match="no_such_question"):
        free_text_answer("no_such_question", random.Random(0))
    with pytest.raises(KeyError, match="known keys"):
        compose_answer("rolle", random.Random(0))


# ---------------------------------------------------------------- determinism


def _texts_for_seed(seed: int) -> list[str]:
    return [a.text for a in _respondent_answers(seed, 200)]


def test_same_seed_gives_same_answers():
    first = _texts_for_seed(2024)
    random.seed(1)  # the global random state must not matter
    random.random()
    second = _texts_for_seed(2024)
    assert first == second
    assert len(first) == 200


def test_different_seed_gives_different_answers():
    a, b = _texts_for_seed(1), _texts_for_seed(2)
    assert a != b
    assert sum(x != y for x, y in zip(a, b)) > 150


def test_same_rng_state_gives_same_answer():
    rng = random.Random(77)
    rng.random()
    state = rng.getstate()
    one = free_text_answer("hvor_trykker_skoen", rng, role="Forelder")
    rng.setstate(state)
    two = free_text_answer("hvor_trykker_skoen", rng, role="Forelder")
    assert one == two


# ---------------------------------------------------------------- variety and realism


@pytest.mark.parametrize("key", BUILT_IN_KEYS)
def test_answers_are_varied(key):
    answers = [a.text for a in _respondent_answers(5, 500, key)]
    assert len(set(answers)) / len(answers) >= 0.90
    counts = [len(a.split()) for a in answers if a]
    assert sum(c < 6 for c in counts) >= 10
    if key in STAFF_KEYS:
        assert sum(c > 40 for c in counts) >= 3
        assert 10 <= sorted(counts)[len(counts) // 2] <= 40  # most answers 10–40 words
    else:
        assert sum(c > 25 for c in counts) >= 3


def test_answers_have_no_template_artefacts():
    for a in _respondent_answers(8, 2000):
        assert not re.search(r"[{}|<>]", a.text), a.text
        assert " ." not in a.text and " ," not in a.text, a.text


def test_bullets_non_answers_and_blanks_occur_at_small_rates():
    answers = [a.text for a in _respondent_answers(3, 2000)]
    bullets = sum(bool(re.match(r"^(- |\* |• |1\. )", a, re.M)) for a in answers)
    blank = sum(a == "" for a in answers)
    non_answer_words = {"vet ikke", "-", "nei", "ingen kommentar", "idk", ".", "x", "..."}
    non = sum(a.strip().lower().rstrip(".") in non_answer_words for a in answers)
    assert 0.03 <= bullets / 2000 <= 0.2
    assert 0.003 <= blank / 2000 <= 0.04
    assert 0.01 <= (blank + non) / 2000 <= 0.09


def test_typos_are_injected_sometimes():
    answers = [a.text for a in _respondent_answers(4, 2000, nynorsk=False)]
    double_space = sum("  " in a for a in answers)
    folded = sum(bool(re.search(r"\b(paa|ogsaa|naar|maa|faar|aa)\b", a)) for a in answers)
    assert double_space >= 3
    assert folded >= 1


def test_youth_answers_sound_like_youth():
    answers = [a.text.lower() for a in _respondent_answers(6, 400, "mangler_aktiviteter")]
    joined = " ".join(answers)
    assert "henge" in joined and "gratis" in joined
    helse = [a.text.lower() for a in _respondent_answers(6, 400, "kommunen_burde")]
    assert any("helsesykepleier må være der når vi trenger det" in a for a in helse)
    assert any("press" in a for a in helse)
    # no staff phrasing in youth answers
    assert "stafettholder" not in joined and "tverrfaglig" not in joined


def test_service_colours_answers():
    def share(service, word):
        rng = random.Random(9)
        hits = sum(
            word in free_text_answer("tiltak_virker", rng, role="Ansatt", service=service).lower()
            for _ in range(400)
        )
        return hits / 400

    nurse = "helsesykepleier"
    assert share("Helsestasjon/skolehelsetjeneste", nurse) > 2 * share("NAV", nurse)
    assert share("Kultur/fritid", "klubb") > 2 * share("PPT", "klubb")


def test_parent_role_writes_as_parent():
    def first_person_share(role):
        rng = random.Random(12)
        answers = [free_text_answer("mellom_to_stoler", rng, role=role) for _ in range(300)]
        pattern = r"\b(jeg|sønnen|datteren|oss foreldre|vi har ventet)\b"
        return sum(bool(re.search(pattern, a.lower())) for a in answers) / len(answers)

    assert first_person_share("Forelder") > 0.3
    assert first_person_share("Forelder") > 3 * first_person_share("Ansatt")


# ---------------------------------------------------------------- nynorsk


def test_nynorsk_flag_gives_nynorsk():
    answers = [a.text for a in _respondent_answers(21, 400, nynorsk=True)]
    # nynorsk-only word forms: the markers plus every form the converter produces
    markers = set(NYNORSK_MARKERS) | {v for k, v in WORDS.items() if v != k and " " not in v}
    substantive = [a for a in answers if len(a.split()) >= 6]
    assert len(substantive) > 250
    with_marker = [a for a in substantive if markers & set(_words(a))]
    assert len(with_marker) / len(substantive) >= 0.85
    bokmaal = {"ikke", "jeg", "hva", "hvordan", "hvem", "mye", "bare", "noe"}
    leaking = [a for a in answers if bokmaal & set(_words(a))]
    # typos can mangle words, but the bokmål core words must never leak through
    assert leaking == []
    joined = " ".join(answers).lower()
    for word in ("ikkje", "eg", "kva", "meir", "berre", "tenestene", "korleis"):
        assert re.search(rf"\b{word}\b", joined), word


def test_nynorsk_false_gives_bokmaal_and_default_mixes_about_ten_percent():
    bm = [a for a in _respondent_answers(22, 400, nynorsk=False)]
    assert not any(a.nynorsk for a in bm)
    assert not any({"ikkje", "kva", "korleis", "berre"} & set(_words(a.text)) for a in bm)
    mixed = _respondent_answers(23, 1000)
    share = sum(a.nynorsk for a in mixed) / len(mixed)
    assert 0.06 <= share <= 0.14


def test_nynorsk_converter_examples():
    assert to_nynorsk("Jeg vet ikke hva vi skal gjøre.") == "Eg veit ikkje kva vi skal gjere."
    assert to_nynorsk("Hvordan får BTI mer tid hjemme?") == "Korleis får BTI meir tid heime?"
    assert to_nynorsk("skolehelsetjenesten er tydelig") == "skulehelsetenesta er tydeleg"


# ---------------------------------------------------------------- personal identifiers


def test_pii_rate_and_valid_fodselsnummer():
    answers = _respondent_answers(31, 3000)
    planted = [a for a in answers if a.pii]
    assert 0.005 <= len(planted) / len(answers) <= 0.05
    kinds = Counter(a.pii for a in planted)
    assert set(kinds) == {"fnr", "phone", "email", "name"}
    fnrs = []
    for a in answers:
        found = ["".join(m.groups()) for m in FNR_RE.finditer(a.text)]
        if a.pii == "fnr":
            assert len(found) == 1, a.text
        else:
            assert found == [], a.text
        fnrs += found
    assert fnrs
    for fnr in fnrs:
        assert _independent_fnr_ok(fnr), fnr
    for a in planted:
        if a.pii == "email":
            assert re.search(r"@example\.(no|com|org)\b", a.text), a.text
        if a.pii == "phone":
            assert PHONE_RE.search(a.text), a.text


def test_no_identifiers_outside_planted_answers():
    for a in _respondent_answers(32, 2000):
        if a.pii is None:
            assert not EMAIL_RE.search(a.text), a.text
            assert not PHONE_RE.search(a.text), a.text
            assert not FNR_RE.search(a.text), a.text


def test_generated_fodselsnummer_always_valid():
    rng = random.Random(0)
    numbers = [make_fodselsnummer(rng) for _ in range(500)]
    assert all(_independent_fnr_ok(n) for n in numbers)
    assert len(set(numbers)) > 490
    assert not _independent_fnr_ok("01810112345")  # sanity check of the test's own checker
    assert _independent_fnr_ok("01817012309")  # hand-checked valid synthetic number


def test_planted_identifiers_are_masked_by_the_app():
    masking = pytest.importorskip("surveyapp.privacy.masking")
    planted = [a for a in _respondent_answers(33, 3000) if a.pii]
    assert planted
    for a in planted:
        masked = masking.mask_pii(a.text)
        assert masked != a.text, a.text
        assert not FNR_RE.search(masked) and not EMAIL_RE.search(masked), masked
        assert not PHONE_RE.search(masked), masked


# ---------------------------------------------------------------- background answers


def _mean(values: list[int | None]) -> float:
    known = [v for v in values if v is not None]
    return sum(known) / len(known)


def test_likert_answer_range_dont_know_and_tendency():
    rng = random.Random(40)
    low = [likert_answer(rng, 2.0) for _ in range(2000)]
    high = [likert_answer(rng, 4.2) for _ in range(2000)]
    for values in (low, high):
        assert set(values) <= {1, 2, 3, 4, 5, None}
        assert 0.03 <= values.count(None) / len(values) <= 0.08
    assert 1.7 <= _mean(low) <= 2.4
    assert 3.8 <= _mean(high) <= 4.5
    assert {1, 2, 3, 4}.issubset(set(low))
    assert likert_answer(random.Random(1), 99) in (4, 5, None)


def test_pickers_are_valid_and_skewed():
    rng = random.Random(50)
    services = Counter(pick_service(rng) for _ in range(3000))
    assert set(services) == set(common.services)
    assert (services["Barnehage"] + services["Skole/SFO"]) / 3000 > 0.35
    assert services["PPT"] / 3000 < 0.07
    assert services["PPT"] < services["Barnehage"] / 3
    assert tuple(SERVICE_WEIGHTS) == common.services
    roles = Counter(pick_role(rng) for _ in range(2000))
    assert set(roles) == set(common.roles) and roles.most_common(1)[0][0] == "Ansatt"
    ages = Counter(pick_age_group(rng) for _ in range(600))
    assert set(ages) == set(common.age_groups) == {"13–14", "15–16", "17–18"}
    rng1, rng2 = random.Random(3), random.Random(3)
    assert [pick_service(rng1) for _ in range(50)] == [pick_service(rng2) for _ in range(50)]
