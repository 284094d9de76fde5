"""The quality bar of the briefing and of corroborated answers, on the five bundled articles."""

from __future__ import annotations

import re

import pytest

from briefing import Library
from briefing.reports import Briefing, Fact

FRENCH = "000_1c279a35ebb96548.txt"
JAPAN = "002_f8ead1e008714aa4.txt"


@pytest.fixture(scope="module")
def briefing(bundled_engine: Library) -> Briefing:
    return bundled_engine.brief(8)


def _facts_about(briefing: Briefing, pattern: str) -> list[Fact]:
    found = re.compile(pattern, re.IGNORECASE)
    return [f for f in briefing.facts if any(found.search(s.text) for s in f.sources)]


@pytest.mark.parametrize(
    ("topic", "pattern"),
    [
        ("the industry ministry's block", r"industry ministry|Ministry of Industry"),
        ("the government-device bans", r"Australia and Taiwan"),
        ("Italy's order", r"Italy’s data protection authority"),
        ("Kakao's instruction to employees", r"Kakao.*employees"),
        ("the privacy commission's inquiry", r"privacy watchdog|Protection Commission"),
    ],
)
def test_the_briefing_holds_each_key_fact_once(briefing: Briefing, topic: str,
                                              pattern: str) -> None:
    facts = _facts_about(briefing, pattern)
    assert len(facts) == 1, f"{topic}: {[f.text for f in facts]}"
    assert facts[0].source_count >= 3


def test_the_privacy_inquiry_is_reported_by_all_five_articles(briefing: Briefing) -> None:
    # "the information privacy watchdog intends to inquire", "the Personal Information
    # Protection Commission sent an inquiry", "L'organisme de surveillance ... prévoit
    # d'interroger": one fact in three wordings and two languages; 003 tells it in two.
    (fact,) = _facts_about(briefing, r"privacy watchdog|Protection Commission")
    assert fact.source_count == 5
    assert {s.source for s in fact.sources} >= {FRENCH, JAPAN}


def test_no_fact_appears_twice(briefing: Briefing) -> None:
    assert len(briefing.facts) == 8
    seen: set[tuple[str, int, int]] = set()
    for fact in briefing.facts:
        places = {(s.source, s.paragraph, s.start) for s in fact.sources}
        assert not places & seen, fact.text
        seen |= places
    texts = [f.text for f in briefing.facts]
    assert len(set(texts)) == len(texts)
    scores = [f.score for f in briefing.facts]
    assert scores[0] == max(scores)


def test_the_french_article_corroborates_at_least_three_facts(briefing: Briefing) -> None:
    french = [f for f in briefing.facts if any(s.source == FRENCH for s in f.sources)]
    assert len(french) >= 3
    for fact in french:
        source = next(s for s in fact.sources if s.source == FRENCH)
        assert source.language == "fr" and source.text != fact.text


def test_the_australia_japan_conflict_is_the_only_one(briefing: Briefing) -> None:
    assert len(briefing.conflicts) == 1
    (conflict,) = briefing.conflicts
    versions = {v.text: v.sources for v in conflict.versions}
    assert versions == {
        "Australia and Taiwan": (FRENCH, "001_0001ffd5a2c8243f.txt", "003_b1bf6165345aa9a6.txt"),
        "Australia and Japan": (JAPAN,),
    }
    (ban,) = _facts_about(briefing, r"Australia and Taiwan")
    assert ban.conflict == conflict
    # The Japan version is shown beside the fact, never as a fact of its own.
    assert not any(s.source == JAPAN and "Japan" in s.text for f in briefing.facts
                   for s in f.sources)


def test_different_ministries_are_two_facts_and_no_conflict(bundled_engine: Library) -> None:
    facts = bundled_engine.brief(200).facts
    environment = _facts_about_list(facts, r"Ministry of Environment")
    industry = _facts_about_list(facts, r"industry ministry|Ministry of Industry")
    assert environment and industry and not set(map(id, environment)) & set(map(id, industry))
    for fact in (*environment, *industry):
        assert fact.conflict is None or "Japan" in str(fact.conflict)


def _facts_about_list(facts: tuple[Fact, ...], pattern: str) -> list[Fact]:
    found = re.compile(pattern)
    return [f for f in facts if any(found.search(s.text) for s in f.sources)]


def test_key_actors(briefing: Briefing) -> None:
    names = [a.name for a in briefing.actors]
    for expected in ("South Korea", "DeepSeek", "Kakao", "Naver", "OpenAI"):
        assert expected in names
    for common in ("This", "However", "Meanwhile", "Additionally", "In", "The", "Both"):
        assert not any(n == common or n.startswith(common + " ") for n in names)
    korea = next(a for a in briefing.actors if a.name == "South Korea")
    assert korea.source_count == 5 and FRENCH in korea.sources  # "Corée du Sud" counts
    counts = [a.source_count for a in briefing.actors]
    assert counts == sorted(counts, reverse=True)


def test_an_answer_lists_its_sources_and_merges_its_duplicates(bundled_engine: Library) -> None:
    result = bundled_engine.ask("Which ministry temporarily blocked employee access to DeepSeek?")
    assert result.answered
    best = result.answers[0]
    assert best.sources[0].text == best.text  # its own sentence comes first
    assert best.source_count >= 3 and FRENCH in {s.source for s in best.sources}
    places = [(s.source, s.paragraph, s.start) for a in result.answers for s in a.sources]
    assert len(places) == len(set(places))  # no fact is answered twice


def test_an_answer_touching_a_conflict_carries_it(bundled_engine: Library) -> None:
    result = bundled_engine.ask("Which countries banned DeepSeek from government devices?")
    assert result.answered
    texts = {v.text for c in result.conflicts for v in c.versions}
    assert texts == {"Australia and Taiwan", "Australia and Japan"}
    unrelated = bundled_engine.ask("What share of the local market does KakaoTalk hold?")
    assert unrelated.answered and unrelated.conflicts == ()
    assert unrelated.answers[0].source_count == 1
