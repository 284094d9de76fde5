"""Tests fold(): case, accents, apostrophes and compatibility forms."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.text.normalize import fold


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
