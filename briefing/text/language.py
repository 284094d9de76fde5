"""Provides language detection of documents and of their paragraphs (py3langid, loaded lazily)."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Sequence
from typing import Any

__all__ = ["assign_languages", "detect_language"]

# Detection reads at most this much of a text: plenty for a confident answer, and the
# identifier walks its input byte by byte in Python.
SAMPLE_CHARS = 2_000
# Below this many letters a paragraph (a headline, a byline) is not worth detecting on its own.
MIN_PARAGRAPH_LETTERS = 40
# A paragraph keeps its own language only when the detection is at least this sure; the
# identifier is well calibrated, and real other-language paragraphs score above 0.99.
MIN_CONFIDENCE = 0.9
_MIN_LETTERS = 3

_LETTERS = re.compile(r"[^\W\d_]")
_identifier: Any = None
_identifier_lock = threading.Lock()


def _get_identifier() -> Any:
    """The one py3langid identifier, with probabilities normalised to 0..1, built on first use."""
    global _identifier
    if _identifier is None:
        with _identifier_lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                if hasattr(LanguageIdentifier, "from_model_file"):  # py3langid >= 0.4
                    _identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
                else:  # py3langid < 0.4 shipped a pickled model
                    _identifier = LanguageIdentifier.from_pickled_model(MODEL_FILE, norm_probs=True)
    return _identifier


def _letter_count(text: str) -> int:
    return len(_LETTERS.findall(text))


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639 code, probability 0..1) of text; (None, 0.0) for text with fewer than 3 letters."""
    sample = text[:SAMPLE_CHARS]
    if _letter_count(sample) < _MIN_LETTERS:
        return None, 0.0
    code, probability = _get_identifier().classify(sample)
    if code in ("zxx", "und"):  # the model's "no linguistic content"
        return None, 0.0
    return str(code), float(probability)


def _document_sample(texts: Sequence[str]) -> str:
    """The start of the joined text, without joining a whole long document."""
    parts: list[str] = []
    size = 0
    for text in texts:
        parts.append(text)
        size += len(text) + 2
        if size >= SAMPLE_CHARS:
            break
    return "\n\n".join(parts)[:SAMPLE_CHARS]


def assign_languages(texts: Sequence[str]) -> list[str | None]:
    """Languages of the paragraphs of ONE document, in order.

    The document's language is detected on its joined text. A paragraph with fewer than ~40
    letters, or whose own detection is not confident, inherits it, so headlines, bylines and
    one-liners are not mislabelled. Codes may be ones no analyzer supports ('ja').
    """
    if not texts:
        return []
    document, _ = detect_language(_document_sample(texts))
    own: list[str | None] = []
    for text in texts:
        sample = text[:SAMPLE_CHARS]
        code: str | None = None
        if _letter_count(sample) >= MIN_PARAGRAPH_LETTERS:
            detected, probability = detect_language(sample)
            if probability >= MIN_CONFIDENCE:
                code = detected
        own.append(code)
    if document is None:
        # The start of the document had no words (a table, a list of figures): fall back on
        # what its paragraphs say, the most common confident language.
        counts = Counter(code for code in own if code is not None)
        document = counts.most_common(1)[0][0] if counts else None
    return [code if code is not None else document for code in own]
