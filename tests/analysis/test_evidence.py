"""Theme prototypes and the Annet rule, on vectors small enough to reason about."""

import numpy as np
import scipy.sparse as sp

from analysis.evidence import ThemeEvidence
from analysis.guided import CodebookMatcher

THEMES = [sp.csr_matrix([[1.0, 0.0, 0.0]]), sp.csr_matrix([[0.0, 1.0, 0.0]])]


def _answers(n):
    """``n`` answers leaning to theme 0 but mostly about something else (third axis)."""
    rows = np.tile([0.4, 0.0, 0.9], (n, 1))
    return sp.csr_matrix(rows / np.linalg.norm(rows, axis=1, keepdims=True))


def _cosine_to_own_text(n):
    evidence = ThemeEvidence(neighbour_weight=0).fit(_answers(n), None, THEMES, [None, None])
    return float(evidence.lexical_centres_[0] @ THEMES[0].toarray()[0])


def test_one_answer_does_not_redefine_its_theme():
    # Before: the clearest answers made up half the prototype whatever their number, so a
    # lone statement on an idea wall became half its theme (cosine to the theme text 0.71).
    assert _cosine_to_own_text(1) > 0.95


def test_many_answers_move_a_theme_but_never_past_half():
    few, many = _cosine_to_own_text(4), _cosine_to_own_text(200)
    assert few > many + 0.05
    half = np.array([1.0, 0.0, 0.0]) + _answers(1).toarray()[0]
    assert np.isclose(many, half[0] / np.linalg.norm(half), atol=1e-6)


def _assign(scores, named_theme=None):
    hits = np.zeros_like(scores)
    if named_theme is not None:
        hits[:, named_theme] = 1
    return CodebookMatcher().assign(np.asarray(scores, dtype=float), hits)


def test_a_weak_answer_that_points_to_one_theme_keeps_it():
    # Below the typical answer for every theme (a two-word answer), but clearly fritid.
    assert _assign([[-1.8, -1.7, 0.2, -1.9]]).tolist() == [2]


def test_a_weak_answer_that_points_nowhere_goes_to_annet():
    assert _assign([[0.1, -0.2, 0.3, 0.0]]).tolist() == [-1]


def test_a_strong_answer_is_never_annet_even_when_several_themes_fit():
    assert _assign([[2.0, 1.9, 1.8, 2.1]]).tolist() == [3]


def test_a_named_keyword_keeps_a_weak_flat_answer_out_of_annet():
    assert _assign([[0.1, -0.2, 0.3, 0.0]], named_theme=2).tolist() == [2]


def test_a_coded_answer_always_teaches_its_theme():
    # Four answers in theme 0; the coded one (last) has the smallest margin, so the clearest
    # half would leave it out, yet the planner's coding must count.
    C = np.array([[3.0, 0.0], [2.5, 0.0], [2.0, 0.0], [0.1, 0.0]])
    labels, fixed = np.zeros(4, int), np.array([-1, -1, -1, 0])
    learnt = ThemeEvidence()._confident(C, labels, 2, fixed)
    assert learnt.tolist() == [0, 1, 3]
    assert ThemeEvidence()._confident(C, labels, 2, np.full(4, -1)).tolist() == [0, 1]
