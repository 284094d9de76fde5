"""Provides the language cues answer selection reads: anaphors, and questions that want a number.

Only folded surfaces (briefing.text.normalize.fold). A language without cues simply gets no
help from them: the rest of the scoring works for every language.
"""

from __future__ import annotations

from collections.abc import Sequence

# Words that, among the first words of a sentence, refer back to the sentence before ("It is
# the county seat of...", "Ces quatre basiliques..."): that sentence's words count for it.
_ANAPHORS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "it its this these those they their them he she his her such there thus".split()
    ),
    "fr": frozenset(
        "il elle ils elles ce cet cette ces celui celle ceux celles son sa ses leur leurs "
        "lui cela ceci y".split()
    ),
    "de": frozenset(
        "er sie es sein seine ihr ihre dies diese dieser dieses jener jene dort dabei".split()
    ),
    "es": frozenset(
        "el ella ellos ellas su sus este esta estos estas ese esa esos esas eso esto alli".split()
    ),
}

# Word sequences of a question that ask for a quantity, a date or a time.
_NUMBER_QUESTIONS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": tuple(
        tuple(p.split())
        for p in (
            "how many", "how much", "how long", "how old", "how far", "how large", "how big",
            "how tall", "how high", "how often", "how fast", "when", "what year",
            "which year", "what date", "what percentage", "what percent", "what age",
            "what century", "which century",
        )
    ),
    "fr": tuple(
        tuple(p.split())
        for p in (
            "combien", "quand", "quelle annee", "quel age", "quelle date", "quel pourcentage",
            "quel siecle", "quelle epoque",
        )
    ),
    "de": tuple(
        tuple(p.split())
        for p in ("wie viele", "wie viel", "wie lange", "wie alt", "wann", "welchem jahr")
    ),
    "es": tuple(
        tuple(p.split())
        for p in ("cuantos", "cuantas", "cuanto", "cuanta", "cuando", "que ano", "que edad")
    ),
}

# Words that state a quantity or a date without digits.
_NUMBER_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
        "fifty hundred hundreds thousand thousands million millions billion billions dozen "
        "dozens half january february march april may june july august september october "
        "november december century centuries".split()
    ),
    "fr": frozenset(
        "un une deux trois quatre cinq six sept huit neuf dix onze douze vingt trente quarante "
        "cinquante soixante cent cents mille million millions milliard milliards douzaine "
        "moitie janvier fevrier mars avril mai juin juillet aout septembre octobre novembre "
        "decembre siecle siecles".split()
    ),
    "de": frozenset(
        "eins zwei drei vier funf sechs sieben acht neun zehn elf zwolf zwanzig hundert "
        "tausend million millionen milliarde milliarden januar februar marz april mai juni "
        "juli august september oktober november dezember jahrhundert".split()
    ),
    "es": frozenset(
        "uno una dos tres cuatro cinco seis siete ocho nueve diez once doce veinte treinta "
        "cien ciento mil millon millones enero febrero marzo abril mayo junio julio agosto "
        "septiembre octubre noviembre diciembre siglo".split()
    ),
}

# Question words are at most this far into a question ("In what year...", "Et depuis quand").
_QUESTION_WORD_REACH = 4


def anaphors(language: str | None) -> frozenset[str]:
    """The words that point back to the previous sentence, in one language."""
    return _ANAPHORS.get(language or "", frozenset())


def wants_number(surfaces: Sequence[str], language: str | None) -> bool:
    """Whether a question (its folded words in order) asks for a quantity or a date."""
    for pattern in _NUMBER_QUESTIONS.get(language or "", ()):
        width = len(pattern)
        for start in range(min(_QUESTION_WORD_REACH, len(surfaces) - width + 1)):
            if tuple(surfaces[start : start + width]) == pattern:
                return True
    return False


def number_words(language: str | None) -> frozenset[str]:
    """The words that name a number or a date in one language ("twelve", "mars")."""
    return _NUMBER_WORDS.get(language or "", frozenset())


def is_number(surface: str, language: str | None) -> bool:
    """Whether a folded word states a quantity or a date: it has a digit, or is a number word."""
    return any(c.isdigit() for c in surface) or surface in _NUMBER_WORDS.get(language or "", ())
