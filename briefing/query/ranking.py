"""Provides the ranking of paragraphs for an analysed question: BM25 from the posting rows.

A paragraph's score is, per question word, the best weight of its variants, summed over the
words, plus CONTEXT_WEIGHT of the same sum over the context field (title, section, metadata).

Two paths give the same ranking. With numpy (a batch, the TUI, a search-syntax mask, long
postings) a question is a few array additions. Without it, a question whose postings are short
is added up in plain Python: for a one-shot `briefing ask` that costs a few milliseconds where
importing numpy costs about 80. Both add the stored float32 weights in double precision, word
by word in the same order, so their scores are equal, not just close (tests/index/test_ranking.py).
"""

from __future__ import annotations

import contextlib
import heapq
import os
import sys
import threading
from array import array
from collections.abc import Iterator
from typing import TYPE_CHECKING

from briefing.index.store import CorruptIndex

if TYPE_CHECKING:
    import numpy as np

    from briefing.index.store import IndexReader
    from briefing.query.question import Question

__all__ = [
    "CONTEXT_WEIGHT",
    "PLAIN_POSTINGS_LIMIT",
    "bm25_scores",
    "load_arrays",
    "rank_paragraphs",
    "top_of_written",
]

# The context field (title, section, file metadata) adds this share of its own BM25 score.
CONTEXT_WEIGHT = 0.3
# Past this many posting entries (about 60 ms of plain Python at 0.3 µs each) a question
# loads numpy rather than walk them: loading it costs about as much.
PLAIN_POSTINGS_LIMIT = 200_000

Rows = dict[str, tuple[bytes, bytes]]
Ranked = list[tuple[int, float]]

_NATIVE_LITTLE = sys.byteorder == "little"


def load_arrays() -> None:
    """Import numpy now: a session that answers many questions pays for it once, and then
    ranks every question with arrays."""
    if "numpy" not in sys.modules:
        # Ranking does no linear algebra: without this, OpenBLAS starts a thread per core
        # that spins for work, taking CPU from the questions (the user's setting wins).
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy  # noqa: F401


def _arrays_loaded() -> bool:
    return "numpy" in sys.modules


def rank_paragraphs(
    reader: IndexReader, question: Question, limit: int, *, arrays: bool | None = None
) -> Ranked:
    """The `limit` best paragraphs (doc id, score) with a positive score, best first; ties in
    corpus order. Paragraphs outside `question.mask` are left out.

    `arrays` forces a path (the tests compare them); by default numpy is used when it is
    loaded already, when a mask is given, or when the postings are long.
    """
    if limit < 1:
        return []
    text_rows, context_rows = _rows(reader, question)
    if arrays is None:
        entries = sum(len(ids) for ids, _ in (*text_rows.values(), *context_rows.values())) // 4
        arrays = question.mask is not None or _arrays_loaded() or entries > PLAIN_POSTINGS_LIMIT
    if not arrays and question.mask is None:
        return _plain_top(_plain_scores(question, text_rows, context_rows), limit)
    return _array_top(reader.size, question, text_rows, context_rows, limit)


def _rows(reader: IndexReader, question: Question) -> tuple[Rows, Rows]:
    """The posting rows of the question's terms: the text's, and the context's if it matters."""
    terms = question.all_variants
    in_context = any(w.in_context for w in question.words)
    context = reader.posting_rows(terms, "context_postings") if in_context else {}
    return reader.posting_rows(terms), context


# ----- plain Python: one dict of the paragraphs the postings hold -----------------------------


def _decoded(ids: bytes, weights: bytes) -> tuple[array[int], array[float]]:
    doc_ids, values = array("i"), array("f")
    doc_ids.frombytes(ids)
    values.frombytes(weights)
    if not _NATIVE_LITTLE:
        doc_ids.byteswap()
        values.byteswap()
    return doc_ids, values


def _plain_field(question: Question, rows: Rows) -> dict[int, float]:
    """One field's BM25 score of every paragraph its postings hold."""
    scores: dict[int, float] = {}
    get = scores.get
    for word in question.words:
        lists = [_decoded(*rows[v]) for v in sorted(word.variants) if v in rows]
        if len(lists) == 1:
            ids, weights = lists[0]
            if scores:
                for doc, weight in zip(ids, weights, strict=True):
                    scores[doc] = get(doc, 0.0) + weight
            else:
                scores = dict(zip(ids, weights, strict=True))
                get = scores.get
        elif lists:
            best: dict[int, float] = {}
            best_of = best.get
            for ids, weights in lists:
                for doc, weight in zip(ids, weights, strict=True):
                    best[doc] = max(best_of(doc, 0.0), weight)
            for doc, weight in best.items():
                scores[doc] = get(doc, 0.0) + weight
    return scores


def _plain_scores(question: Question, text_rows: Rows, context_rows: Rows) -> dict[int, float]:
    scores = _plain_field(question, text_rows)
    if context_rows:
        get = scores.get
        for doc, weight in _plain_field(question, context_rows).items():
            scores[doc] = get(doc, 0.0) + CONTEXT_WEIGHT * weight
    return scores


def _plain_top(scores: dict[int, float], limit: int) -> Ranked:
    if len(scores) > limit:
        # The limit-th best score, then only the paragraphs that reach it are sorted.
        cut = heapq.nlargest(limit, scores.values())[-1]
        candidates = [(doc, score) for doc, score in scores.items() if score >= cut]
    else:
        candidates = list(scores.items())
    candidates = [item for item in candidates if item[1] > 0]
    candidates.sort(key=lambda item: (-item[1], item[0]))
    return candidates[:limit]


# ----- numpy: dense score arrays --------------------------------------------------------------


class _Workspace:
    """Score arrays of one corpus size, kept zeroed between questions.

    A fresh 100,000-row array pays a page fault per page it is scattered into, every question
    (half the ranking's time); a kept one is zeroed again only where the question wrote.
    """

    def __init__(self, size: int) -> None:
        import numpy as np

        self.size = size
        self.text = np.zeros(size, dtype=np.float64)
        self.context = np.zeros(size, dtype=np.float64)
        self.best = np.zeros(size, dtype=np.float64)

    def clear(self) -> None:
        """Every score zeroed (after a failure left some written, who knows where)."""
        self.text[:] = 0
        self.context[:] = 0
        self.best[:] = 0


_local = threading.local()  # one workspace per thread: the TUI's engine thread, tests


def _workspace(size: int) -> _Workspace:
    workspace: _Workspace | None = getattr(_local, "workspace", None)
    if workspace is None or workspace.size != size:
        workspace = _local.workspace = _Workspace(size)
    return workspace


def _add_field(
    out: np.ndarray, best: np.ndarray, question: Question, rows: Rows, touched: list[np.ndarray]
) -> None:
    """Add one field's BM25 scores into `out`, naming the rows it writes in `touched` first
    (`best` is left zeroed)."""
    import numpy as np

    for word in question.words:
        lists = [
            (np.frombuffer(rows[v][0], dtype="<i4"), np.frombuffer(rows[v][1], dtype="<f4"))
            for v in sorted(word.variants)
            if v in rows
        ]
        if len(lists) == 1:
            ids, weights = lists[0]
            touched.append(ids)
            out[ids] += weights
        elif lists:
            touched.extend(ids for ids, _ in lists)
            for ids, weights in lists:
                best[ids] = np.maximum(best[ids], weights)
            # A paragraph in several lists gets its best once: the first add zeroes it, so the
            # later ones add 0.0, which leaves a float as it is (cheaper than np.unique).
            for ids, _ in lists:
                out[ids] += best[ids]
                best[ids] = 0


@contextlib.contextmanager
def _array_scores(
    size: int, question: Question, text_rows: Rows, context_rows: Rows
) -> Iterator[tuple[np.ndarray, list[np.ndarray]]]:
    """The ranking score of every paragraph, in a kept array zeroed again on exit, and the
    id arrays of the rows written (every paragraph scored is in one of them)."""

    work = _workspace(size)
    touched: list[np.ndarray] = []
    written: list[np.ndarray] = []  # in the context array
    try:
        _add_field(work.text, work.best, question, text_rows, touched)
        if context_rows:
            _add_field(work.context, work.best, question, context_rows, written)
            touched.extend(written)
            for ids in written:  # once per paragraph, as above
                work.text[ids] += CONTEXT_WEIGHT * work.context[ids]
                work.context[ids] = 0
        if question.mask is not None:
            work.text[~question.mask] = 0
        yield work.text, touched
    except IndexError as error:
        # A posting row naming a paragraph past the end of the arrays: a damaged file.
        work.clear()
        touched.clear()
        written.clear()
        raise CorruptIndex(f"a posting row names a paragraph out of range ({error})") from error
    except BaseException:
        work.best[:] = 0  # an error inside a word's variants may have left some written
        raise
    finally:
        for ids in touched:
            work.text[ids] = 0
        for ids in written:
            work.context[ids] = 0


def _array_top(
    size: int, question: Question, text_rows: Rows, context_rows: Rows, limit: int
) -> Ranked:
    with _array_scores(size, question, text_rows, context_rows) as (scores, touched):
        return top_of_written(scores, touched, limit)


def top_of_written(scores: np.ndarray, written: list[np.ndarray], limit: int) -> Ranked:
    """The `limit` best paragraphs with a positive score, best first (ties: corpus order),
    when every positive score is at one of the `written` ids, each array holding a paragraph
    at most once: only those ids are looked at, never every score (a question's postings hold
    some thousands of the corpus's paragraphs)."""
    import numpy as np

    if not written or limit < 1:
        return []
    ids = written[0] if len(written) == 1 else np.concatenate(written)
    values = scores[ids]
    # A paragraph has at most one entry per array, so fewer than `reach` entries score above
    # the limit-th best paragraph: the reach-th best entry is a cut no higher than its score.
    # Everything at or above it (some dozens of entries) is then sorted exactly.
    reach = limit * len(written)
    if ids.size > reach:
        cut = np.partition(values, ids.size - reach)[ids.size - reach]
        chosen = values >= cut
        ids, values = ids[chosen], values[chosen]
    candidates = {
        doc: value
        for doc, value in zip(ids.tolist(), values.tolist(), strict=True)
        if value > 0
    }
    return sorted(candidates.items(), key=lambda item: (-item[1], item[0]))[:limit]


def bm25_scores(reader: IndexReader, question: Question, table: str = "postings") -> np.ndarray:
    """BM25 score of every indexed paragraph: per word the best variant, summed over words.

    With the default table this is exactly rank-bm25's `get_scores` over the paragraph text
    (for single-variant words); "context_postings" scores the context field the same way.
    """
    rows = reader.posting_rows(question.all_variants, table)
    with _array_scores(reader.size, _text_only(question), rows, {}) as (scores, _):
        return scores.copy()


def _text_only(question: Question) -> Question:
    import dataclasses

    return dataclasses.replace(question, restriction=None)
