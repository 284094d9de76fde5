"""Ranking: the plain-Python path and the numpy path give the same paragraphs and scores."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from briefing.index.opening import open_index
from briefing.index.store import IndexReader
from briefing.query import ranking
from briefing.query.question import analyse
from briefing.query.ranking import rank_paragraphs
from briefing.query.restriction import Restriction
from tests.conftest import BUNDLED


@pytest.fixture(scope="module")
def bundled_reader(tmp_path_factory: pytest.TempPathFactory) -> IndexReader:
    """The bundled corpus (English and French: a word has one variant per language)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("ranking-cache")))
        reader, _ = open_index(BUNDLED)
    return reader


def _questions(reader: IndexReader, count: int, seed: int) -> list[str]:
    """Random questions from the corpus's own words, its titles' words among them."""
    rows = reader.connection.execute(
        "SELECT text, coalesce(title, '') FROM paragraphs WHERE doc_id IS NOT NULL"
    ).fetchall()
    words = sorted({w for text, _ in rows for w in text.split() if w.isalpha()})
    titles = sorted({w for _, title in rows for w in title.split() if w.isalpha()})
    rng = random.Random(seed)
    questions = []
    for _ in range(count):
        picked = rng.sample(words, rng.randint(1, 6)) + rng.sample(titles, rng.randint(0, 2))
        questions.append(" ".join(picked))
    return questions


@pytest.mark.parametrize("limit", [1, 5, 40, 10_000])
def test_plain_and_array_paths_rank_alike(bundled_reader: IndexReader, limit: int) -> None:
    context_seen = multi_variant_seen = 0
    for question in _questions(bundled_reader, 150, seed=limit):
        query = analyse(bundled_reader, question)
        context_seen += any(w.in_context for w in query.words)
        multi_variant_seen += any(len(w.variants) > 1 for w in query.words)
        plain = rank_paragraphs(bundled_reader, query, limit, arrays=False)
        arrays = rank_paragraphs(bundled_reader, query, limit, arrays=True)
        assert plain == arrays, question  # equal scores, not merely close
    # The questions did reach both the context field and words with several stems.
    assert context_seen > 10 and multi_variant_seen > 10


def test_both_paths_break_ties_in_corpus_order(tmp_path: Path) -> None:
    folder = tmp_path / "ties"
    folder.mkdir()
    # Four paragraphs of one length holding the searched words once each: equal scores.
    for name, first, second in (("a.txt", "Busan", "Incheon"), ("b.txt", "Daegu", "Gwangju")):
        text = f"Seoul blocked the app {first}.\n\nSeoul blocked the app {second}.\n"
        (folder / name).write_text(text, "utf-8")
    (folder / "c.txt").write_text("Nothing to see here.\n", "utf-8")
    reader, _ = open_index(folder)
    query = analyse(reader, "Seoul app")
    for arrays in (False, True):
        ranked = rank_paragraphs(reader, query, 3, arrays=arrays)
        assert [doc for doc, _ in ranked] == [0, 1, 2]
        assert len({score for _, score in ranked}) == 1


def test_a_mask_is_honoured_on_either_request(bundled_reader: IndexReader) -> None:
    import dataclasses

    query = analyse(bundled_reader, "DeepSeek personal information")
    best = rank_paragraphs(bundled_reader, query, 3, arrays=True)
    mask = np.ones(bundled_reader.size, dtype=bool)
    mask[best[0][0]] = False
    masked = dataclasses.replace(query, restriction=Restriction(mask=mask))
    for arrays in (False, True):
        ranked = rank_paragraphs(bundled_reader, masked, 3, arrays=arrays)
        assert best[0][0] not in [doc for doc, _ in ranked]
        assert ranked[0] == best[1]


def test_the_path_is_chosen_by_what_is_loaded_and_how_long_the_postings_are(
    bundled_reader: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken: list[str] = []
    plain, arrays = ranking._plain_scores, ranking._array_scores
    monkeypatch.setattr(ranking, "_plain_scores", lambda *a: taken.append("plain") or plain(*a))
    monkeypatch.setattr(ranking, "_array_scores", lambda *a: taken.append("arrays") or arrays(*a))
    query = analyse(bundled_reader, "Which ministry blocked DeepSeek?")

    monkeypatch.setattr(ranking, "_arrays_loaded", lambda: False)
    expected = rank_paragraphs(bundled_reader, query, 5)
    monkeypatch.setattr(ranking, "PLAIN_POSTINGS_LIMIT", 10)  # these postings are longer
    assert rank_paragraphs(bundled_reader, query, 5) == expected
    monkeypatch.setattr(ranking, "_arrays_loaded", lambda: True)
    monkeypatch.setattr(ranking, "PLAIN_POSTINGS_LIMIT", 10**9)
    assert rank_paragraphs(bundled_reader, query, 5) == expected
    assert taken == ["plain", "arrays", "arrays"]


def test_the_kept_score_arrays_are_zero_between_questions(bundled_reader: IndexReader) -> None:
    questions = _questions(bundled_reader, 40, seed=3)
    for question in questions:
        rank_paragraphs(bundled_reader, analyse(bundled_reader, question), 5, arrays=True)
    work = ranking._workspace(bundled_reader.size)
    assert not (work.text.any() or work.context.any() or work.best.any())
    # Also when the caller fails while holding the scores.
    query = analyse(bundled_reader, questions[0])
    rows = bundled_reader.posting_rows(query.all_variants)
    context = bundled_reader.posting_rows(query.all_variants, "context_postings")
    with pytest.raises(KeyError):
        with ranking._array_scores(bundled_reader.size, query, rows, context) as (scores, _):
            assert scores.any()
            raise KeyError("the caller failed")
    assert not (work.text.any() or work.context.any() or work.best.any())


def test_the_top_of_the_written_rows_is_the_top_of_all() -> None:
    """top_of_written() looks only at the ids a question wrote; ties included, it agrees with
    a full sort of every positive score (best first, then corpus order)."""
    rng = np.random.default_rng(7)
    for _ in range(300):
        size = int(rng.integers(1, 400))
        counts = rng.integers(1, size + 1, size=int(rng.integers(1, 5)))
        written = [np.sort(rng.choice(size, n, replace=False)).astype(np.int32) for n in counts]
        scores = np.zeros(size)
        for ids in written:  # few distinct values: many ties, some zeros
            scores[ids] += rng.integers(0, 4, size=ids.size).astype(np.float64)
        order = sorted((i for i in range(size) if scores[i] > 0), key=lambda i: (-scores[i], i))
        for limit in (1, 3, 10, 1000):
            expected = [(i, float(scores[i])) for i in order[:limit]]
            assert ranking.top_of_written(scores, written, limit) == expected
