"""The search syntax parser: each form it recognises, and everything it leaves as plain text."""

from __future__ import annotations

import pytest

from briefing.models import QueryFilters
from briefing.query.syntax import parse_query


def test_plain_question_has_no_syntax_and_no_notes() -> None:
    parsed = parse_query("Which ministry blocked DeepSeek on Wednesday?")
    assert parsed.text == "Which ministry blocked DeepSeek on Wednesday?"
    assert parsed.filters == QueryFilters() and not parsed.has_syntax
    assert parsed.notes == ()


def test_phrase_keeps_its_words_in_the_searched_text() -> None:
    parsed = parse_query('What did "the defense ministry" say?')
    assert parsed.filters.phrases == ("the defense ministry",)
    assert parsed.text == "What did the defense ministry say?"
    assert parsed.loose == "What did say?"  # words outside the phrase, highlighted alone
    assert parsed.notes == ()


def test_two_phrases_and_inner_white_space() -> None:
    parsed = parse_query('"South   Korea" and "data protection"')
    assert parsed.filters.phrases == ("South Korea", "data protection")


def test_unbalanced_quote_is_plain_text_with_a_note() -> None:
    parsed = parse_query('who said "hello')
    assert parsed.filters.phrases == ()
    assert parsed.text == 'who said "hello'
    assert any("no closing quote" in note for note in parsed.notes)


def test_odd_quote_after_a_phrase_is_plain_text() -> None:
    parsed = parse_query('"data protection" and "privacy')
    assert parsed.filters.phrases == ("data protection",)
    assert parsed.text.endswith('"privacy')
    assert any("no closing quote" in note for note in parsed.notes)


def test_empty_phrase_is_plain_text() -> None:
    parsed = parse_query('"" DeepSeek')
    assert parsed.filters.phrases == ()
    assert parsed.notes


def test_exclusion() -> None:
    parsed = parse_query("DeepSeek ban -military -Kakao")
    assert parsed.filters.excluded == ("military", "Kakao")
    assert parsed.text == "DeepSeek ban"


@pytest.mark.parametrize("question", ["DeepSeek -5% drop", "well-known DeepSeek", "e-mail ban"])
def test_minus_not_followed_by_a_letter_or_inside_a_word_is_plain(question: str) -> None:
    parsed = parse_query(question)
    assert parsed.filters.excluded == () and parsed.text == question and parsed.notes == ()


def test_lone_minus_is_plain_text_with_a_note() -> None:
    parsed = parse_query("DeepSeek - ban")
    assert parsed.filters.excluded == () and parsed.text == "DeepSeek - ban"
    assert any("lone '-'" in note for note in parsed.notes)


def test_exclusion_needs_a_positive_term() -> None:
    parsed = parse_query("-deepseek -kakao")
    assert parsed.filters.excluded == ()
    assert parsed.text == "deepseek kakao"
    assert any("needs a word to search" in note for note in parsed.notes)


def test_exclusion_with_only_a_phrase_left_applies() -> None:
    parsed = parse_query('"defense ministry" -military')
    assert parsed.filters.excluded == ("military",)


def test_filters() -> None:
    parsed = parse_query(
        "ban lang:fr source:reports/*.pdf title:seoul after:2025-01-31 before:2025-03-01"
    )
    assert parsed.text == "ban"
    assert parsed.filters == QueryFilters(
        languages=("fr",), sources=("reports/*.pdf",), titles=("seoul",),
        after="2025-01-31", before="2025-03-01",
    )
    assert parsed.has_syntax and parsed.notes == ()


def test_language_code_with_a_region_is_its_language() -> None:
    assert parse_query("ban lang:fr-CA").filters.languages == ("fr",)
    assert parse_query("ban lang:EN").filters.languages == ("en",)


def test_repeated_dates_narrow_the_range() -> None:
    parsed = parse_query(
        "ban after:2025-01-01 after:2025-02-01 before:2025-03-01 before:2025-02-20"
    )
    assert (parsed.filters.after, parsed.filters.before) == ("2025-02-01", "2025-02-20")


@pytest.mark.parametrize(
    "token",
    ["after:2025-02-30", "before:yesterday", "after:2025-2-1", "before:20250201"],
)
def test_unparsable_date_is_plain_text(token: str) -> None:
    parsed = parse_query(f"ban {token}")
    assert parsed.filters == QueryFilters()
    assert parsed.text == f"ban {token}"
    assert any("not a date" in note for note in parsed.notes)


@pytest.mark.parametrize("token", ["lang:", "source:", "title:", "after:"])
def test_filter_without_value_is_plain_text(token: str) -> None:
    parsed = parse_query(f"ban {token}")
    assert parsed.filters == QueryFilters() and parsed.text == f"ban {token}"
    assert any("has no value" in note for note in parsed.notes)


@pytest.mark.parametrize("token", ["author:kim", "Lang:fr", "https://example.com/a"])
def test_unknown_filter_is_plain_text_with_a_note(token: str) -> None:
    parsed = parse_query(f"ban {token}")
    assert parsed.filters == QueryFilters() and parsed.text == f"ban {token}"
    assert any("no filter called" in note for note in parsed.notes)


def test_colon_in_ordinary_text_is_not_noted() -> None:
    parsed = parse_query("What happened at 10:30? He said: yes")
    assert parsed.filters == QueryFilters() and parsed.notes == ()


@pytest.mark.parametrize("operator", ["AND", "OR", "NOT"])
def test_boolean_operators_are_plain_words(operator: str) -> None:
    parsed = parse_query(f"DeepSeek {operator} Kakao")
    assert parsed.text == f"DeepSeek {operator} Kakao"
    assert parsed.filters == QueryFilters()
    assert any("not operators" in note for note in parsed.notes)


def test_lower_case_and_or_not_are_words_without_a_note() -> None:
    assert parse_query("DeepSeek and Kakao or not").notes == ()


def test_syntax_off_reads_everything_as_plain_text() -> None:
    question = '"defense ministry" -military lang:fr OR after:2025-13-01'
    parsed = parse_query(question, syntax=False)
    assert parsed.text == question and parsed.filters == QueryFilters() and parsed.notes == ()


def test_a_question_of_only_filters_has_no_words() -> None:
    parsed = parse_query("lang:fr after:2025-01-01")
    assert parsed.text == "" and parsed.filters.languages == ("fr",)
