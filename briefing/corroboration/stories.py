"""Provides how alike two facts are by the stories telling them, for the brief's diversity.

Facts that the same articles tell are parts of one story ("Yukos claims it is being punished
..." and "Mr Khodorkovsky is in jail"): a briefing of eight facts should tell eight stories
where the folder has them. Two facts are as alike as the share of the fewer stories that
tell both (the overlap coefficient), and only where the stories telling both are more than
chance would bring together: in a folder of 2,225 stories, two facts of 7 and 9 sharing 4
are one story; in a folder of five articles on one event, two facts told by the same three
are not (a chance of 1 in 10), and the likeness of their sentences alone tells them apart.
"""

from __future__ import annotations

from math import exp, fsum, lgamma

# What repeating a chosen fact costs, per unit of likeness, against scores relative to the
# best: maximal marginal relevance with lambda = 0.7, (1 - 0.7) / 0.7, the value commonly
# used for extractive summaries.
REDUNDANCY = 0.43
# Two facts are told by one story when the stories telling both would come together by chance
# less than once in a hundred (the conventional 1% level of a significance test).
SAME_STORY = 0.01


def story_likeness(shared: int, first: int, second: int, total: int) -> float:
    """How alike two facts told by `first` and `second` of a folder's `total` stories, `shared`
    of them telling both, are as parts of one story: 0 when chance would bring that many
    together."""
    if shared <= 0 or by_chance(total, first, second, shared) >= SAME_STORY:
        return 0.0
    return shared / min(first, second)


def by_chance(total: int, first: int, second: int, shared: int) -> float:
    """The chance that two random sets of `first` and `second` of `total` stories share
    `shared` or more (the hypergeometric tail)."""

    def log_choose(n: int, k: int) -> float:
        return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)

    whole = log_choose(total, second)
    return fsum(
        exp(log_choose(first, x) + log_choose(total - first, second - x) - whole)
        for x in range(shared, min(first, second) + 1)
        if second - x <= total - first
    )
