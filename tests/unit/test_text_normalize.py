"""Tests fold(): case, accents, apostrophes and compatibility forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text.normalize import _PLAIN_LATIN, fold, normalised

_PLAIN_LATIN_KEYS = [chr(c) for c in _PLAIN_LATIN]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Taïwan", "taiwan"),
        ("Taiwan", "taiwan"),
        ("ministère", "ministere"),
        ("ÉTATS", "etats"),
        ("États-Unis", "etats-unis"),
        ("Corée du Sud", "coree du sud"),
        ("Straße", "strasse"),
        ("ﬁnance", "finance"),  # NFKC expands the ligature
        ("ＡＢＣ", "abc"),  # full-width letters
        ("e\u0301tats", "etats"),  # decomposed input folds like precomposed
        ("Korea’s", "korea's"),
        ("‘quoted’", "'quoted'"),
        ("lʼautorité", "l'autorite"),
        ("5′", "5'"),
        ("한국어", "한국어"),  # Hangul is recomposed, not left as jamo
        ("", ""),
    ],
)
def test_fold_examples(raw: str, folded: str) -> None:
    assert fold(raw) == folded


def test_fold_keeps_non_accent_characters_and_spaces() -> None:
    assert fold("Hye-ryeon 97% $1.4") == "hye-ryeon 97% $1.4"


@given(st.text())
def test_fold_never_crashes_and_leaves_no_combining_accent(text: str) -> None:
    folded = fold(text)
    assert isinstance(folded, str)
    assert "\u0301" not in folded and "\u0300" not in folded
    assert "’" not in folded and "ʼ" not in folded


def test_the_latin_table_is_what_fold_gives_each_letter() -> None:
    import unicodedata

    from briefing.text.normalize import _LATIN_LETTERS, _LATIN_PLAIN

    expected = [
        (c, normalised(c))
        for c in map(chr, range(0xC0, 0x250))
        if c.isalpha() and not unicodedata.combining(c) and len(normalised(c)) == 1
        and normalised(c).isascii()
    ]
    assert list(zip(_LATIN_LETTERS, _LATIN_PLAIN, strict=True)) == expected


# Every character the fast path maps, the ASCII ones, and some it must leave to the long way.
_ALPHABET = sorted(
    {chr(c) for c in range(32, 127)}
    | set(_PLAIN_LATIN_KEYS)
    | set("æœøßıłđþ\u0301\u0327\u0308ﬁＡ①\u00a0\u2019\u02bc한")
)


def test_every_pair_folds_as_the_long_way() -> None:
    for a in _ALPHABET:
        for b in _ALPHABET:
            assert fold(a + b) == normalised(a + b), repr(a + b)


@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=12))
def test_words_of_the_alphabet_fold_as_the_long_way(text: str) -> None:
    assert fold(text) == normalised(text)
