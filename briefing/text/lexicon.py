"""Provides is_word_of(): whether a word belongs to a language, read from a maintained word list.

A typo in a question may be corrected into a word of another language only when the word typed
is no word of the question's own language ("poursuit" is French: a French question keeps it,
even on an English folder that holds "pursuit"). When the folder has no text in that language,
its vocabulary cannot say so; the word lists of pyspellchecker (MIT, word frequencies of film
subtitles, 86,000 to 340,000 words a language) can. They are read only on that path: a list
costs 30-190 ms to load (French 70 ms), once per process.
"""

from __future__ import annotations

import gzip
import json
import threading
from collections.abc import Iterable
from importlib import resources

from briefing.text.normalize import fold

__all__ = ["LEXICON_LANGUAGES", "is_word_of"]

# The languages pyspellchecker has a list for, among those our analyzers know.
LEXICON_LANGUAGES = frozenset({"de", "en", "es", "fr", "it", "nl", "pt", "ru"})

_lexicons: dict[str, frozenset[str]] = {}
_lock = threading.Lock()


def is_word_of(forms: Iterable[str], language: str) -> bool | None:
    """Whether any of a word's forms (as typed, folded) is a word of `language`; None when no
    list of that language is at hand."""
    words = _lexicon(language)
    if words is None:
        return None
    return any(fold(form) in words for form in forms if form)


def _lexicon(language: str) -> frozenset[str] | None:
    if language not in LEXICON_LANGUAGES:
        return None
    found = _lexicons.get(language)
    if found is None:
        with _lock:
            found = _lexicons.get(language)
            if found is None:
                found = _lexicons[language] = _load(language)
    return found if found else None


def _load(language: str) -> frozenset[str]:
    """The folded words of pyspellchecker's list of a language (empty when it is missing)."""
    try:
        data = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        raw = gzip.decompress(data.read_bytes())
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    counts: dict[str, int] = json.loads(raw)
    # Most words are ASCII and already lowercase: only the others pay for folding.
    return frozenset(w if w.isascii() and w.islower() else fold(w) for w in counts)
