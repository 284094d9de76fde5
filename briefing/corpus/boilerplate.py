"""Provides the context-free boilerplate tests: page furniture phrases, bylines, datelines, URLs.

The phrase list is data (boilerplate.txt, next to this module). Every test looks at one whole
short line, never inside a sentence, so a real sentence that mentions "share" is never
boilerplate. Rules that need context (navigation lines, repeated lines) live in paragraphs.py.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# Lines longer than this are prose whatever they start with.
MAX_LINE_CHARS = 600
# A wildcard phrase only matches a line this short unless the data gives its own limit.
DEFAULT_PATTERN_WORDS = 15
# Paragraphs up to this many words get a repetition key.
REPETITION_MAX_WORDS = 15

_NON_WORD = re.compile(r"[\W_]+")
# Combining diacritical marks (the accents NFKD splits off), in all their Unicode blocks.
_COMBINING = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_DIGITS = re.compile(r"\d+")
_URL = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_COPYRIGHT = re.compile(
    r"\s*(?:\(c\)\s*(?:19|20)\d\d|copyright\s*(?:\(c\)|(?:19|20)\d\d|by\b))", re.IGNORECASE
)
_DATE_SHAPE = re.compile(r"\d{1,4}[/.\-]\d{1,2}[/.\-]\d{1,4}|\d{1,2}:\d{2}|\d{1,2}h\d{2}")
_NUMBER_TOKEN = re.compile(r"\d+(?:st|nd|rd|th|er|e|eme|h\d*)?")
# Characters peeled off a word before deciding whether it is capitalised.
_WORD_PUNCT = "\"'“”‘’«»()[]{},;:!?.*_"

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec "
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "janv fevr avr juil".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday "
    "mon tue tues wed thu thur thurs fri sat sun "
    "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
)
_DATE_KEYWORDS = frozenset(
    "published updated posted modified edited created date dated last "
    "publie publiee mis mise jour maj "
    "publicado actualizado veroffentlicht aktualisiert yayin guncelleme tarihi".split()
)
_DATE_FILLERS = frozenset(
    "on at the of a le la de du el am um uhr pm h "
    "ago hour hours minute minutes min mins day days il y heure heures jours "
    "gmt utc kst jst cet cest est edt pst pdt bst ist hkt sgt aest local time".split()
)
_BYLINE_LEADS = (
    "additional reporting by",
    "reporting by",
    "reported by",
    "editing by",
    "edited by",
    "writing by",
    "written by",
    "compiled by",
    "story by",
    "text by",
    "words by",
    "by",
    "par",
    "von",
    "por",
)
# Name particles that may be lower case inside a capitalised name.
_NAME_PARTICLES = frozenset("de da del della der di du la le van von bin al el y".split())
_NAME_JOINERS = re.compile(r"\s*(?:,|&|\band\b|\bet\b|\bund\b|\by\b)\s*", re.IGNORECASE)


def folded_words(text: str) -> str:
    """Return text case-folded, without accents, punctuation turned into single spaces."""
    if not text.isascii():
        text = _COMBINING.sub("", unicodedata.normalize("NFKD", text))
    return " ".join(_NON_WORD.sub(" ", text.casefold()).split())


def _phrase_form(text: str) -> str:
    # Counters ("Comments (3)", "12 shares") must not hide a phrase.
    return " ".join(_DIGITS.sub(" ", folded_words(text)).split())


class _PhraseTable(NamedTuple):
    exact: frozenset[str]
    patterns: tuple[tuple[int, re.Pattern[str]], ...]  # (word limit, all wildcard phrases)
    longest: int  # words in the longest exact or default-limit phrase
    long_starts: frozenset[str]  # first words of the long-limit (cookie banner) phrases


@lru_cache(maxsize=1)
def _phrases() -> _PhraseTable:
    """boilerplate.txt, normalised and compiled once."""
    data = resources.files(__package__).joinpath("boilerplate.txt").read_text(encoding="utf-8")
    exact: set[str] = set()
    by_limit: dict[int, list[str]] = {}
    long_starts: set[str] = set()
    for raw in data.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        limit = DEFAULT_PATTERN_WORDS
        if "|" in line:
            line, _, limit_text = line.rpartition("|")
            limit = int(limit_text)
        if "*" not in line:
            exact.add(_phrase_form(line))
            continue
        if limit > DEFAULT_PATTERN_WORDS:
            if line.startswith("*"):
                raise ValueError(f"boilerplate.txt: a long phrase needs a first word: {raw}")
            long_starts.add(_phrase_form(line.split()[0]))
        parts: list[str] = []
        for token in line.replace("*", " * ").split():
            if token == "*":
                parts.append(r"(?:\S+ )*")
            else:
                parts.extend(re.escape(word) + " " for word in _phrase_form(token).split())
        by_limit.setdefault(limit, []).append("".join(parts))
    compiled = tuple(
        (limit, re.compile(" (?:" + "|".join(patterns) + ")"))
        for limit, patterns in sorted(by_limit.items())
    )
    longest = max([len(phrase.split()) for phrase in exact] + [DEFAULT_PATTERN_WORDS])
    return _PhraseTable(frozenset(exact), compiled, longest, frozenset(long_starts))


def _is_phrase(line: str, words: int) -> bool:
    exact, patterns, longest, long_starts = _phrases()
    # Most lines are long sentences: only the long phrases can match them, and only when the
    # first word agrees (a cheap test before normalising the whole line).
    if words > longest + 4 and _phrase_form(line[:40]).partition(" ")[0] not in long_starts:
        return False
    form = _phrase_form(line)
    if not form:
        return False
    if form in exact:
        return True
    padded = f" {form} "
    return any(words <= limit and rx.fullmatch(padded) for limit, rx in patterns)


def _first_letter(word: str) -> str:
    return next((c for c in word if c.isalpha()), "")


def _is_name(part: str, max_words: int = 4) -> bool:
    words = [w.strip(_WORD_PUNCT) for w in part.split()]
    if not 1 <= len(words) <= max_words:
        return False
    capitalised = 0
    for word in words:
        if not word or any(c.isdigit() for c in word):
            return False
        if word.casefold() in _NAME_PARTICLES:
            continue
        if not _first_letter(word).isupper():
            return False
        capitalised += 1
    return capitalised > 0


def _is_byline(line: str) -> bool:
    text = line.strip().rstrip(".")
    if len(text.split()) > 12:
        return False
    parts = [p.strip() for p in text.split(";") if p.strip()]
    for part in parts:
        low = folded_words(part)
        lead = next((lead for lead in _BYLINE_LEADS if low.startswith(lead + " ")), None)
        if lead is not None:
            names = part.split(None, len(lead.split()))[-1]
            if not all(_is_name(n) for n in _NAME_JOINERS.split(names) if n):
                return False
        elif len(parts) == 1 and "," in part:
            # "Name Surname, Outlet News." / "Jane Doe, Staff Writer, Reuters"
            pieces = [p.strip() for p in part.split(",")]
            if not 2 <= len(pieces) <= 3 or len(pieces[0].split()) < 2:
                return False
            if not all(_is_name(p) for p in pieces):
                return False
        else:
            return False
    return bool(parts)


def _is_dateline(line: str) -> bool:
    tokens = folded_words(line).split()
    if not tokens or len(tokens) > 12:
        return False
    has_number = has_anchor = False
    for token in tokens:
        if _NUMBER_TOKEN.fullmatch(token):
            has_number = True
        elif token in _DATE_KEYWORDS or token in _MONTHS or token in _WEEKDAYS:
            has_anchor = True
        elif token not in _DATE_FILLERS:
            return False
    return has_number and (has_anchor or _DATE_SHAPE.search(line) is not None)


def _is_mostly_url(line: str, words: int) -> bool:
    if words > 20:
        return False
    url_chars = sum(len(m.group()) for m in _URL.finditer(line))
    if not url_chars:
        return False
    visible = sum(1 for c in line if not c.isspace())
    return url_chars * 2 >= visible


def is_boilerplate(line: str) -> bool:
    """True if this whole line is page furniture rather than article text.

    Recognised without context: comment and login forms, share/subscribe/follow lines,
    cookie banners, "read more" and "related" lines, advertisement labels (phrases from
    boilerplate.txt), copyright lines, bylines, dateline stamps and lines that are mostly a URL.
    """
    line = line.strip()
    if not line or len(line) > MAX_LINE_CHARS:
        return False
    words = len(line.split())
    if _is_phrase(line, words):
        return True
    if words > 25:
        return False  # longer than any byline, dateline, link or copyright line
    if "©" in line or _COPYRIGHT.match(line):
        return True
    return _is_byline(line) or _is_dateline(line) or _is_mostly_url(line, words)


def looks_like_navigation(line: str) -> bool:
    """True for a menu-like line: one word, two capitalised words, or no letters at all.

    Only the shape: whether such a line is navigation depends on what follows it.
    """
    text = line.strip().rstrip(":").strip()
    if not text or len(text) > 40 or text[-1] in ".!?…":
        return False
    if not any(c.isalpha() for c in text):
        return True
    words = text.split()
    if len(words) == 1:
        return True
    return len(words) == 2 and all(_first_letter(w.strip(_WORD_PUNCT)).isupper() for w in words)


def repetition_key(text: str) -> str | None:
    """Normalised key of a short paragraph, so repeats across files can be marked boilerplate.

    None for paragraphs over REPETITION_MAX_WORDS words: syndicated news repeats long
    paragraphs legitimately, and those must stay answers.
    """
    if len(text) > REPETITION_MAX_WORDS * 40 or len(text.split()) > REPETITION_MAX_WORDS:
        return None
    key = folded_words(text)
    return key or None
