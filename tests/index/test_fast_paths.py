"""The fast paths of indexing give the slow paths' results: language, terms, postings, rows."""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from briefing.corpus.language import (
    SAMPLE_CHARS,
    _get_identifier,
    assign_languages,
    assign_languages_many,
    classify_many,
)
from briefing.index.analysis import ProcessNumbering, _body_terms, paragraph_terms
from briefing.index.opening import open_index
from briefing.index.parallel import _tasks, analysed
from briefing.index.schema import index_path
from briefing.paths import eval_dir
from briefing.text.analyzer import analyzer_for
from tests.conftest import BUNDLED


def _eval_paragraphs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for language, relative in (("en", "xquad/xquad.en.json"), ("fr", "piaf/piaf-v1.0.json")):
        path = eval_dir() / relative
        if not path.is_file():
            pytest.skip(f"evaluation data not found at {path}")
        data = json.loads(path.read_text(encoding="utf-8"))["data"]
        pairs.extend((language, p["context"]) for a in data for p in a["paragraphs"])
    return pairs


def _bundled_paragraphs() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("*.txt"))]
    return [block.strip() for text in texts for block in text.split("\n") if block.strip()]


def test_batch_detection_is_py3langids_classify() -> None:
    """Bit for bit: the same language and the same probability, on real and odd texts."""
    texts = [text[:SAMPLE_CHARS] for _, text in _eval_paragraphs()[::3]] + _bundled_paragraphs()
    texts += ["", "ab", "12 34", "SHOUTING IN CAPITALS", "é" * 2500, "東京は日本の首都です。"]
    identifier = _get_identifier()
    assert classify_many(texts) == [identifier.classify(text) for text in texts]


@pytest.mark.parametrize("texts", [["ab"], ["", "ab", "\x1b[0m"], []])
def test_a_batch_without_any_known_ngram(texts: list[str]) -> None:
    identifier = _get_identifier()
    assert classify_many(texts) == [identifier.classify(text) for text in texts]


def test_documents_batched_together_keep_their_own_languages() -> None:
    english = [p.read_text(encoding="utf-8") for p in sorted(BUNDLED.glob("00[1-4]_*.txt"))]
    french = (BUNDLED / next(p.name for p in BUNDLED.glob("000_*.txt"))).read_text("utf-8")
    documents = [
        [block for block in text.split("\n") if block.strip()] for text in [french, *english]
    ]
    assert assign_languages_many(documents) == [assign_languages(d) for d in documents]
    assert set(assign_languages_many(documents)[0]) == {"fr"}


def test_paragraph_terms_are_the_analyzers() -> None:
    pairs = _eval_paragraphs()[::7] + [("en", text) for text in _bundled_paragraphs()]
    for language, text in pairs:
        terms, words = paragraph_terms(text, language)
        analysed = analyzer_for(language).analyze(text)
        assert terms == [t.term for t in analysed]
        assert words == {t.surface for t in analysed if not any(c.isdigit() for c in t.surface)}


def test_paragraphs_of_several_languages_keep_their_order() -> None:
    pairs = _eval_paragraphs()
    rng = random.Random(3)
    chosen = rng.sample(pairs, 40) + [("ja", "東京は日本の首都です。"), (None, "")]
    session = ProcessNumbering("test")
    found = _body_terms(session, [t for _, t in chosen], [lang for lang, _ in chosen])
    names = session.terms.names
    offset = 0
    for (language, text), length in zip(chosen, found.lengths.tolist(), strict=True):
        terms = [names[i] for i in found.term_ids[offset : offset + length].tolist()]
        assert terms == [t.term for t in analyzer_for(language).analyze(text)]
        offset += length
    words = session.words.names
    named = [words[i] for i in found.word_ids.tolist()]
    counts = dict(zip(named, found.word_counts.tolist(), strict=True))
    expected: dict[str, int] = {}
    for language, text in chosen:
        for word in {
            t.surface
            for t in analyzer_for(language).analyze(text)
            if not any(c.isdigit() for c in t.surface)
        }:
            expected[word] = expected.get(word, 0) + 1
    assert counts == expected


def _rows(path: Path) -> tuple[list[tuple], list[tuple], list[tuple]]:
    connection = sqlite3.connect(path)
    paragraphs = connection.execute(
        'SELECT f.path, p.number, p.start, p."end", p.kind, p.language, p.doc_id, p.context '
        "FROM paragraphs p JOIN files f ON f.id = p.file_id ORDER BY f.path, p.id"
    ).fetchall()
    postings = [
        (term, np.frombuffer(ids, "<i4").tolist(), np.frombuffer(w, "<f4").tolist())
        for term, ids, w in connection.execute(
            "SELECT term, doc_ids, weights FROM postings ORDER BY term"
        )
    ]
    words = connection.execute("SELECT word, length, df FROM words ORDER BY word").fetchall()
    connection.close()
    return paragraphs, postings, words


def _write_corpus(folder: Path, files: int) -> None:
    pairs = _eval_paragraphs()
    folder.mkdir()
    for number in range(files):
        chunk = pairs[number * 9 : number * 9 + 9]
        text = "\n\n".join(t for _, t in chunk)
        (folder / f"{number:03d}.txt").write_text(f"Article {number}\n\n{text}\n", "utf-8")


def test_incremental_build_equals_a_fresh_one(tmp_path: Path) -> None:
    """Copied files (terms and words read back from the cache) give the same index."""
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 12)
    open_index(corpus)
    changed = corpus / "004.txt"
    changed.write_text(changed.read_text("utf-8") + "\nKakao shares rose 7% on Friday.\n")
    (corpus / "009.txt").unlink()
    _, report = open_index(corpus)
    assert report.reindexed == 1 and report.removed == 1
    incremental = _rows(index_path(corpus))
    open_index(corpus, rebuild=True)
    assert _rows(index_path(corpus)) == incremental


def test_worker_processes_build_the_same_index(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 24)
    open_index(corpus)
    alone = _rows(index_path(corpus))
    monkeypatch.setattr("briefing.index.parallel.PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr("briefing.index.parallel.TASK_BYTES", 20_000)
    monkeypatch.setattr("briefing.index.parallel.available_cores", lambda: 2)
    open_index(corpus, rebuild=True)
    assert _rows(index_path(corpus)) == alone


def test_tasks_keep_every_job_in_order(tmp_path: Path) -> None:
    from briefing.index.analysis import FileJob

    jobs = [FileJob(f"/x/{i}", f"{i}", size, 0) for i, size in enumerate([5, 3_000_000, 1, 1])]
    tasks = list(_tasks(jobs))
    assert [j for task in tasks for j in task] == jobs and len(tasks) == 2


def test_unreadable_file_in_a_batch_is_reported_not_fatal(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, 3)
    from briefing.index.analysis import FailedFile, FileJob

    jobs = [FileJob(str(corpus / name), name, 10, 0) for name in ("000.txt", "gone.txt")]
    (batch,) = list(analysed("k", str(corpus), jobs))
    assert not isinstance(batch.files[0], FailedFile)
    assert isinstance(batch.files[1], FailedFile) and batch.files[1].reason


def _counting_to_three(tell) -> bytes:  # type: ignore[no-untyped-def]
    import os

    for done in range(1, 4):
        tell(["counting", done, 3])
    return str(os.getpid()).encode()


@pytest.mark.parametrize("cores", [2, 1])
def test_an_aside_computation_tells_its_progress_while_waited_for(
    monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    """Forked or (one core) computed in this process, the caller hears every step, in order."""
    import os

    from briefing.index import parallel

    monkeypatch.setattr(parallel, "available_cores", lambda: cores)
    heard: list[list[object]] = []
    with parallel.Aside(_counting_to_three) as aside:
        pid = int(aside.result(heard.append))
    assert heard == [["counting", 1, 3], ["counting", 2, 3], ["counting", 3, 3]]
    forked = cores == 2 and parallel._can_fork()
    assert (pid != os.getpid()) == forked
