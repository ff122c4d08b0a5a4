"""Codebooks: the built-ins, the YAML format, and clear errors."""

import pytest

from analysis import Codebook, InvalidCodebookError, load_codebook
from analysis.keywords import KeywordMatcher
from analysis.normalise import Normaliser


def test_builtin_codebooks_load():
    main = load_codebook("15-1")
    workshop = load_codebook("workshop")
    assert len(main.themes) >= 10
    assert workshop.keys == ["hvor_trykker_skoen", "samhandling", "medvirkning", "faglig_skjonn"]
    assert all(t.name and t.description and t.keywords for t in main.themes)


def test_yaml_round_trip(tmp_path):
    book = load_codebook("workshop")
    path = tmp_path / "book.yaml"
    path.write_text(book.to_yaml(), encoding="utf-8")
    assert load_codebook(path) == book


def test_from_list_and_comma_keywords():
    book = load_codebook([{"key": "tid", "name": "Tid", "keywords": "tid, kapasitet"}])
    assert book["tid"].keywords == ("tid", "kapasitet")


@pytest.mark.parametrize(
    "data",
    [
        {"themes": []},
        {"themes": [{"key": "Bad Key", "name": "x"}]},
        {"themes": [{"key": "a", "name": ""}]},
        {"themes": [{"key": "a", "name": "A"}, {"key": "a", "name": "B"}]},
        {"themes": [{"key": "annet", "name": "Annet"}]},
        {"themes": [{"key": "a", "name": "A", "keywords": 3}]},
        {"no_themes": 1},
        "not-a-builtin-or-file.yaml",
        42,
    ],
)
def test_invalid_codebooks_raise(data):
    with pytest.raises(InvalidCodebookError):
        load_codebook(data)


def test_invalid_yaml_raises():
    with pytest.raises(InvalidCodebookError):
        Codebook.from_yaml("themes: [unclosed")


def test_keywords_match_inside_compounds_and_across_forms():
    book = load_codebook(
        [
            {
                "key": "samhandling",
                "name": "Samhandling",
                "keywords": ["samarbeid", "mellom to stoler"],
            },
            {"key": "tid", "name": "Tid", "keywords": ["tid"]},
        ]
    )
    norm = Normaliser()
    matcher = KeywordMatcher(book, norm)
    docs = [
        norm.tokens(t)
        for t in [
            "Faste samarbeidsmøter",
            "Barn faller mellom to stoler",
            "Tidlig innsats",
            "Ikkje tid",
        ]
    ]
    hits = matcher.hits(docs).toarray()
    assert hits[0, 0] and hits[1, 0]
    assert not hits[2, 1], "short keywords must not match inside longer words"
    assert hits[3, 1]
    assert matcher.matches(docs[0], 0) == ["samarbeidsmøter"]
