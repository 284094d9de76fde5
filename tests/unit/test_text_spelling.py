"""Tests the letter-mask prefilter: it never drops a word fuzz.ratio would keep."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from briefing.text.spelling import could_match, indel_budget, letter_masks, mask_of


def test_masks_hold_each_character_once() -> None:
    masks = letter_masks(["ab", "", "ba", "aab", "é"])
    assert masks[0] == masks[2] == masks[3] == (1 << (ord("a") % 64)) | (1 << (ord("b") % 64))
    assert masks[1] == 0
    assert masks[4] == 1 << (ord("é") % 64)
    assert mask_of("ba") == masks[0]
    assert letter_masks([]).size == 0


def test_budget_follows_the_ratio_formula() -> None:
    # ratio 80 between two 8-letter words allows 3.2 indels: 3.
    assert indel_budget(8, 8, 80.0) == 3
    assert indel_budget(5, 5, 80.0) == 2  # exactly 80: kept
    assert indel_budget(4, 6, 90.0) == 1


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet="abcdeéfghilmnorstuv", min_size=4, max_size=12),
    st.lists(st.text(alphabet="abcdeéfghilmnorstuv", min_size=2, max_size=14), max_size=40),
)
def test_the_filter_keeps_every_word_the_ratio_keeps(word: str, vocabulary: list[str]) -> None:
    masks = letter_masks(vocabulary)
    kept = set()
    for length in {len(v) for v in vocabulary}:
        same = [i for i, v in enumerate(vocabulary) if len(v) == length]
        budget = indel_budget(len(word), length, 80.0)
        kept.update(same[i] for i in could_match(masks[same], mask_of(word), budget))
    for index, other in enumerate(vocabulary):
        if fuzz.ratio(word, other) >= 80.0:
            assert index in kept, (word, other)


def test_the_filter_leaves_few_words_of_a_real_sized_vocabulary() -> None:
    rng = random.Random(7)
    letters = "etaoinshrdlucmfwypvbgkqjxz"
    vocabulary = sorted({"".join(rng.choices(letters, k=8)) for _ in range(20_000)})
    masks = letter_masks(vocabulary)
    word = vocabulary[123][:3] + "x" + vocabulary[123][4:]  # one letter changed
    kept = could_match(masks, mask_of(word), indel_budget(8, 8, 80.0))
    assert 123 in kept
    assert kept.size < len(vocabulary) * 0.05
    assert np.all(np.diff(kept) > 0)
