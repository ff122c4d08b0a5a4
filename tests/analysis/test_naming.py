"""Theme names are noun phrases from the answers: no verbs, no adverbs at the end, never across
a sentence break."""

import numpy as np
import pytest

from analysis.modes import Space
from analysis.naming import can_end_name, is_verb, name_themes
from analysis.normalise import Normaliser, sentence_starts, tokenise


def _token(word):
    return Normaliser().tokens(word)[0]


@pytest.mark.parametrize("word", ["hjalp", "mister", "flytter", "ringte", "trenger", "hjelper", "sluttar"])
def test_verb_forms(word):
    assert is_verb(_token(word))
    assert not can_end_name(_token(word))


@pytest.mark.parametrize(
    "word", ["skolen", "ventelister", "kommuner", "møtene", "lærer", "tid", "hjelp", "helsesykepleier"]
)
def test_nouns_of_the_same_shape(word):
    assert not is_verb(_token(word))
    assert can_end_name(_token(word))


@pytest.mark.parametrize("word", ["skikkelig", "psykisk", "nærmere", "før", "barnevernets", "barnas"])
def test_words_that_cannot_end_a_name(word):
    assert not can_end_name(_token(word))


def test_sentence_starts_count_words_as_tokenise_does():
    text = "Høre på oss unge på ordentlig. Politikere tror! • vape • helse- og omsorg"
    words = tokenise(text)
    assert [words[i] for i in sorted(sentence_starts(text))] == ["politikere", "vape", "helse"]
    assert sentence_starts("Bare én setning uten slutt") == frozenset()


def _space(texts):
    norm = Normaliser()
    return Space(
        [norm.tokens(t) for t in texts], None, None, None, [sentence_starts(t) for t in texts]
    )


def test_a_name_is_not_a_clause():
    texts = ["Skjemaet hjalp ikke", "skjemaet hjalp oss lite", "Skjemaet hjalp, men sent"] + [
        "Lang ventetid på BUP"
    ] * 3
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 1, 1, 1]), 2, set())
    assert names[0] == "Skjemaet"
    assert names[1] == "Lang ventetid på BUP"


def test_a_name_does_not_run_across_sentences():
    texts = ["Hør på unge. Politikere bestemmer alt", "hør på unge! politikere vet ikke"] * 2 + [
        "Gratis buss"
    ] * 2
    _, names = name_themes(_space(texts), np.array([0, 0, 0, 0, 1, 1]), 2, set())
    assert "politikere" not in names[0].lower() or "unge" not in names[0].lower()
