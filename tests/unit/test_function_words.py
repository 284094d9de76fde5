"""The generated table of function words equals what the stopword lists give, and the language
a question is written in is read from it."""

from __future__ import annotations

from briefing.text.function_words import LANGUAGES, WORDS
from briefing.text.question_language import (
    computed_function_words,
    function_words_source,
    written_in,
)


def test_the_table_is_the_lists() -> None:
    assert computed_function_words() == WORDS
    from pathlib import Path

    import briefing.text.function_words as table

    assert Path(table.__file__).read_text(encoding="utf-8") == function_words_source()


def test_languages_of_a_shared_word() -> None:
    both = {code for bit, code in enumerate(LANGUAGES) if WORDS["en"] >> bit & 1}
    assert {"fr", "es"} <= both  # "en" is French and Spanish


def test_questions_are_read_in_their_own_language() -> None:
    assert written_in(["qui", "poursuit", "bruce", "willis", "en", "justice"], {"en": 100}) == "fr"
    assert written_in(["who", "is", "suing", "bruce", "willis"], {"fr": 100}) == "en"
    assert written_in(["mourinho", "chelsea"]) is None  # keywords: no function word
