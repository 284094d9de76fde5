"""Provides split_sentences(): sentence spans of a text, by pysbd rules with a linear fallback."""

from __future__ import annotations

import re
import threading
from typing import Any

__all__ = ["split_sentences"]

# pysbd is regex-heavy and has slow corners; past this size a block goes to the fallback.
PYSBD_MAX_CHARS = 10_000
# Languages with their own pysbd rules; the rest use its English rules.
_PYSBD_LANGUAGES = frozenset(
    "am ar bg da de el en es fa fr hi hy it ja kk mr my nl pl ru sk ur zh".split()
)

# A blank line always ends a sentence: it ends a paragraph.
_BLOCKS = re.compile(r"\n[^\S\n]*\n\s*")
# A line break inside a sentence (hard-wrapped text): no stop before it, a lowercase letter
# after it. Other line breaks end a sentence, as they do for pysbd.
_SOFT_BREAK = re.compile(r"(?<=[^\s.!?…:;])[^\S\n]*\n[^\S\n]*(?=[^\W\d_])")
_HARD_BREAK = re.compile(r"\n\s*(?=\S)")
# Candidate boundary of the fallback: terminal punctuation, closing quotes or brackets (French
# puts a space before '»'), then whitespace. Adjacent steps use disjoint classes, and a match
# only starts at the first mark of a run ("....."), so scanning stays linear.
_CANDIDATE = re.compile(r"(?<![.!?…。！？।])[.!?…。！？।]+(?:[^\S\n]?[\"'”’»)\]])*\s+")
_OPENERS = "\"'“‘«([¿¡"
# Words that end with a '.' without ending the sentence ("Mr. Smith", "Jan. 5", "M. Macron").
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st jr sr prof gen gov sen rep rev col lt sgt capt vs fig mme mlle mm"
    " jan feb apr jun jul aug sept oct nov dec".split()
)
_INITIALISM = re.compile(r"(?:\w\.)+\w")  # "U.S", "e.g", "A.I" (the final '.' is the candidate)

_segmenters: dict[str, Any] = {}
_segmenters_lock = threading.Lock()


def _segmenter(language: str | None) -> tuple[Any, threading.Lock]:
    code = (language or "en").lower()
    code = code if code in _PYSBD_LANGUAGES else "en"
    with _segmenters_lock:
        entry = _segmenters.get(code)
        if entry is None:
            import pysbd

            # clean=False: segments must stay verbatim so they can be found in the text.
            entry = (pysbd.Segmenter(language=code, clean=False), threading.Lock())
            _segmenters[code] = entry
    return entry


def _pysbd_starts(block: str, language: str | None) -> list[int] | None:
    """Where pysbd's sentences start in block, or None if they cannot all be found in it."""
    segmenter, lock = _segmenter(language)
    with lock:  # a Segmenter keeps per-call state on itself
        segments = segmenter.segment(block)
    starts: list[int] = []
    cursor = 0
    for segment in segments:
        segment = segment.strip()
        if not segment:
            continue
        # pysbd's char_span offsets drift on repeated text; locate each segment ourselves.
        found = block.find(segment, cursor)
        if found < 0:
            return None
        starts.append(found)
        cursor = found + len(segment)
    return starts


def _word_before(text: str, end: int) -> str:
    start = end
    limit = max(0, end - 16)
    while start > limit and not text[start - 1].isspace():
        start -= 1
    return text[start:end].lstrip(_OPENERS)


def _regex_starts(block: str) -> list[int]:
    """Sentence starts by punctuation + space + a capital, digit or opening quote."""
    starts = [0]
    if "\n" in block:
        starts.extend(match.end() for match in _HARD_BREAK.finditer(block))
    for match in _CANDIDATE.finditer(block):
        following = match.end()
        if following >= len(block):
            break
        char = block[following]
        if not (char.isupper() or char.isdigit() or char in _OPENERS):
            if char.islower() or not char.isalpha():
                continue  # lowercase or a symbol: the sentence goes on
        punctuation = match.group().rstrip()
        if punctuation == ".":
            word = _word_before(block, match.start())
            if len(word) == 1 and word.isalpha():
                continue  # an initial: "S. Korean", "M. Macron"
            if word.lower() in _ABBREVIATIONS or _INITIALISM.fullmatch(word):
                continue
        starts.append(following)
    return sorted(set(starts))


def _unwrapped(block: str) -> str:
    """block with the line breaks of wrapped sentences made spaces; offsets are unchanged."""

    def space(match: re.Match[str]) -> str:
        following = block[match.end()]
        return " " * len(match.group()) if following.islower() else match.group()

    return _SOFT_BREAK.sub(space, block) if "\n" in block else block


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, language: str | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) into text, in order, whitespace trimmed, non-empty.

    Together they cover every non-space character of text exactly once. Uses pysbd's rules
    for language (English rules for languages pysbd lacks); blocks over 10,000 characters, or
    that pysbd fails on, go to a linear regex splitter. A blank line always ends a sentence;
    a single line break does too, unless it only wraps a sentence (a lowercase word follows).
    """
    boundaries: list[int] = []
    block_start = 0
    for block_end, next_start in [(m.start(), m.end()) for m in _BLOCKS.finditer(text)] + [
        (len(text), len(text))
    ]:
        block = _unwrapped(text[block_start:block_end])
        if block.strip():
            starts: list[int] | None = None
            if len(block) <= PYSBD_MAX_CHARS:
                try:
                    starts = _pysbd_starts(block, language)
                except Exception:  # any pysbd failure means: use the fallback
                    starts = None
            if not starts:
                starts = _regex_starts(block)
            # Anything before the first located sentence belongs to it.
            boundaries.append(block_start)
            boundaries.extend(block_start + s for s in starts if s > 0)
        block_start = next_start
    boundaries.append(len(text))

    spans: list[tuple[int, int]] = []
    for start, end in zip(boundaries, boundaries[1:], strict=False):
        start, end = _trimmed(text, start, end)
        if start < end:
            spans.append((start, end))
    return spans
