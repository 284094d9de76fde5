"""The hypergeometric tail behind the brief's story likeness, against exact fractions."""

from __future__ import annotations

import random
from fractions import Fraction
from math import comb

import pytest

from briefing.corroboration.stories import SAME_STORY, by_chance, story_likeness


def exact_tail(total: int, first: int, second: int, shared: int) -> float:
    ways = sum(
        comb(first, x) * comb(total - first, second - x)
        for x in range(max(shared, 0), min(first, second) + 1)
        if 0 <= second - x <= total - first
    )
    return float(Fraction(ways, comb(total, second)))


def test_tail_matches_exact_fractions_over_random_folders() -> None:
    rng = random.Random(7)
    for _ in range(400):
        total = rng.randint(1, 3000)
        first, second = rng.randint(0, total), rng.randint(0, total)
        shared = rng.randint(0, min(first, second) + 1)
        exact = exact_tail(total, first, second, shared)
        assert by_chance(total, first, second, shared) == pytest.approx(exact, rel=1e-9,
                                                                         abs=1e-300)


@pytest.mark.parametrize(("total", "first", "second", "shared"), [
    (2225, 7, 9, 4),        # far in the tail: one story
    (5, 3, 3, 3),           # five articles on one event: chance
    (100_000, 3000, 2500, 80),  # large sets, just above the expected 75
    (100_000, 3000, 2500, 200),  # large sets, far above it
    (10, 10, 10, 10),       # every story tells both
    (10, 4, 8, 1),          # two stories at least must be shared: the tail is 1
])
def test_tail_at_the_edges(total: int, first: int, second: int, shared: int) -> None:
    assert by_chance(total, first, second, shared) == pytest.approx(
        exact_tail(total, first, second, shared), rel=1e-9, abs=1e-300)


def test_stopping_early_still_decides_the_same() -> None:
    # A sum stopped once it reaches the level is at least the level: the decision holds.
    assert by_chance(100_000, 3000, 2500, 60, stop_at=SAME_STORY) >= SAME_STORY
    assert story_likeness(60, 3000, 2500, 100_000) == 0.0
    assert story_likeness(4, 7, 9, 2225) == pytest.approx(4 / 7)
    assert story_likeness(3, 3, 3, 5) == 0.0


def test_no_more_than_the_mean_is_chance() -> None:
    # The shortcut of story_likeness(): at most the mean shared is a tail of at least a half.
    rng = random.Random(11)
    for _ in range(2000):
        total = rng.randint(1, 400)
        first, second = rng.randint(0, total), rng.randint(0, total)
        shared = (first * second) // total if total else 0
        assert exact_tail(total, first, second, shared) >= 0.5
        assert story_likeness(shared, first, second, total) == 0.0
