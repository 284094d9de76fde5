"""The posting weights must reproduce rank-bm25's `get_scores` for the class we chose."""

from __future__ import annotations

import random

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from briefing.index.bm25 import K1, B, build_postings, oracle


def _scores_from_postings(corpus: list[list[str]], query: list[str]) -> np.ndarray:
    postings, _ = build_postings(corpus)
    position = {term: i for i, term in enumerate(postings.terms)}
    scores = np.zeros(len(corpus), dtype=np.float64)
    for term in query:
        if term not in position:
            continue
        i = position[term]
        lo, hi = postings.offsets[i], postings.offsets[i + 1]
        scores[postings.doc_ids[lo:hi]] += postings.weights[lo:hi]
    return scores


@pytest.mark.parametrize("seed", range(12))
def test_postings_equal_get_scores(seed: int) -> None:
    rng = random.Random(seed)
    vocabulary = [f"w{i}" for i in range(rng.randint(5, 60))]
    corpus = [
        [rng.choice(vocabulary) for _ in range(rng.randint(1, 40))]
        for _ in range(rng.randint(1, 50))
    ]
    reference = oracle(corpus)
    for _ in range(20):
        query = list(dict.fromkeys(rng.sample(vocabulary, rng.randint(1, 5))))
        expected = np.asarray(reference.get_scores(query))
        got = _scores_from_postings(corpus, query)
        np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-9)


def test_oracle_only_overrides_idf() -> None:
    corpus = [["a", "b"], ["a", "c", "c"], ["d"]]
    ours = oracle(corpus)
    plain = BM25Okapi(corpus, k1=K1, b=B)
    assert type(ours).__mro__[1] is BM25Okapi
    assert ours.doc_len == plain.doc_len and ours.avgdl == plain.avgdl
    assert ours.doc_freqs == plain.doc_freqs


def test_term_in_half_the_paragraphs_still_counts() -> None:
    """BM25Okapi gives a word in exactly half the paragraphs an IDF of 0; ours must not."""
    corpus = [["deepseek", "ban"], ["deepseek", "italy"], ["kakao"], ["naver"]]
    assert BM25Okapi(corpus).get_scores(["deepseek"]).max() == 0.0
    assert _scores_from_postings(corpus, ["deepseek"]).max() > 0.0


def test_rarer_word_outranks_commoner_word() -> None:
    """With Okapi's floored IDF a word in most paragraphs can beat a rare one; not here."""
    corpus = [["common", "x"], ["common", "y"], ["common", "z"], ["rare", "w"]]
    scores = _scores_from_postings(corpus, ["common", "rare"])
    assert scores.argmax() == 3


def test_tiny_corpus_never_all_zero() -> None:
    corpus = [["deepseek", "blocked"], ["deepseek", "ministry"]]
    assert _scores_from_postings(corpus, ["deepseek"]).min() > 0.0


def test_empty_corpus() -> None:
    postings, average = build_postings([])
    assert postings.terms == [] and average == 0.0
