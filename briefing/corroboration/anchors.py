"""Provides the analysis of one sentence into anchors: entities, numbers, dates and concepts.

Anchors are what two reports of one fact share whatever their language: names after accent
folding (Taïwan = Taiwan), glossary concepts (ministère = ministry, bloqué = restrict),
numbers, percentages, amounts and dates. Words the glossary does not know are kept as stems
of their language: they link paraphrases in the same language only.

A name is a run of capitalised words ("Korea Hydro & Nuclear Power", "Ministry of the
Interior and Safety"). A sentence's first word starts a name only if general text does not
write it in lower case ("DeepSeek", not "However" or "Analysts": briefing.corroboration.
reference), so a sentence is analysed alone, the same in any folder. A contraction ("I'd",
"I'm", "don't") is never a name, and a name in capitals is an acronym, kept in capitals: "ID"
is not "Id".

Wire copy opens a story with its dateline ("LONDON, March 3 -", "VIENNA (Reuters) -"): where
and when it was filed, no part of the claim, so two agencies' datelines never set one fact
apart. A sentence written all in capitals ("THE POUND ROSE TO 1.92 DLRS") shows no name by
its capitals.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from briefing.corroboration.attribution import REPORTING, Words, attribution
from briefing.corroboration.glossary import (
    ACTOR_KINDS,
    ANY_CASE,
    CAPITALISED,
    UPPER,
    Concept,
    Glossary,
    glossary,
    word_case,
)
from briefing.corroboration.reference import reference
from briefing.corroboration.values import NUMBER_WORDS, Value, values
from briefing.query.candidates import demonyms
from briefing.text.analyzer import analyzer_for
from briefing.text.tokenize import iter_tokens

# A story's dateline at the start of its first sentence: a city in capitals ("NEW YORK", "ST.
# LOUIS"), or a capitalised one before a news agency, then perhaps a date ("March 3", "3 mars",
# "Jan. 5, 1987") and the agency ("(Reuters)", "(AFP)"), then a dash between spaces.
_DATELINE_DATE = (
    r"(?:,\s(?:[A-Z][a-z]{2,8}\.?\s\d{1,2}|\d{1,2}(?:er)?\s[a-zéû]{3,9}\.?)(?:,?\s\d{4})?)"
)
_DATELINE_AGENCY = r"(?:\s?\([A-Z][A-Za-z]+(?:[/-][A-Z][A-Za-z]+)*\))"
_DATELINE_CITY = r"(?:[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,3})"
_DATELINE = re.compile(
    # A bare city in capitals only before a long dash and a capital ("LONDON — The"): "FIFA
    # - football's body" opens no story.
    rf"(?:{_DATELINE_CITY}(?:{_DATELINE_DATE}{_DATELINE_AGENCY}?|{_DATELINE_AGENCY})"
    rf"\s(?:--?|[–—])\s(?=\S)"
    rf"|{_DATELINE_CITY}\s(?:--|[–—])\s(?=[A-Z])"
    rf"|[A-Z][a-z]+(?:\s[A-Z][a-z]+){{0,2}}{_DATELINE_DATE}?{_DATELINE_AGENCY}"
    rf"\s(?:--?|[–—])\s(?=\S))"
)
# A sentence in capitals has at least this many words in capitals (a headline's "NATO" alone
# is an acronym).
SHOUTED_WORDS = 3


def _without_dateline(text: str) -> str:
    """The sentence with its dateline, if it opens with one, blanked (its offsets kept)."""
    found = _DATELINE.match(text)
    return " " * found.end() + text[found.end() :] if found else text


# Titles that stand only before a person ("Mr Fields", "Dr Banks"); a rank may open a company's
# name ("General Motors").
_HONORIFICS = frozenset({"Mr", "Mrs", "Ms", "Dr", "Sir", "Mr.", "Mrs.", "Ms.", "Dr.", "M.",
                         "Mme", "Mlle"})

# Things named in capitals: anchors as names are ("ID" cards is not "I'd"), never actors.
_THINGS = frozenset({"id", "gdp", "hiv", "aids"})

# The ranks that open companies' names before a plural noun ("General Motors", "General
# Mills", "General Dynamics"); before a surname a rank is a title ("Senator Brooks", "Governor
# Rogers", whose singulars are words too).
_COMPANY_RANKS = frozenset({"General"})

# Words that may join the capitalised words of one name ("Ministry of the Interior").
_OF_WORDS = frozenset({"of", "for", "de", "du", "des", "d"})
_ARTICLES = frozenset({"the", "la", "le", "l", "les"})
_AND_WORDS = frozenset({"and", "et"})
# Company-form endings: "Kakao Corp" and "Kakao" are one name.
_COMPANY_FORMS = frozenset({"corp", "corporation", "inc", "incorporated", "ltd", "limited",
                            "co", "plc", "llc", "sa", "ag", "gmbh", "nv", "bv"})
# What may stand between the capitalised words of one name: space, '&', '-', an initial's '.'.
_NAME_GAP = re.compile(r"[\s&.\-]*")
# What may stand between the names of one list: "Australia and Taiwan", "France, Italy, and
# Ireland", "l'Australie et Taïwan", "Europe, the U.S., and India".
_CONJUNCTION = re.compile(r"\b(?:and|et|or|ou|as well as|ainsi que)\b|&", re.IGNORECASE)
_LIST_GAP = re.compile(
    r"\.?(?:\s*,\s*(?:(?:and|et|or|ou)\s+)?|\s+(?:and|et|or|ou|&|as well as|ainsi que)\s+)"
    r"(?:(?:the|la|le|les|aux|en|in|à)\s+|l['’])*",
    re.IGNORECASE,
)
_ADJECTIVES_FOLLOW = frozenset({"fr", "es", "it", "pt"})
_COMMA_GAP = re.compile(r"\s*,\s*")
_ACRONYM_OPEN = re.compile(r"\s*\(\s*")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")
# An acronym written in the plural anywhere in a sentence ("two DVDs", "Labour MPs").
_PLURAL_ACRONYM_IN = re.compile(r"(?<![\w&])([A-Z]{2,})s\b")
# What a name ending so, or one of these alone, names is an event or a prize: an anchor, but no
# actor ("World Cup", "Grand Slam", "Australian Open", "the Oscars", "Olympic").
_EVENT_ENDINGS = frozenset(
    """
    cup cups slam championship championships award awards prize prizes trophy tournament
    festival marathon olympics olympiad paralympics open coupe championnat tournoi trophee
    """.split()
)
_EVENTS_ALONE = frozenset(
    "olympic olympics paralympic paralympics oscar oscars grammy grammys emmy emmys bafta "
    "baftas".split()
)
# The nouns of a work that its title follows ("the movie The Aviator", "biopic Ray", "l'album
# ..."): a name written right after one names a work, no actor (briefing.corroboration.actors).
# Only nouns that name nothing but a work: "game", "show", "single" and "play" come before a
# team or a person too ("the game England won", "the show Jerry Springer hosts").
WORK_NOUNS = frozenset(
    "film films movie movies biopic blockbuster documentary album albums novel musical sitcom "
    "song songs roman chanson chansons".split()
)
_AFTER_WORK_NOUN = re.compile(
    r"(?<![\w-])(" + "|".join(sorted(WORK_NOUNS)) + r")\s+(?:[Tt]he\s+)?[\"“‘']?$"
)
# A Roman numeral written alone is a number: a French century or ordinal ("XXe", "XVIIIe",
# "Ier"), or "III". Only numerals of I, V and X without a suffix: "DC", "MCC" and "CD" are
# acronyms.
_ROMAN_NUMBER = re.compile(r"[IVXLC]+(?:e|er|re|ème|eme)|(?=[IVX]{2})X{0,3}(?:IX|IV|V?I{0,3})")
# A point of the compass alone names a part of something ("mer du Nord", "pôle Nord", "the
# North"), a different one each time: no actor, no anchor. In a name it stays ("West Ham").
_DIRECTIONS = frozenset("north south east west nord sud est ouest".split())
# The glossary kinds of words a name may go on with after a city's name ("London Stock
# Exchange", "Beijing Foreign Ministry", the rugby club "London Irish").
_NAME_WORD_KINDS = frozenset({"word", "body", "demonym"})
_BOUNDARY = re.compile(r"[,;:()\[\]\"“”«»—–]")
# Words of a sentence's opening noun phrase, its subject: "Lib Dem home affairs spokesman Mark
# Oaten" has seven.
SUBJECT_WORDS = 8
_APOSTROPHES = "'’"
# What follows the apostrophe of a contraction: "I'd", "I'm", "we've", "they're", "don't".
_CONTRACTED = frozenset({"d", "m", "ve", "re", "ll", "t", "s"})
# Names in a line-up: a claim names a few actors; a team sheet or a results table, many, with
# hardly a common word between them ("Replacements: Fortey, Murphy, Daly, Vaili, Cole"). A
# table of numbers labelled by two names or more is one too ("Shr 27 cts vs 82 cts Net 9.4
# mln", "Bramble 35 og, Mellor 38, Baros 61": _table_labels).
ROSTER_NAMES = 6


@dataclass(frozen=True, slots=True)
class Mention:
    """A named entity in a sentence: a glossary country or organisation, or a name."""

    key: str  # "c:south_korea" for a glossary entity, "n:kakao" for a name
    text: str  # as written
    start: int
    end: int
    actor: bool  # can be one of the key actors (a region like "Europe" is not)


@dataclass(frozen=True, slots=True)
class SentenceAnchors:
    """Everything the grouping, conflict and actor stages need to know of one sentence."""

    language: str
    shared: frozenset[str]  # features any language can match: c:concept, n:name, #kind:value
    local: frozenset[str]  # s:language:stem, for words the glossary does not know
    actions: frozenset[str]
    dates: frozenset[str]
    mentions: tuple[Mention, ...]
    lists: tuple[tuple[int, ...], ...]  # mentions coordinated in one list, by index
    numbers: tuple[Value, ...]  # normalised (briefing.corroboration.values)
    fuzzy: str  # the sentence's stems without stopwords, for rapidfuzz
    # Organisation nouns with the common words that say which one: ("ministry", {"defence"}).
    bodies: tuple[tuple[str, frozenset[str]], ...] = ()
    # Who acts: names and qualified bodies ("b:ministry", {"industry"}) written before the
    # sentence's first action. Empty when unknown.
    agents: tuple[tuple[str, frozenset[str]], ...] = ()
    aliases: tuple[tuple[str, str], ...] = ()  # (acronym key, name key): "PIPC" defined
    # The names of its opening noun phrase: its subject, whatever the verb ("Simon Taylor has
    # been named ...", "Italy skipper Marco Bortolami believes ...").
    subjects: tuple[str, ...] = ()
    # Acronyms it writes in the plural ("DVD" for "DVDs"): a common noun's, not an actor's
    # (briefing.corroboration.actors); no anchor.
    plural_acronyms: tuple[str, ...] = ()
    # Names it writes right after a work's noun, as (key, the noun and the name as written):
    # ("n:aviator", "movie The Aviator"); a work's title, not an actor's name.
    works: tuple[tuple[str, str], ...] = ()
    # A line-up or a table of names ("G Dempsey; G Murphy, B O'Driscoll (capt), ..."): at least
    # ROSTER_NAMES names with at most one common word for four of them. It claims nothing.
    roster: bool = False
    # Features the sentence has only in its speaker ("Mark Oaten said"): who claims, not what
    # (briefing.corroboration.attribution).
    spoken: frozenset[str] = frozenset()
    # What it says happened, beyond who and when: its features less names, dates, times and
    # the speaker's ("suspended after failing drugs tests", "£35bn", "save").
    predicate: frozenset[str] = frozenset()

    @property
    def names(self) -> frozenset[str]:
        return frozenset(m.key for m in self.mentions)


@dataclass(slots=True)  # not frozen: a frozen one costs a setattr call per field, per word
class _Token:
    surface: str
    stem: str
    start: int
    end: int
    case: int
    numeric: bool
    stop: bool


@cache
def common_words() -> frozenset[str]:
    """Capitalised words that are never names (common_words.txt), folded."""
    from briefing.text.normalize import fold

    data = resources.files("briefing.corroboration").joinpath("common_words.txt")
    words: set[str] = set()
    for line in data.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(fold(word) for word in line.split())
    return frozenset(words)


# Written word -> word_case(): the same words recur from sentence to sentence.
_CASES: dict[str, int] = {}
_CASES_LIMIT = 200_000


def _tokens(text: str, language: str | None) -> list[_Token]:
    analyzer = analyzer_for(language)
    stopwords = analyzer.stopwords
    stem = analyzer.stem
    cases = _CASES
    if len(cases) > _CASES_LIMIT:
        cases.clear()
    tokens: list[_Token] = []
    covered = -1
    for surface, start, end, numeric in iter_tokens(text):
        if start < covered:
            continue  # a part of the hyphenated compound just taken
        covered = end
        written = text[start:end]
        case = cases.get(written)
        if case is None:
            case = cases[written] = _case(written)
        stop = surface in stopwords or case < 0
        if case < 0:
            case = ANY_CASE
        tokens.append(_Token(surface, stem(surface), start, end, case, numeric, stop))
    return tokens


_CONTRACTION = -1  # _case() of a contraction: no name, and a stopword


def _case(written: str) -> int:
    """word_case(), or _CONTRACTION for "I'd", "I'm", "don't" (not for "O'Neill")."""
    if "'" in written or "’" in written:
        after = written.replace("’", "'").rsplit("'", 1)[1]
        if after.lower() in _CONTRACTED and not after[:1].isupper():
            return _CONTRACTION
    return word_case(written)


class _Analysis:
    """One sentence being analysed (the state shared by the steps of analyse())."""

    def __init__(self, text: str, language: str | None, terms: Glossary) -> None:
        self.text = text
        self.language = analyzer_for(language).code
        self.lowercase = reference().lowercase
        self.tokens = _tokens(text, language)
        tokens = self.tokens
        # The reporting verb and the outlet told are no part of the claim: nothing of them is
        # an anchor. The speaker's words are, but marked (spoken).
        self.dropped: frozenset[int] = frozenset()
        self.speakers: frozenset[int] = frozenset()
        surfaces = [t.surface for t in tokens]
        capitals = [t.case >= CAPITALISED and not t.numeric for t in tokens]
        if text.isupper() and sum(t.case == UPPER for t in tokens) >= SHOUTED_WORDS:
            capitals = [False] * len(tokens)  # written in capitals: they tell no name
        if not REPORTING.isdisjoint(surfaces):  # most sentences report nothing
            gaps = [text[tokens[i - 1].end if i else 0 : t.start] for i, t in enumerate(tokens)]
            said = attribution(Words(surfaces, capitals, [t.numeric for t in tokens],
                                     [t.stop for t in tokens], gaps))
            self.dropped, self.speakers = said.dropped, said.speakers
        matches = terms.match(
            [t.stem for t in tokens], surfaces, [t.case for t in tokens], self.language
        )
        if self.dropped:
            matches = [m for m in matches
                       if not any(i in self.dropped for i in range(m.first, m.last))]
        self.matches = matches
        self.concept_at: list[Concept | None] = [None] * len(self.tokens)
        self.match_end: dict[int, int] = {}
        for match in matches:
            self.match_end[match.first] = match.last
            for index in range(match.first, match.last):
                self.concept_at[index] = match.concept
        self.in_name = [False] * len(self.tokens)
        self.capitals = capitals
        for index in self.dropped:
            self.capitals[index] = False

    def capital(self, index: int) -> bool:
        return self.capitals[index]

    def spoken_only(self, start: int, end: int) -> bool:
        """Whether the words within [start, end) are all the speaker's (and some are)."""
        inside = [i for i, t in enumerate(self.tokens) if t.start < end and t.end > start]
        return bool(inside) and all(i in self.speakers for i in inside)

    def in_dropped(self, start: int, end: int) -> bool:
        return any(
            t.start < end and t.end > start for i, t in enumerate(self.tokens) if i in self.dropped
        )

    def gap(self, left: int, right: int) -> str:
        return self.text[self.tokens[left].end : self.tokens[right].start]

    def runs(self) -> list[tuple[int, int]]:
        """Maximal runs [first, last) of capitalised words, joined by name connectors."""
        runs: list[tuple[int, int]] = []
        count = len(self.tokens)
        index = 0
        while index < count:
            if not self.capitals[index]:
                index += 1
                continue
            first, last, linked = index, index + 1, False
            while last < count:
                if self.capitals[last]:
                    gap = self.gap(last - 1, last)
                    # "Ministry of Trade, Industry and Energy": a comma only after an "of".
                    if _NAME_GAP.fullmatch(gap) or (linked and _COMMA_GAP.fullmatch(gap)):
                        last += 1
                        continue
                step = self._connector(last, linked)
                if step == 0:
                    break
                linked = linked or self.tokens[last].surface in _OF_WORDS
                last += step
            runs.append((first, last))
            index = last
        return runs

    def _connector(self, at: int, linked: bool) -> int:
        """How many connector tokens at `at` lead to one more capitalised word (0: none)."""
        count = len(self.tokens)
        surface = self.tokens[at].surface
        if self.capitals[at]:  # a capitalised word after a comma: only inside "X of A, B and C"
            return 0
        if surface in _OF_WORDS:
            size = 2 if at + 1 < count and self.tokens[at + 1].surface in _ARTICLES else 1
        elif surface in _AND_WORDS and linked:
            size = 1
        else:
            return 0
        following = at + size
        if following >= count or not self.capitals[following]:
            return 0
        gap = self.text[self.tokens[at - 1].end : self.tokens[following].start]
        if "," in gap and not linked:
            return 0
        if any(c in gap for c in "()[]:;\"“”«»"):
            return 0
        return size

    def _skippable(self, index: int) -> bool:
        token = self.tokens[index]
        concept = self.concept_at[index]
        if token.stop and not (concept and concept.is_entity):
            return True
        if token.surface in _OF_WORDS or token.surface in _ARTICLES or token.surface in _AND_WORDS:
            return True
        return concept is not None and concept.kind == "title"

    def names(self) -> list[Mention]:
        mentions: list[Mention] = []
        for first, last in self.runs():
            mentions.extend(self._resolve(first, last))
        return mentions

    def _surname_before(self, first: int, at: int) -> bool:
        """Whether the title at `at` ends a person's name: after a given name, a word no
        common text writes in lower case and no title or glossary word ("Mervyn King")."""
        if at <= first:
            return False
        before = self.tokens[at - 1]
        return (self.concept_at[at - 1] is None and not before.stop
                and before.surface not in self.lowercase and before.case == CAPITALISED)

    def _is_title(self, index: int) -> bool:
        concept = self.concept_at[index]
        return concept is not None and concept.kind == "title"

    def _opens_company(self, first: int, last: int) -> bool:
        """Whether a rank's title opens a company's name: before a plural common noun, the
        whole name ("General Motors", "General Mills"), or in a name ending in a company form
        ("General Motors Corp"). An honorific ("Mr", "Dr") always stands before a person."""
        written = self.text[self.tokens[first].start : self.tokens[first].end]
        if written in _HONORIFICS:
            return False
        if self.tokens[last - 1].surface in _COMPANY_FORMS and last - first > 2:
            return True
        if last - first != 2 or written not in _COMPANY_RANKS:
            return False  # "President Jacques Chirac", "Senator Brooks": a person
        following = self.tokens[first + 1].surface
        if len(following) < 4 or not following.endswith("s"):
            return False
        # Read only here (a rank before a plural: rare), from pyspellchecker's word lists,
        # kept sorted in the cache folder: a millisecond to read, where parsing the shipped
        # list takes a tenth of a second in each process of a build.
        from briefing.paths import cache_dir
        from briefing.text.lexicon import is_word_of

        return bool(is_word_of([following[:-1]], self.language, cache_dir()))

    def _resolve(self, first: int, last: int) -> list[Mention]:
        """The mentions of one capitalised run: leading filler dropped, countries split off."""
        if first < last and self._is_title(first) and self._opens_company(first, last):
            return self._named(first, last)
        while first < last and (
            self._skippable(first)
            or self.tokens[first].surface in common_words()
            or self.tokens[first].surface in NUMBER_WORDS  # "Twelve people", "One of them"
        ):
            first += 1
        written_to = last
        while last > first and self._skippable(last - 1):
            if self._is_title(last - 1) and self._surname_before(first, last - 1):
                break  # "Mervyn King": a surname that is also a title
            last -= 1
        if first >= last:
            return []
        if (last < written_to and last - first == 1
                and self.tokens[first].surface in self.lowercase
                and any(self._is_title(i) for i in range(last, written_to))):
            return []  # "Home Secretary", "Attorney General": a role, no one's name
        # A title inside a run parts a role from the person it names: "Foreign Secretary Jack
        # Straw", "Bank of England Governor Mervyn King". What stands before the title is a
        # name of its own unless it is common words ("Foreign", "Home").
        inner = [i for i in range(first + 1, last - 1)
                 if self._is_title(i) and not self._is_title(i + 1)]
        if inner:
            title = inner[-1]
            while title > first and self._is_title(title - 1):
                title -= 1  # "Prime Minister", "Chief Executive": the whole title
            named = self._resolve(title, last)
            before = [t.surface for t in self.tokens[first:title]
                      if t.surface not in _OF_WORDS | _ARTICLES | _AND_WORDS]
            if all(surface in self.lowercase for surface in before):
                return named
            return self._resolve(first, title) + named
        concept = self.concept_at[first]
        if concept is not None and concept.is_entity:
            match_last = self.match_end.get(first, first + 1)
            following = self.concept_at[match_last] if match_last < last else None
            # A city opens names whose next word is a common one too ("London Stock Exchange");
            # a country's stands alone before one ("US Congress").
            rest = match_last < last and (following is None or (
                concept.kind == "city" and following.kind in _NAME_WORD_KINDS))
            rest = rest and not self.tokens[match_last].stop
            if match_last >= last or not rest:
                # "Australia", "Chinese AI", "U.S. President Donald Trump": the country stands
                # alone; the rest, if any, is read as a run of its own.
                return self._entity(first, match_last) + self._resolve(match_last, last)
            # "Korea Hydro & Nuclear Power": a country's name begins an organisation's.
        elif (
            first == 0
            and self.tokens[0].case != UPPER
            and self.tokens[0].surface in self.lowercase
        ):
            return self._resolve(first + 1, last)  # "Meanwhile", "Analysts", "Both Australia"
        tokens = self.tokens[first:last]
        concepts = [self.concept_at[i] for i in range(first, last)]
        kinds = {c.kind if c else None for c in concepts}
        if len(tokens) == 1:
            token = tokens[0]
            if concept is not None or len(token.surface) < 2:
                return []  # "Ministry", "AI", "January": common words, not names
            written = self.text[token.start : token.end]
            if _adjective_of_name(written):
                return []
            if _PLURAL_ACRONYM.fullmatch(written):
                return []  # "MPs", "PCs": many of a kind, no one actor
            if _ROMAN_NUMBER.fullmatch(written):
                return []  # "XXe", "XVIIIe": a number, no one actor
            if token.surface in _DIRECTIONS:
                return []  # "mer du Nord", "pôle Nord", "the North": a part of many places
        elif kinds <= {"date", "magnitude"}:
            return []
        return self._named(first, last)

    def _named(self, first: int, last: int) -> list[Mention]:
        """The mention of the name written by tokens [first, last)."""
        tokens = self.tokens[first:last]
        # An acronym keeps its capitals: "ID" (cards) is not "Id", nor "US" "us".
        words = [
            self.text[t.start : t.end].replace(".", "") if t.case == UPPER else t.surface
            for t in tokens
            if t.surface not in _OF_WORDS | _ARTICLES | _AND_WORDS
        ]
        while len(words) > 1 and words[-1] in _COMPANY_FORMS:
            words.pop()
        for index in range(first, last):
            self.in_name[index] = True
        start, end = tokens[0].start, tokens[-1].end
        return [Mention("n:" + " ".join(words), self.text[start:end], start, end,
                        _may_act(tokens))]

    def _entity(self, first: int, last: int) -> list[Mention]:
        concept = self.concept_at[first]
        assert concept is not None
        for index in range(first, last):
            self.in_name[index] = True
        start, end = self.tokens[first].start, self.tokens[last - 1].end
        if concept.kind == "city":  # a name, as written in English: one key in both languages
            written = self.text[start:end]
            if _adjective_of_name(written):
                return []  # "London-based", as a name is read
            return [Mention(city_key(concept.name), written, start, end, True)]
        actor = concept.kind in ACTOR_KINDS
        return [Mention("c:" + concept.key, self.text[start:end], start, end, actor)]

    def lowercase_entities(self) -> list[Mention]:
        """Glossary entities outside capitalised runs: "sud-coréen", "l'autorité italienne"."""
        found: list[Mention] = []
        for match in self.matches:
            if match.concept.is_entity and not self.in_name[match.first]:
                found.extend(self._entity(match.first, match.last))
        return found

    def bodies(self) -> list[tuple[str, frozenset[str], int]]:
        """Each organisation noun with its qualifiers and where it starts: "the defense
        ministry", "ministère des affaires étrangères", "Ministry of Trade, Industry and
        Energy"."""
        found: list[tuple[str, frozenset[str], int]] = []
        starts = {m.last: m.first for m in self.matches}
        for match in self.matches:
            if match.concept.kind != "body":
                continue
            qualifiers: set[str] = set()
            index = match.first
            while index in starts:  # words just before the noun, nearest first
                concept = self.concept_at[index - 1]
                if concept is None or not (concept.kind == "word" or concept.is_entity):
                    break
                if concept.kind == "word":
                    qualifiers.add(concept.key)
                index = starts[index]
            index = match.last
            # English puts a noun's qualifiers after it only behind "of"; French adjectives
            # follow the noun ("l'autorité italienne", "entreprises technologiques").
            linked = self.language in _ADJECTIVES_FOLLOW
            while index < len(self.tokens):  # "of the ...", "de l'...", "des ... et ..."
                token = self.tokens[index]
                concept = self.concept_at[index]
                if token.surface in _OF_WORDS:
                    linked = True
                if not linked:
                    break
                if concept is None:
                    if token.surface in _OF_WORDS | _ARTICLES or (
                        qualifiers and token.surface in _AND_WORDS
                    ):
                        index += 1
                        continue
                    break
                if not (concept.kind == "word" or concept.is_entity):
                    break
                if concept.kind == "word":
                    qualifiers.add(concept.key)
                index = self.match_end.get(index, index + 1)
            found.append((match.concept.key, frozenset(qualifiers), self.tokens[match.first].start))
        return found

    def breaks(self, index: int) -> bool:
        """Whether a clause boundary stands before word `index` (a comma, a quote, ...)."""
        gap = self.gap(index - 1, index)
        return gap != " " and _BOUNDARY.search(gap) is not None

    def subject_span(self) -> tuple[int, int]:
        """Where the sentence's opening noun phrase lies ("Italy skipper Marco Bortolami" in
        "Italy skipper Marco Bortolami believes ..."): after its leading function words, the
        words up to the next function word, reporting verb or clause boundary, at most
        SUBJECT_WORDS of them. The names in it are the sentence's subject."""
        tokens = self.tokens
        index = 0
        while index < len(tokens) and tokens[index].stop:
            index += 1
        if index >= len(tokens):
            return 0, 0
        first = index
        while (index < len(tokens) and index - first < SUBJECT_WORDS
               and not tokens[index].stop and index not in self.dropped
               and (index == first or not self.breaks(index))):
            index += 1
        return tokens[first].start, tokens[index - 1].end

    def first_action(self) -> int | None:
        """Where the first action word starts, if any."""
        starts = [self.tokens[m.first].start for m in self.matches if m.concept.kind == "action"]
        return min(starts) if starts else None

    def numbers(self) -> list[Value]:
        found = values(self.text, self.tokens)  # read as values.Word: no copy per word
        if self.dropped:  # "told BBC Radio 4": no count of anything
            found = [v for v in found if not self.in_dropped(v.start, v.end)]
        return found


def _lists(text: str, mentions: list[Mention]) -> list[tuple[int, ...]]:
    """Mentions coordinated into lists ("Australia and Taiwan"), each as indexes, in order."""
    lists: list[list[int]] = []
    last_gap: list[str] = []
    for index, mention in enumerate(mentions):
        gap = text[mentions[index - 1].end : mention.start] if index else ""
        # After a bare comma only a name follows: ", the Finnish handset maker" is an
        # apposition, not an item.
        joined = _CONJUNCTION.search(gap) is not None
        if index and _LIST_GAP.fullmatch(gap) and (joined or gap.strip(" .") == ","):
            lists[-1].append(index)
            last_gap[-1] = gap
        else:
            lists.append([index])
            last_gap.append("")
    found: list[tuple[int, ...]] = []
    for items, gap in zip(lists, last_gap, strict=True):
        if len(items) > 1 and _CONJUNCTION.search(gap) is None:
            # A list ends with a conjunction ("A, B and C"): "the takeover of Giant, Microsoft
            # said" names two things, not a list.
            found.extend((item,) for item in items)
        else:
            found.append(tuple(items))
    return found


def _agents(
    mentions: list[Mention], bodies: list[tuple[str, frozenset[str], int]], action: int | None
) -> tuple[tuple[str, frozenset[str]], ...]:
    """Who acts, as written before the first action: names and qualified bodies ("Kakao",
    "the industry ministry"). A country there is more often a place or an owner ("the South
    Korean government") than the actor, so it does not count."""
    if action is None:
        return ()
    agents: list[tuple[str, frozenset[str]]] = [
        (m.key, frozenset()) for m in mentions if m.start < action and m.key.startswith("n:")
    ]
    agents += [("b:" + head, quals) for head, quals, start in bodies if quals and start < action]
    return tuple(dict.fromkeys(agents))


def _adjective_of_name(written: str) -> bool:
    """Whether a name's word is an adjective made of it: "AI-based", "Seoul-led"."""
    return "-" in written and written.rsplit("-", 1)[1].islower()


@cache
def city_key(name: str) -> str:
    """The name key of a glossary city (its English name): the key its English name written
    in a sentence has ("The Hague" -> 'n:hague', "St. Petersburg" -> 'n:st petersburg'), so
    "Londres" is the London that English sentences name."""
    words = [surface for surface, _, _, _ in iter_tokens(name)]
    return "n:" + " ".join(w for w in words if w not in _OF_WORDS | _ARTICLES | _AND_WORDS)


@cache
def city_names() -> dict[str, str]:
    """The glossary's cities by name key: their English names ('n:hague' -> "Hague")."""
    return {city_key(c.name): c.name for c in glossary().concepts.values() if c.kind == "city"}


def _may_act(tokens: list[_Token]) -> bool:
    """Whether a name may be a key actor: not an event or a prize ("World Cup", "Oscar"), not
    a people's adjective alone ("English", "Welsh": the gazetteer's demonyms)."""
    last = tokens[-1].surface
    if last in _EVENT_ENDINGS and len(tokens) > 1:
        return False
    return len(tokens) > 1 or (last not in _EVENTS_ALONE and last not in demonyms())


def _works(text: str, mentions: list[Mention]) -> tuple[tuple[str, str], ...]:
    """The names written right after a work's noun (WORK_NOUNS), with the noun."""
    found: dict[tuple[str, str], None] = {}
    for mention in mentions:
        if mention.key.startswith("n:"):
            noun = _AFTER_WORK_NOUN.search(text, max(0, mention.start - 24), mention.start)
            if noun is not None:
                found[(mention.key, text[noun.start() : mention.end])] = None
    return tuple(found)


def _aliases(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    """Acronyms defined in parentheses: "Personal Information Protection Commission (PIPC)"."""
    found: list[tuple[str, str]] = []
    for left, right in zip(mentions, mentions[1:], strict=False):
        acronym = right.text
        if (
            left.key.startswith("n:")
            and " " in left.key
            and word_case(acronym) == UPPER
            and _ACRONYM_OPEN.fullmatch(text[left.end : right.start])
            and text[right.end : right.end + 1] == ")"
        ):
            found.append((right.key, left.key))
    return found


# A sentence whose words are this share numbers or more is a table ("Shr 27 cts vs 82 cts Net
# 9.4 mln vs 12.7 mln Revs 879.7 mln"; "Arsenal 2 Chelsea 1"; "Bramble 35 og, Mellor 38"): a
# name before a number in it labels a row, unless the number is a score ("beat Vincent Spadea
# 6-2 6-4": a result's loser). Of the BBC folder's mentions, 44 are such labels ("Shrek 2",
# "FTSE 100", "PlayStation 3", scorers' minutes); prose rarely reaches it (a date is three
# words: "on 5 May 2004").
TABLE_SHARE = 0.25
_NUMBER_NEXT = re.compile(r"\s*\d[\d.,]*(?![\d.,])(?!\s?[-–]\s?\d)")


def _table_labels(text: str, tokens: list[_Token], names: list[Mention]) -> list[bool]:
    """Per name of a sentence, whether it labels a number of a table."""
    labels = [_NUMBER_NEXT.match(text, m.end) is not None for m in names]
    if any(labels) and sum(t.numeric for t in tokens) >= TABLE_SHARE * len(tokens):
        return labels
    return [False] * len(names)  # most names stand before no number: no count of numbers


def analyse(text: str, language: str | None, terms: Glossary | None = None) -> SentenceAnchors:
    """The anchors of one sentence, which depend on it alone."""
    if text[:1].isupper():
        text = _without_dateline(text)
    analysis = _Analysis(text, language, terms or glossary())
    found = analysis.names()
    labels = _table_labels(text, analysis.tokens, found)
    # A table's labels and things ("ID" cards) stay anchors, no actors.
    names = [Mention(m.key, m.text, m.start, m.end, False)
             if m.actor and (label or m.key[2:].lower() in _THINGS) else m
             for m, label in zip(found, labels, strict=True)]
    labelled = sum(label and m.actor for m, label in zip(found, labels, strict=True))
    mentions = sorted(names + analysis.lowercase_entities(), key=lambda m: m.start)
    numbers = analysis.numbers()
    shared: set[str] = set()
    actions: set[str] = set()
    dates: set[str] = set()
    when: set[str] = set()
    claimed: set[str] = set()  # with a speaker: the features with a place outside it
    speakers = analysis.speakers
    in_name = analysis.in_name
    for match in analysis.matches:
        kind = match.concept.kind
        if kind in ("magnitude", "city"):
            continue  # a multiplier is in its value; a city is the name it is mentioned as
        shared.add("c:" + match.concept.key)
        if speakers and any(i not in speakers for i in range(match.first, match.last)):
            claimed.add("c:" + match.concept.key)
        if in_name[match.first] and in_name[match.last - 1] and not match.concept.is_entity:
            continue  # a word of a name, no action or date: "Ask Jeeves", "Theresa May"
        if kind == "action":
            actions.add(match.concept.key)
        elif kind == "date":
            dates.add(match.concept.key)
        if kind in ("date", "time"):
            when.add("c:" + match.concept.key)
    named = {m.key for m in mentions}
    shared.update(named)
    shared.update(n.feature for n in numbers)
    if speakers:
        claimed.update(m.key for m in mentions if not analysis.spoken_only(m.start, m.end))
        claimed.update(n.feature for n in numbers if not analysis.spoken_only(n.start, n.end))
    when.update(n.feature for n in numbers if n.kind in ("year", "date", "time"))
    local: set[str] = set()
    fuzzy: list[str] = []
    common = 0  # words outside names (a roster has few)
    dropped = analysis.dropped
    for index, token in enumerate(analysis.tokens):
        if token.stop or index in dropped:
            continue
        fuzzy.append(token.stem)
        if not (token.numeric or in_name[index]):
            common += 1
        if analysis.concept_at[index] is None and not in_name[index]:
            if not token.numeric and len(token.surface) > 1:
                feature = f"s:{analysis.language}:{token.stem}"
                local.add(feature)
                if speakers and index not in speakers:
                    claimed.add(feature)
    # Features the sentence has only where its speaker stands (none, most often).
    spoken = frozenset((shared | local) - claimed) if speakers else frozenset()
    bodies = analysis.bodies()
    subject = analysis.subject_span()
    return SentenceAnchors(
        language=analysis.language,
        shared=frozenset(shared),
        local=frozenset(local),
        actions=frozenset(actions),
        dates=frozenset(dates),
        mentions=tuple(mentions),
        lists=tuple(_lists(text, mentions)),
        numbers=tuple(numbers),
        fuzzy=" ".join(fuzzy),
        bodies=tuple((head, qualifiers) for head, qualifiers, _ in bodies),
        agents=_agents(mentions, bodies, analysis.first_action()),
        subjects=tuple(dict.fromkeys(
            m.key for m in mentions
            if subject[0] <= m.start < subject[1] and m.key.startswith("n:")
        )),
        aliases=tuple(_aliases(text, mentions)),
        plural_acronyms=tuple(dict.fromkeys(_PLURAL_ACRONYM_IN.findall(text))),
        works=_works(text, mentions),
        spoken=spoken,
        predicate=frozenset((shared | local) - spoken - when - named),
        roster=(len(names) >= ROSTER_NAMES and 4 * common <= len(names)) or labelled >= 2,
    )
