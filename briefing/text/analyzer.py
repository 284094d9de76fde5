"""Provides the per-language analyzers that turn text into index terms (fold, stem, stopwords)."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import TypeVar

import Stemmer

from briefing.text.tokenize import (
    CACHEABLE_LENGTH,
    chunk_pieces,
    has_digit,
    iter_tokens,
    tokenize,
    word_chunks,
)

__all__ = ["NEUTRAL", "SUPPORTED_LANGUAGES", "Analyzer", "Term", "analyzer_for"]

NEUTRAL = "neutral"

# ISO 639-1 code -> PyStemmer algorithm; each also has stopwords/<code>.txt.
_STEMMERS: dict[str, str] = {
    "en": "english",
    "fr": "french",
    "de": "german",
    "es": "spanish",
    "it": "italian",
    "pt": "portuguese",
    "nl": "dutch",
    "da": "danish",
    "sv": "swedish",
    "no": "norwegian",
    "ru": "russian",
    "tr": "turkish",
}
SUPPORTED_LANGUAGES: frozenset[str] = frozenset(_STEMMERS)

# Bokmål and Nynorsk share the Norwegian stemmer and list; py3langid reports 'nn' and 'no'.
_ALIASES = {"nb": "no", "nn": "no"}

# Past this many entries a cache is dropped and refilled: bounded memory on odd input.
_CACHE_LIMIT = 500_000


@dataclass(frozen=True, slots=True)
class Term:
    """One index term with the word it came from."""

    term: str  # stem of the folded surface (numbers unstemmed)
    surface: str  # folded surface
    start: int  # offsets into the analysed text
    end: int


# (index term, folded surface, start, end) of one word, offsets relative to its chunk or text.
Word = tuple[str, str, int, int]


T = TypeVar("T")


class _ChunkCache(dict[str, T]):
    """Raw scanner chunk -> what an analyzer makes of it, computed on first lookup (through
    __missing__, so a loop over chunks is a C-level map over dict lookups); bounded."""

    __slots__ = ("_analyzer",)

    def __init__(self, analyzer: Analyzer) -> None:
        super().__init__()
        self._analyzer = analyzer

    def _kept(self, raw: str, value: T) -> T:
        if len(raw) <= CACHEABLE_LENGTH:
            if len(self) >= _CACHE_LIMIT:
                self.clear()
            self[raw] = value
        return value


class _ChunkWords(_ChunkCache[tuple[Word, ...]]):
    """Raw scanner chunk -> its words with their terms (stopwords kept)."""

    __slots__ = ()

    def __missing__(self, raw: str) -> tuple[Word, ...]:
        # A question reads a few hundred new chunks: the stem cache's hits are inlined.
        analyzer = self._analyzer
        known = analyzer._stems
        if raw.isascii() and raw.isalnum():
            # A plain ASCII word or number, most new chunks: its one piece, which
            # chunk_pieces() gives after two cache lookups and three calls (1.5 of 4 us).
            surface = raw.lower()
            term = known.get(surface) or analyzer.new_stem(surface, not raw.isalpha())
            return self._kept(raw, ((term, surface, 0, len(raw)),))
        return self._kept(
            raw,
            tuple(
                [
                    (known.get(surface) or analyzer.new_stem(surface, numeric), surface, a, b)
                    for surface, a, b, numeric in chunk_pieces(raw)
                ]
            ),
        )


class _ChunkTerms(_ChunkCache[tuple[str, ...]]):
    """Raw scanner chunk -> its index terms, stopwords left out (the indexing loop)."""

    __slots__ = ()

    def __missing__(self, raw: str) -> tuple[str, ...]:
        analyzer = self._analyzer
        known, stopwords = analyzer._stems, analyzer.stopwords
        return self._kept(
            raw,
            tuple(
                [
                    known.get(surface) or analyzer.new_stem(surface, numeric)
                    for surface, _, _, numeric in chunk_pieces(raw)
                    if surface not in stopwords
                ]
            ),
        )


class Analyzer:
    """Folding, stemming and stopwords for one language, or for none ('neutral')."""

    __slots__ = (
        "_chunk_terms",
        "_chunk_words",
        "_lock",
        "_question_words",
        "_stemmer",
        "_stems",
        "_stopwords",
        "code",
    )

    def __init__(self, code: str) -> None:
        if code != NEUTRAL and code not in _STEMMERS:
            raise ValueError(f"no analyzer for language {code!r}")
        self.code = code
        self._stemmer = Stemmer.Stemmer(_STEMMERS[code]) if code != NEUTRAL else None
        if self._stemmer is not None:
            # PyStemmer's own cache makes a word cost 2 µs where stemming it costs 0.8: we keep
            # ours (_stems), so it goes.
            self._stemmer.maxCacheSize = 0
        self._lock = threading.Lock()  # PyStemmer objects are not safe to share across threads
        self._stems: dict[str, str] = {}
        self._stopwords: frozenset[str] | None = None
        self._question_words: frozenset[str] | None = None
        self._chunk_terms = _ChunkTerms(self)
        self._chunk_words = _ChunkWords(self)

    def __repr__(self) -> str:
        return f"Analyzer({self.code!r})"

    @property
    def stopwords(self) -> frozenset[str]:
        """The folded stopwords of this language, loaded on first use."""
        if self._stopwords is None:
            self._stopwords = _load_stopwords(self.code) if self._stemmer else frozenset()
        return self._stopwords

    def stem(self, surface: str) -> str:
        """The index term of a folded surface; numbers (anything with a digit) are kept as is."""
        term = self._stems.get(surface)
        return self.new_stem(surface, has_digit(surface)) if term is None else term

    def new_stem(self, surface: str, numeric: bool) -> str:
        """stem() of a surface not seen yet; `numeric` is has_digit(surface), known to the
        tokenizer already."""
        if self._stemmer is None or numeric:
            term = surface
        else:
            with self._lock:
                term = self._stemmer.stemWord(surface)
        if len(self._stems) >= _CACHE_LIMIT:
            self._stems.clear()
        self._stems[surface] = term
        return term

    def is_stopword(self, surface: str) -> bool:
        """Whether a folded surface is a stopword of this language."""
        return surface in self.stopwords

    @property
    def question_words(self) -> frozenset[str]:
        """Words a question adds but an answer does not hold ('quand', 'how'): questions only."""
        if self._question_words is None:
            extra = _load_stopwords(f"{self.code}.questions", missing_ok=True)
            self._question_words = extra if self._stemmer else frozenset()
        return self._question_words

    def is_question_stopword(self, surface: str) -> bool:
        """Whether a folded word of a question is left out of the search."""
        return surface in self.stopwords or surface in self.question_words

    def analyze(self, text: str, keep_stopwords: bool = False) -> list[Term]:
        """Tokenize and stem text; stopwords are dropped unless keep_stopwords."""
        stopwords = frozenset() if keep_stopwords else self.stopwords
        stem = self.stem
        return [
            Term(stem(surface), surface, start, end)
            for surface, start, end, _ in iter_tokens(text)
            if surface not in stopwords
        ]

    def unplaced_words(self, chunks: Iterable[str]) -> list[Word]:
        """The words of some scanner chunks (word_chunks(text)) without working out where they
        stand: each Word's start and end are relative to its own chunk. A dict lookup per
        chunk (sentence scoring); chunk_places() places them when needed."""
        return list(chain.from_iterable(map(self._chunk_words.__getitem__, chunks)))

    def chunk_words(self, raw: str) -> tuple[Word, ...]:
        """The words of one scanner chunk, offsets relative to it (cached)."""
        return self._chunk_words[raw]

    def terms(self, text: str) -> list[str]:
        """The index terms of analyze(text), in order: the fast path used when indexing."""
        return list(chain.from_iterable(map(self._chunk_terms.__getitem__, word_chunks(text))))


def _load_stopwords(name: str, missing_ok: bool = False) -> frozenset[str]:
    """Read stopwords/<name>.txt, folding and tokenizing each entry like indexed text."""
    from briefing.paths import PACKAGE_DIR

    data = PACKAGE_DIR / "text" / "stopwords" / f"{name}.txt"
    if missing_ok and not data.is_file():
        return frozenset()
    words: set[str] = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            # "it's" -> 'it', "don't" -> 'dont', 'été' -> 'ete': the forms text will produce.
            # A plain word is one scanner chunk: no need to scan it (a list has hundreds).
            if line.isalnum():
                words.update(surface for surface, _, _, _ in chunk_pieces(line))
            else:
                words.update(token.surface for token in tokenize(line))
    return frozenset(words)


_ANALYZERS: dict[str, Analyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def _canonical(language: str | None) -> str:
    if not language:
        return NEUTRAL
    code = language.strip().lower().replace("_", "-").split("-", 1)[0]
    code = _ALIASES.get(code, code)
    return code if code in _STEMMERS else NEUTRAL


def analyzer_for(language: str | None) -> Analyzer:
    """The shared analyzer of an ISO 639-1 code ('en', 'fr-CA'); neutral when unsupported."""
    code = _canonical(language)
    analyzer = _ANALYZERS.get(code)
    if analyzer is None:
        with _ANALYZERS_LOCK:
            analyzer = _ANALYZERS.setdefault(code, Analyzer(code))
    return analyzer
