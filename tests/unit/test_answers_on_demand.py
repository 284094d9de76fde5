"""MadeOnDemand: a sequence of answers made only as far as it is read."""

from __future__ import annotations

from collections.abc import Iterator

from briefing.corroboration.attach import corroborate
from briefing.library import Engine
from briefing.query.answers import MadeOnDemand
from tests.conftest import BUNDLED


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
    engine = Engine.open(BUNDLED)
    question = "Which ministry blocked DeepSeek?"
    expected = engine.ask(question, k=3)
    from briefing.query.answers import find_answers
    from briefing.query.question import analyse_query

    answered, answers, _ = find_answers(engine.reader, analyse_query(engine.reader, question), 6)
    assert answered and isinstance(answers, MadeOnDemand)
    kept, _ = corroborate(engine.facts, answers, 1)
    made = len(answers._made)
    assert made < len(answers)  # there were more, never made for it (len() makes them all)
    assert [a.text for a in kept] == [a.text for a in expected.answers[:1]]


def test_truth_needs_one_answer_only() -> None:
    made: list[str] = []
    lazy = MadeOnDemand(_counting(["a", "b"], made))  # type: ignore[arg-type]
    assert lazy and made == ["a"]
    assert not MadeOnDemand(iter([]))
