"""Provides the bilingual news glossary (glossary.txt) and finding its concepts in a sentence.

A concept is matched by the stems of its forms in the sentence's language, so "ministries"
finds `ministry` and "bloqué" finds `restrict` (a city, a name, only as written). Entities
(countries, cities, organisations, regions) are also matched by their folded forms in any
language, so "Taïwan" in a German sentence is still Taiwan. A form written with a capital
matches only a capitalised word ("May" the month, not "may"), and one written in capitals only
a word in capitals ("US", not "us").
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib import resources

from briefing.text.analyzer import analyzer_for
from briefing.text.tokenize import iter_tokens

ENTITY_KINDS = frozenset({"city", "country", "demonym", "organisation", "region"})
ACTOR_KINDS = frozenset({"country", "organisation"})
KINDS = ENTITY_KINDS | {
    "action", "body", "date", "magnitude", "title", "time", "report", "word"
}
LANGUAGES = ("en", "fr")  # the columns of glossary.txt, in order
MAX_PHRASE_WORDS = 6

# Case constraints of one word of a form.
ANY_CASE, CAPITALISED, UPPER = 0, 1, 2


@dataclass(frozen=True, slots=True)
class Concept:
    """One glossary line: a country, an action, a date, a common news word..."""

    key: str
    kind: str
    name: str  # the first English form: what a reader is shown

    @property
    def is_entity(self) -> bool:
        return self.kind in ENTITY_KINDS


@dataclass(frozen=True, slots=True)
class Form:
    """One way of writing a concept, as the words to find (stems or folded surfaces)."""

    concept: Concept
    words: tuple[str, ...]
    cases: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A concept found in a token sequence: tokens [first, last) of it."""

    concept: Concept
    first: int
    last: int


def word_case(text: str) -> int:
    """The case a written word demands or shows: capitals, capitalised, or neither."""
    first = text[:1]
    if not first.isalpha():  # most words start with their first letter: no scan then
        first = next((c for c in text if c.isalpha()), "")
    if not first.isupper():
        return ANY_CASE
    # str.isupper: every cased character is a capital ("U.S", "AI"); two letters at least.
    if text.isupper() and sum(map(str.isalpha, text)) >= 2:
        return UPPER
    return CAPITALISED


def _fits(required: int, shown: int) -> bool:
    return shown >= required


def form_tokens(text: str) -> list[tuple[str, str]]:
    """(folded surface, written text) of each word, hyphenated compounds kept whole."""
    tokens: list[tuple[str, str]] = []
    covered = -1
    for surface, start, end, _ in iter_tokens(text):
        if start < covered:
            continue  # a part of the compound just taken ("sud" of "sud-coréen")
        covered = end
        tokens.append((surface, text[start:end]))
    return tokens


class Glossary:
    """The concepts of glossary.txt and, per language, the forms to look for."""

    def __init__(self, lines: list[str]) -> None:
        self.concepts: dict[str, Concept] = {}
        # Per language: first word -> forms starting with it, longest first.
        self._stems: dict[str, dict[str, list[Form]]] = {}
        self._surfaces: dict[str, list[Form]] = {}
        self.collisions: list[str] = []  # forms another concept already had (a data error)
        raw: list[tuple[Concept, dict[str, list[str]]]] = []
        for number, line in enumerate(lines, start=1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, _, body = line.partition("=")
            kind, _, key = head.strip().partition(" ")
            columns = [c.strip() for c in body.split("|")]
            if kind not in KINDS or not key.strip() or len(columns) != len(LANGUAGES):
                raise ValueError(f"glossary.txt line {number}: cannot read {line!r}")
            forms = {
                language: [f.strip() for f in column.split(",") if f.strip()]
                for language, column in zip(LANGUAGES, columns, strict=True)
            }
            name = (forms["en"] or forms["fr"])[0]
            key = key.strip()
            if kind == "demonym":  # "Chinese" names China: the country's key and name
                country = self.concepts.get(key)
                if country is None or country.kind != "country":
                    raise ValueError(f"glossary.txt line {number}: no country {key!r} above")
                name = country.name
            else:
                self.concepts[key] = Concept(key, kind, name)
            raw.append((Concept(key, kind, name), forms))
        for concept, forms in raw:
            for language, texts in forms.items():
                analyzer = analyzer_for(language)
                for text in texts:
                    tokens = form_tokens(text)
                    if not tokens or len(tokens) > MAX_PHRASE_WORDS:
                        continue
                    cases = tuple(word_case(written) for _, written in tokens)
                    if concept.kind != "city":  # a city's name is not inflected:
                        # "Londoners" is no mention of London, as it was none before
                        stems = tuple(analyzer.stem(surface) for surface, _ in tokens)
                        self._add(self._stems.setdefault(language, {}),
                                  Form(concept, stems, cases))
                    if concept.is_entity:
                        surfaces = tuple(surface for surface, _ in tokens)
                        self._add(self._surfaces, Form(concept, surfaces, cases))
        for table in (*self._stems.values(), self._surfaces):
            for forms_list in table.values():
                forms_list.sort(key=lambda f: -len(f.words))

    def _add(self, table: dict[str, list[Form]], form: Form) -> None:
        entries = table.setdefault(form.words[0], [])
        for other in entries:
            if other.words == form.words and other.cases == form.cases:
                if other.concept.key != form.concept.key:
                    keys = f"{other.concept.key}, {form.concept.key}"
                    self.collisions.append(f"{form.words} in {keys}")
                return
        entries.append(form)

    def concept(self, key: str) -> Concept:
        return self.concepts[key]

    def match(
        self, stems: list[str], surfaces: list[str], cases: list[int], language: str | None
    ) -> list[Match]:
        """Concepts in a token sequence, longest match first, left to right, not overlapping."""
        table = self._stems.get((language or "").split("-")[0].lower(), {})
        found: list[Match] = []
        position = 0
        count = len(stems)
        while position < count:
            best: Match | None = None
            lookups = (
                (stems, table.get(stems[position], ())),
                (surfaces, self._surfaces.get(surfaces[position], ())),
            )
            for words, candidates in lookups:
                for form in candidates:
                    size = len(form.words)
                    if best is not None and size <= best.last - best.first:
                        break
                    if position + size > count:
                        continue
                    if tuple(words[position : position + size]) != form.words:
                        continue
                    if all(
                        _fits(need, cases[position + i]) for i, need in enumerate(form.cases)
                    ):
                        best = Match(form.concept, position, position + size)
                        break
            if best is None:
                position += 1
            else:
                found.append(best)
                position = best.last
        return found


_GLOSSARY: Glossary | None = None
_LOCK = threading.Lock()


def glossary() -> Glossary:
    """The packaged glossary, read once."""
    global _GLOSSARY
    if _GLOSSARY is None:
        with _LOCK:
            if _GLOSSARY is None:
                data = resources.files("briefing.corroboration").joinpath("glossary.txt")
                _GLOSSARY = Glossary(data.read_text(encoding="utf-8").splitlines())
    return _GLOSSARY
