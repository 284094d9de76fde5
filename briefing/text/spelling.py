"""Provides letter masks, a lossless prefilter for fuzz.ratio over a large vocabulary, and the
closeness a correction must keep (close_spelling).

A word's mask has bit (code point mod 64) set for every character it holds. fuzz.ratio is
100 * (1 - indel / (len(a) + len(b))), where indel counts the insertions and deletions that turn
one word into the other; each of them adds or removes at most one character to the set of
characters a word holds, so two words whose masks differ in more bits than the indel budget
of the cutoff allows cannot reach it. Characters that share a bit only make masks more alike,
never less: the filter drops no word that fuzz.ratio would keep, and on a vocabulary of
100,000 words it leaves about 1,400 of the 60,000 a length window holds to be scored.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MASK_DTYPE = np.dtype("<u8")


def letter_masks(words: Sequence[str]) -> np.ndarray:
    """The mask of each word, as one little-endian uint64 per word (0 for an empty word)."""
    if not words:
        return np.zeros(0, dtype=MASK_DTYPE)
    codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype="<u4")
    bits = np.left_shift(np.uint64(1), (codes & 63).astype(np.uint64))
    lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    masks = np.zeros(len(words), dtype=MASK_DTYPE)
    filled = lengths > 0
    if bits.size:
        starts = np.cumsum(lengths) - lengths
        masks[filled] = np.bitwise_or.reduceat(bits, starts[filled])
    return masks


def mask_of(word: str) -> np.uint64:
    return np.uint64(letter_masks([word])[0]) if word else np.uint64(0)


def indel_budget(length: int, other_length: int, cutoff: float) -> int:
    """The most insertions and deletions two words of these lengths may differ by and still
    score `cutoff` or more with fuzz.ratio (rounded up by a hair: the filter must not cut)."""
    return int((100.0 - cutoff) * (length + other_length) / 100.0 + 1e-9)


def could_match(masks: np.ndarray, word_mask: np.uint64, budget: int) -> np.ndarray:
    """Indices of the masks within `budget` differing bits of `word_mask`."""
    return np.flatnonzero(np.bitwise_count(masks ^ word_mask) <= budget)


# A correction is at most this many edits (insert, delete, substitute, swap two neighbours)
# from the word typed: one for words of up to seven letters, two from eight. Most misspellings
# are one such edit (Damerau, 1964: over 80%); two in a short word reach other words ("wechat"
# -> "exchat", "chat"). A second edit also keeps the first letter, the one typists rarely get
# wrong (Yannakoudakis and Fawthrop, 1983).
LONG_WORD = 8


def close_spelling(typed: str, word: str) -> bool:
    """Whether `word` is a plausible correction of the folded word `typed`: few edits away, and
    not a shorter word that `typed` merely contains ("wechat" is not a typo of "chat", nor
    "flim" of "lim"). One letter more than the word is a typo when it ends the word or repeats
    the letter after it ("henmann", "ffilm"): a key hit once more."""
    from rapidfuzz.distance import OSA

    if len(word) < len(typed) and word in typed:
        if len(word) < len(typed) - 1:
            return False
        if not typed.startswith(word) and typed[0] != typed[1]:
            return False  # a letter put before a word makes another word: "flim", "scar"
    allowed = 2 if len(typed) >= LONG_WORD and word[:1] == typed[:1] else 1
    return OSA.distance(typed, word, score_cutoff=allowed) <= allowed


# A word of the question's own language is no typo (a spell checker's first rule: Norvig's,
# pyspellchecker's): "trust" is not "thrust", nor "percentage" "parentage". What it may still
# become is the folder's form of the same word, one that differs only in its ending:
# "unnecessarily" -> "unnecessary", "kilometers" -> "kilometres", "calculée" -> "calculé".
# The ending may be up to three letters of the shorter word ("-ers"/"-res", "-ée", "-ent");
# four letters at least stay the same. Over the corrections of lexicon words that the
# XQuAD, PIAF and BBC development questions asked for (304), this kept 175, nearly all the
# same word in another form, and left out 129, nearly all another word (README, stop 39).
KEPT_ROOT = 4
CHANGED_ENDING = 3


def same_root(typed: str, word: str) -> bool:
    """Whether `word` is the folded word `typed` with another ending, not another word."""
    shared = 0
    for a, b in zip(typed, word, strict=False):
        if a != b:
            break
        shared += 1
    return shared >= max(KEPT_ROOT, min(len(typed), len(word)) - CHANGED_ENDING)
