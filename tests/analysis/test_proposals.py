"""Proposals for new themes: only groups a planner could name (they share a word) are kept."""

import numpy as np
import pytest
from scipy import sparse

from analysis import is_nonanswer
from analysis.proposals import NewThemeFinder, shared_word_share


def _group(rng, centre, n, spread):
    rows = centre + spread * rng.standard_normal((n, centre.size))
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


@pytest.fixture
def annet_with_two_groups():
    """A codebook theme (rows 0-11) and two tight groups in Annet (12-21, 22-31)."""
    rng = np.random.default_rng(0)
    axes = np.eye(16)
    E = np.vstack(
        [
            _group(rng, axes[0], 12, 0.15),
            _group(rng, axes[1], 10, 0.05),
            _group(rng, axes[2], 10, 0.05),
        ]
    )
    main = np.array([0] * 12 + [-1] * 20)
    words = sparse.lil_matrix((32, 40))
    words[12:22, 0] = 1  # the first Annet group all say the same word
    for i in range(22, 32):  # the second shares no word at all
        words[i, 10 + i - 22] = 1
    return E, main, words.tocsr()


def test_shared_word_share():
    words = sparse.csr_matrix(np.array([[1, 0, 1], [1, 0, 0], [0, 1, 0], [0, 0, 1]]))
    assert shared_word_share(words, np.array([0, 1, 2])) == pytest.approx(2 / 3)
    assert shared_word_share(words, np.array([2, 3])) == pytest.approx(1 / 2)
    assert shared_word_share(words, np.array([], dtype=int)) == 0.0
    assert shared_word_share(None, np.array([0])) == 1.0


def test_a_group_without_a_shared_word_is_not_proposed(annet_with_two_groups):
    E, main, words = annet_with_two_groups
    without_words = NewThemeFinder(random_state=0).fit(E, main).local_labels(len(main))
    assert (without_words[22:32] >= 0).sum() >= 8  # close in meaning: proposed without the test
    labels = NewThemeFinder(random_state=0).fit(E, main, words).local_labels(len(main))
    assert (labels[12:22] >= 0).all()
    assert (labels[22:32] == -1).all()


def test_proposals_can_be_switched_off(annet_with_two_groups):
    E, main, words = annet_with_two_groups
    assert NewThemeFinder(enabled=False).fit(E, main, words).n_new_ == 0


@pytest.mark.parametrize(
    "text", ["vet ikke egentlig", "Ingen formeining", "idk tbh", "Har ikke noe å si her", "ingenting spesielt"]
)
def test_hedged_non_answers(text):
    assert is_nonanswer(text)


@pytest.mark.parametrize("text", ["Ingen tid til samarbeid", "Vet ikke helt, men noe må skje med BUP"])
def test_hedged_real_answers(text):
    assert not is_nonanswer(text)
