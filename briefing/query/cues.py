"""Provides the language cues answer selection reads: anaphors, the words that point back.

Only folded surfaces (briefing.text.normalize.fold). A language without cues simply gets no
help from them: the rest of the scoring works for every language. (What a question asks for,
a number among others, is briefing.query.answer_types's job.)
"""

from __future__ import annotations

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
