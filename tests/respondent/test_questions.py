"""The question-type registry and the form builder, without HTTP."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from surveyapp.definitions import QUESTION_TYPES, load_directory, parse_definition
from surveyapp.definitions.schema import Question, ShowIf
from surveyapp.questions import (
    REGISTRY,
    Context,
    build_answer_form,
    condition_met,
    drop_hidden,
    pages,
    question_type,
    visible_keys,
)
from surveyapp.questions.types import format_number

from .conftest import ALL_TYPES

TEMPLATES = Path(__file__).resolve().parents[2] / "surveyapp" / "templates"
CTX = Context(language="nb", municipalities=("Nord-Fron", "Sør-Fron"))


@pytest.fixture
def request_ctx(app):
    """Messages are translated, so reading answers needs a request (for its language)."""
    with app.test_request_context("/"):
        yield app


def q(**fields) -> Question:
    return Question.model_validate({"text": "Spørsmål", **fields})


def test_every_question_type_has_a_class_and_a_template():
    assert set(REGISTRY) == set(QUESTION_TYPES)
    for kind in REGISTRY.values():
        assert (TEMPLATES / kind.template).is_file(), kind.template


@pytest.mark.parametrize("key", ["tjenester", "innspill_fire_tema", "ungdomsrad", "samarbeid_bti"])
@pytest.mark.parametrize("language", ["nb", "nn"])
def test_built_in_questionnaires_build_one_form_per_section(request_ctx, key, language):
    definition = load_directory(request_ctx.config["QUESTIONNAIRE_DIR"])[key]
    ctx = Context(language=language, municipalities=CTX.municipalities)
    for index, section in enumerate(definition.sections):
        form = build_answer_form(definition, index, ctx)
        assert [f.key for f in form.fields] == [
            x.key for x in section.questions if x.show_if is None or f_on_page(x, section)
        ]


def f_on_page(question, section) -> bool:
    return question.show_if.question in {x.key for x in section.questions}


def test_youth_questionnaire_speaks_nynorsk(request_ctx):
    definition = load_directory(request_ctx.config["QUESTIONNAIRE_DIR"])["ungdomsrad"]
    form = build_answer_form(definition, 1, Context(language="nn"))
    assert form.fields[0].text.startswith("Eg har ein vaksen")
    assert "Einsemd" in [c.label for f in form.fields for c in f.choices]


def test_place_question_is_left_out_when_the_round_has_one_place(request_ctx):
    definition = parse_definition(ALL_TYPES, "test")
    one = build_answer_form(definition, 0, Context(municipalities=("Ringebu",)))
    two = build_answer_form(definition, 0, CTX)
    assert "kommune" not in [f.key for f in one.fields]
    assert [c.value for c in two.fields[0].choices] == ["Nord-Fron", "Sør-Fron"]


def test_conditions():
    rule = ShowIf(question="rolle", any_of=["Ansatt", "Leder"])
    assert condition_met(rule, {"rolle": "Leder"})
    assert not condition_met(rule, {"rolle": "Forelder"})
    assert not condition_met(rule, {})
    assert condition_met(rule, {"rolle": ["Forelder", "Ansatt"]}), "lists: any answer counts"
    assert condition_met(ShowIf(question="n", equals="3"), {"n": 3}), "numbers compare as text"


def test_a_question_hidden_hides_what_depends_on_it():
    chain = [
        q(key="a", type="single_choice", options=["ja", "nei"]),
        q(
            key="b",
            type="single_choice",
            options=["ja", "nei"],
            show_if={"question": "a", "equals": "ja"},
        ),
        q(key="c", type="short_text", show_if={"question": "b", "equals": "ja"}),
    ]
    assert visible_keys(chain, {"a": "ja", "b": "ja"}) == {"a", "b", "c"}
    assert visible_keys(chain, {"a": "nei", "b": "ja"}) == {"a"}
    assert drop_hidden(chain, {"a": "nei", "b": "ja", "c": "tekst"}) == {"a": "nei"}


answer_values = st.one_of(
    st.none(), st.sampled_from(["ja", "nei", "kanskje"]), st.lists(st.sampled_from(["ja", "nei"]))
)


@given(st.dictionaries(st.sampled_from("abcd"), answer_values))
def test_dropping_hidden_answers_is_stable(values):
    chain = [
        q(key="a", type="single_choice", options=["ja", "nei"]),
        q(
            key="b",
            type="multiple_choice",
            options=["ja", "nei"],
            show_if={"question": "a", "any_of": ["ja"]},
        ),
        q(key="c", type="short_text", show_if={"question": "b", "equals": "nei"}),
        q(key="d", type="short_text"),
    ]
    kept = drop_hidden(chain, values)
    assert set(kept) <= visible_keys(chain, values)
    assert drop_hidden(chain, kept) == kept, "what is kept stays visible on its own"


def parse(question: Question, form: dict):
    return question_type(question.type).parse(question, MultiDict(form), CTX)


@pytest.mark.parametrize(
    ("question", "form", "value"),
    [
        (q(key="v", type="single_choice", options=["a", "b"]), {"q-v": "b"}, "b"),
        (q(key="v", type="single_choice", options=["a"]), {}, None),
        (
            q(key="v", type="single_choice", options_from="municipalities"),
            {"q-v": "Sør-Fron"},
            "Sør-Fron",
        ),
        (
            q(key="v", type="multiple_choice", options=["a", "b", "c"]),
            {"q-v": ["c", "a", "c"]},
            ["a", "c"],
        ),
        (q(key="v", type="likert"), {"q-v": "5"}, 5),
        (q(key="v", type="likert"), {"q-v": "vet_ikke"}, "vet_ikke"),
        (
            q(key="v", type="likert_grid", items=[{"key": "x", "text": "X"}]),
            {"q-v-x": "2"},
            {"x": 2},
        ),
        (q(key="v", type="short_text"), {"q-v": "  hei  "}, "hei"),
        (q(key="v", type="short_text"), {"q-v": "to\r\nlinjer"}, "to linjer"),
        (q(key="v", type="long_text"), {"q-v": "to\r\nlinjer"}, "to\nlinjer"),
        (q(key="v", type="long_text"), {"q-v": "   "}, None),
        (q(key="v", type="number"), {"q-v": "-3,25"}, -3.25),
        (q(key="v", type="number"), {"q-v": "1 000"}, 1000),
    ],
)
def test_types_read_their_answers(request_ctx, question, form, value):
    parsed = parse(question, form)
    assert parsed.error is None
    assert parsed.value == value


@pytest.mark.parametrize(
    ("question", "form"),
    [
        (q(key="v", type="single_choice", options=["a"]), {"q-v": "z"}),
        (q(key="v", type="single_choice", options=["a"]), {"q-v": ["a", "a"]}),
        (q(key="v", type="likert", scale={"dont_know": False}), {"q-v": "vet_ikke"}),
        (q(key="v", type="likert"), {"q-v": "0"}),
        (q(key="v", type="likert_grid", items=[{"key": "x", "text": "X"}]), {"q-v-x": "6"}),
        (q(key="v", type="short_text", max_length=3), {"q-v": "abcd"}),
        (q(key="v", type="long_text"), {"q-v": "x" * 5001}),
        (q(key="v", type="long_text"), {"q-v": "\x00"}),
        (q(key="v", type="number", min=0), {"q-v": "-1"}),
        (q(key="v", type="number", max=10), {"q-v": "10,5"}),
        (q(key="v", type="number"), {"q-v": "inf"}),
    ],
)
def test_types_refuse_wrong_answers(request_ctx, question, form):
    parsed = parse(question, form)
    assert parsed.error
    assert parsed.value is None


def test_required_grid_needs_every_item(request_ctx):
    question = q(
        key="g",
        type="likert_grid",
        required=True,
        items=[{"key": "x", "text": "X"}, {"key": "y", "text": "Y"}],
    )
    kind = question_type("likert_grid")
    problem = kind.missing(question, {"x": 1})
    assert problem and problem.target == "q-g-y-1"
    assert kind.missing(question, {"x": 1, "y": "vet_ikke"}) is None


@pytest.mark.parametrize(("number", "text"), [(3, "3"), (3.0, "3"), (2.5, "2,5"), (-0.25, "-0,25")])
def test_numbers_are_written_the_norwegian_way(number, text):
    assert format_number(number) == text


def test_pages_skip_sections_without_questions_to_show(request_ctx):
    definition = parse_definition(ALL_TYPES, "test")
    assert pages(definition, {"rolle": "Ansatt"}, CTX) == [0, 1, 3]
    assert pages(definition, {"rolle": "Forelder"}, CTX) == [0, 1, 2, 3]
