"""Opinion groups, common ground and split statements from idea-wall votes, in the style of Pol.is.

Pure numpy and scikit-learn: no Flask, no database. The input is a list of
``(participant, statement, value)`` votes with value 1 (enig), -1 (uenig) or 0 (vet ikke).

How it works:

1. Votes form a participant x statement matrix (missing votes are NaN).
2. Only participants with at least ``min_votes`` votes are placed in groups. Their missing
   votes are filled with the statement's mean vote, the matrix is reduced to two dimensions
   with PCA, and each participant's position is stretched by sqrt(statements / own votes)
   so that people who voted little are not all pulled into the middle (as Pol.is does).
3. KMeans with k = 2..``max_groups`` runs on the positions; the k with the best silhouette
   wins, among the partitions where *every* group has at least ``threshold`` members (the
   organisation's suppression threshold). With fewer than 2 x threshold such participants,
   or when no partition has only large groups, there are no groups at all: the result then
   holds only common ground and split statements.
4. A group's *distinctive* statements are those its members agree (or disagree) with clearly
   more than everyone else (a one-sided two-proportion z-test, z >= 1.645).
5. *Common ground*: statements that a majority agrees with in every group (or overall, when
   there are no groups). *Split* statements: those where people take both sides, overall
   or between groups.

Everything is deterministic for a given ``random_state``. Statements with fewer than
``threshold`` votes are never reported, so a share is never a share of two or three people.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import PCA
from sklearn.metrics import silhouette_score

__all__ = [
    "Distinctive",
    "OpinionGroup",
    "OpinionMap",
    "StatementStats",
    "common_ground",
    "divisive",
    "opinion_map",
    "statement_stats",
]

#: a statement is common ground when at least this share agrees (in every group)
COMMON_GROUND_SHARE = 0.6
#: a statement is split when its split score reaches this (1.0 = as many for as against)
SPLIT_SCORE = 0.5
#: one-sided 95 % for "this group agrees more than the others"
Z_DISTINCTIVE = 1.645


@dataclass(frozen=True)
class StatementStats:
    """Vote counts of one statement, overall or within one group."""

    statement: Hashable
    agree: int
    disagree: int
    passes: int

    @property
    def votes(self) -> int:
        return self.agree + self.disagree + self.passes

    @property
    def agree_share(self) -> float:
        return self.agree / self.votes if self.votes else 0.0

    @property
    def disagree_share(self) -> float:
        return self.disagree / self.votes if self.votes else 0.0

    @property
    def split(self) -> float:
        """1.0 when as many agree as disagree, 0.0 when everyone who took a side agrees."""
        sides = self.agree + self.disagree
        return 2 * min(self.agree, self.disagree) / sides if sides else 0.0


@dataclass(frozen=True)
class Distinctive:
    """A statement that sets a group apart: its members ``direction`` more than the others."""

    statement: Hashable
    direction: str  # "agree" or "disagree"
    share_in_group: float
    share_outside: float
    z: float


@dataclass(frozen=True)
class OpinionGroup:
    size: int
    distinctive: tuple[Distinctive, ...]


@dataclass(frozen=True)
class OpinionMap:
    """The result of :func:`opinion_map`; plain data."""

    n_participants: int
    n_grouped: int
    n_statements: int
    #: empty when groups may not be shown (see ``reason``)
    groups: tuple[OpinionGroup, ...]
    #: participant -> group index, for participants in shown groups only
    membership: dict[Hashable, int]
    common_ground: tuple[Hashable, ...]
    divisive: tuple[Hashable, ...]
    stats: dict[Hashable, StatementStats]
    #: why there are no groups: "few_participants", "few_statements", "small_groups" or None
    reason: str | None
    silhouette: float | None
    random_state: int
    threshold: int = field(default=5)


def _matrix(votes: Iterable[tuple[Hashable, Hashable, int]]):
    votes = list(votes)
    participants = sorted({p for p, _, _ in votes}, key=repr)
    statements = sorted({s for _, s, _ in votes}, key=repr)
    row = {p: i for i, p in enumerate(participants)}
    col = {s: j for j, s in enumerate(statements)}
    matrix = np.full((len(participants), len(statements)), np.nan)
    for p, s, value in votes:
        if value not in (-1, 0, 1):
            raise ValueError(f"a vote must be -1, 0 or 1, got {value!r}")
        matrix[row[p], col[s]] = value
    return participants, statements, matrix


def _counts(matrix: np.ndarray, statements: list) -> list[StatementStats]:
    agree = (matrix == 1).sum(axis=0)
    disagree = (matrix == -1).sum(axis=0)
    passes = (matrix == 0).sum(axis=0)
    return [
        StatementStats(s, int(a), int(d), int(p))
        for s, a, d, p in zip(statements, agree, disagree, passes)
    ]


def statement_stats(
    votes: Iterable[tuple[Hashable, Hashable, int]],
) -> dict[Hashable, StatementStats]:
    """Agree / disagree / pass counts per statement."""
    _, statements, matrix = _matrix(votes)
    return {s.statement: s for s in _counts(matrix, statements)}


def common_ground(
    stats: Iterable[StatementStats],
    threshold: int,
    group_stats: list[dict[Hashable, StatementStats]] | None = None,
    limit: int = 5,
) -> list[Hashable]:
    """Statements a majority agrees with, in every group when there are groups; best first."""
    scored = []
    for s in stats:
        if s.votes < threshold or s.agree_share < COMMON_GROUND_SHARE:
            continue
        within = [g[s.statement] for g in group_stats or [] if s.statement in g]
        if group_stats and (
            len(within) < len(group_stats)
            or any(g.agree_share < COMMON_GROUND_SHARE for g in within)
        ):
            continue
        # Laplace-smoothed agreement, multiplied across groups (Pol.is' group-aware consensus)
        score = float(np.prod([(g.agree + 1) / (g.votes + 2) for g in within or [s]]))
        scored.append((-score, -s.agree, s.disagree, repr(s.statement), s.statement))
    return [item[-1] for item in sorted(scored)[:limit]]


def divisive(
    stats: Iterable[StatementStats],
    threshold: int,
    group_stats: list[dict[Hashable, StatementStats]] | None = None,
    limit: int = 5,
) -> list[Hashable]:
    """Statements people take both sides on (overall, or group against group); most split first."""
    scored = []
    for s in stats:
        if s.votes < threshold or s.agree + s.disagree < 2:
            continue
        within = [g[s.statement] for g in group_stats or [] if s.statement in g]
        shares = [g.agree_share for g in within if g.votes]
        gap = max(shares) - min(shares) if len(shares) >= 2 else 0.0
        score = max(s.split, gap)
        if score >= SPLIT_SCORE:
            scored.append((-score, -s.votes, repr(s.statement), s.statement))
    return [item[-1] for item in sorted(scored)[:limit]]


def _positions(matrix: np.ndarray, random_state: int) -> np.ndarray | None:
    """Participants in two dimensions, or None when everyone voted exactly alike."""
    voted = ~np.isnan(matrix)
    means = np.nanmean(np.where(voted.any(axis=0), matrix, 0.0), axis=0)
    filled = np.where(voted, matrix, means)
    if np.ptp(filled, axis=0).max() == 0:
        return None
    n_components = min(2, *filled.shape)
    pca = PCA(n_components=n_components, svd_solver="full", random_state=random_state)
    positions = pca.fit_transform(filled)
    stretch = np.sqrt(matrix.shape[1] / voted.sum(axis=1))
    return positions * stretch[:, None]


def _best_partition(positions, threshold, max_groups, random_state):
    best = None
    distinct = len(np.unique(positions.round(9), axis=0))
    for k in range(2, min(max_groups, len(positions) // threshold, distinct - 1) + 1):
        labels = KMeans(n_clusters=k, n_init=10, random_state=random_state).fit_predict(positions)
        if np.bincount(labels, minlength=k).min() < threshold:
            continue
        score = float(silhouette_score(positions, labels))
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    return best


def _ordered(labels: np.ndarray) -> np.ndarray:
    """Relabel groups by size (largest first), then by first member, for stable output."""
    keys = sorted(np.unique(labels), key=lambda g: (-(labels == g).sum(), np.argmax(labels == g)))
    mapping = {old: new for new, old in enumerate(keys)}
    return np.array([mapping[g] for g in labels])


def _z(hits_in: int, n_in: int, hits_out: int, n_out: int) -> float:
    """One-sided two-proportion z statistic (smoothed so empty cells stay finite)."""
    p_in, p_out = (hits_in + 1) / (n_in + 2), (hits_out + 1) / (n_out + 2)
    pooled = (hits_in + hits_out + 1) / (n_in + n_out + 2)
    se = np.sqrt(pooled * (1 - pooled) * (1 / max(n_in, 1) + 1 / max(n_out, 1)))
    return float((p_in - p_out) / se) if se > 0 else 0.0


def _distinctive(inside, outside, threshold, limit) -> tuple[Distinctive, ...]:
    found = []
    for s_in, s_out in zip(inside, outside):
        if s_in.votes < threshold:
            continue
        for direction, hit_in, hit_out in (
            ("agree", s_in.agree, s_out.agree),
            ("disagree", s_in.disagree, s_out.disagree),
        ):
            share_in = hit_in / s_in.votes
            share_out = hit_out / s_out.votes if s_out.votes else 0.0
            z = _z(hit_in, s_in.votes, hit_out, s_out.votes)
            if share_in > 0.5 and z >= Z_DISTINCTIVE:
                found.append(Distinctive(s_in.statement, direction, share_in, share_out, z))
    found.sort(key=lambda d: (-(d.share_in_group - d.share_outside), -d.z, repr(d.statement)))
    return tuple(found[:limit])


def opinion_map(
    votes: Iterable[tuple[Hashable, Hashable, int]],
    *,
    threshold: int = 5,
    min_votes: int = 3,
    max_groups: int = 4,
    limit: int = 5,
    random_state: int = 0,
) -> OpinionMap:
    """Groups, their distinctive statements, common ground and split statements.

    Parameters
    ----------
    votes : iterable of (participant, statement, value)
        Value 1 agree, -1 disagree, 0 pass; at most one vote per pair.
    threshold : int
        The suppression threshold: no group smaller than this is ever formed or shown,
        no statement with fewer votes is reported.
    min_votes : int
        Participants with fewer votes (capped at the number of statements) are not grouped.
    max_groups : int
        Largest number of groups tried (at least 2 are needed for groups at all).
    limit : int
        How many common-ground, split and distinctive statements to report.
    random_state : int
        Seed for KMeans; the result is deterministic for a given seed.
    """
    participants, statements, matrix = _matrix(votes)
    overall = _counts(matrix, statements)
    stats = {s.statement: s for s in overall}
    enough = (~np.isnan(matrix)).sum(axis=1) >= min(min_votes, max(len(statements), 1))
    n_grouped = int(enough.sum())
    reason, partition = None, None
    if len(statements) < 2:
        reason = "few_statements"
    elif n_grouped < 2 * threshold:
        reason = "few_participants"
    else:
        positions = _positions(matrix[enough], random_state)
        if positions is not None:
            partition = _best_partition(positions, threshold, max_groups, random_state)
        reason = None if partition is not None else "small_groups"

    groups: list[OpinionGroup] = []
    group_stats: list[dict[Hashable, StatementStats]] = []
    membership: dict[Hashable, int] = {}
    if partition is not None:
        labels = _ordered(partition[1])
        grouped = matrix[enough]
        members = [p for p, ok in zip(participants, enough) if ok]
        for g in range(labels.max() + 1):
            inside = _counts(grouped[labels == g], statements)
            outside = _counts(grouped[labels != g], statements)
            groups.append(
                OpinionGroup(
                    int((labels == g).sum()), _distinctive(inside, outside, threshold, limit)
                )
            )
            group_stats.append({s.statement: s for s in inside})
        membership = {p: int(g) for p, g in zip(members, labels)}

    return OpinionMap(
        n_participants=len(participants),
        n_grouped=n_grouped,
        n_statements=len(statements),
        groups=tuple(groups),
        membership=membership,
        common_ground=tuple(common_ground(overall, threshold, group_stats or None, limit)),
        divisive=tuple(divisive(overall, threshold, group_stats or None, limit)),
        stats=stats,
        reason=reason,
        silhouette=partition[0] if partition is not None else None,
        random_state=random_state,
        threshold=threshold,
    )
