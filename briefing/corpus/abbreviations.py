"""Provides the one list of abbreviations whose full stop does not end a sentence.

Both splitters read it: the paragraph cutter (briefing.corpus.paragraphs), which asks whether
a line or a long passage ends a sentence, and the sentence splitter (briefing.corpus.sentences),
which answers and corroboration cut paragraphs with. Words are lower case, without the final
stop. English and French ones, since the splitters serve both.

Left out on purpose: words that often do end a sentence ("etc.", "Corp.", "Inc.", "me.") and
"mar", which is March in English but "sea" in Spanish and Catalan ("cerca del mar.").
"""

from __future__ import annotations

__all__ = ["ABBREVIATIONS", "BEFORE_NUMBER", "never_ends_sentence"]

ABBREVIATIONS: frozenset[str] = frozenset(
    # titles and ranks
    "mr mrs ms dr prof sr jr st ste mt gen col lt sgt capt cpt gov sen rep pres rev "
    "mme mlle mm mgr "
    # months
    "jan feb apr jun jul aug sep sept oct nov dec "
    # references and Latin
    "vs cf e.g i.e approx dept univ av env".split()
)
# Abbreviations that stand before a number ("Vol. 2", "No. 5", "p. 12", "art. 3"): they end
# no sentence when a digit follows, and may end one otherwise ("Say no. Then leave.").
BEFORE_NUMBER: frozenset[str] = frozenset("vol no nos p pp art ch sec fig op ed nr c ca".split())


def never_ends_sentence(word: str, before_digit: bool) -> bool:
    """Whether a full stop after `word` (as written, without the stop) cannot end a sentence:
    an abbreviation, or one of BEFORE_NUMBER when a digit follows (`before_digit`)."""
    lowered = word.casefold()
    return lowered in ABBREVIATIONS or (before_digit and lowered in BEFORE_NUMBER)
