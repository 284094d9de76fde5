"""Provides is_word_of(): whether a word belongs to a language, read from a maintained word list.

A typo in a question may be corrected into a word of another language only when the word typed
is no word of the question's own language ("poursuit" is French: a French question keeps it,
even on an English folder that holds "pursuit"). When the folder has no text in that language,
its vocabulary cannot say so; the word lists of pyspellchecker (MIT, word frequencies of film
subtitles, 86,000 to 340,000 words a language) can. They are read only on that path.

pyspellchecker ships each list as compressed JSON: reading one and folding its words takes
100 ms in English, 110 in French, 300 in German, in every process that needs it (a batch of
200 questions whose typos needed the French list paid about 0.5 ms a question for it). So the
folded words are written once, sorted, one a line, as plain UTF-8 text in
`<cache>/lexicons/` (the first time 160-470 ms, with sorting and writing), and later read
whole and searched by bisection over the bytes: the file read in 0.5-0.9 ms, a word looked up
in under 10 µs. The file's name holds the shipped list's path, size and time, so an upgrade
writes a new one; it is written under a temporary name and renamed, so a reader never sees a
partial list, and one that does not read as ours is written again.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import secrets
import threading
from collections.abc import Container, Iterable
from importlib import resources
from pathlib import Path

from briefing.text.normalize import fold

__all__ = ["LEXICON_LANGUAGES", "is_word_of"]

# The languages pyspellchecker has a list for, among those our analyzers know.
LEXICON_LANGUAGES = frozenset({"de", "en", "es", "fr", "it", "nl", "pt", "ru"})
CACHE_FORMAT = 1  # bump when the written lists change meaning: older files are then ignored
_FOLDER = "lexicons"

_lexicons: dict[str, Container[str] | None] = {}
_lock = threading.Lock()


def is_word_of(forms: Iterable[str], language: str, cache: Path | None = None) -> bool | None:
    """Whether any of a word's forms (as typed, folded) is a word of `language`; None when no
    list of that language is at hand. `cache`: the cache folder the folded list is kept in."""
    words = _lexicon(language, cache)
    if words is None:
        return None
    return any(fold(form) in words for form in forms if form)


def _lexicon(language: str, cache: Path | None) -> Container[str] | None:
    if language not in LEXICON_LANGUAGES:
        return None
    if language not in _lexicons:
        with _lock:
            if language not in _lexicons:
                _lexicons[language] = _load(language, cache)
    return _lexicons[language]


class SortedWords:
    """Words sorted by their UTF-8 bytes, one a line between newlines, searched by bisection
    without splitting them: a list is read in a millisecond."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        if not (data.startswith(b"\n") and data.endswith(b"\n")):
            raise ValueError("not a list of words, one a line")
        self._data = data

    @classmethod
    def of(cls, words: Iterable[str]) -> SortedWords:
        lines = sorted({w.encode("utf-8", "surrogatepass") for w in words if w and "\n" not in w})
        return cls(b"\n" + b"".join(line + b"\n" for line in lines))

    @property
    def data(self) -> bytes:
        return self._data

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        wanted = word.encode("utf-8", "surrogatepass")
        data = self._data
        low, high = 0, len(data) - 1  # each a newline; the word, if listed, lies between
        while low < high:
            newline = data.rfind(b"\n", low, (low + high) // 2 + 1)  # at least `low`
            end = data.find(b"\n", newline + 1)
            line = data[newline + 1 : end]
            if line == wanted:
                return True
            if line < wanted:
                low = end
            else:
                high = newline
        return False


def _load(language: str, cache: Path | None) -> Container[str] | None:
    """The folded words of pyspellchecker's list of a language: read from `cache` when it
    holds them, else from the package and written there for next time (None: no list)."""
    try:
        shipped = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    except ModuleNotFoundError:  # no pyspellchecker: the caller decides without a list
        return None
    kept = _kept_path(shipped, language, cache)
    if kept is not None:
        with contextlib.suppress(OSError, ValueError):
            return SortedWords(kept.read_bytes())
    try:
        counts: dict[str, int] = json.loads(gzip.decompress(shipped.read_bytes()))
    except (OSError, ValueError):  # a list missing or unreadable
        return None
    # Most words are ASCII and already lowercase: only the others pay for folding.
    folded = frozenset(w if w.isascii() and w.islower() else fold(w) for w in counts)
    if kept is None:
        return folded
    words = SortedWords.of(folded)
    _write(words.data, kept)
    return words


def _kept_path(shipped: object, language: str, cache: Path | None) -> Path | None:
    """Where the folded list of this pyspellchecker's list is kept in `cache` (None: no cache,
    or the list is not a file)."""
    if cache is None or not isinstance(shipped, Path):
        return None
    try:
        stat = shipped.stat()
    except OSError:
        return None
    key = f"{CACHE_FORMAT}\0{shipped}\0{stat.st_size}\0{stat.st_mtime_ns}"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return cache / _FOLDER / f"{language}-{digest}.txt"


def _write(data: bytes, target: Path) -> None:
    """Write `data` to `target` atomically; any failure leaves nothing behind (the list is
    used from memory this time)."""
    temporary = target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(target.parent)
        temporary.write_bytes(data)
        os.replace(temporary, target)
        # The same language's list of another pyspellchecker would only take up space.
        for other in target.parent.glob(f"{target.name.split('-')[0]}-*.txt"):
            if other != target:
                with contextlib.suppress(OSError):
                    other.unlink()
    except OSError:
        pass
    finally:
        with contextlib.suppress(OSError):
            temporary.unlink()


def _remove_abandoned(folder: Path) -> None:
    """Temporary files of writers that no longer run (killed mid-write)."""
    for entry in folder.glob(".*.tmp"):
        try:
            os.kill(int(entry.name.split(".")[-3]), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                entry.unlink()
        except (ValueError, IndexError, OSError):
            continue
