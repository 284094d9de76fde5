"""Provides fold(), the one normalisation applied to every word before it is indexed or searched."""

from __future__ import annotations

import unicodedata

# Typographic apostrophes and primes all mean "apostrophe" in running text.
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'"})


def fold(s: str) -> str:
    """Return s compatibility-normalised, case-folded, with straight apostrophes and no accents.

    'Taïwan' -> 'taiwan', 'ministère' -> 'ministere', 'ÉTATS' -> 'etats', 'Korea’s' -> "korea's".
    """
    if s.isascii():
        # NFKC and accent stripping are identities on ASCII; this is the common case by far.
        return s.lower()
    s = unicodedata.normalize("NFKC", s).casefold().translate(_APOSTROPHES)
    decomposed = unicodedata.normalize("NFKD", s)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    # Recompose what NFKD split without being an accent (Hangul syllables, for one).
    return unicodedata.normalize("NFC", stripped)
