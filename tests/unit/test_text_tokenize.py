"""Tests tokenize(): surfaces, spans into the original text, and robustness."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.text.tokenize import Token, tokenize


def pairs(text: str) -> list[tuple[str, str]]:
    """(surface, original substring) of every token, checking the spans on the way."""
    tokens = tokenize(text)
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)
    return [(t.surface, text[t.start : t.end]) for t in tokens]


def test_token_is_a_frozen_dataclass() -> None:
    token = tokenize("Seoul")[0]
    assert token == Token("seoul", 0, 5, False)


def test_plain_words_are_folded() -> None:
    assert pairs("South Korea, Taïwan!") == [
        ("south", "South"),
        ("korea", "Korea"),
        ("taiwan", "Taïwan"),
    ]


def test_french_elision_straight_apostrophe() -> None:
    text = "l'autorité italienne"
    tokens = tokenize(text)
    assert tokens[0] == Token("autorite", 2, 10, False)
    assert text[2:10] == "autorité"


def test_french_elision_curly_apostrophe() -> None:
    text = "L’autorité et d’IA"
    assert pairs(text) == [("autorite", "autorité"), ("et", "et"), ("ia", "IA")]
    assert tokenize(text)[0].start == 2


def test_french_elisions_of_every_kind() -> None:
    text = "Qu'a dit s'abstenir n'a j'ai c'est m'a t'a jusqu'à lorsqu'il puisqu’elle"
    assert [s for s, _ in pairs(text)] == [
        "a", "dit", "abstenir", "a", "ai", "est", "a", "a", "a", "il", "elle",
    ]  # fmt: skip
    assert pairs("d'IA")[0] == ("ia", "IA")


def test_elision_needs_a_letter_after_the_apostrophe() -> None:
    # "l'2" is no elision; the apostrophe is just dropped inside the word.
    assert pairs("l'2") == [("l2", "l'2")]


def test_modifier_letter_apostrophe_counts_as_apostrophe() -> None:
    assert pairs("lʼautorité") == [("autorite", "autorité")]


def test_english_possessive_span_stops_before_the_apostrophe() -> None:
    text = "South Korea’s ministry and Kakao's app"
    assert pairs(text) == [
        ("south", "South"),
        ("korea", "Korea"),
        ("ministry", "ministry"),
        ("and", "and"),
        ("kakao", "Kakao"),
        ("app", "app"),
    ]


def test_trailing_apostrophe_is_not_part_of_the_word() -> None:
    assert pairs("the users’ data") == [("the", "the"), ("users", "users"), ("data", "data")]


def test_other_internal_apostrophes_are_removed() -> None:
    assert pairs("don't O'Brien aujourd'hui") == [
        ("dont", "don't"),
        ("obrien", "O'Brien"),
        ("aujourdhui", "aujourd'hui"),
    ]


def test_hyphenated_names_yield_compound_then_parts() -> None:
    text = "Our Moon Hye-ryeon and Chey Tae-won."
    tokens = tokenize(text)
    assert [(t.surface, text[t.start : t.end]) for t in tokens] == [
        ("our", "Our"),
        ("moon", "Moon"),
        ("hyeryeon", "Hye-ryeon"),
        ("hye", "Hye"),
        ("ryeon", "ryeon"),
        ("and", "and"),
        ("chey", "Chey"),
        ("taewon", "Tae-won"),
        ("tae", "Tae"),
        ("won", "won"),
    ]
    compound, first = tokens[2], tokens[3]
    assert (compound.start, compound.end) == (9, 18)
    assert (first.start, first.end) == (9, 12)


def test_hyphenated_compounds_fold_and_join() -> None:
    assert pairs("États-Unis state-owned e-commerce") == [
        ("etatsunis", "États-Unis"),
        ("etats", "États"),
        ("unis", "Unis"),
        ("stateowned", "state-owned"),
        ("state", "state"),
        ("owned", "owned"),
        ("ecommerce", "e-commerce"),
        ("e", "e"),
        ("commerce", "commerce"),
    ]


def test_unicode_hyphens_join_words() -> None:
    assert [s for s, _ in pairs("Hye\u2010ryeon Tae\u2011won")] == [
        "hyeryeon", "hye", "ryeon", "taewon", "tae", "won",
    ]  # fmt: skip


def test_an_ampersand_between_letters_joins_a_name() -> None:
    # "AT&T" was 'at' and 't', two stopwords: a question about it searched nothing of it.
    assert pairs("AT&T and M&S's R&D, Procter & Gamble") == [
        ("at&t", "AT&T"),
        ("at", "AT"),
        ("t", "T"),
        ("and", "and"),
        ("m&s", "M&S"),  # the possessive left out, as for any name
        ("m", "M"),
        ("s", "S"),
        ("r&d", "R&D"),
        ("r", "R"),
        ("d", "D"),
        ("procter", "Procter"),
        ("gamble", "Gamble"),
    ]
    # Typed in lower case in a question, the same word; between digits, no name.
    assert [s for s, _ in pairs("at&t")][0] == "at&t"
    assert [s for s, _ in pairs("a=1&b=2 3&4")] == ["a", "1", "b", "2", "3", "4"]
    # With a hyphen too, only the ampersand stays in the compound.
    assert [s for s, _ in pairs("AT&T-owned")][0] == "at&towned"


def test_dashes_used_as_punctuation_are_not_words() -> None:
    assert pairs("Seoul – Busan -- Incheon - Daegu -x y-") == [
        ("seoul", "Seoul"),
        ("busan", "Busan"),
        ("incheon", "Incheon"),
        ("daegu", "Daegu"),
        ("x", "x"),
        ("y", "y"),
    ]


def test_elision_inside_a_compound() -> None:
    assert pairs("l'après-midi") == [
        ("apresmidi", "après-midi"),
        ("apres", "après"),
        ("midi", "midi"),
    ]


def test_numbers_keep_separators_and_drop_signs_from_the_surface() -> None:
    text = "97% of $1.4 billion on 2025/02/06 20:00, 1,000.50 and €5"
    tokens = tokenize(text)
    assert [(t.surface, text[t.start : t.end], t.numeric) for t in tokens] == [
        ("97", "97%", True),
        ("of", "of", False),
        ("1.4", "$1.4", True),
        ("billion", "billion", False),
        ("on", "on", False),
        ("2025/02/06", "2025/02/06", True),
        ("20:00", "20:00", True),
        ("1,000.50", "1,000.50", True),
        ("and", "and", False),
        ("5", "€5", True),
    ]


def test_number_followed_by_period_or_comma() -> None:
    assert pairs("It was 2%. Then 3, 4.") == [
        ("it", "It"),
        ("was", "was"),
        ("2", "2%"),
        ("then", "Then"),
        ("3", "3"),
        ("4", "4"),
    ]


def test_times_of_day() -> None:
    text = "at 9 AM, 9am, 10:30 p.m. and 7 pm"
    assert pairs(text) == [
        ("at", "at"),
        ("9am", "9 AM"),
        ("9am", "9am"),
        ("10:30pm", "10:30 p.m."),
        ("and", "and"),
        ("7pm", "7 pm"),
    ]


def test_am_after_a_number_that_is_no_time() -> None:
    assert pairs("In 2025 AM radio; 9 amazing") == [
        ("in", "In"),
        ("2025", "2025"),
        ("am", "AM"),
        ("radio", "radio"),
        ("9", "9"),
        ("amazing", "amazing"),
    ]


def test_letters_glued_to_digits() -> None:
    text = "5G and COVID-19"
    tokens = tokenize(text)
    assert [(t.surface, text[t.start : t.end], t.numeric) for t in tokens] == [
        ("5g", "5G", True),
        ("and", "and", False),
        ("covid19", "COVID-19", True),
        ("covid", "COVID", False),
        ("19", "19", True),
    ]


def test_underscores_and_punctuation_separate_words() -> None:
    assert pairs("snake_case (U.S.) a/b e-mail@host.com") == [
        ("snake", "snake"),
        ("case", "case"),
        ("u", "U"),
        ("s", "S"),
        ("a", "a"),
        ("b", "b"),
        ("email", "e-mail"),
        ("e", "e"),
        ("mail", "mail"),
        ("host", "host"),
        ("com", "com"),
    ]


def test_emoji_symbols_and_control_characters_are_ignored() -> None:
    assert pairs("AI🙂 ✓ x\x00y \u200b z © ™") == [
        ("ai", "AI"),
        ("x", "x"),
        ("y", "y"),
        ("z", "z"),
    ]


def test_decomposed_accents_stay_inside_the_word() -> None:
    text = "E\u0301tats-Unis"
    assert pairs(text)[0] == ("etatsunis", text)


def test_other_scripts() -> None:
    assert [s for s, _ in pairs("서울 東京 Москва")] == ["서울", "東京", "москва"]


def test_every_span_is_the_expected_original_substring() -> None:
    text = "D’autres gouvernements aux États-Unis, l'autorité de Korea’s « 97 % » $1.4"
    assert pairs(text) == [
        ("autres", "autres"),
        ("gouvernements", "gouvernements"),
        ("aux", "aux"),
        ("etatsunis", "États-Unis"),
        ("etats", "États"),
        ("unis", "Unis"),
        ("autorite", "autorité"),
        ("de", "de"),
        ("korea", "Korea"),
        ("97", "97"),
        ("1.4", "$1.4"),
    ]


def test_empty_and_blank_text() -> None:
    assert tokenize("") == []
    assert tokenize("  \n\t -- ... ") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_tokenize_never_crashes_and_spans_are_inside_the_text(text: str) -> None:
    tokens = tokenize(text)
    previous = 0
    for token in tokens:
        assert 0 <= token.start < token.end <= len(text)
        assert token.start >= previous
        previous = token.start
        assert token.surface
        assert token.numeric == any(c.isdigit() for c in token.surface)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="aé1'’ʼ-‐_.,:/%$ \u0301AMPm", max_size=60))
def test_tokenize_on_joiner_heavy_text(text: str) -> None:
    for token in tokenize(text):
        assert 0 <= token.start < token.end <= len(text)
        assert text[token.start : token.end].strip() == text[token.start : token.end]


def test_tokenize_a_5_mb_single_line() -> None:
    pattern = "Hye-ryeon's l'autorité paid $1.4 billion (97%) at 9 AM; "
    per_pattern = len(tokenize(pattern))
    # hyeryeon hye ryeon autorite paid 1.4 billion 97 at 9am
    assert per_pattern == 10
    repeats = 5_000_000 // len(pattern) + 1
    text = pattern * repeats
    tokens = tokenize(text)
    assert len(tokens) == per_pattern * repeats
    assert text[tokens[-1].start : tokens[-1].end] == "9 AM"


def test_a_long_run_of_hyphenated_parts_is_handled() -> None:
    text = "a-" * 100_000
    tokens = tokenize(text)
    assert len(tokens) == 1 + 100_000
    assert tokens[0].surface == "a" * 100_000


def test_the_marks_table_is_what_unicodedata_gives() -> None:
    """The generated table, or the computed class on another Unicode, both equal unicodedata."""
    from briefing.text.tokenize import _marks_class, computed_marks_class

    assert _marks_class() == computed_marks_class()
    assert "\\u0301" in _marks_class() or "\\u0300-\\u036f" in _marks_class()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_the_ascii_scanner_matches_the_full_one_on_ascii_text(text: str) -> None:
    from briefing.text.tokenize import _chunk_re

    full = [(m.start(), m.group()) for m in _chunk_re(False).finditer(text)]
    assert [(m.start(), m.group()) for m in _chunk_re(True).finditer(text)] == full


def test_ascii_and_unicode_text_give_their_words() -> None:
    assert [t.surface for t in tokenize("It's 9 AM: $1.4bn, 97% of U.S. co-op")] == [
        "it", "9am", "1.4bn", "97", "of", "u", "s", "coop", "co", "op",
    ]
    assert [t.surface for t in tokenize("L'autorité coréenne")] == ["autorite", "coreenne"]
