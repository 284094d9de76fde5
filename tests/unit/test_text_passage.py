"""read_passage(): sentence by sentence, the same words and highlights as the whole passage."""

from __future__ import annotations

import random
from bisect import bisect_left

import pytest

from briefing.corpus.sanitize import clean_passage
from briefing.paths import eval_dir
from briefing.text.analyzer import analyzer_for
from briefing.text.passage import read_passage
from briefing.text.tokenize import (
    chunk_places,
    iter_chunks,
    iter_tokens,
    scan_chunks,
    word_chunks,
)
from tests.conftest import BUNDLED

HOSTILE = [
    "Prices rose to $1.4 billion. €20 was the fee at 9 AM. Then 9 a.m. again, and 97% of it.",
    "L'autorité a dit qu'elle était d'accord. L\u2019ONU aussi : « Oui. » Les États-Unis ?",
    "snake_case_words and U+02BC: Hawai\u02bbi, ma\u02bcam. The U.S. and e.g. this. Mr. Smith.",
    "Line one\nwrapped here.\n\nA new block. A-t-elle dit? Oui!!! Vraiment...   Fin",
    "Combining e\u0301 marks: cafe\u0301 and re\u0301sume\u0301. Numbers 3,400.5 and 1/2.",
    "",
    "   ",
    "No sentence punctuation at all just words",
]


def _passages() -> list[str]:
    """Hostile strings, the bundled articles' paragraphs, and XQuAD and PIAF paragraphs when
    the evaluation data is there."""
    found = list(HOSTILE)
    for path in sorted(BUNDLED.glob("*.txt")):
        found += [clean_passage(p) for p in path.read_text("utf-8").split("\n\n")]
    for name in ("xquad/xquad.en.json", "piaf/piaf-v1.0.json"):
        squad = eval_dir() / name
        if squad.is_file():
            import json

            data = json.loads(squad.read_text("utf-8"))["data"]
            contexts = [p["context"] for article in data for p in article["paragraphs"]]
            found += [clean_passage(text) for text in contexts[:300]]
    return found


def _tokens(text: str, language: str | None) -> list[tuple[str, str, int, int]]:
    """The whole passage read the plain way: every token with its stem and its place."""
    stem = analyzer_for(language).stem
    return [(stem(surface), surface, a, b) for surface, a, b, _ in iter_tokens(text)]


def _whole_passage_words(text: str, language: str | None) -> list[list[tuple[str, str]]]:
    """Every token of the passage, placed in its sentence by start."""
    words = _tokens(text, language)
    starts = [w[2] for w in words]
    read = read_passage(text, language)
    inside = [words[bisect_left(starts, s) : bisect_left(starts, e)] for s, e in read.sentences]
    return [[(term, surface) for term, surface, _, _ in sentence] for sentence in inside]


LANGUAGES = ["en", "fr", None]


@pytest.mark.parametrize("language", LANGUAGES)
def test_sentence_words_equal_the_whole_passage_words(language: str | None) -> None:
    for text in _passages():
        read = read_passage(text, language)
        got = [[(term, surface) for term, surface, _, _ in words] for words in read.words]
        assert got == _whole_passage_words(text, language), text
        # Every word of the passage is in some sentence: none is lost between them.
        assert sum(map(len, got)) == len(_tokens(text, language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_highlight_spans_equal_the_whole_passage_spans(language: str | None) -> None:
    rng = random.Random(11)
    for text in _passages():
        words = _tokens(text, language)
        terms = sorted({term for term, _, _, _ in words})
        for _ in range(3):
            wanted = frozenset(rng.sample(terms, min(len(terms), rng.randint(1, 4))))
            expected = [(s, e) for term, _, s, e in words if term in wanted]
            assert read_passage(text, language).spans(wanted) == expected, text
        assert read_passage(text, language).spans(frozenset()) == []


def test_surfaces_cover_whole_sentences() -> None:
    text = "Seoul blocked the app. It cited privacy. Beijing objected."
    read = read_passage(text, "en")
    (_, first_end), (second_start, second_end), _ = read.sentences
    assert read.surfaces(0, first_end) == ["seoul", "blocked", "the", "app"]
    both = ["seoul", "blocked", "the", "app", "it", "cited", "privacy"]
    assert read.surfaces(0, second_end) == both
    assert read.surfaces(second_start, len(text)) == [*both[4:], "beijing", "objected"]


def test_chunk_places_equal_the_scanner_positions() -> None:
    for text in _passages():
        expected = [(base, lead) for _, base, lead in iter_chunks(text)]
        assert chunk_places(text, word_chunks(text)) == expected, text


@pytest.mark.parametrize(("language", "algorithm"), [("en", "english"), ("fr", "french")])
def test_every_term_is_the_snowball_stem_or_the_number(language: str, algorithm: str) -> None:
    import Stemmer

    from briefing.text.tokenize import has_digit

    stemmer = Stemmer.Stemmer(algorithm)
    for text in _passages():
        for words in read_passage(text, language).words:
            for term, surface, _, _ in words:
                assert term == (surface if has_digit(surface) else stemmer.stemWord(surface))


def test_scanning_a_sentence_in_place_equals_scanning_its_slice() -> None:
    rng = random.Random(5)
    mixed = "Le café coûte 3,40 €. The U.S. paid $1.4 at 9 a.m.; snake_case Hawai\u02bbi 97%."
    for text in [*_passages(), mixed]:
        scan = scan_chunks(text)
        spans = list(read_passage(text, "en").sentences)
        # Any span, not only sentences: mid-word, after a digit, empty, the whole text.
        spans += [tuple(sorted(rng.sample(range(len(text) + 1), 2))) for _ in range(20) if text]
        spans += [(0, len(text)), (0, 0)]
        for start, end in spans:
            assert scan(start, end) == word_chunks(text[start:end]), (text, start, end)


def test_term_order_lists_each_sentence_terms_in_order() -> None:
    for text in _passages():
        read = read_passage(text, "fr")
        for words, order, terms in zip(read.words, read.term_order, read.terms, strict=True):
            assert order == tuple(term for term, _, _, _ in words)
            assert terms == frozenset(order)
