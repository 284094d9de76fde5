"""Provides the BM25 scoring we use: rank-bm25's Okapi BM25 with a non-negative IDF.

Why not plain `BM25Okapi`: it floors negative IDF at 0.25 x the average, so on a small folder
a word in half the paragraphs scores 0 and commoner words can outrank rarer ones (rank_bm25
issues #29, #39, #43, #50). Lucene's IDF, log(1 + (N - n + 0.5) / (n + 0.5)), is positive and
monotone in document frequency, and keeps `get_scores` as the oracle for our posting arrays.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # lucene_idf is on the query path, which may not load numpy
    import numpy as np

# Tuned on the development splits (see README, "Ranking"); rank-bm25's defaults are 1.5 / 0.75.
K1 = 1.2
B = 0.75


def lucene_idf(corpus_size: int, document_frequency: int) -> float:
    """The non-negative BM25 IDF used by Lucene."""
    return math.log(1.0 + (corpus_size - document_frequency + 0.5) / (document_frequency + 0.5))


def oracle(corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> Any:
    """The rank-bm25 object our postings must agree with (tests and statistics only)."""
    from rank_bm25 import BM25Okapi  # heavy (multiprocessing): never on the query path

    class LuceneIdfBM25(BM25Okapi):
        """BM25Okapi whose IDF is Lucene's; everything else is rank-bm25's own code."""

        def _calc_idf(self, nd: dict[str, int]) -> None:
            for word, freq in nd.items():
                self.idf[word] = lucene_idf(self.corpus_size, freq)

    return LuceneIdfBM25([list(doc) for doc in corpus], k1=k1, b=b)


class Postings:
    """Per-term BM25 weights: a question costs one array addition per query term."""

    def __init__(
        self,
        terms: list[str],
        offsets: np.ndarray,
        doc_ids: np.ndarray,
        weights: np.ndarray,
        document_frequency: np.ndarray,
    ) -> None:
        self.terms = terms
        self.offsets = offsets  # term i owns doc_ids[offsets[i]:offsets[i + 1]]
        self.doc_ids = doc_ids
        self.weights = weights
        self.document_frequency = document_frequency


class TermIds(dict[str, int]):
    """Term -> dense id, numbering each new term on first lookup (first-appearance order).

    Filled through __missing__, so a whole token list maps to ids at C speed:
    `np.fromiter(map(ids.__getitem__, tokens), ...)`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []  # id -> term

    def __missing__(self, term: str) -> int:
        number = len(self.names)
        self[term] = number
        self.names.append(term)
        return number

    def ids(self, tokens: Sequence[str]) -> np.ndarray:
        import numpy as np

        return np.fromiter(map(self.__getitem__, tokens), dtype=np.int32, count=len(tokens))


def build_postings(
    corpus: Iterable[Sequence[str]], k1: float = K1, b: float = B
) -> tuple[Postings, float]:
    """Score every (term, paragraph) pair with rank-bm25's statistics.

    The weight of term t in paragraph d is idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b *
    |d| / avgdl)), exactly the summand of `BM25Okapi.get_scores`; a test holds them equal.
    Returns the postings and the average paragraph length.
    """
    import numpy as np

    terms = TermIds()
    chunks = [terms.ids(tokens) for tokens in corpus]
    lengths = np.fromiter(map(len, chunks), dtype=np.int64, count=len(chunks))
    token_ids = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    return postings_from_ids(list(terms), token_ids, lengths, k1, b)


def postings_from_ids(
    terms: list[str],
    token_ids: np.ndarray,
    lengths: np.ndarray,
    k1: float = K1,
    b: float = B,
) -> tuple[Postings, float]:
    """`build_postings` of a corpus given as term ids: every paragraph's ids, concatenated.

    `lengths` holds each paragraph's token count (its slice of `token_ids`); `terms` names the
    ids. Terms that occur in no paragraph are left out of the postings.
    """
    import numpy as np

    size = len(lengths)
    average_length = float(lengths.sum()) / size if size else 0.0
    # One key per token, (term, paragraph) in that order: sorting groups each term's postings
    # by paragraph, and counting equal keys gives the term frequencies.
    # Made and sorted in place (np.unique would copy the keys, and its mask and indexes add
    # as many again): at 100k paragraphs each array of the corpus's tokens is 50 MB, and a
    # build spent more time faulting in fresh pages for them than sorting.
    keys = token_ids.astype(np.int64)
    keys *= max(size, 1)
    keys += np.repeat(np.arange(size, dtype=np.int64), lengths)
    keys.sort()
    if len(keys):
        starts = np.flatnonzero(keys[1:] != keys[:-1])
        starts += 1
        starts = np.concatenate(([0], starts))
        frequencies = np.diff(np.append(starts, len(keys)))
        keys = keys[starts]
        del starts
    else:
        frequencies = np.zeros(0, dtype=np.int64)
    term_of_posting = keys // max(size, 1)
    docs = (keys - term_of_posting * max(size, 1)).astype(np.int32)
    del keys
    all_df = np.bincount(term_of_posting, minlength=len(terms))
    used = np.flatnonzero(all_df)
    df = all_df[used].astype(np.int32)
    offsets = np.zeros(len(used) + 1, dtype=np.int64)
    np.cumsum(df, out=offsets[1:])
    idf = np.log1p((size - df + 0.5) / (df + 0.5))
    tf = frequencies.astype(np.float64)
    del frequencies
    if size:
        norm = k1 * (1.0 - b + b * lengths[docs] / average_length)
    else:
        norm = tf
    # Posting i belongs to the i-th used term in order, so its idf repeats df times.
    weights = (np.repeat(idf, df) * tf * (k1 + 1.0) / (tf + norm)).astype(np.float32)
    kept = [terms[i] for i in used.tolist()]
    return Postings(kept, offsets, docs, weights, df), average_length
