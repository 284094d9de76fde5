"""Provides written_in(): the language a question is written in, from its function words.

A question is too short for a character n-gram identifier, but its function words ("qui",
"en", "the", "is") say which language it is in, whatever languages the folder holds: a French
question on an English folder is French. Every language the analyzers know takes part.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.text.analyzer import SUPPORTED_LANGUAGES, analyzer_for

__all__ = ["written_in"]

# Letters that only some of the languages write: a tie on shared function words ("que", "de",
# "la", "en" are French and Spanish) goes to the language whose letters the question uses.
_LETTERS: dict[str, str] = {
    "fr": "éèêàçùâîôûëïœÉÈÊÀÇ",
    "es": "ñáíóú¿¡Ñ",
    "pt": "ãõâêôçáíóúà",
    "it": "àèéìòù",
    "de": "äöüßÄÖÜ",
    "nl": "ĳë",
    "da": "æøåÆØÅ",
    "no": "æøåÆØÅ",
    "sv": "åäöÅÄÖ",
    "tr": "ğışçöüĞİŞ",
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
}
# Ties between languages with as many function words and none of them in the folder: the more
# widely written language first (the order of the languages' shares of web pages).
_COMMONNESS = ("en", "es", "de", "fr", "ru", "pt", "it", "nl", "tr", "sv", "da", "no")


def written_in(
    surfaces: Sequence[str], shares: Mapping[str, int] | None = None, text: str = ""
) -> str | None:
    """The code of the language whose stopwords and question words the question's folded words
    use most; ties go to the language with more of the folder (`shares`: code -> paragraphs),
    then to the one whose own letters the question's `text` holds most, then to the commoner
    one. None when the question uses no function word (keywords)."""
    shares = shares or {}
    best: tuple[int, int, int, int] | None = None
    chosen: str | None = None
    for code in SUPPORTED_LANGUAGES:
        analyzer = analyzer_for(code)
        hits = sum(analyzer.is_question_stopword(s) for s in surfaces)
        if not hits:
            continue
        letters = _LETTERS.get(code, "")
        own = sum(text.count(c) for c in letters) if text and not text.isascii() else 0
        rank = (hits, shares.get(code, 0), own, -_COMMONNESS.index(code))
        if best is None or rank > best:
            best, chosen = rank, code
    return chosen
