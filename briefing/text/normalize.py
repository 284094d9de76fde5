"""Provides fold(), the one normalisation applied to every word before it is indexed or searched."""

from __future__ import annotations

import unicodedata

# Typographic apostrophes and primes all mean "apostrophe" in running text.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})

# The letters of Latin-1 and Latin Extended-A and -B whose fold is one ASCII letter, and that
# letter: a word of only these and ASCII folds with one translate (0.3 us, where the Unicode
# normalisations cost 2 us a word, most French words). Generated from normalised() below;
# tests/unit/test_text_normalize.py holds each, and every pair, equal to the full fold.
_LATIN_LETTERS = (
    "ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆ"
    "ćĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐő"
    "ŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžſƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚ"
    "ǛǜǞǟǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮ"
    "ȯȰȱȲȳ"
)
_LATIN_PLAIN = (
    "aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaac"
    "cccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooo"
    "rrrrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzsoouuaaiioouuuuuuuu"
    "uuaaaaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooo"
    "oooyy"
)
_PLAIN_LATIN = str.maketrans(
    {  # type: ignore[misc]  # the spreads mix str -> str with str -> str: mypy cannot tell
        **dict(zip(_LATIN_LETTERS, _LATIN_PLAIN, strict=True)),
        **{chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)},
        **_APOSTROPHES,
        "ß": "ss",
    }
)


def fold(s: str) -> str:
    """Return s compatibility-normalised, case-folded, with straight apostrophes and no accents.

    'Taïwan' -> 'taiwan', 'ministère' -> 'ministere', 'ÉTATS' -> 'etats', 'Korea’s' -> "korea's".
    """
    if s.isascii():
        # NFKC and accent stripping are identities on ASCII; this is the common case by far.
        return s.lower()
    plain = s.translate(_PLAIN_LATIN)
    if plain.isascii():  # every other character was one of _PLAIN_LATIN's
        return plain
    return normalised(s)


def normalised(s: str) -> str:
    """fold() the long way, for any text: NFKC, case fold, straight apostrophes, NFKD without
    the combining marks, NFC."""
    s = unicodedata.normalize("NFKC", s).casefold().translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Recompose what NFKD split without being an accent (Hangul syllables, for one).
    return unicodedata.normalize("NFC", stripped)
