"""Opinion groups on simulated councils: camps, common ground, splits and small groups."""

from __future__ import annotations

import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import adjusted_rand_score

from surveyapp.services.ideawall.opinions import (
    StatementStats,
    common_ground,
    divisive,
    opinion_map,
    statement_stats,
)
from tests.ideawall.conftest import simulated_council

CAMP_A, CAMP_B, SHARED = set(range(4)), set(range(4, 8)), set(range(8, 12))


def test_two_camps_of_ten_are_found_with_their_common_ground():
    votes, camp = simulated_council(10, 10)
    result = opinion_map(votes, threshold=5, limit=8)
    assert result.reason is None
    assert [g.size for g in result.groups] == [10, 10]
    labels = [result.membership[p] for p in sorted(camp)]
    assert adjusted_rand_score([camp[p] for p in sorted(camp)], labels) == 1.0
    assert set(result.common_ground) == SHARED
    assert set(result.divisive) == CAMP_A | CAMP_B
    group_of_a = result.membership[0]
    agreed_by_a = {
        d.statement for d in result.groups[group_of_a].distinctive if d.direction == "agree"
    }
    agreed_by_b = {
        d.statement for d in result.groups[1 - group_of_a].distinctive if d.direction == "agree"
    }
    assert agreed_by_a and agreed_by_a <= CAMP_A
    assert agreed_by_b and agreed_by_b <= CAMP_B
    assert all(d.share_in_group > d.share_outside for g in result.groups for d in g.distinctive)


@pytest.mark.parametrize("seed", range(5))
def test_camps_are_recovered_across_random_councils(seed):
    votes, camp = simulated_council(12, 8, seed=seed, noise=0.15, missing=0.25)
    result = opinion_map(votes, threshold=5, limit=8)
    assert len(result.groups) == 2
    labels = [result.membership[p] for p in sorted(camp)]
    assert adjusted_rand_score([camp[p] for p in sorted(camp)], labels) >= 0.8
    assert set(result.common_ground) <= SHARED and len(result.common_ground) >= 3


def test_six_participants_show_no_groups_only_common_ground_and_splits():
    votes, _ = simulated_council(3, 3)
    result = opinion_map(votes, threshold=5)
    assert result.groups == () and result.membership == {}
    assert result.reason == "few_participants"
    assert set(result.common_ground) <= SHARED and result.common_ground
    assert set(result.divisive) <= CAMP_A | CAMP_B and result.divisive


def test_a_camp_smaller_than_the_threshold_is_never_a_group():
    """16 + 3: the three would be identifiable, so they are not split off as a group."""
    votes, _ = simulated_council(16, 3, noise=0.0, missing=0.0)
    result = opinion_map(votes, threshold=5)
    assert all(g.size >= 5 for g in result.groups)
    assert all(
        sum(1 for label in result.membership.values() if label == i) >= 5
        for i in range(len(result.groups))
    )


def test_higher_threshold_of_the_organisation_is_respected():
    votes, _ = simulated_council(10, 10)
    assert opinion_map(votes, threshold=10).groups
    assert opinion_map(votes, threshold=11).reason == "few_participants"


def test_result_is_deterministic_and_independent_of_vote_order():
    votes, _ = simulated_council(11, 9, seed=3)
    first = opinion_map(votes, threshold=5)
    shuffled = votes[:]
    random.Random(7).shuffle(shuffled)
    second = opinion_map(shuffled, threshold=5)
    assert first == second
    assert first.random_state == 0


def test_participants_with_too_few_votes_are_not_grouped():
    votes, _ = simulated_council(10, 10, missing=0.0)
    votes += [(100, 0, 1), (100, 1, -1)]  # a late-comer with two votes
    result = opinion_map(votes, threshold=5, min_votes=3)
    assert result.n_participants == 21 and result.n_grouped == 20
    assert 100 not in result.membership
    assert result.stats[0].votes == 21  # their votes still count on the statements


def test_statements_with_fewer_votes_than_the_threshold_are_never_reported():
    stats = [
        StatementStats("few", 4, 0, 0),
        StatementStats("many", 5, 0, 0),
        StatementStats("split-few", 2, 2, 0),
        StatementStats("split", 3, 3, 0),
    ]
    assert common_ground(stats, threshold=5) == ["many"]
    assert divisive(stats, threshold=5) == ["split"]


def test_split_score_and_shares():
    s = StatementStats("x", agree=6, disagree=2, passes=2)
    assert (s.votes, s.agree_share, s.disagree_share, s.split) == (10, 0.6, 0.2, 0.5)
    assert StatementStats("y", 0, 0, 3).split == 0.0
    assert statement_stats([(1, "a", 1), (2, "a", 0), (1, "b", -1)]) == {
        "a": StatementStats("a", 1, 0, 1),
        "b": StatementStats("b", 0, 1, 0),
    }


def test_invalid_votes_and_empty_input():
    with pytest.raises(ValueError):
        opinion_map([(1, 1, 2)])
    empty = opinion_map([], threshold=5)
    assert (empty.groups, empty.common_ground, empty.divisive) == ((), (), ())
    assert empty.reason == "few_statements"


def test_identical_voters_give_no_groups_without_warnings():
    votes = [(p, s, 1) for p in range(20) for s in range(5)]
    result = opinion_map(votes, threshold=5)
    assert result.groups == () and result.reason == "small_groups"
    assert set(result.common_ground) == set(range(5))


@settings(max_examples=15, deadline=None)
@given(
    n=st.integers(0, 30),
    threshold=st.integers(2, 8),
    seed=st.integers(0, 10_000),
)
def test_groups_are_never_smaller_than_the_threshold(n, threshold, seed):
    rng = np.random.default_rng(seed)
    votes = [
        (p, s, int(rng.choice([-1, 0, 1])))
        for p in range(n)
        for s in range(8)
        if rng.random() < 0.8
    ]
    result = opinion_map(votes, threshold=threshold)
    assert all(g.size >= threshold for g in result.groups)
    if result.n_grouped < 2 * threshold:
        assert result.groups == ()
    assert 2 <= len(result.groups) <= 4 or result.groups == ()
    for sid in result.common_ground + result.divisive:
        assert result.stats[sid].votes >= threshold
