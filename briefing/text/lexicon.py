"""Provides is_word_of(): whether a word belongs to a language, read from a maintained word list.

A typo in a question may be corrected into a word of another language only when the word typed
is no word of the question's own language ("poursuit" is French: a French question keeps it,
even on an English folder that holds "pursuit"). When the folder has no text in that language,
its vocabulary cannot say so; the word lists of pyspellchecker (MIT, word frequencies of film
subtitles, 86,000 to 340,000 words a language) can. They are read only on that path, once
per process, and searched as they are shipped (JSON, one `"word": count` a line): a word
written as its own fold (lowercase ASCII: all but a few hundred of the English list, two
thirds of the French) is found by a search of the text, and only the others are folded when
the list is read. The English list so loads in 42 ms, the French in 75, the German in 156
(100, 110 and 300 ms with json.loads and a fold per word), for 1.2 ms a word the list lacks
(3 ms in German) where a set answers at once: a question seldom asks, only of a typo whose
close words the folder holds in other languages alone.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections.abc import Container, Iterable
from importlib import resources

from briefing.text.normalize import fold

__all__ = ["LEXICON_LANGUAGES", "is_word_of"]

# The languages pyspellchecker has a list for, among those our analyzers know.
LEXICON_LANGUAGES = frozenset({"de", "en", "es", "fr", "it", "nl", "pt", "ru"})

_lexicons: dict[str, Container[str] | None] = {}
_lock = threading.Lock()


def is_word_of(forms: Iterable[str], language: str) -> bool | None:
    """Whether any of a word's forms (as typed, folded) is a word of `language`; None when no
    list of that language is at hand."""
    words = _lexicon(language)
    if words is None:
        return None
    return any(fold(form) in words for form in forms if form)


def _lexicon(language: str) -> Container[str] | None:
    if language not in LEXICON_LANGUAGES:
        return None
    if language not in _lexicons:
        with _lock:
            if language not in _lexicons:
                _lexicons[language] = _load(language)
    return _lexicons[language]


# A key holding a capital or a letter beyond ASCII (a byte of its UTF-8 above 127): one that is
# not its own fold.
_NOT_ITS_FOLD = re.compile(rb'\n"([^"\n]*[A-Z\x80-\xff][^"\n]*)":')


class _ShippedList:
    """A word list searched in its shipped UTF-8 text: `fold(word) in list` as for the set of
    its words' folds, without making that set (tests/query/test_corrections.py holds the two
    equal on the lists). Bytes, not str: their search runs on memchr, four times as fast."""

    __slots__ = ("_folded", "_text")

    def __init__(self, text: bytes) -> None:
        self._text = text
        self._folded = frozenset(fold(key.decode("utf-8")) for key in _NOT_ITS_FOLD.findall(text))

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and (
            word in self._folded or b'\n"' + word.encode("utf-8") + b'":' in self._text
        )


def _load(language: str) -> Container[str] | None:
    """pyspellchecker's list of a language (None when it is missing)."""
    try:
        data = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
        text = gzip.decompress(data.read_bytes())
        text.decode("utf-8")  # checked once: a key is decoded only when folded
    except (ModuleNotFoundError, FileNotFoundError, OSError, UnicodeDecodeError):
        return None
    if text.startswith(b'{\n"') and b"\\" not in text:  # one plain key a line: as shipped
        return _ShippedList(text)
    # Another layout (escapes, one line): read as JSON. Most words are ASCII and already
    # lowercase: only the others pay for folding.
    counts: dict[str, int] = json.loads(text)
    return frozenset(w if w.isascii() and w.islower() else fold(w) for w in counts) or None
