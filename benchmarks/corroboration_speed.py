"""Provides the corroboration benchmark: precompute time by corpus size, and per-question cost.

    python benchmarks/corroboration_speed.py 10000 100000

For each size it builds (or reuses) the speed corpus of benchmarks/speed_corpus.py, then
times the corroboration precompute on the finished index (pipeline stages separately), and
the per-question lookup that attaches sources and conflicts to answers. The precompute is
the path of an index without fact tables, all in one process; a build splits sentences in
its workers, analyses anchors while the files are read and groups on two cores
(briefing.corroboration.during_build), so time builds with benchmarks/speed.py. Needs the
evaluation data (BRIEFING_EVAL_DIR). The cache goes to $BRIEFING_CACHE_DIR (default: a temp folder).
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

import briefing
from briefing import Library

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.speed_corpus import questions, write_corpus  # noqa: E402

QUESTIONS = 200


def _stage_times(connection: sqlite3.Connection) -> dict[str, float]:
    """Each pipeline stage's seconds, by timing the functions compute() calls.

    "statements" splits the paragraphs into sentences (a build does it in its analysing
    workers), "anchors" analyses the distinct ones (a build does it while the workers run).
    """
    from briefing.corroboration import pipeline, store
    from briefing.corroboration.table import StatementTable

    times: dict[str, float] = {}
    names = ("candidate_pairs", "score_edges", "group_nodes", "lexrank", "find_conflicts",
             "rank_actors")
    methods = {"statements": "add_paragraphs", "anchors": "select"}
    originals = {name: getattr(pipeline, name) for name in names}
    original_methods = {name: getattr(StatementTable, name) for name in methods.values()}

    def timed(name: str, original):  # type: ignore[no-untyped-def]
        def run(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                times[name] = times.get(name, 0.0) + time.perf_counter() - started

        return run

    for name in names:
        setattr(pipeline, name, timed(name, originals[name]))
    for label, name in methods.items():
        setattr(StatementTable, name, timed(label, original_methods[name]))
    try:
        connection.execute("ATTACH DATABASE ':memory:' AS bench")
        started = time.perf_counter()
        store.precompute(connection, "bench")
        times["total"] = time.perf_counter() - started
        (count,) = connection.execute("SELECT COUNT(*) FROM bench.fact_sentences").fetchone()
        (groups,) = connection.execute(
            "SELECT COUNT(*) FROM bench.fact_groups WHERE source_count > 1"
        ).fetchone()
        times["sentences"] = count
        times["multi-source groups"] = groups
        connection.commit()
        connection.execute("DETACH DATABASE bench")
    finally:
        for name, original in originals.items():
            setattr(pipeline, name, original)
        for name, original in original_methods.items():
            setattr(StatementTable, name, original)
    return times


def _unchanged(_store, answers, limit=None):  # type: ignore[no-untyped-def]
    from briefing.corroboration.attach import Corroborated

    kept = list(answers)[:limit]
    return [Corroborated(i, (a.own,), 1) for i, a in enumerate(kept)], []


def main(sizes: list[int]) -> None:
    os.environ.setdefault("BRIEFING_CACHE_DIR", tempfile.mkdtemp(prefix="briefing-bench-"))
    from briefing.corroboration import attach
    from briefing.corroboration.attach import Stated, conflicts_of, corroborate

    root = Path(tempfile.gettempdir()) / "briefing-speed-corpora"
    asked = questions(QUESTIONS)
    print("| paragraphs | sentences | multi-source groups | precompute s | stages (s) "
          "| ask ms (median) | ask ms without it | attach ms (median) |")
    print("|---:|---:|---:|---:|---|---:|---:|---:|")
    for size in sizes:
        folder = write_corpus(root / f"corpus-{size}", size)
        engine = _opened_library(folder)
        memory = sqlite3.connect(":memory:")
        engine._reader.connection.backup(memory)
        times = _stage_times(memory)
        facts = engine._fact_store(engine._reader)  # opened before timing questions
        asks, attaches, plain = [], [], []
        for question in asked:
            engine.ask(question)  # warm the caches: both timings below read the same pages
            attach.corroborate = _unchanged  # the question without corroboration
            started = time.perf_counter()
            engine.ask(question)
            plain.append(time.perf_counter() - started)
            attach.corroborate = corroborate
            started = time.perf_counter()
            result = engine.ask(question)
            asks.append(time.perf_counter() - started)
            started = time.perf_counter()
            stated = [Stated(a.sources[0], a.passage_offset) for a in result.answers]
            _, groups = corroborate(facts, stated)
            conflicts_of(facts, groups)
            attaches.append(time.perf_counter() - started)
        stages = ", ".join(
            f"{k} {v:.1f}" for k, v in times.items()
            if k not in ("total", "sentences", "multi-source groups")
        )
        print(
            f"| {size:,} | {int(times['sentences']):,} | {int(times['multi-source groups']):,} "
            f"| {times['total']:.1f} | {stages} | {statistics.median(asks) * 1000:.1f} "
            f"| {statistics.median(plain) * 1000:.1f} "
            f"| {statistics.median(attaches) * 1000:.2f} |"
        )
        engine.close()


def _opened_library(corpus: Path) -> Library:
    """The corpus opened and indexed now, so that timings leave the build out."""
    library = briefing.open(corpus)
    library.index()
    return library


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000])
