"""Provides anaphors, the words that point back to the sentence before, per language.

Answer selection reads them (a sentence that points back is shown with the one it points
to) and so does the briefing (a fact must stand alone). Only folded surfaces
(briefing.text.normalize.fold). A language without them simply gets no help from them.
"""

from __future__ import annotations

from functools import cache
from itertools import islice

from briefing.text.tokenize import iter_tokens

ANAPHOR_REACH = 2  # an anaphor counts among this many first words of a sentence

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


def anaphors(language: str | None) -> frozenset[str]:
    """The words that point back to the previous sentence, in one language."""
    return _ANAPHORS.get(language or "", frozenset())


# "There" opens a sentence that stands alone as often as one that points back ("There are now
# more than 5m broadband users"): a fact read alone is not judged by it.
_STANDS_ALONE_WITH = frozenset({"there"})
# A demonstrative before a word of time points to the present, not to a sentence before
# ("Earlier this month, SBC agreed...", "Cette année, ...").
_DEMONSTRATIVES = frozenset("this these ce cet cette ces dies diese dieser dieses este esta "
                            "estos estas".split())
_TIME_WORDS = frozenset(
    "day days week weekend weeks month months year years season summer winter spring autumn "
    "morning afternoon evening night time century decade quarter "
    "jour jours semaine semaines mois annee annees an ans saison ete hiver printemps automne "
    "matin soir nuit fois siecle trimestre "
    "tag woche monat jahr saison sommer winter jahrhundert "
    "dia semana mes ano temporada verano invierno siglo".split()
)


# Words that point back when they open a sentence ("That means the Fed ..."), and not
# always after its first word ("Figures that show ..."). Not anaphors for answers: as one,
# "that" cost XQuAD test 0.003 and PIAF test 0.004 of right first answers.
_OPENING_POINTERS: dict[str, frozenset[str]] = {"en": frozenset({"that"})}
# Nouns that news opens a sentence with to name what the sentences before told ("The move
# comes a day after...", "The money would be used to..."): shell nouns (Schmid 2000), after
# the definite article and before the sentence's verb. With a complement ("The decision to
# close...", "The report by the IMF...") the sentence says what they are, and stands alone.
_SHELL_NOUNS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "move moves deal decision plan plans announcement news report figures money cash rise "
        "fall increase cut cuts measure measures proposal proposals scheme change changes call "
        "warning comments remarks claim claims ruling verdict agreement offer bid sale takeover "
        "merger case incident attack row dispute idea problem result results findings survey "
        "study".split()
    ),
}
_ARTICLES = {"en": "the"}
_COMPLEMENTS = frozenset("of to by that for from on in at with which who whose".split())
# French "il y a" is "there is": its "il" and "y" point at nothing.
_IMPERSONAL = frozenset({("il", "y"), ("y", "a")})


@cache
def _pointers(language: str | None) -> frozenset[str]:
    return anaphors(language) - _STANDS_ALONE_WITH


def opens_by_pointing_back(sentence: str, language: str | None) -> bool:
    """Whether a sentence read alone leaves a reader asking what its first words refer to
    ("These would replace current powers...", "But he said...", "The move comes..."): an
    anaphor of its language among its first ANAPHOR_REACH words, a demonstrative of time and
    an impersonal "il y a" aside, or a shell noun after the article, with no complement."""
    pointers = _pointers(language)
    first = [surface for surface, _, _, _ in islice(iter_tokens(sentence), ANAPHOR_REACH + 1)]
    if first and first[0] in _OPENING_POINTERS.get(language or "", ()):
        return True
    if (
        len(first) > 2
        and first[0] == _ARTICLES.get(language or "")
        and first[1] in _SHELL_NOUNS.get(language or "", frozenset())
        and first[2] not in _COMPLEMENTS
    ):
        return True  # "The move comes ...", not "The move to ..."
    return any(
        word in pointers
        and not (word in _DEMONSTRATIVES and after in _TIME_WORDS)
        and (word, after) not in _IMPERSONAL
        for word, after in zip(first[:ANAPHOR_REACH], [*first[1:], ""], strict=False)
    )
