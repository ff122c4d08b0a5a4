"""Group near-duplicate answers: same content words, whatever their order, case, inflection,
punctuation, stop words or bokmål/nynorsk form ("Mer samarbeid!" and "meir samarbeid")."""

from __future__ import annotations

from .normalise import Token

__all__ = ["duplicate_groups"]


def duplicate_groups(docs: list[list[Token]], rows: list[int]) -> list[int | None]:
    """Return a group id per answer; answers without a near-duplicate get ``None``.

    Parameters
    ----------
    docs : list of list of Token
        Tokens of every answer.
    rows : list of int
        Answers to consider (others, such as non-answers, get ``None``).

    Returns
    -------
    list of int or None
        Group ids count from 0 in order of first appearance, so they are deterministic.
    """
    members: dict[tuple[str, ...], list[int]] = {}
    for i in rows:
        key = tuple(sorted({t.key for t in docs[i] if not t.is_stop}))
        if key:
            members.setdefault(key, []).append(i)
    groups: list[int | None] = [None] * len(docs)
    next_id = 0
    for indices in members.values():
        if len(indices) > 1:
            for i in indices:
                groups[i] = next_id
            next_id += 1
    return groups
