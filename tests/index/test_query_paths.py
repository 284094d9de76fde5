"""The question-time reads: BM25 from the cache equals rank-bm25, top lists, typo buckets."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from briefing.index.bm25 import oracle
from briefing.index.opening import open_index
from briefing.query.question import QueryWord, Question, correct_word
from briefing.query.ranking import bm25_scores, top_of_written
from briefing.query.syntax import parse_query
from briefing.text.analyzer import analyzer_for
from briefing.text.spelling import letter_masks
from tests.conftest import BUNDLED


@pytest.fixture
def english_corpus(tmp_path: Path) -> Path:
    """The four English articles of the bundled corpus: one language, one stem per word."""
    folder = tmp_path / "english"
    folder.mkdir()
    for path in BUNDLED.glob("00[1-4]_*.txt"):
        shutil.copy(path, folder / path.name)
    return folder


def _indexed_corpus(reader_path: sqlite3.Connection) -> list[list[str]]:
    """The analysed terms of every indexed paragraph, by doc id, read back from the cache."""
    rows = reader_path.execute(
        "SELECT p.doc_id, p.language, p.text FROM paragraphs p "
        "WHERE p.doc_id IS NOT NULL ORDER BY p.doc_id"
    ).fetchall()
    return [[t.term for t in analyzer_for(lang).analyze(text)] for _, lang, text in rows]


@pytest.mark.parametrize(
    "words",
    [
        ["deepseek"],
        ["ministri", "block", "deepseek"],
        ["kakao", "share"],
        ["korea", "personal", "inform", "protect", "commiss"],
        ["app", "download", "suspend", "deepseek", "store", "nation"],
    ],
)
def test_cached_bm25_equals_rank_bm25_get_scores(english_corpus: Path, words: list[str]) -> None:
    reader, _ = open_index(english_corpus)
    corpus = _indexed_corpus(reader.connection)
    assert len(corpus) == reader.size
    expected = np.asarray(oracle(corpus).get_scores(words))
    assert expected.max() > 0
    text = " ".join(words)
    query = Question(
        text, None, parse_query(text),
        words=tuple(QueryWord(w, w, frozenset({w}), 1.0, True) for w in words),
    )
    got = bm25_scores(reader, query).astype(np.float64)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-6)


def _top(scores: np.ndarray, limit: int) -> list[tuple[int, float]]:
    """top_of_written() with every positive id written, as one array."""
    return top_of_written(scores, [np.flatnonzero(scores > 0).astype(np.int32)], limit)


def test_the_top_breaks_ties_in_corpus_order() -> None:
    scores = np.asarray([0.0, 2.0, 1.0, 2.0, 1.0, 1.0, 3.0, 1.0])
    assert _top(scores, 3) == [(6, 3.0), (1, 2.0), (3, 2.0)]
    assert _top(scores, 5) == [(6, 3.0), (1, 2.0), (3, 2.0), (2, 1.0), (4, 1.0)]
    assert _top(scores, 100) == _top(scores, 7)
    assert len(_top(scores, 100)) == 7  # a zero score is never a result
    assert _top(np.zeros(4), 3) == []
    assert _top(scores, 0) == []


def test_typo_buckets_hold_the_whole_vocabulary(corpus_copy: Path) -> None:
    reader, _ = open_index(corpus_copy)
    everything = dict(reader.connection.execute("SELECT word, df FROM words").fetchall())
    assert dict(reader.words_of_length(1, 200)) == everything
    (five,) = reader.word_buckets(5, 5)
    words = [five.word(i) for i in range(len(five.counts))]
    assert words and all(len(w) == 5 for w in words)
    assert five.text == "\n".join(words)
    assert five.words(list(range(len(words)))[::-1]) == words[::-1]
    assert five.words([]) == []
    assert reader.words_of_length(5, 5) == [(w, everything[w]) for w in words]
    assert five.masks.tolist() == letter_masks(words).tolist()


def test_correct_word_equals_scoring_every_word_of_the_length_window(corpus_copy: Path) -> None:
    """The letter-mask filter changes no correction: the same as fuzz.ratio over the bucket,
    less the words too far in spelling (close_spelling)."""
    from rapidfuzz import fuzz, process

    from briefing.query.question import CORRECTION_CUTOFF
    from briefing.text.spelling import close_spelling

    reader, _ = open_index(corpus_copy)
    vocabulary = dict(reader.words_of_length(1, 200))
    for typo in ("ministy", "deepsek", "goverment", "compter", "militray", "chinse", "banks"):
        window = [w for w in vocabulary if abs(len(w) - len(typo)) <= 2]
        scored = process.extract(typo, window, scorer=fuzz.ratio,
                                 score_cutoff=CORRECTION_CUTOFF, limit=None)
        scored = [m for m in scored if close_spelling(typo, m[0])]
        if not scored:
            assert correct_word(reader, typo) == ()
            continue
        best = scored[0][1]
        close = sorted(((w, s, vocabulary[w]) for w, s, _ in scored if s >= best - 2.0),
                       key=lambda m: (-m[1], -m[2], m[0]))
        assert correct_word(reader, typo) == tuple(m[0] for m in close[:2]), typo


def test_correct_word_finds_the_intended_word(corpus_copy: Path) -> None:
    reader, _ = open_index(corpus_copy)
    assert correct_word(reader, "ministy")[0] == "ministry"
    assert correct_word(reader, "deepsek")[0] == "deepseek"
    assert correct_word(reader, "qwxzvbnm") == ()
