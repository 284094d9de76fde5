"""The build's fast paths of corroboration give the plain paths' answers, on real sentences."""

from __future__ import annotations

import itertools
import json
import random

import numpy as np

from briefing.corpus.sanitize import clean_passage
from briefing.corroboration.anchors import analyse
from briefing.corroboration.similarity import (
    _fuzzy,
    base_similarity,
    contradict,
    contrast,
    disagree,
    feature_weights,
    fuzzy_many,
    weighted,
)
from briefing.corroboration.table import StatementTable
from briefing.index.statements import is_passage_statement, is_statement, sentence_spans
from briefing.paths import eval_dir
from tests.conftest import BUNDLED

# Passages with every kind of white space clean_passage collapses, and none at all.
ODD = [
    "Officials  said\ton Monday.\nThe ban, they added,\u00a0holds. Shares fell 7%.",
    "\x1b[2J\x1b[2J",
    "  \u2003 Kakao  Corp.\r\nsaid it would comply.  ",
    "",
]


def _paragraphs() -> list[tuple[str | None, str]]:
    found: list[tuple[str | None, str]] = []
    for path in sorted(BUNDLED.glob("*.txt")):
        language = "fr" if path.name.startswith("000") else "en"
        text = path.read_text(encoding="utf-8")
        found.extend((language, block) for block in text.split("\n\n") if block.strip())
    xquad = eval_dir() / "xquad" / "xquad.en.json"
    if xquad.is_file():
        data = json.loads(xquad.read_text(encoding="utf-8"))["data"]
        found.extend(("en", p["context"]) for a in data[:4] for p in a["paragraphs"])
    return found + [("en", text) for text in ODD]


def _sentences() -> list[tuple[str | None, str]]:
    table = StatementTable()
    table.add_paragraphs(_paragraphs())
    count = len(_paragraphs())
    statements = table.select(np.ones(count, dtype=bool), np.zeros(count, np.int64), ["x"])
    return list(zip(statements.languages, statements.texts, strict=True))


def test_counting_spaces_is_counting_words_in_a_cleaned_passage() -> None:
    checked = 0
    for _, text in _paragraphs():
        passage = clean_passage(text)
        for start, end in sentence_spans(passage):
            sentence = passage[start:end]
            assert sentence == sentence.strip()
            assert is_passage_statement(sentence) == is_statement(sentence)
            checked += 1
    assert checked > 100  # real sentences: the bundled articles alone hold some 140


def test_an_empty_passage_has_no_sentences() -> None:
    assert sentence_spans("") == []
    assert sentence_spans(clean_passage("\x1b[2J" * 5)) == []


def test_contrasts_disagree_exactly_when_anchors_do() -> None:
    sentences = _sentences()
    anchors = [analyse(text, language) for language, text in sentences]
    contrasts = [contrast(a) for a in anchors]
    pairs = list(itertools.combinations(range(len(anchors)), 2))
    verdicts = [disagree(anchors[i], anchors[j]) for i, j in pairs]
    assert [contradict(contrasts[i], contrasts[j]) for i, j in pairs] == verdicts
    assert any(verdicts) and not all(verdicts)


def test_rapidfuzz_in_bulk_is_rapidfuzz_pair_by_pair() -> None:
    sentences = _sentences()
    anchors = [analyse(text, language) for language, text in sentences]
    weights = feature_weights(anchors)
    nodes = [weighted(a, weights) for a in anchors]
    asked = []
    for i, j in itertools.combinations(range(len(nodes)), 2):
        best, fuzzy = base_similarity(nodes[i], nodes[j], weights)
        if fuzzy:
            asked.append((anchors[i].fuzzy, anchors[j].fuzzy, best))
    rng = random.Random(5)  # and needs that are not those of the pairs
    asked += [(x, y, rng.random()) for x, y, _ in asked[:200]]
    expected = [_fuzzy(x, y, best) for x, y, best in asked]
    assert fuzzy_many(asked) == expected
    assert fuzzy_many(asked, threads=1) == expected
    assert sum(value > 0 for value in expected) >= 5  # the bulk path found some rewordings


def test_anchors_found_while_indexing_are_those_of_each_sentence_alone() -> None:
    # "Kakao" starts the first sentence: it is a name because ordinary text does not write it
    # in lower case (the reference), whatever the rest of the folder says.
    first = ("en", "Kakao said on Monday that the service would be blocked for staff.")
    later = ("en", "Shares of Kakao fell on Tuesday after the announcement in Seoul.")
    table = StatementTable()
    table.learn("one", [first])
    while table.analyse_some(1):
        pass
    table.learn("one", [later])
    while table.analyse_some(1):
        pass
    table.add_file("one", np.array([2], dtype=np.intc).tobytes(),
                   np.array([0, 1], dtype=np.intc).tobytes(),
                   np.array([0, 10, 11, 20], dtype=np.intc).tobytes())
    statements = table.select(np.ones(1, dtype=bool), np.zeros(1, dtype=np.int64), ["a.txt"])
    expected = [analyse(text, language) for language, text in (first, later)]
    assert statements.anchors == expected
    assert "n:kakao" in statements.anchors[0].names
    assert "n:kakao" in analyse(first[1], "en").names  # alone, before the later sentence