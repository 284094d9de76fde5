"""MadeOnDemand: a sequence of answers made only as far as it is read."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.corroboration.attach import corroborate
from briefing.query.answers import MadeOnDemand
from tests.conftest import BUNDLED, open_library


def _counting(values: list[str], made: list[str]) -> Iterator[str]:
    for value in values:
        made.append(value)
        yield value


def test_it_reads_like_a_list_and_makes_no_more_than_asked() -> None:
    values = ["a", "b", "c", "d", "e"]
    made: list[str] = []
    lazy = MadeOnDemand(_counting(values, made))  # type: ignore[arg-type]
    assert lazy[0] == "a" and made == ["a"]
    assert lazy[1:3] == ["b", "c"] and made == ["a", "b", "c"]
    assert next(iter(lazy)) == "a" and len(made) == 3
    assert lazy[-1] == "e" and made == values
    assert len(lazy) == 5 and list(lazy) == values and lazy[:] == values
    assert list(MadeOnDemand(iter([]))) == [] and len(MadeOnDemand(iter([]))) == 0


def test_corroboration_reads_only_the_answers_it_keeps() -> None:
    engine = open_library(BUNDLED)
    question = "Which ministry blocked DeepSeek?"
    expected = engine.ask(question, k=3)
    from briefing.library import _stated
    from briefing.query.answers import find_answers
    from briefing.query.question import analyse

    found = find_answers(engine._reader, analyse(engine._reader, question), 6)
    answers = found.answers
    assert found.answered and isinstance(answers, MadeOnDemand)
    stated = MadeOnDemand(_stated(chosen) for chosen in answers)
    kept, _ = corroborate(engine._fact_store(engine._reader), stated, 1)
    made = len(answers._made)
    assert made < len(answers)  # there were more, never made for it (len() makes them all)
    assert [stated[c.position].own.text for c in kept] == [a.text for a in expected.answers[:1]]


def test_truth_needs_one_answer_only() -> None:
    made: list[str] = []
    lazy = MadeOnDemand(_counting(["a", "b"], made))  # type: ignore[arg-type]
    assert lazy and made == ["a"]
    assert not MadeOnDemand(iter([]))
