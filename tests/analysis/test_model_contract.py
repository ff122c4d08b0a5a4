"""The estimator contract: scikit-learn conventions, plain results, determinism."""

import json

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone

from analysis import (
    Assignment,
    InvalidCodingError,
    InvalidParameterError,
    NotFittedError,
    Theme,
    ThemeModel,
)


def test_fit_returns_self(texts):
    model = ThemeModel(n_themes=3)
    assert model.fit(texts) is model


def test_init_stores_parameters_unchanged():
    params = dict(
        mode="guided", codebook="workshop", n_themes=4, random_state=7, extra_stopwords=("x",)
    )
    model = ThemeModel(**params)
    for name, value in params.items():
        assert model.get_params()[name] is value


def test_clone_round_trips():
    model = ThemeModel(mode="guided", codebook="15-1", n_themes=5, random_state=3)
    copy = clone(model)
    assert copy.get_params() == model.get_params()
    assert not hasattr(copy, "themes_")


@pytest.mark.parametrize("method", ["predict", "to_dict", "split"])
def test_not_fitted_errors(method):
    model = ThemeModel()
    args = {"predict": (["tekst"],), "to_dict": (), "split": (["tekst"], "x")}[method]
    with pytest.raises(NotFittedError):
        getattr(model, method)(*args)


def test_not_fitted_error_is_sklearns_too():
    from sklearn.exceptions import NotFittedError as SkNotFitted

    with pytest.raises(SkNotFitted):
        ThemeModel().predict(["tekst"])


@pytest.mark.parametrize("mode", ["discover", "guided"])
def test_same_seed_same_result(texts, mode):
    a = ThemeModel(mode=mode, codebook="15-1" if mode == "guided" else None, random_state=1)
    b = clone(a)
    assert a.fit(texts).to_dict() == b.fit(texts).to_dict()


def test_series_and_list_give_the_same_result(texts):
    a = ThemeModel(n_themes=4).fit(texts).to_dict()
    b = ThemeModel(n_themes=4).fit(pd.Series(texts, index=np.arange(100, 100 + len(texts))))
    assert a == b.to_dict()


def test_result_is_plain_json_with_params(guided_model):
    data = json.loads(json.dumps(guided_model.to_dict()))
    assert data["random_state"] == 0
    assert data["params"]["codebook"] == "15-1"
    assert data["mode"] == "guided"
    assert len(data["assignments"]) == guided_model.n_answers_
    assert {"key", "label", "keywords", "size", "representatives", "quotes"} <= set(
        data["themes"][0]
    )


def test_results_are_dataclasses(discover_model):
    assert all(isinstance(t, Theme) for t in discover_model.themes_)
    assert all(isinstance(a, Assignment) for a in discover_model.assignments_)
    assert [a.index for a in discover_model.assignments_] == list(
        range(len(discover_model.assignments_))
    )


@pytest.mark.parametrize(
    "params",
    [
        {"mode": "cluster"},
        {"mode": "guided"},
        {"n_themes": 0},
        {"n_themes": "many"},
        {"n_themes": True},
    ],
)
def test_bad_parameters_raise_on_fit(texts, params):
    with pytest.raises(InvalidParameterError):
        ThemeModel(**params).fit(texts)


def test_a_bare_string_is_refused():
    with pytest.raises(InvalidParameterError):
        ThemeModel().fit("bare én tekst")


@pytest.mark.parametrize("coded", [None, {}, {999: "x"}, ["a", "b"], "samhandling"])
def test_coding_mode_needs_valid_coding(texts, coded):
    with pytest.raises(InvalidCodingError):
        ThemeModel(mode="coding").fit(texts, coded=coded)
