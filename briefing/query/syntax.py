"""Provides the optional search syntax: a question -> plain words, phrases, exclusions, filters.

Only these exact forms are syntax (briefing.output.help says it for people); everything else
is plain text (with a note when it looks
like syntax that is not, so nobody wonders why `OR` did nothing):

  "exact phrase"          those words in that order, after analysis (needs its closing quote)
  -word                   leave out passages holding the word ('-' then a letter, at a token
                          start; only while at least one word is left to search)
  lang:fr                 passages in that language
  source:GLOB             files whose path matches the glob (no wildcard: path contains it)
  title:word              documents or articles whose title holds the word
  after:YYYY-MM-DD        documents dated after that day (undated ones are left out)
  before:YYYY-MM-DD       documents dated before that day (undated ones are left out)

The parser is pure: no index, no I/O. Applying the result is briefing.query.restriction's job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from briefing.models import QueryFilters

FILTER_NAMES = ("lang", "source", "title", "after", "before")


_FILTER_TOKEN = re.compile(r"([A-Za-z][A-Za-z_]*):(.*)", re.DOTALL)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_LANGUAGE = re.compile(r"([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*")
_OPERATORS = frozenset({"AND", "OR", "NOT"})
_TOKEN = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class ParsedQuery:
    """A question split into what is searched and what restricts the search."""

    text: str  # the words to rank by: plain words and the words of the phrases
    filters: QueryFilters = field(default_factory=QueryFilters)
    loose: str = ""  # the plain words outside the phrases (highlighted one by one)
    notes: tuple[str, ...] = ()  # syntax-like text searched as plain words, and why

    @property
    def has_syntax(self) -> bool:
        return self.filters != QueryFilters()


def _valid_day(value: str) -> str | None:
    if not _DAY.fullmatch(value):
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _quoted_spans(question: str) -> tuple[list[tuple[int, int]], int | None]:
    """Spans of "..." pairs (quotes included), and the offset of an unmatched quote, if any."""
    spans: list[tuple[int, int]] = []
    position = 0
    while True:
        opening = question.find('"', position)
        if opening < 0:
            return spans, None
        closing = question.find('"', opening + 1)
        if closing < 0:
            return spans, opening
        spans.append((opening, closing + 1))
        position = closing + 1


def parse_query(question: str, *, syntax: bool = True) -> ParsedQuery:
    """Split `question` into plain text, phrases, exclusions and filters (see module doc).

    With `syntax=False` the whole question is plain text and nothing is noted.
    """
    if not syntax:
        return ParsedQuery(text=question, loose=question)
    notes: list[str] = []
    phrases: list[str] = []
    # Character mask of what stays plain text: recognised syntax is blanked out of it.
    plain = list(question)

    spans, unmatched = _quoted_spans(question)
    for start, end in spans:
        inner = " ".join(question[start + 1 : end - 1].split())
        if not any(c.isalnum() for c in inner):
            notes.append(f"{question[start:end]} holds no words: searched as plain text")
            continue
        phrases.append(inner)
        plain[start] = plain[end - 1] = " "  # the words stay: they are searched too
    if unmatched is not None:
        notes.append('a quote (") has no closing quote: searched as plain text')

    excluded: list[str] = []
    excluded_spans: list[tuple[int, int]] = []
    languages: list[str] = []
    sources: list[str] = []
    titles: list[str] = []
    after: str | None = None
    before: str | None = None
    operators = False
    inside = [False] * len(question)
    for start, end in spans:
        for i in range(start, end):
            inside[i] = True
    for match in _TOKEN.finditer(question):
        start, end = match.span()
        if inside[start] or any(inside[start:end]):
            continue  # tokens touching a phrase belong to it
        token = match.group()
        if token in _OPERATORS:
            operators = True
            continue
        if token == "-":
            notes.append("a lone '-' excludes nothing: searched as plain text")
            continue
        if token.startswith("-") and token[1].isalpha():
            excluded.append(token[1:])
            excluded_spans.append((start, end))
            continue
        found = _FILTER_TOKEN.fullmatch(token)
        if found is None:
            continue
        name, value = found.groups()
        if name not in FILTER_NAMES:
            if value:
                notes.append(f"'{token}': no filter called {name!r}; searched as plain text")
            continue
        if not value:
            notes.append(f"'{token}' has no value: searched as plain text")
            continue
        if name in ("after", "before"):
            day = _valid_day(value)
            if day is None:
                notes.append(f"'{token}': not a date (YYYY-MM-DD); searched as plain text")
                continue
            if name == "after":
                after = day if after is None else max(after, day)
            else:
                before = day if before is None else min(before, day)
        elif name == "lang":
            code = _LANGUAGE.fullmatch(value)
            if code is None:
                notes.append(f"'{token}': not a language code; searched as plain text")
                continue
            if code.group(1).lower() not in languages:
                languages.append(code.group(1).lower())
        elif name == "source":
            sources.append(value)
        elif value not in titles:
            titles.append(value)
        plain[start:end] = " " * (end - start)
    if operators:
        notes.append("AND, OR and NOT are not operators here: searched as plain words")

    for start, end in excluded_spans:
        plain[start:end] = " " * (end - start)
    text = " ".join("".join(plain).split())
    if excluded and not any(c.isalnum() for c in text):
        # An exclusion needs something to exclude from: the words are searched instead.
        notes.append("an exclusion needs a word to search: '-' words searched as plain text")
        for start, end in excluded_spans:
            plain[start + 1 : end] = list(question[start + 1 : end])
        excluded = []
        text = " ".join("".join(plain).split())

    filters = QueryFilters(
        phrases=tuple(dict.fromkeys(phrases)),
        excluded=tuple(dict.fromkeys(excluded)),
        languages=tuple(languages),
        sources=tuple(dict.fromkeys(sources)),
        titles=tuple(titles),
        after=after,
        before=before,
    )
    loose = list(plain)
    for phrase_start, phrase_end in spans:
        if plain[phrase_start] == " ":  # a recognised phrase: its quotes were blanked
            loose[phrase_start:phrase_end] = " " * (phrase_end - phrase_start)
    return ParsedQuery(
        text=text,
        filters=filters,
        loose=" ".join("".join(loose).split()),
        notes=tuple(dict.fromkeys(notes)),
    )
