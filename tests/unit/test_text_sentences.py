"""Tests split_sentences(): sentence boundaries in English and French, and exact coverage."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.corpus.sentences import split_sentences

CORPUS = Path(__file__).parents[2] / "corpus"

ENGLISH = (
    "S. Korean government ministries and tech firms move to ban DeepSeek. OpenAI is considering "
    "the U.S. project, which is expected to attract up to 2 trillion won ($1.4 billion) in "
    "investment. It opened at 9 AM."
)
FRENCH = (
    "En janvier, l'autorité italienne a ordonné à DeepSeek de bloquer son chatbot. "
    "D'autres gouvernements aux États-Unis examinent."
)


def split(text: str, language: str | None = None) -> list[str]:
    spans = split_sentences(text, language)
    assert_covers(text, spans)
    return [text[a:b] for a, b in spans]


def assert_covers(text: str, spans: list[tuple[int, int]]) -> None:
    """Ordered, trimmed, non-empty, and every non-space character in exactly one span."""
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        assert text[previous_end:start].strip() == ""
        previous_end = end
    assert text[previous_end:].strip() == ""


def test_english_abbreviations_money_and_times_stay_whole() -> None:
    assert split(ENGLISH, "en") == [
        "S. Korean government ministries and tech firms move to ban DeepSeek.",
        "OpenAI is considering the U.S. project, which is expected to attract up to 2 trillion "
        "won ($1.4 billion) in investment.",
        "It opened at 9 AM.",
    ]


def test_french() -> None:
    assert split(FRENCH, "fr") == [
        "En janvier, l'autorité italienne a ordonné à DeepSeek de bloquer son chatbot.",
        "D'autres gouvernements aux États-Unis examinent.",
    ]


def test_titles_dates_and_times() -> None:
    text = "Mr. Smith met Dr. Jones on 2025/02/06 20:00 in Washington. He left at 9 AM. Bye."
    assert split(text, "en") == [
        "Mr. Smith met Dr. Jones on 2025/02/06 20:00 in Washington.",
        "He left at 9 AM.",
        "Bye.",
    ]


def test_any_language_code_gets_the_same_rules() -> None:
    assert len(split(ENGLISH, "sv")) == 3
    assert len(split(ENGLISH, None)) == 3
    assert len(split(ENGLISH, "xx")) == 3


def test_no_sentence_punctuation_is_one_sentence() -> None:
    assert split("  Moon Hye-ryeon, Arirang News  ") == ["Moon Hye-ryeon, Arirang News"]


def test_empty_and_blank_text() -> None:
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []


def test_blank_line_ends_a_sentence() -> None:
    assert split("Headline without stop\n\nBody starts here. It goes on.") == [
        "Headline without stop",
        "Body starts here.",
        "It goes on.",
    ]


@pytest.mark.parametrize(
    "paragraph",
    [
        p.strip()
        for p in (CORPUS / "003_b1bf6165345aa9a6.txt").read_text(encoding="utf-8").split("\n")
        if len(p.strip()) > 200
    ],
)
def test_corpus_paragraphs_split_into_real_sentences(paragraph: str) -> None:
    parts = split(paragraph, "en")
    assert len(parts) >= 2
    for part in parts:
        assert part[0].isupper(), part
        assert part.endswith("."), part


def test_corpus_paragraph_with_us_and_money() -> None:
    text = next(
        p
        for p in (CORPUS / "003_b1bf6165345aa9a6.txt").read_text(encoding="utf-8").split("\n")
        if "$1.4 billion" in p
    )
    parts = split(text, "en")
    assert len(parts) == 2
    assert parts[0].endswith("($1.4 billion) in public and private investment.")
    texts = (CORPUS / "003_b1bf6165345aa9a6.txt").read_text(encoding="utf-8")
    us = next(p for p in texts.split("\n") if "supported by U.S. President" in p)
    assert any(
        "in the U.S. that is supported by U.S. President Donald Trump." in s for s in split(us)
    )


def test_long_text_splits_like_its_parts() -> None:
    text = " ".join([ENGLISH] * 60)
    parts = split(text, "en")
    assert len(parts) == 180
    assert parts[:3] == split(ENGLISH, "en")


def test_rules() -> None:
    assert split("Mr. Smith met M. Macron. St. Paul agreed! Did he? « Oui. » Fin.") == [
        "Mr. Smith met M. Macron.",
        "St. Paul agreed!",
        "Did he?",
        "« Oui. »",
        "Fin.",
    ]
    # A lowercase word after the stop does not start a sentence; "e.g." is an initialism.
    assert split("It rose 3.5 percent. 2025 was good. e.g. This one. The end") == [
        "It rose 3.5 percent.",
        "2025 was good. e.g. This one.",
        "The end",
    ]


def test_abbreviations_before_numbers_and_french_dates() -> None:
    assert split("See Vol. 2 and No. 5 on p. 12 of the report (c. 1455). It is old.") == [
        "See Vol. 2 and No. 5 on p. 12 of the report (c. 1455).",
        "It is old.",
    ]
    # A stop before a number still ends a sentence after an ordinary word.
    assert split("Prices rose in 2024. 2025 was calmer.") == [
        "Prices rose in 2024.",
        "2025 was calmer.",
    ]
    assert split("La cité date du XIIe siècle av. J.-C. au plus tard, dit-on.", "fr") == [
        "La cité date du XIIe siècle av. J.-C. au plus tard, dit-on."
    ]


def test_french_quotations_and_dialogue() -> None:
    text = (
        "« Original ? Cinglé ? Peut-être les deux. » Il ne buvait pas. "
        "Il a duré quinze jours. C'était près d'Ulm."
    )
    assert split(text, "fr") == [
        "« Original ?",
        "Cinglé ?",
        "Peut-être les deux. »",
        "Il ne buvait pas.",
        "Il a duré quinze jours.",
        "C'était près d'Ulm.",
    ]


def test_a_run_of_stops_is_one_boundary() -> None:
    text = "Wait..... What? " + "." * 50_000 + " End."
    assert split(text) == ["Wait.....", "What? " + "." * 50_000, "End."]


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aB1 .!?\n\"»«U.S'")), max_size=200))
def test_spans_always_cover_the_text(text: str) -> None:
    assert_covers(text, split_sentences(text, "en"))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_spans_cover_arbitrary_text(text: str) -> None:
    assert_covers(text, split_sentences(text))


def test_line_breaks_end_sentences_unless_they_only_wrap_one() -> None:
    text = (
        "South Korea Blocks DeepSeek\n"
        "The industry ministry has temporarily blocked employee access to the\n"
        "startup due to security concerns. A ministry official confirmed it\n"
        "on Wednesday."
    )
    assert split(text, "en") == [
        "South Korea Blocks DeepSeek",
        "The industry ministry has temporarily blocked employee access to the\n"
        "startup due to security concerns.",
        "A ministry official confirmed it\non Wednesday.",
    ]


def test_a_headline_line_without_a_stop_is_its_own_sentence() -> None:
    text = "Headline Without Stop\nThe body goes\non here. Done."
    assert split(text, "en") == ["Headline Without Stop", "The body goes\non here.", "Done."]


# The candidate rule as first written: a leading lookbehind, tried at every character.
_PLAIN_CANDIDATE = re.compile(r"(?<![.!?…。！？।])[.!?…。！？।]+(?:[^\S\n]?[\"'”’»)\]])*\s+")


@given(st.text(alphabet=st.sampled_from(list(".!?…。！？। \n\t\"'”’»)]aZ1«"))))
def test_the_candidate_scan_finds_what_the_plain_rule_finds(text: str) -> None:
    from briefing.corpus.sentences import _CANDIDATE

    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert spans(_CANDIDATE) == spans(_PLAIN_CANDIDATE)


def test_text_written_all_in_lower_case_splits_at_its_stops() -> None:
    # Transcripts and abstracts written in lower case (Cranfield's, "slipstream . an
    # experimental study") have no capital to open a sentence: a stop before any word ends
    # one there, an abbreviation's or an initialism's still does not. Text with capitals keeps
    # its rule: "Mr. Smith. then left." is one sentence.
    assert split("we met mr. smith at 5 p.m. and left. then we ate, e.g. bread. it was good") == [
        "we met mr. smith at 5 p.m. and left.", "then we ate, e.g. bread.", "it was good"]
    assert split("the wing was tested in a slipstream . an experimental study was made .") == [
        "the wing was tested in a slipstream .", "an experimental study was made ."]
    assert split("He met Mr. Smith. then left.") == ["He met Mr. Smith. then left."]
