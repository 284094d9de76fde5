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

from math import exp, fsum, inf, lgamma, log

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
    # No more than chance's mean, shared <= first * second / total, is at most the median
    # (a hypergeometric median is the mean rounded down or up): a tail of at least a half.
    if shared * total <= first * second:
        return 0.0
    if by_chance(total, first, second, shared, stop_at=SAME_STORY) >= SAME_STORY:
        return 0.0
    return shared / min(first, second)


def by_chance(total: int, first: int, second: int, shared: int, stop_at: float = inf) -> float:
    """The chance that two random sets of `first` and `second` of `total` stories share
    `shared` or more (the hypergeometric tail); once the sum reaches `stop_at`, that sum.

    Each term is the one before times a ratio (P(x + 1) / P(x)), and the sum stops where the
    terms left cannot move it: past the mode the ratios shrink, so what is left is at most
    term * ratio / (1 - ratio). A brief's 800 candidate facts make 320,000 pairs, each told by
    up to thousands of stories in a large folder: summing every term of every tail with
    log-gamma took most of a 100,000-paragraph build.
    """
    low = max(shared, first + second - total, 0)
    high = min(first, second)
    if low > high:
        return 0.0
    log_term = (
        _log_choose(first, low) + _log_choose(total - first, second - low)
        - _log_choose(total, second)
    )
    terms = [exp(log_term)]
    running = terms[0]
    rest = total - first - second
    for x in range(low, high):
        ratio = (first - x) * (second - x) / ((x + 1) * (rest + x + 1))
        log_term += log(ratio)
        term = exp(log_term)
        terms.append(term)
        running += term
        if running >= stop_at:
            break
        if ratio < 1.0 and term * ratio < _NEGLIGIBLE * (1.0 - ratio) * running:
            break
    return fsum(terms)


# Terms below this share of the sum are past a float's precision: summing them changes nothing.
_NEGLIGIBLE = 1e-17


def _log_choose(n: int, k: int) -> float:
    return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1)
