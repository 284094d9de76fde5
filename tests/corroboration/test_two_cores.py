"""Pairs scored on two processes, each taking chunks from its end until they meet: every
chunk is scored, whatever the pace of each, and the scores are score_pairs' own."""

from __future__ import annotations

import itertools
import os
import random
from collections.abc import Iterator

import numpy as np
import pytest

import briefing.corroboration.during_build as facts
from briefing.corroboration.anchors import analyse
from briefing.corroboration.grouping import score_pairs
from briefing.corroboration.similarity import Weighted, feature_weights, weighted
from tests.corroboration.bundled_sentences import bundled_sentences


@pytest.mark.parametrize("count", [1, 2, 3, 7, 16, 41])
def test_the_two_ends_take_every_chunk_and_meet_once(count: int) -> None:
    chooser = random.Random(count)
    for _ in range(200):
        claims = facts._Claims(count)
        front, back = claims.from_front(), claims.from_back()
        taken: dict[str, list[int]] = {"front": [], "back": []}
        ends = {"front": front, "back": back}
        while ends:
            name = chooser.choice(sorted(ends))
            chunk = next(ends[name], None)
            if chunk is None:
                del ends[name]
            else:
                taken[name].append(chunk)
        assert sorted(set(taken["front"]) | set(taken["back"])) == list(range(count))
        assert len(set(taken["front"]) & set(taken["back"])) <= 1
        assert taken["front"] == sorted(taken["front"])


@pytest.fixture(scope="module")
def bundled_pairs() -> tuple[list[Weighted], dict[str, float], np.ndarray]:
    anchors = [analyse(text, language) for language, text in bundled_sentences()]
    weights = feature_weights(anchors)
    nodes = [weighted(a, weights) for a in anchors]
    pairs = np.array(list(itertools.combinations(range(len(nodes)), 2)), dtype=np.int64)
    return nodes, weights, pairs


def _split_small(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(facts, "SPLIT_PAIRS", 10)
    monkeypatch.setattr(facts, "CHUNK_PAIRS", 97)  # many chunks, the last one short
    monkeypatch.setattr("briefing.index.parallel.available_cores", lambda: 2)


def _same(found: tuple[np.ndarray, np.ndarray], wanted: tuple[np.ndarray, np.ndarray]) -> None:
    assert found[0].tobytes() == wanted[0].tobytes()
    assert found[1].tolist() == wanted[1].tolist()


def test_two_processes_give_the_scores_of_one(
    bundled_pairs: tuple[list[Weighted], dict[str, float], np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nodes, weights, pairs = bundled_pairs
    assert len(pairs) > 5_000
    wanted = score_pairs(nodes, weights, pairs)
    assert wanted[0].max() > 0.5 and wanted[1].any()  # edges, and some that contradict
    _split_small(monkeypatch)
    told: list[tuple[str, int, int | None]] = []
    _same(facts._score_on_two_cores(nodes, weights, pairs, lambda *step: told.append(step)),
          wanted)
    assert told[-1] == ("comparing sentences", len(pairs), len(pairs))
    assert [done for _, done, _ in told] == sorted(done for _, done, _ in told)


def test_a_helper_that_dies_midway_leaves_its_chunks_to_this_process(
    bundled_pairs: tuple[list[Weighted], dict[str, float], np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    nodes, weights, pairs = bundled_pairs
    wanted = score_pairs(nodes, weights, pairs)
    _split_small(monkeypatch)
    here = os.getpid()
    finished = facts._Claims.finished_back

    def dies_after_one(self: facts._Claims) -> None:
        finished(self)
        if os.getpid() != here:
            os._exit(3)

    monkeypatch.setattr(facts._Claims, "finished_back", dies_after_one)
    _same(facts._score_on_two_cores(nodes, weights, pairs), wanted)


def test_a_chunk_scored_by_both_counts_once(
    bundled_pairs: tuple[list[Weighted], dict[str, float], np.ndarray],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the two ends meet, both may take the same chunk (each reads the other's claim
    before it is written): here the back always goes one chunk past the front's claims."""
    nodes, weights, pairs = bundled_pairs
    wanted = score_pairs(nodes, weights, pairs)
    _split_small(monkeypatch)
    monkeypatch.setattr("briefing.index.parallel._can_fork", lambda: False)  # in turn, here

    def one_too_far(self: facts._Claims) -> Iterator[int]:
        chunk = self.count - 1
        while chunk >= max(0, self._get(self._FRONT) - 1):
            self._set(self._BACK, chunk)
            yield chunk
            chunk -= 1

    monkeypatch.setattr(facts._Claims, "from_back", one_too_far)
    _same(facts._score_on_two_cores(nodes, weights, pairs), wanted)
