"""Provides the BM25 scoring we use: rank-bm25's Okapi BM25 with a non-negative IDF.

Why not plain `BM25Okapi`: it floors negative IDF at 0.25 x the average, so on a small folder
a word in half the paragraphs scores 0 and commoner words can outrank rarer ones (rank_bm25
issues #29, #39, #43, #50). Lucene's IDF, log(1 + (N - n + 0.5) / (n + 0.5)), is positive and
monotone in document frequency, and keeps `get_scores` as the oracle for our posting arrays.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

# Tuned on the development splits (see README, "Ranking"); rank-bm25's defaults are 1.5 / 0.75.
K1 = 1.2
B = 0.75


def lucene_idf(corpus_size: int, document_frequency: int) -> float:
    """The non-negative BM25 IDF used by Lucene."""
    return math.log(1.0 + (corpus_size - document_frequency + 0.5) / (document_frequency + 0.5))


def oracle(corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B):  # type: ignore[no-untyped-def]
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


def build_postings(
    corpus: Sequence[Sequence[str]], k1: float = K1, b: float = B
) -> tuple[Postings, float]:
    """Score every (term, paragraph) pair with rank-bm25's statistics.

    The weight of term t in paragraph d is idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b *
    |d| / avgdl)), exactly the summand of `BM25Okapi.get_scores`; a test holds them equal.
    Returns the postings and the average paragraph length.
    """
    size = len(corpus)
    vocabulary: dict[str, int] = {}
    term_ids: list[int] = []
    doc_ids: list[int] = []
    frequencies: list[int] = []
    lengths = np.zeros(size, dtype=np.float64)
    for doc_id, tokens in enumerate(corpus):
        lengths[doc_id] = len(tokens)
        counts: dict[str, int] = {}
        for token in tokens:
            counts[token] = counts.get(token, 0) + 1
        for term, count in counts.items():
            term_ids.append(vocabulary.setdefault(term, len(vocabulary)))
            doc_ids.append(doc_id)
            frequencies.append(count)
    average_length = float(lengths.mean()) if size else 0.0
    terms = list(vocabulary)
    term_array = np.asarray(term_ids, dtype=np.int64)
    order = np.argsort(term_array, kind="stable")
    sorted_terms = term_array[order]
    docs = np.asarray(doc_ids, dtype=np.int32)[order]
    tf = np.asarray(frequencies, dtype=np.float64)[order]
    df = np.bincount(sorted_terms, minlength=len(terms)).astype(np.int32)
    offsets = np.zeros(len(terms) + 1, dtype=np.int64)
    np.cumsum(df, out=offsets[1:])
    idf = np.log1p((size - df + 0.5) / (df + 0.5))
    norm = k1 * (1.0 - b + b * lengths[docs] / average_length) if size else tf
    weights = (idf[sorted_terms] * tf * (k1 + 1.0) / (tf + norm)).astype(np.float32)
    return Postings(terms, offsets, docs, weights, df), average_length
