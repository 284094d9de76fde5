"""Provides find_candidates(): the typed candidate answers inside a sentence.

Numbers, money, percentages, dates (centuries in words and Roman numerals, a year before 1500
after "in"/"en"), durations, scores and times are found with patterns (one scan of the
sentence); names with capitalised spans and name patterns: titles (Mr, Dr, M., Mme), initials,
organisation words (plc, FC, Ministry of ...), places from a small gazetteer
(briefing/query/gazetteer/), after "in", or opened by a place word ("River Tyne"); a name after
"to", "from", "à", "en" or a place noun and "of" ("the port of Felixstowe") may be a place or
somebody; titles of works in quotes or after a mid-sentence "The". An event's name ("Super
Bowl XXXIII", "la Coupe du monde") is none of them. A candidate made only of the question's
own words does not count: it restates the question, it does not answer it.

No model and no library: the one package that types quantities (quantulum3) reads English
only and costs milliseconds a sentence, and named-entity recognisers need model downloads.
About 20 us a sentence of news (benchmarks/candidates.py).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from functools import cache, lru_cache
from typing import NamedTuple

from briefing.query.answer_types import AnswerType, noun_type
from briefing.text.normalize import fold

__all__ = ["FITS", "Candidate", "find_candidates", "written_with_scale"]

T = AnswerType

# The candidate types that may answer a question of each expected type: an age reads "18
# years" (a duration), a count may be given as a share ("5,72 % des voix"), a sum as "14,2
# milliards" with its currency further on; "who" is often answered by a company or a team ("who
# bought Rover?"). `reason` and `other` have no typed candidates.
FITS: dict[AnswerType, frozenset[AnswerType]] = {
    T.NUMBER: frozenset({T.NUMBER, T.DURATION, T.PERCENT}),
    T.MONEY: frozenset({T.MONEY, T.NUMBER}),
    T.PERCENT: frozenset({T.PERCENT}),
    T.DATE: frozenset({T.DATE}),
    T.DURATION: frozenset({T.DURATION}),
    T.SCORE: frozenset({T.SCORE}),
    T.PERSON: frozenset({T.PERSON, T.ORGANISATION}),
    T.PLACE: frozenset({T.PLACE}),
    T.ORGANISATION: frozenset({T.ORGANISATION}),
    T.TITLE: frozenset({T.TITLE}),
    T.REASON: frozenset(),
    T.OTHER: frozenset(),
}


def written_with_scale(number: str) -> bool:
    """Whether a number candidate's text ends in its scale ("91m", "14,2 milliards")."""
    return _SCALED.search(number) is not None


class Candidate(NamedTuple):
    """One typed span of a sentence: `sentence[start:end]`, in code points, end-exclusive."""

    type: AnswerType
    start: int
    end: int


_MONTHS_EN = (
    "January February March April May June July August September October November December "
    "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec"
).split()
_MONTHS_FR = (
    "janvier février fevrier mars avril mai juin juillet août aout septembre octobre novembre "
    "décembre decembre"
).split()
_WEEKDAYS_EN = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
_WEEKDAYS_FR = "lundi mardi mercredi jeudi vendredi samedi dimanche".split()
# Number words of English and French ("one" and "un(e)" are left out: mostly "a", "someone").
_NUMBER_WORD_LIST = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety "
    "hundred hundreds thousand thousands million millions billion billions trillion dozen "
    "dozens half twice deux trois quatre cinq sept huit neuf dix onze douze treize quatorze "
    "quinze seize vingt trente quarante cinquante soixante cent cents mille milliers milliard "
    "milliards dizaine dizaines centaine centaines"
).split()
# Words that open a relative date ("last week", "la semaine dernière", "yesterday").
_RELATIVE_OPENERS = (
    "last next this early late earlier later yesterday today tomorrow tonight hier demain "
    "aujourd la semaine mois annee année"
).split()


def _either(words: list[str], case: bool = True) -> str:
    """A regex alternation of words, longest first (so "Sept" is tried before "Sep")."""
    body = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
    return f"(?:{body})" if case else f"(?i:{body})"


_MONTH = rf"(?:{_either(_MONTHS_EN)}\.?|{_either(_MONTHS_FR, case=False)})"
_WEEKDAYS = f"{_either(_WEEKDAYS_EN)}|{_either(_WEEKDAYS_FR, case=False)}"
_YEAR = r"(?:1[5-9]\d\d|20\d\d)"
_DAY = r"\d{1,2}(?:st|nd|rd|th|er)?"
_NUMBER_WORDS = _either(_NUMBER_WORD_LIST)[3:-1]
# A numeral, its thousands grouped by spaces as French writes them ("3 500 000", "25 000":
# groups of three after one to three digits, never after a fourth: "2004 300" is two).
_NUMERAL = (
    r"(?:(?<![\d,.])\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?:[,.]\d+)?"
    r"|\d[\d,.\u00a0\u202f]*\d|\d)"
)
_SCALE = (
    r"(?:\s?(?:bn|m|k|tn)\b|"
    r"\s(?i:million|millions|billion|billions|trillion|thousand|milliards?|mille|mln|bln))"
)  # "mln" and "bln": the news agencies' abbreviations ("1.5 mln barrels")
# A number written with its scale ("91m", "14,2 milliards", "five million"): how a sum in a
# currency no pattern knows ("91m naira") still reads as one.
_SCALED = re.compile(
    rf"(?:\d{_SCALE}|\b(?i:millions?|billions?|trillions?|milliards?|mln|bln))$"
)
_NUMBER = (
    rf"(?:{_NUMERAL}{_SCALE}?|"
    rf"\b(?i:(?:{_NUMBER_WORDS})(?:[\s-](?:and\s|et\s)?(?:{_NUMBER_WORDS}))*)\b)"
)
_CURRENCY_SIGN = r"(?:US\$|A\$|C\$|HK\$|[£$€¥₩₹])"
_CURRENCY_WORD = (
    r"(?i:pounds?|sterling|dollars?|euros?|yen|yuan|renminbi|francs?|roubles?|rubles?|rupees?|"
    r"pesos?|won|livres?|cents?|pence|p\b|dlrs?|stg)"
)  # "dlrs" and "stg": the news agencies' dollars and sterling ("42.10 dlrs", "10 mln stg")
_TIME_UNITS = (
    r"(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|fortnights?|months?|years?|"
    r"decades?|centuries|century|secondes?|heures?|jours?|semaines?|mois|ans?|ann[ée]es?|"
    r"d[ée]cennies?|si[èe]cles?)"
)
_MEASURE_UNITS = (
    r"(?:km|kilometres?|kilometers?|kilomètres?|miles?|metres?|meters?|mètres?|m²|km²|cm|mm|"
    r"kg|kilos?|kilogrammes?|grams?|grammes?|tonnes?|tons?|feet|foot|ft|inch|inches|litres?|liters?|"
    r"mph|km/h|acres?|hectares?|square\s\w+|degrees?|°C|°F|mw|gw|kwh)\b"
)

# The readings of a quantity, the more specific first (the first that matches is taken).
_RACE_TIME = r"(?P<racetime>\d{1,2}:\d{2}(?::\d{2})?\.\d+\b|\d{1,2}:\d{2}:\d{2}\b)"  # 3:59.4
_CLOCK = (  # 9am, 10:30 GMT, 21h30
    r"(?P<clock>\d{1,2}(?:[:.h]\d{2})?\s?(?i:a\.?m\.?|p\.?m\.?)(?!\w)|"
    r"\d{1,2}:\d{2}\b(?:\s?(?:GMT|BST|CET|EST|UTC))?|\d{1,2}h\d{2}\b)"
)
_DATE = (  # 9-15 January, 1 February 1995, February 1, 1995, January 2005, le 3 mars
    rf"(?P<date>(?:{_DAY}(?:\s?[-–]\s?{_DAY})?\s+)?{_MONTH}\b(?:\s+{_DAY}\b,?)?"
    rf"(?:\s+{_YEAR}\b)?)"
)
_WEEKDAY = rf"(?P<weekday>(?:{_WEEKDAYS})\b)"
_YEARS = (  # 1980s, 2004-05, 2004/05, 1953
    rf"(?P<year>{_YEAR}(?:s\b|\s?[-–/]\s?(?:{_YEAR}|\d\d)\b)?(?![\d,.%]\d|\s?%|\s?{_TIME_UNITS}\b))"
)
_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth"
).split()
_ROMAN_ORDINALS = [  # Ier, IIe ... XXIe: the French centuries
    f"{numeral}{'er' if numeral == 'I' else 'e'}"
    for numeral in ("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX "
                    "XXI").split()
]
_CENTURY = (  # 18th century, nineteenth century, twenty-first century, XIXe et XXe siècles
    rf"(?P<century>(?:\d{{1,2}}(?:st|nd|rd|th)|(?:twenty-)?(?i:{_either(_ORDINALS)[3:-1]}))"
    rf"\s+(?i:century|centuries)\b|[XVI]+(?:e|er)(?:\s(?:et|ou|au)\s[XVI]+e)?\s+si[èe]cles?\b)"
)
_MONEY = (  # £40m, $1.04bn, US$5, 25bn euros, five million dollars, 200,000 yuan, the
    # country's currency named ("86.7bn Swiss francs", "5bn Hong Kong dollars")
    rf"(?P<money>{_CURRENCY_SIGN}\s?{_NUMERAL}{_SCALE}?|"
    rf"{_NUMBER}\s?(?:d['’]|de\s|of\s)?(?:[A-Z][A-Za-z]+\s){{0,2}}{_CURRENCY_WORD}\b"
    rf"|{_NUMERAL}{_SCALE}?\s?[€$£])"
)
_PERCENT = (  # 5.72%, 25 per cent, 3 pour cent, a third, deux tiers, half of
    rf"(?P<percent>{_NUMBER}\s?(?:%|(?i:per\s?cent|pour\s?cent|percentage points?|pct)\b)|"
    rf"{_NUMERAL}pc\b|"  # "4.75 pct" (the news agencies), "5pc" (some British papers)
    rf"(?:{_NUMBER}|(?i:a|one|un|une)\b)[\s-](?i:thirds?|quarters?|fifths?|tenths?|tiers|"
    rf"quarts?|cinqui[èe]mes?|dixi[èe]mes?)\b|(?i:half|la\smoiti[ée])\b)"
)
_SCORE = r"(?P<score>\d{1,3}\s?[-–]\s?\d{1,3}\b(?![-–]|\.\d|\s?%))"  # 6-2, 2-1, 20–18
# A score in words: "sept buts à zéro", "deux à un", "two-nil" (the first word a number word).
_WORD_SCORE = (
    r"(?P<wordscore>(?:{n})(?:\s(?i:buts?))?\s(?i:à|a)\s(?i:{n}|z[ée]ro|une?)\b|"
    r"(?:{n})[\s-](?i:nil)\b)"
)
_DURATION = (  # 52 days, three years, a year, trois ans
    rf"(?P<duration>(?:{_NUMBER}|(?i:a|an|one|un|une)\b)[\s-]{_TIME_UNITS}\b(?:[\s-]long\b)?)"
)
_RELATIVE = (  # last week, yesterday, la semaine dernière
    r"(?P<relative>(?i:last|next|this|early|late|earlier|later)\s(?i:week|weekend|"
    r"month|year|season|summer|winter|spring|autumn|century|decade)\b|"
    r"(?i:yesterday|today|tomorrow|tonight|hier|demain|aujourd'hui)\b|"
    r"(?i:la\s)?(?i:semaine|mois|ann[ée]e)\s(?i:derni[èe]re?|prochaine?|pass[ée]e?)\b)"
)
_QUANTITY = rf"(?P<number>{_NUMBER}(?:[\s-]?{_MEASURE_UNITS})?)"  # 4.2ft, 26-inch, 9.2km


_DIGIT_NUMBER = rf"(?:{_NUMERAL}{_SCALE}?)"
_WORD_NUMBER = (
    rf"(?:\b(?i:(?:{_NUMBER_WORDS})(?:[\s-](?:and\s|et\s)?(?:{_NUMBER_WORDS}))*)\b)"
)


def _readings(*patterns: str, number: str = _NUMBER) -> str:
    """One pattern of some readings; `number` replaces the number they hold when the start
    says which kind it is (digits or words): half the pattern, a sixth of its compile time."""
    return "|".join(patterns).replace(_NUMBER, number)


# Each kind of start tries only the readings that can start so: a pattern of every reading
# tried at every word cost 25 times more. Each is compiled the first time a sentence needs
# it: compiling them all took 15 ms, which a one-shot question should not pay for readings
# it never tries.
_READINGS: dict[str, str] = {
    "digit": _readings(
        _RACE_TIME, _CLOCK, _DATE, _YEARS, _CENTURY, _MONEY, _PERCENT, _SCORE, _DURATION,
        _QUANTITY, number=_DIGIT_NUMBER,
    ),
    "sign": _readings(_MONEY, number=_DIGIT_NUMBER),
    "number word": _readings(
        _CENTURY, _MONEY, _PERCENT, _DURATION,
        _WORD_SCORE.format(n=f"(?i:{_NUMBER_WORDS})"), _QUANTITY, number=_WORD_NUMBER
    ),
    "month": _readings(_DATE, _WEEKDAY),
    "article": _readings(_DURATION, _PERCENT, _RELATIVE, number=_WORD_NUMBER),
    "opener": _readings(_RELATIVE, _CENTURY),
}


@cache
def _reading(kind: str) -> re.Pattern[str]:
    return re.compile(_READINGS[kind])


_STARTS: dict[str, str] = {}
for _words, _kind in (
    (_NUMBER_WORD_LIST, "number word"),
    ([*_MONTHS_EN, *_MONTHS_FR, *_WEEKDAYS_EN, *_WEEKDAYS_FR], "month"),
    (["a", "an", "one", "un", "une", "la"], "article"),
    (_RELATIVE_OPENERS, "opener"),
    ([*_ORDINALS, "twenty", *_ROMAN_ORDINALS], "opener"),
):
    for _word in _words:
        _STARTS.setdefault(fold(_word), _kind)
_CURRENCY_SIGNS = "£$€¥₩₹"
_AFTER = frozenset({"after", "apres"})  # a span of time they open ends at a moment
_AGED = re.compile(r"[\s-]old\b")  # "29-year-old", "five years old"
# "aged 21", "at age 39", "at the age of 21", "à l'âge de 85 ans", "âgé de 30 ans": an age,
# named before its number.
_AGE_BEFORE = re.compile(r"(?i:\baged|\bage(?: of)?|\bâge de|\bâgée?s? de)\s+$")
_MEASURED = re.compile(rf"[\s-]?{_MEASURE_UNITS}$")  # a quantity read with its unit
_TIMES = re.compile(r"(?i:times?|fold)\b")  # "six-time winner", "two-fold"
_EARLY_YEAR = re.compile(r"1[0-4]\d\d")  # the years before 1500 that _YEAR leaves out
_RUNS = re.compile(r"\w+|[£$€¥₩₹]")
_GROUP_TYPES = {
    "racetime": T.DURATION,
    "clock": T.DATE,
    "date": T.DATE,
    "weekday": T.DATE,
    "year": T.DATE,
    "century": T.DATE,
    "money": T.MONEY,
    "percent": T.PERCENT,
    "score": T.SCORE,
    "wordscore": T.SCORE,
    "duration": T.DURATION,
    "relative": T.DATE,
    "number": T.NUMBER,
}

# A capitalised word (initials, CamelCase and ALL CAPS included), its possessive left out, and
# the lowercase links that join the words of one name ("Bank of England", "Ministère de la
# Défense", "Jean-Marie Le Pen").
# The capitals of the Latin script (Basic to Extended-B): the blocks past Latin-1 alternate
# capital and small letter, so a range would take "œ" of "cœur" or "ł" of "Wałęsa" for a capital.
_UPPER = "[A-Z" + "".join(c for c in map(chr, range(0xC0, 0x250)) if c.isupper()) + "]"
_WORD = rf"(?:{_UPPER}[\w'’\-&.]*\w|{_UPPER}\.?)"
_LINK = r"(?:of|of\sthe|for|de|de\sla|des|du|d'|di|da|del|della|van|von|der|den|la|le|&)"
# A name starts a word: "iPhone" and "eBay" hold no name "Phone" or "Bay".
_NAME = re.compile(
    rf"(?<!\w){_WORD}(?:(?:\s|\s{_LINK}\s|(?<=d')){_WORD})*"
    rf"(?:\s\d+(?:\.\d+)?\b(?![-–:/.,]\d))?"
)
_PERSON_TITLES = frozenset(
    "mr mrs ms miss dr sir lord lady dame prof professor president m mme mlle me pr judge "
    "rev father saint st king queen prince princess pope senator governor general captain "
    "coach manager minister chancellor chairman".split()
)
# Capitalised offices that stand before a holder's name inside one span, as _PERSON_TITLES
# do ("Foreign Secretary Jack Straw", "Microsoft Chief Executive Steve Ballmer"), but open no
# name alone ("Secretary" is no title of address); and the words that qualify an office
# before it ("Deputy Prime Minister", "Home Secretary", "Italian Prime Minister"): what they
# leave before the office is a name only when more remains ("Home Office", "Superior Court").
# In the BBC folder these offices come before a name in some 200 spans.
_OFFICES = frozenset(
    "secretary executive leader commissioner director spokesman spokeswoman officer editor "
    "ambassador mayor chairwoman chief premier correspondent".split()
)
_OFFICE_QUALIFIERS = frozenset(
    "prime deputy vice shadow home foreign first under acting former interim assistant "
    "junior senior new chief general".split()
)
_ORG_WORDS = frozenset(
    """
    inc corp corporation co plc ltd llc ag sa gmbh group holdings fc united city rovers athletic
    bank union association party council commission committee ministry department agency
    authority institute university college school federation league airlines airways motors
    studios records foundation organisation organization society club network news times post
    bureau office police court tribunal parliament senate assembly congress government board
    company partners capital industries systems technologies labs laboratories telecom
    broadcasting channel radio tv television press journal herald guardian telegraph mirror
    banque societe ministere parti agence autorite conseil federation groupe universite
    compagnie assemblee gouvernement commission comite
    """.split()
)
# Words naming an event or a distinction, not who or where: "Super Bowl", "World Cup",
# "Nobel Prize", "World War II", "the Australian Open", "the Six Nations", "Coupe du monde".
# Such a name answers none of the types. Not "grand": "Alexandre le Grand", "Grand Rapids".
# (An organisation's word comes first: "the Open University", "the United Nations".)
_EVENT_WORDS = frozenset(
    """
    bowl cup cups championship championships award awards prize prizes olympics olympiad games
    trophy tournament war wars festival marathon summit open nations prix coupe championnat
    tournoi trophee guerre jeux olympiques
    """.split()
)
_PLACE_WORDS = frozenset(
    """
    street road avenue square park stadium airport island islands river mountains mountain lake
    valley county province state bridge station hall palace arena gardens bay sea ocean gulf
    coast peninsula desert forest rue place boulevard stade aeroport ile fleuve lac mont vallee
    """.split()
)
# Capitalised words that are no names in themselves: function words that open a sentence,
# months and days (dates, typed above), and the first-person pronoun.
_NOT_NAMES = frozenset(
    """
    the a an and but or if in on at to for of by from with as so yet this that these those it
    its he she they we you i his her their our my there here when where while after before
    since until although though however meanwhile also not no nor what which who how why
    then some many most all both each every other another such only even just now once
    one two three four five six seven eight nine ten several few more less
    mr mrs ms dr sir
    le la les l un une des du de et mais ou donc car ce cet cette ces il elle ils elles nous
    vous je on en au aux dans par pour sur avec sans selon apres avant depuis lors quand si
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday
    """.split()
)
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near"})
# Words before a name that may be a place or somebody ("to", "from", the French "à" folded).
_TOWARDS = frozenset(
    {"to", "from", "into", "across", "throughout", "a", "en", "au", "aux", "vers", "pres"}
)
# Words that open a place's name: "River Tyne", "Lake Geneva", "Mont Blanc".
_LEADING_PLACE_WORDS = frozenset(
    {"river", "lake", "mount", "mont", "lac", "cape", "cap", "fort", "gulf", "isle", "bay"}
)
_LEADING = _NOT_NAMES | _PERSON_TITLES
_LOWERCASE_INSTITUTION = re.compile(
    r"\b(?:minist[èe]re|banque|soci[ée]t[ée]|universit[ée]|agence|autorit[ée]|commission|"
    r"conseil|parti|f[ée]d[ée]ration|assembl[ée]e|tribunal|cour|ministry|university|bank)"
    r"\s(?:de\sla\s|de\sl'|des\s|du\s|de\s|d'|of\s|of\sthe\s)$"
)
# Without other evidence a capitalised span may name a person or an organisation: both, so
# the type a question expects is found either way ("Intel", "Denver Broncos", "Sandy Powell").
# Not a place too: that put a fitting candidate in most sentences of a place question, and the
# scorer was right less often (README, Expected types and candidates); a place needs its
# evidence (the gazetteer, "in", "to"/"à", a place word).
_BARE_NAME = (T.PERSON, T.ORGANISATION)
_NUMERIC_KINDS = frozenset(
    {T.NUMBER, T.MONEY, T.PERCENT, T.DATE, T.DURATION, T.SCORE}
)
_OPEN_NAME = (T.PERSON, T.ORGANISATION, T.TITLE)
_OPEN_PLACE = (T.PLACE, T.PERSON, T.ORGANISATION)
# The word between a place noun and its name: "the city of Bath", "la commune de Presles".
_OF = frozenset({"of", "de", "du", "d", "des"})
_NAMED_KINDS = frozenset({T.PERSON, T.PLACE, T.ORGANISATION, T.TITLE})
_BY_KIND = {kind: (kind,) for kind in _NAMED_KINDS}
_NEXT_WORD = re.compile(r"\s([a-zà-ÿ]+)\b")
_PERSON_ONLY = (T.PERSON,)
_PLACE_ONLY = (T.PLACE,)
_ORGANISATION_ONLY = (T.ORGANISATION,)
_TITLE_ONLY = (T.TITLE,)
_REPORTING = re.compile(r"\s(?:said|says|told|added|announced|a déclaré|a dit|a annoncé)\b")
_QUOTED = re.compile(r"[\"“«]\s?([^\"“”«»]{2,80}?)\s?[\"”»]")
_WORDS = re.compile(r"\w+")
_TITLE_SMALL_WORDS = frozenset(
    "a an the of and in on at to for from with or but de la le les du des et en à".split()
)


@cache
def _gazetteer(name: str) -> frozenset[str]:
    from briefing.paths import PACKAGE_DIR

    path = PACKAGE_DIR / "query" / "gazetteer" / f"{name}.txt"
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(fold(line.strip()) for line in lines if line.strip() and line[0] != "#")


def countries() -> frozenset[str]:
    """The gazetteer's countries and territories, folded ("south korea", "etats-unis")."""
    return _gazetteer("countries")


def not_a_name(folded: str) -> bool:
    """Whether a folded capitalised word is no name in itself: a function word, a month or a
    day, a title ("The", "May", "Mr")."""
    return folded in _LEADING


def demonyms() -> frozenset[str]:
    """The gazetteer's adjectives of peoples, folded ("english", "coreen")."""
    return _gazetteer("demonyms")


@cache
def place_forms() -> frozenset[str]:
    """The gazetteer's places and demonyms, folded ("italy", "italian", "coree")."""
    return _gazetteer("places") | _gazetteer("demonyms")


def find_candidates(
    sentence: str,
    question_words: Collection[str] = (),
    expected: AnswerType | None = None,
    age: bool = False,
) -> list[Candidate]:
    """The typed candidates of a sentence, by start.

    `question_words` are the question's folded words (briefing.text.tokenize surfaces): a
    candidate made only of them is left out. `expected`, the question's answer type, keeps
    the candidates that fit it (`FITS`) and skips the work for the others: none for `reason`
    and `other`. A span may carry two types when its reading is open (a bare name: person or
    organisation). `age`: the question asks how old (`asks_age`), and only an age or a length
    of time answers it, not a bare count.
    """
    found = list(_typed(sentence, expected))
    asked = question_words if isinstance(question_words, (set, frozenset)) else set(
        question_words
    )
    if question_words and found:
        found = [c for c in found if not _restates(sentence[c.start : c.end], asked)]
    if found and expected in (T.NUMBER, T.MONEY, T.DURATION) and asked.isdisjoint(_AGE_WORDS):
        # An age answers how old someone is, and no count, sum or length of time.
        found = [c for c in found if not _is_age(sentence, c)]
    elif found and age and expected is T.NUMBER:
        # "How old is Helmut Panke?" is no "10 to 15%" of his sentence: an age is read so
        # ("the 56-year-old", "Mr Hague, 43", "aged 21", "at age 39"), or as years ("19 ans").
        found = [c for c in found if c.type is T.DURATION or _is_age(sentence, c)]
    found.sort(key=lambda c: (c.start, c.end))
    return found


def _is_age(sentence: str, candidate: Candidate) -> bool:
    """Whether a candidate is read as an age: "Mr Hague, 43", "the 56-year-old", "aged 21"."""
    return bool(
        _age_apposition(sentence, candidate)
        or _AGED.search(sentence, candidate.start, candidate.end)
        or _AGE_BEFORE.search(sentence, max(0, candidate.start - 20), candidate.start)
    )


# How a question asks for an age: "how old", "what age", "quel âge" (folded, in order).
_ASKING_AGE = frozenset({("how", "old"), ("what", "age"), ("which", "age"), ("quel", "age")})


def asks_age(surfaces: Sequence[str]) -> bool:
    """Whether a question's folded words ask how old someone or something is."""
    return any(pair in _ASKING_AGE for pair in zip(surfaces, surfaces[1:], strict=False))


@lru_cache(maxsize=4096)
def _typed(sentence: str, expected: AnswerType | None) -> tuple[Candidate, ...]:
    """find_candidates() before the question's words are left out: the same for every
    question that expects the same type, so a session's repeated sentences are read once."""
    wanted = FITS[expected] if expected is not None else None
    if wanted is not None and not wanted:
        return ()
    found: list[Candidate] = []
    taken: list[tuple[int, int]] = []
    if wanted is None or wanted & _NUMERIC_KINDS:
        for match in _numeric_matches(sentence):
            kind = _GROUP_TYPES[match.lastgroup or "number"]
            start, end = match.span()
            text = match.group()
            if (kind is T.NUMBER and text[:1].isalpha() and sentence[end : end + 1] == "-"
                    and not _TIMES.match(sentence, end + 1)):
                continue  # "two-thirds", "one-off": a word, not a quantity ("six-time": one)
            if (
                kind is T.DATE
                and match.lastgroup == "date"
                and text in ("May", "March")
                and not _near_number(sentence, start, end)
            ):
                continue  # the verb "may", a "March" that opens a sentence
            if kind is T.NUMBER and text.isdigit() and len(text) in (3, 4) and (
                _YEAR_PREPOSITIONS.get(_word_before(sentence, start), 5) <= len(text)
                and _next_word(sentence, end) in _AFTER_YEAR
            ):
                kind = T.DATE  # "in 1263", "en 761": a year before 1500 (_YEAR's are taken)
            elif kind is T.DURATION and sentence.startswith(" ago", end):
                kind, end = T.DATE, end + 4  # "66 million years ago"
            elif kind is T.DURATION and (old := _AGED.match(sentence, end)):
                kind, end = T.NUMBER, old.end()  # "the 29-year-old": an age, no duration
            if kind is T.NUMBER and expected is T.MONEY and _MEASURED.search(text):
                continue  # "a 26-inch screen": a measure is no sum
            found.append(Candidate(kind, start, end))
            taken.append((start, end))
            if expected is T.DATE and (match.lastgroup == "racetime" or (
                    kind is T.DURATION and _word_before(sentence, start) in _AFTER)):
                # A time read both ways ("2:23:10"), and the moment a span of time ends
                # ("scored after 23 minutes", "revenu après trois ans"): "when" asks for it.
                found.append(Candidate(T.DATE, start, end))
            if (kind is T.NUMBER and _EARLY_YEAR.fullmatch(text)
                    and _next_word(sentence, end) in _AFTER_YEAR):
                # "around November 1347 and", "after 1279.": a year before 1500 or a count,
                # both readings open (the expected type's is kept first); "1200 members" is
                # a count.
                found.append(Candidate(T.DATE, start, end))
    if wanted is None or wanted & _NAMED_KINDS:
        found.extend(_names(sentence, taken))
        for quoted in _QUOTED.finditer(sentence):
            if _quotes_a_title(sentence, quoted):
                found.append(Candidate(T.TITLE, quoted.start(1), quoted.end(1)))
    if wanted is not None:
        # One candidate a span: a bare name is a person and an organisation, and both may
        # fit ("who"); the expected type's own reading first.
        found.sort(key=lambda c: c.type is not expected)
        spans: set[tuple[int, int]] = set()
        kept = []
        for candidate in found:
            if candidate.type in wanted and (candidate.start, candidate.end) not in spans:
                spans.add((candidate.start, candidate.end))
                kept.append(candidate)
        found = kept
    return tuple(found)


def _numeric_matches(sentence: str) -> list[re.Match[str]]:
    """The quantities of a sentence: each word or sign that may start one tries the readings
    that can start so, and a match skips the words it covers."""
    matches: list[re.Match[str]] = []
    cursor = reached = 0
    find = sentence.find
    for run in _RUNS.findall(sentence):
        start = find(run, cursor)
        cursor = start + len(run)
        if start < reached:
            continue
        first = run[0]
        if first.isdigit():
            if start and sentence[start - 1] in _CURRENCY_SIGNS:
                continue  # the sign's reading took it
            if start and (sentence[start - 1].isalpha() or sentence[start - 1] in ".,:"):
                continue  # inside a word or a number ("G8", "1.5"): its start decided
            pattern = _reading("digit")
        elif first in _CURRENCY_SIGNS:
            pattern = _reading("sign")
            if sentence[max(0, start - 2) : start] in ("US", "HK"):
                start -= 2  # US$5
            elif start and sentence[start - 1] in "AC":
                start -= 1  # A$5, C$5
        else:
            kind = _STARTS.get(run.lower() if run.isascii() else fold(run))
            if kind is None or (start and sentence[start - 1].isalnum()):
                continue
            pattern = _reading(kind)
        match = pattern.match(sentence, start)
        if match is not None and match.end() > start:
            matches.append(match)
            reached = match.end()
    return matches


def _quotes_a_title(sentence: str, quoted: re.Match[str]) -> bool:
    """Whether quoted words are a title: in title case ("The Greatest Gift"), or after a noun
    of works (« Entre les murs » after "film"); other quotes are speech."""
    words = quoted.group(1).split()
    if all(w[0].isupper() or w in _TITLE_SMALL_WORDS for w in words):
        return True
    before = sentence[max(0, quoted.start() - 20) : quoted.start()].split()
    return bool(before) and words[0][0].isupper() and noun_type(
        _fold_word(before[-1])
    ) is T.TITLE


# Words after which a bare number of three or four digits is a year, when no noun follows
# it ("in 1263", "jusqu'en 761"; "in 300 stores" is a count) and words that may follow one.
_YEAR_PREPOSITIONS = {  # each with the fewest digits a year after it has
    **dict.fromkeys("in since until till around circa year en depuis vers an annee".split(),
                    3),
    **dict.fromkeys(["from", "to", "entre"], 4),  # "rose from 300 to 450": counts
}
_AFTER_YEAR = frozenset(
    "and to during when after before until the bc ad et a au pendant avant apres lors le la "
    "les par".split()
) | {""}


def _word_before(sentence: str, start: int) -> str:
    """The folded word just before `start`: "in" of "in 1263"; after an elision, the word
    it joins ("en" of "jusqu'en 1046", "an" of "l'an 761")."""
    before = sentence[max(0, start - 12) : start].rstrip(" '’").rsplit(None, 1)
    word = before[-1] if before else ""
    for mark in "'’":  # "jusqu'en", "l'an": the word after the elision
        word = word.rsplit(mark, 1)[-1]
    return _fold_word(word)


def _near_number(sentence: str, start: int, end: int) -> bool:
    before = sentence[max(0, start - 4) : start]
    after = sentence[end : end + 5]
    return any(c.isdigit() for c in before + after) or sentence[max(0, start - 3) : start] in (
        "in ",
        "of ",
    )


def _restates(text: str, asked: Collection[str]) -> bool:
    # A lone letter is an elision or a possessive ("OpenAI’s CEO"), not a word of its own.
    words = [w for w in _WORDS.findall(fold(text)) if len(w) > 1 or w.isdigit()]
    return bool(words) and all(_asked(w, asked) for w in words)


def _asked(word: str, asked: Collection[str]) -> bool:
    """Whether the question holds a word, in the singular or the plural ("Super Bowls" for
    "a Super Bowl", "dollar" for "dollars"): an -s plural, English's and French's commonest."""
    if word in asked or word + "s" in asked:
        return True
    return len(word) > 3 and word.endswith("s") and word[:-1] in asked


def _without_clitic(word: str) -> str:
    """A folded word without its "'s" ("it's" -> "it")."""
    return word[:-2] if word.endswith(("'s", "’s")) else word


def _fold_word(word: str) -> str:
    word = word.strip(".,'’")
    return word.lower() if word.isascii() else fold(word)


def _names(sentence: str, taken: list[tuple[int, int]]) -> list[Candidate]:
    """Typed spans of capitalised words, those the numeric scan took left out."""
    places, demonyms = _gazetteer("places"), _gazetteer("demonyms")
    found: list[Candidate] = []
    for match in _NAME.finditer(sentence):
        start, end = match.span()
        if taken and any(a <= start < b for a, b in taken):
            continue  # inside a quantity ("Jan" of a date); a name may end with one ("Halo 2")
        words = match.group().split()
        if words[0][:2] in ("L'", "L’", "D'", "D’") and len(words[0]) > 3:
            words[0] = words[0][2:]  # "L’Ouganda": the article elided before the name
            start += 2
            # "L'opérateur sud-coréen", "L'équipe de France": the capital is the sentence's;
            # a name may follow ("France").
            while words and not words[0][:1].isupper():
                start = sentence.index(words[0], start) + len(words[0])
                del words[0]
            if not words:
                continue
            start = sentence.index(words[0], start)
        folded = [_fold_word(w) for w in words]
        # Sentence-opening function words and titles are not part of the name.
        lead_title = False
        while folded and (
            _without_clitic(folded[0]) in _NOT_NAMES  # "It's", "There's" too
            # A title or an office opens a person's name ("Lord Sainsbury", "Editor Piers
            # Morgan"), not an organisation's ("General Motors", "King's College").
            or ((_without_clitic(folded[0]) in _PERSON_TITLES
                 or (len(folded) > 1 and folded[0] in _OFFICES))
                and not any(w in _ORG_WORDS for w in folded[1:]))
        ):
            lead_title = lead_title or folded[0] in _PERSON_TITLES
            start += len(words[0]) + 1
            del words[0], folded[0]
        if all(w in _OFFICE_QUALIFIERS or w in _OFFICES or w in _PERSON_TITLES
               for w in folded):
            continue  # "the Prime Minister", "the Chief Executive": an office, no name
        while folded and folded[-1] in _NOT_NAMES:
            end -= len(words[-1]) + 1
            del words[-1], folded[-1]
        if not words or start >= end or not words[0][:1].isalpha():
            continue
        while end > start and sentence[end - 1] in ".,;:'’":
            end -= 1
        if sentence[end - 2 : end] in ("'s", "’s"):  # the possessive: "Kakao’s stock"
            end -= 2
            words[-1] = words[-1][:-2]
            folded[-1] = _fold_word(words[-1])
        if all(w in demonyms for w in folded):
            continue  # "British", "South African": adjectives
        inner = next((i for i in range(len(folded) - 2, 0, -1)
                      if folded[i] in _PERSON_TITLES or folded[i] in _OFFICES), None)
        if inner is not None:  # "... Superior Court Judge James Kleinberg": a person after it
            person = sentence.find(words[inner + 1], start)
            found.append(Candidate(T.PERSON, person, end))
            # The office and its qualifiers are no name: "Foreign Secretary", "Italian Prime".
            while inner and (folded[inner - 1] in _OFFICE_QUALIFIERS
                             or folded[inner - 1] in _PERSON_TITLES
                             or folded[inner - 1] in _OFFICES):
                inner -= 1
            if not inner or all(w in demonyms for w in folded[:inner]):
                continue
            end = sentence.rfind(words[inner], start, end) - 1
            words, folded = words[:inner], folded[:inner]
        kind = _name_type(sentence, start, end, words, folded, lead_title, places)
        if kind is None:
            continue
        if kind[0] is T.ORGANISATION or kind[0] is T.PERSON:
            # French writes an institution's own word in lowercase: "ministère de la Défense".
            head = _LOWERCASE_INSTITUTION.search(sentence, max(0, start - 40), start)
            if head is not None:
                start, kind = head.start(), (T.ORGANISATION,)
        for one in kind:
            found.append(Candidate(one, start, end))
    return found


def _name_type(
    sentence: str,
    start: int,
    end: int,
    words: list[str],
    folded: list[str],
    lead_title: bool,
    places: frozenset[str],
) -> tuple[AnswerType, ...] | None:
    """The types of a capitalised span, from the evidence around it; None when it is only a
    word capitalised because it opens the sentence."""
    before = sentence[max(0, start - 24) : start].rstrip()
    opens_sentence = (not before and start < 24) or (before[-1:] in tuple(".!?:\"“«"))
    previous = _fold_word(before.rsplit(None, 1)[-1]) if before else ""
    whole = " ".join(folded)
    if lead_title or previous in _PERSON_TITLES:
        return _PERSON_ONLY
    if any(w in _ORG_WORDS for w in folded) or (len(words) == 1 and _acronym(words[0])):
        return _PLACE_ONLY if whole in places else _ORGANISATION_ONLY
    if any(w in _EVENT_WORDS for w in folded):
        return None  # "Super Bowl XXXIII", "la Coupe du monde": an event, nobody's name
    if whole in places or any(w in _PLACE_WORDS for w in folded[1:]) or (
            len(folded) > 1 and folded[0] in _LEADING_PLACE_WORDS):
        return _PLACE_ONLY
    if any(c.isdigit() for c in whole):
        return _TITLE_ONLY  # "Halo 2", "Firefox 1.0"
    if before.endswith("The"):
        ahead = before[:-3].rstrip()
        if ahead and ahead[-1] not in ".!?:\"“«":
            return _TITLE_ONLY  # a mid-sentence "The Last Samurai"
        if len(words) > 1:
            return _OPEN_NAME  # "The Last Samurai, starring...", "The Pittsburgh Steelers"
    # A typed noun beside it says what it names: "airline Lufthansa", "the Curzon Mayfair
    # cinema", "the designer Alexander McQueen", "the film Ray"; not across punctuation ("On
    # the next play, Miller stripped the ball").
    adjacent = previous if before[-1:].isalpha() else ""
    following = _next_word(sentence, end)
    for neighbour in (adjacent, following):
        kind = noun_type(neighbour) if neighbour.islower() else None
        if kind in _NAMED_KINDS:
            return _BY_KIND[kind]
    evidence = (
        len(words) > 1
        or not words[0][1:].islower()  # DeepSeek, BBC
        or _REPORTING.match(sentence, end) is not None
        or sentence[end : end + 2] in ("'s", "’s")
    )
    if opens_sentence and not evidence:
        return None
    if previous in _PLACE_PREPOSITIONS and len(words) <= 2:
        return _PLACE_ONLY
    if previous in _TOWARDS and len(words) <= 2:
        return _OPEN_PLACE  # "moved to Bayonne", "né à Williamstown", "sent to Smith"
    if previous in _OF and noun_type(_noun_before(before)) is T.PLACE:
        return _OPEN_PLACE  # "the city of Bath", "la région du Latium", "port of Hamburg"
    return _BARE_NAME


# The words of a question asking someone's age ("how old", "at what age", "quel âge").
_AGE_WORDS = frozenset({"old", "age", "aged", "ages", "older", "oldest", "youngest"})
_APPOSED = re.compile(r"[A-Z][\w'’.-]*, $")


def _age_apposition(sentence: str, candidate: Candidate) -> bool:
    """Whether a number is a person's age in apposition ("Prince Charles, 56, and Mrs Parker
    Bowles, 57, hosted"): a name, then the number between commas. News gives the age of whom
    it names; a question counting something else is not answered by it."""
    start, end = candidate.start, candidate.end
    return (
        candidate.type is T.NUMBER
        and sentence[start:end].isdigit()
        and len(sentence[start:end]) <= 3
        and sentence[end : end + 1] == ","
        and _APPOSED.search(sentence, max(0, start - 40), start) is not None
    )


def _noun_before(before: str) -> str:
    """The folded word before the last one of `before` ("city" of "the city of")."""
    words = before.split()
    return _fold_word(words[-2]) if len(words) > 1 else ""


def _next_word(sentence: str, end: int) -> str:
    match = _NEXT_WORD.match(sentence, end)
    return match.group(1) if match is not None else ""


def _acronym(word: str) -> bool:
    letters = word.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()
