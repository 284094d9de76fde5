"""Provides tokenize(): folded words with their exact spans in the original text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from briefing.text.normalize import fold

__all__ = [
    "Token",
    "chunk_pieces",
    "chunk_places",
    "has_digit",
    "iter_chunks",
    "iter_tokens",
    "scan_chunks",
    "tokenize",
    "word_chunks",
]


@dataclass(frozen=True, slots=True)
class Token:
    """One word: its folded surface and where it sits in the original text."""

    surface: str  # fold() of the word, e.g. 'autorite', '1.4', '9am', 'hyeryeon'
    start: int  # text[start:end] is what a highlight covers
    end: int
    numeric: bool  # the surface contains a digit


# (surface, start, end, numeric), offsets relative to the chunk they came from.
Piece = tuple[str, int, int, bool]

_APOSTROPHES = "'\u2019"  # U+02BC is turned into "'" before scanning, see _scannable()
_HYPHENS = "-\u2010\u2011"
_CURRENCY = "$€£¥₩₹"
_ELISIONS = frozenset({"l", "d", "qu", "s", "n", "j", "c", "m", "t", "jusqu", "lorsqu", "puisqu"})
_TIME = re.compile(r"\d{1,2}(?:[:.]\d{2})?")
# The AM/PM suffix the scanner may have glued after a number's last digit.
_AMPM = re.compile(r"(?<=\d)(?:[ \u00a0\u202f]([aApP])\.?[mM]\.?|([aApP])\.[mM]\.?)$")
_APOSTROPHE_SEARCH = re.compile(f"[{_APOSTROPHES}]").search
# Where a chunk splits into parts: its hyphens, and the ampersands of names ("AT&T").
_PART_SPLIT = re.compile(f"[{re.escape(_HYPHENS)}&]")

# Past this many distinct chunks the cache is dropped and refilled: bounded memory on odd input.
_CACHE_LIMIT = 500_000
# Longer chunks (runaway compounds, binary junk) are rare and would pin memory: not cached.
CACHEABLE_LENGTH = 64
_CHUNK_CACHE: dict[str, tuple[Piece, ...]] = {}


def has_digit(surface: str) -> bool:
    """Whether a surface counts as a number: it contains a digit ('1.4', '5g', '9am')."""
    return any(map(str.isdigit, surface))


@cache
def _marks_class() -> str:
    """Character-class body of the combining marks of the BMP.

    Python's \\w excludes them, which would cut decomposed 'e\\u0301' or Devanagari vowel signs
    out of their words. Read from the generated table when it matches this Python's Unicode.
    """
    from briefing.text.unicode_marks import MARKS, UNIDATA_VERSION

    if UNIDATA_VERSION == unicodedata.unidata_version:
        return MARKS
    return computed_marks_class()


def computed_marks_class() -> str:
    """The class body of _marks_class(), from this Python's unicodedata (65,536 lookups)."""
    ranges: list[list[int]] = []
    for cp in range(0x10000):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1][1] = cp
            else:
                ranges.append([cp, cp])
    return "".join(f"\\u{a:04x}-\\u{b:04x}" if a != b else f"\\u{a:04x}" for a, b in ranges)


@cache
def _chunk_re(ascii_only: bool = False) -> re.Pattern[str]:
    """The scanner: one word, compound or number per match, with a trailing '%' or AM/PM.

    Every step is a class disjoint from the one before it, so a match never backtracks more
    than one character: linear time on any input. A currency sign is not matched here (it would
    slow every match down by a fifth); tokenize() extends the span over it afterwards.
    `ascii_only` compiles the same scanner for ASCII text, where the marks class cannot match:
    the same matches, without compiling a class of 189 ranges (3-7 ms) for English text.
    """
    w = "\\w" if ascii_only else f"[\\w{_marks_class()}]"
    # An ampersand between letters joins a name: "AT&T", "M&S", "R&D" (spaced, "Procter &
    # Gamble" is two words and a sign). Each joiner's sign comes before the lookbehind that
    # checks the character before it: a lookbehind opening an alternative is tried at the end
    # of every word (the ampersand's cost a tenth more time to scan; both so, 4% less than
    # before it, in instructions under callgrind, over XQuAD and PIAF paragraphs).
    joiner = (
        f"[{re.escape(_APOSTROPHES + _HYPHENS)}]|[.,:/](?<=\\d[.,:/])(?=\\d)"
        "|&(?<=[^\\W\\d_]&)(?=[^\\W\\d_])"
    )
    ampm = f"[ \\u00a0\\u202f]?(?:[aApP]\\.[mM]\\.|[aApP]\\.?[mM])(?!{w})"
    pattern = f"{w}+(?:(?:{joiner}){w}+)*(?:(?<=\\d)(?:%|{ampm}))?"
    return re.compile(pattern, re.ASCII if ascii_only else 0)


def _scanner(text: str) -> re.Pattern[str]:
    return _chunk_re(text.isascii())


def _scannable(text: str) -> str:
    """Text with '_' made a separator and U+02BC (a letter to \\w) made an apostrophe.

    Both replacements keep every offset, and are only paid for when those characters occur.
    """
    if "_" in text:
        text = text.replace("_", " ")
    if "\u02bc" in text:
        text = text.replace("\u02bc", "'")
    return text


def _surface(word: str) -> str:
    if word.isascii():
        return word.lower()
    folded = fold(word)
    # A few compatibility forms (Arabic ligatures) expand to several words.
    return "".join(folded.split()) if not folded.isalnum() else folded


def _part(
    raw: str, start: int, end: int, last: bool, elides: bool = True
) -> tuple[str, int, int]:
    """Folded surface and span of one hyphen-free part: elision and possessive removed.
    `elides`: whether it may open with an elision (not after an ampersand: "M&S's")."""
    word = raw[start:end]
    apostrophe = _APOSTROPHE_SEARCH(word, 0, 8) if elides else None  # longest: "puisqu'"
    if apostrophe is not None:
        i = apostrophe.start()
        # French elision: "l'autorité" -> "autorité", only when a letter follows.
        if word[:i].lower() in _ELISIONS and i + 1 < len(word) and word[i + 1].isalpha():
            start += i + 1
            word = word[i + 1 :]
    if last and len(word) >= 3 and word[-1] in "sS" and word[-2] in _APOSTROPHES:
        end -= 2  # English possessive / "it's": the span stops before the apostrophe
        word = word[:-2]
    if "'" in word or "\u2019" in word:
        word = word.replace("'", "").replace("\u2019", "")  # don't -> dont, O'Brien -> obrien
    return _surface(word), start, end


def chunk_pieces(raw: str) -> tuple[Piece, ...]:
    """The tokens of one scanner match, offsets relative to it; cached per distinct chunk."""
    pieces = _CHUNK_CACHE.get(raw)
    if pieces is None:
        pieces = _pieces(raw)
        if len(raw) <= CACHEABLE_LENGTH:
            if len(_CHUNK_CACHE) >= _CACHE_LIMIT:
                _CHUNK_CACHE.clear()
            _CHUNK_CACHE[raw] = pieces
    return pieces


def _pieces(raw: str) -> tuple[Piece, ...]:
    if raw.isalnum():  # a plain word or number, the common case
        surface = _surface(raw)
        if not surface:
            return ()
        numeric = not raw.isalpha() if raw.isascii() else has_digit(surface)
        return ((surface, 0, len(raw), numeric),)
    if raw[-1] in "mM.":
        ampm = _AMPM.search(raw)
        if ampm is not None:
            head = raw[: ampm.start()]
            if _TIME.fullmatch(head):
                letter = ampm.group(1) or ampm.group(2)
                surface = _surface(head) + ("am" if letter in "aA" else "pm")
                return ((surface, 0, len(raw), True),)
            # "2025 AM" is no time of day: the number, then the word.
            offset = ampm.start() + (1 if raw[ampm.start()].isspace() else 0)
            tail = tuple((s, a + offset, b + offset, n) for s, a, b, n in _pieces(raw[offset:]))
            return _pieces(head) + tail

    body_end = len(raw) - 1 if raw[-1] == "%" else len(raw)
    # Each part with what joins it to the one before in the compound: nothing after a hyphen
    # ("e-mail" -> 'email'), the sign after an ampersand ("AT&T" -> 'at&t', which no word of
    # its own spells: 'ms' for "M&S" would be a stopword).
    bounds: list[tuple[int, int, str]] = []
    cursor = 0
    joined_by = ""
    for split in _PART_SPLIT.finditer(raw, 0, body_end):
        bounds.append((cursor, split.start(), joined_by))
        joined_by = "&" if split.group() == "&" else ""
        cursor = split.end()
    bounds.append((cursor, body_end, joined_by))

    parts: list[Piece] = []
    joins: list[str] = []
    last = len(bounds) - 1
    for index, (start, end, join) in enumerate(bounds):
        surface, start, end = _part(raw, start, end, index == last, join != "&")
        if surface:
            if index == last and body_end < len(raw):
                end = len(raw)  # "97%" spans the sign; the surface is '97'
            parts.append((surface, start, end, has_digit(surface)))
            joins.append(join)
    if len(parts) < 2:
        return tuple(parts)
    # The first part kept opens the compound, whatever came before it.
    joined = parts[0][0] + "".join(j + p[0] for j, p in zip(joins[1:], parts[1:], strict=True))
    compound = (joined, parts[0][1], parts[-1][2], any(p[3] for p in parts))
    return (compound, *parts)


def word_chunks(text: str) -> list[str]:
    """The raw scanner matches of text, without offsets: the indexing fast path."""
    scan = _scannable(text)
    return _scanner(scan).findall(scan)


def scan_chunks(text: str) -> Callable[[int, int], list[str]]:
    """A function giving word_chunks(text[start:end]) for the sentences of text, without
    slicing it: a match never reaches back before a sentence's start (its lookbehinds look
    inside the match), and the scanner chosen for the whole text finds the same matches as
    the ASCII one on an ASCII sentence."""
    scan = _scannable(text)
    findall = _scanner(scan).findall
    return lambda start, end: findall(scan, start, end)


def iter_chunks(text: str) -> Iterator[tuple[str, int, int]]:
    """The scanner's matches as (raw chunk, its start, where a token starting it starts).

    The last differs from the start for "$1.4": its span covers the currency sign, which the
    scanner leaves out of the match.
    """
    scan = _scannable(text)
    for match in _scanner(scan).finditer(scan):
        base = match.start()
        lead = base - 1 if base and scan[base - 1] in _CURRENCY and scan[base].isdigit() else base
        yield match.group(), base, lead


def chunk_places(text: str, chunks: Iterable[str]) -> list[tuple[int, int]]:
    """(start, lead) of each of word_chunks(text), as iter_chunks() gives them, found without
    scanning again: each chunk is the first occurrence of its text after the one before, since
    the scanner matches every run of word characters and a chunk starts with one."""
    scan = _scannable(text)
    find = scan.find
    places: list[tuple[int, int]] = []
    cursor = 0
    for raw in chunks:
        base = find(raw, cursor)
        cursor = base + len(raw)
        lead = base - 1 if base and scan[base - 1] in _CURRENCY and raw[0].isdigit() else base
        places.append((base, lead))
    return places


def iter_tokens(text: str) -> Iterator[Piece]:
    """Tokens as (surface, start, end, numeric) tuples, without building Token objects."""
    for raw, base, lead in iter_chunks(text):
        for surface, start, end, numeric in chunk_pieces(raw):
            yield surface, lead if start == 0 else base + start, base + end, numeric


def tokenize(text: str) -> list[Token]:
    """Split text into folded words; offsets index the original text, tokens ordered by start.

    A hyphenated compound yields the joined compound ('etatsunis') then each part ('etats',
    'unis'); "l'autorité" yields 'autorite' spanning "autorité"; "$1.4" yields '1.4' spanning
    "$1.4"; "97%" yields '97' spanning "97%"; "9 AM" yields '9am'.
    """
    return [Token(s, start, end, numeric) for s, start, end, numeric in iter_tokens(text)]
