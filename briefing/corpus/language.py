"""Provides language detection of documents and of their paragraphs (py3langid, loaded lazily).

py3langid walks its byte automaton in Python, one byte at a time, and scores each text with a
float16 matrix product; over a large folder that is most of the indexing time. Paragraphs are
therefore classified in batches (`classify_many`): the same automaton walked for many texts at
once with numpy, and the same naive-Bayes scores, so the codes and probabilities are py3langid's
own (a test holds them equal to `classify`).
"""

from __future__ import annotations

import math
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Sequence
from itertools import islice
from pathlib import Path
from typing import Any

from briefing.corpus.language_model import ModelTables, load_tables

__all__ = [
    "assign_languages",
    "assign_languages_many",
    "classify_many",
    "detect_language",
    "preload",
]

# Detection reads at most this much of a text: plenty for a confident answer, and the
# identifier walks its input byte by byte in Python.
SAMPLE_CHARS = 2_000
# A paragraph's own detection reads less: it only has to notice a paragraph clearly in
# another language. On the 1,001 XQuAD and PIAF paragraphs (757 characters on average) no
# paragraph's outcome differs from reading 2,000 characters; indexing gains a third.
PARAGRAPH_SAMPLE_CHARS = 500
# Below this many letters a paragraph (a headline, a byline) is not worth detecting on its own.
MIN_PARAGRAPH_LETTERS = 40
# A paragraph keeps its own language only when the detection is at least this sure; the
# identifier is well calibrated, and real other-language paragraphs score above 0.99.
MIN_CONFIDENCE = 0.9
_MIN_LETTERS = 3

# Once a process has classified this many texts, the weights are held as float32
# (ModelTables.dense). Measured on BBC paragraphs: gathering float16 rows costs about 22 us
# more per text, converting the weights once 25-90 ms.
DENSE_AFTER_TEXTS = 2_000

_LETTERS = re.compile(r"[^\W\d_]")
_identifier: Any = None
_identifier_lock = threading.Lock()
_tables: ModelTables | None = None
_tables_lock = threading.Lock()
_classified = 0  # texts classified by this process (DENSE_AFTER_TEXTS)
# Texts walked together: enough to spread numpy's per-call cost, small enough for the matrices.
_BATCH = 2048


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


def _has_letters(text: str, count: int) -> bool:
    """Whether text holds at least `count` letters (stops scanning once it has seen them)."""
    return next(islice(_LETTERS.finditer(text), count - 1, None), None) is not None


def preload(cache: Path | None = None, *, dense: bool = False) -> None:
    """Load the model now (before forking workers, so that they share one copy).

    `cache`: the cache folder, where the model is kept uncompressed (language_model);
    `dense`: hold its weights as float32 in memory, for classifying many texts.
    """
    _get_tables(cache, dense)


def _get_tables(cache: Path | None = None, dense: bool = False) -> ModelTables:
    global _tables
    with _tables_lock:
        if _tables is None:
            _tables = load_tables(_get_identifier, cache)
        if dense:
            _tables = _tables.dense()
        return _tables


def _encode(text: str) -> bytes:
    """The bytes py3langid classifies (its `_encode` of a str)."""
    if text.isupper():
        text = text.lower()
    return unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")


def _walk(tables: ModelTables, encoded: list[bytes]) -> Any:
    """The automaton walked over every text at once, one byte of each per step.

    Texts are taken longest first (`encoded` must be in that order), so the ones still being
    read at step j are a prefix. Returns the features emitted, one text per row (-1: none or
    past the end).
    """
    import numpy as np

    lengths = [len(text) for text in encoded]
    width = lengths[0] if lengths else 0
    matrix = np.zeros((width, len(encoded)), dtype=np.uint8)
    for column, text in enumerate(encoded):
        matrix[: len(text), column] = np.frombuffer(text, dtype=np.uint8)
    ascending = np.asarray(lengths[::-1], dtype=np.int64)
    active = (len(lengths) - np.searchsorted(ascending, np.arange(width), "right")).tolist()
    emitted = np.full((len(encoded), width), -1, dtype=np.int32)
    by_step = emitted.T
    state = np.zeros(len(encoded), dtype=np.int32)  # every walk starts in state 0
    next_state, row, feature = tables.next_state, tables.row, tables.feature
    for j in range(width):
        count = active[j]
        state = next_state[row[state[:count]] + matrix[j, :count]]
        by_step[j, :count] = feature[state]
    return emitted


def _feature_counts(tables: ModelTables, emitted: Any) -> tuple[Any, Any, Any]:
    """Each text's features with their counts, in order of first occurrence.

    That is the order of py3langid's Counter, so the score sums below add the same numbers in
    the same order. Two sorts of packed integer keys do it for the whole batch. Returns
    (starts, features, counts): text i owns features[starts[i]:starts[i + 1]].
    """
    import numpy as np

    texts, width = emitted.shape
    flat = emitted.ravel()
    where = np.flatnonzero(flat >= 0)  # text * width + position
    text = where // max(width, 1)
    position_bits = max(width, 1).bit_length()
    feature_bits = tables.feature_bits
    low = (1 << position_bits) - 1
    # (text, feature, position): sorting groups each feature of a text, first position first.
    keys = (text << (feature_bits + position_bits)) | (where - text * width)
    keys |= flat[where].astype(np.int64) << position_bits
    del where, text
    if not keys.size:  # not one n-gram the model knows, in any text
        return np.zeros(texts + 1, dtype=np.int64), keys, keys
    keys.sort()
    group = keys >> position_bits
    starts = np.flatnonzero(np.concatenate(([True], group[1:] != group[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    first = keys[starts] & low
    group = group[starts]
    del keys
    # (text, first position, feature, count): sorting puts each text's features in order.
    count_bits = position_bits + 1
    text_shift = position_bits + feature_bits + count_bits
    ordered = ((group >> feature_bits) << text_shift) | (first << (feature_bits + count_bits))
    ordered |= ((group & ((1 << feature_bits) - 1)) << count_bits) | counts
    ordered.sort()
    text_starts = np.searchsorted(ordered >> text_shift, np.arange(texts + 1))
    found = (ordered >> count_bits) & ((1 << feature_bits) - 1)
    return text_starts, found, ordered & ((1 << count_bits) - 1)


def _classify_batch(tables: ModelTables, encoded: list[bytes]) -> list[tuple[str, float]]:
    """py3langid's `classify` of each text (its `_decide`, step by step, for many at once)."""
    import numpy as np

    order = sorted(range(len(encoded)), key=lambda i: -len(encoded[i]))
    longest_first = [encoded[i] for i in order]
    starts, features, counts = _feature_counts(tables, _walk(tables, longest_first))
    logs = np.log1p(counts.astype(np.float32))
    scores = np.zeros((len(encoded), len(tables.classes)), dtype=np.float32)
    bounds = starts.tolist()
    weights, prior = tables.weights, tables.prior
    for i in range(len(encoded)):
        low, high = bounds[i], bounds[i + 1]
        if low < high:  # no feature at all: py3langid scores 0.0 everywhere (norm_probs)
            rows = np.take(weights, features[low:high], axis=0).astype(np.float32, copy=False)
            scores[i] = logs[low:high] @ rows + prior
    scale = [np.float32(1.0 / math.sqrt(len(text) or 1)) for text in longest_first]
    scores *= np.asarray(scale, dtype=np.float32)[:, None]
    np.exp(scores - scores.max(axis=1, keepdims=True), out=scores)
    scores /= scores.sum(axis=1, keepdims=True)
    for first, duplicate in tables.alias_pairs:
        scores[:, first] += scores[:, duplicate]
        scores[:, duplicate] = 0.0
    best = scores.argmax(axis=1)
    confidence = scores[np.arange(len(encoded)), best].tolist()
    results: list[tuple[str, float]] = [("", 0.0)] * len(encoded)
    for i, b, c in zip(order, best.tolist(), confidence, strict=True):
        results[i] = (tables.classes[b], c)
    return results


def classify_many(texts: Sequence[str]) -> list[tuple[str, float]]:
    """py3langid's `classify(text)` of each text, with normalised probabilities, in batches."""
    global _classified
    _classified += len(texts)
    tables = _get_tables(dense=_classified > DENSE_AFTER_TEXTS)
    encoded = [_encode(text) for text in texts]
    results: list[tuple[str, float]] = []
    for start in range(0, len(encoded), _BATCH):
        results.extend(_classify_batch(tables, encoded[start : start + _BATCH]))
    return results


def detect_language(text: str) -> tuple[str | None, float]:
    """(ISO 639 code, probability 0..1) of text; (None, 0.0) for text with fewer than 3 letters."""
    sample = text[:SAMPLE_CHARS]
    if not _has_letters(sample, _MIN_LETTERS):
        return None, 0.0
    return _as_language(*classify_many([sample])[0])


def _as_language(code: str, probability: float) -> tuple[str | None, float]:
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
    return assign_languages_many([texts])[0]


def assign_languages_many(documents: Sequence[Sequence[str]]) -> list[list[str | None]]:
    """`assign_languages` of each document, with all their detections made in one batch."""
    batch: list[str] = []
    plans: list[tuple[list[int], int | None]] = []  # per document: paragraphs detected, sample
    for texts in documents:
        samples = [text[:PARAGRAPH_SAMPLE_CHARS] for text in texts]
        wanted = [i for i, text in enumerate(samples) if _has_letters(text, MIN_PARAGRAPH_LETTERS)]
        batch.extend(samples[i] for i in wanted)
        sample = _document_sample(texts) if texts else ""
        position: int | None = None
        if _has_letters(sample, _MIN_LETTERS):
            position = len(batch)
            batch.append(sample)
        plans.append((wanted, position))
    results = iter(classify_many(batch) if batch else [])
    assigned: list[list[str | None]] = []
    for texts, (wanted, position) in zip(documents, plans, strict=True):
        own: list[str | None] = [None] * len(texts)
        for i in wanted:
            detected, probability = _as_language(*next(results))
            if probability >= MIN_CONFIDENCE:
                own[i] = detected
        document = _as_language(*next(results))[0] if position is not None else None
        if document is None:
            # The start of the document had no words (a table, a list of figures): fall back
            # on what its paragraphs say, the most common confident language.
            counts = Counter(code for code in own if code is not None)
            document = counts.most_common(1)[0][0] if counts else None
        assigned.append([code if code is not None else document for code in own])
    return assigned
