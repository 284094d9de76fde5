"""How answers are chosen, shaped, banded and withheld, on small corpora the tests write."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import Library
from briefing.text.anaphors import anaphors, opens_by_pointing_back
from tests.conftest import open_library


def _engine(folder: Path, files: dict[str, str]) -> Library:
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return open_library(folder)


JACKSONVILLE = (
    "Jacksonville is the largest city by population in the U.S. state of Florida, and the "
    "largest city by area in the contiguous United States. It is the county seat of Duval "
    "County, with which the city government consolidated in 1968. The city is on the banks of "
    "the St. Johns River, about 25 miles south of the Georgia state line."
)
HARBOUR = (
    "The harbour of Portmere was dredged in 1921 to take larger steamers. Fishing boats still "
    "land their catch on the old quay every morning. Forty-two cranes line the container "
    "terminal that opened beside the harbour in 1998."
)


@pytest.fixture
def engine(tmp_path: Path) -> Library:
    opened = _engine(
        tmp_path / "corpus",
        {
            "jacksonville.txt": JACKSONVILLE + "\n",
            "portmere.txt": HARBOUR + "\n",
            "markets.txt": "Samsung plans to invest 2 trillion won in its chip plants.\n",
        },
    )
    yield opened
    opened.close()


def test_a_sentence_pointing_back_is_shown_with_the_one_it_points_to(engine: Library) -> None:
    result = engine.ask("In which county does Jacksonville reside?")
    assert result.answered
    top = result.answers[0]
    assert "Duval County" in top.text
    # "It is the county seat..." alone would not say what "it" is.
    assert top.text.startswith("Jacksonville is the largest city")
    assert top.text.endswith("consolidated in 1968.")
    assert top.passage[top.start : top.end] == top.text


def test_a_question_about_a_number_gets_the_sentence_holding_one(engine: Library) -> None:
    result = engine.ask("How many cranes line the container terminal beside the harbour?")
    assert result.answered and "Forty-two" in result.answers[0].text


def test_one_shared_word_is_no_answer(engine: Library) -> None:
    """'won' is in the corpus (2 trillion won); the World Cup is not: abstain."""
    result = engine.ask("Who won the 2018 FIFA World Cup?")
    assert not result.answered and not result.answers


def test_answers_carry_a_score_and_a_readable_band(engine: Library) -> None:
    result = engine.ask("When was the harbour of Portmere dredged?")
    assert result.answered
    top = result.answers[0]
    assert "1921" in top.text and top.confidence == "high" and top.score > 0
    rank = {"low": 0, "medium": 1, "high": 2}
    assert all(rank[a.confidence] <= rank[top.confidence] for a in result.answers)
    # "near" and "harbour" are not in the sentence that answers: a right answer, less sure.
    weaker = engine.ask("What do boats do every morning near the harbour?")
    assert weaker.answered and "Fishing boats" in weaker.answers[0].text
    assert weaker.answers[0].score < top.score - 0.1


def test_anaphors_by_language() -> None:
    assert "these" in anaphors("en") and "ces" in anaphors("fr") and not anaphors("ja")


@pytest.mark.parametrize(("sentence", "language", "points_back"), [
    ("These would replace current powers to detain suspects.", "en", True),
    ("But he said the talks would go on.", "en", True),
    ('"It was a great night," she said.', "en", True),
    ("Ces quatre basiliques sont classées.", "fr", True),
    ("The home secretary defended his decision.", "en", False),
    ("There are now more than 5m broadband users in the UK.", "en", False),
    ("Earlier this month, SBC agreed to buy AT&T.", "en", False),
    ("Cette année, la ville a accueilli 3 millions de visiteurs.", "fr", False),
    ("Il y a désormais 3 millions d'abonnés en France.", "fr", False),
    ("Il a démissionné mardi.", "fr", True),
    ("In 2004 it sold 12m phones.", "en", False),  # past the first two words
    ("That means the Federal Reserve will raise rates.", "en", True),
    ("Figures that show a rise were published.", "en", False),
    # A shell noun names what came before, unless its complement says what it is.
    ("The money would be used to help pay for key policies.", "en", True),
    ("The move comes a day after the vote.", "en", True),
    ("The deal, worth £1bn, was signed on Friday.", "en", True),
    ("The decision to close the plant was taken on Monday.", "en", False),
    ("The report by the IMF says growth will slow.", "en", False),
    ("The Bank of England has left rates on hold.", "en", False),
    ("La décision a été prise lundi.", "fr", False),  # an English rule only
])
def test_a_sentence_opening_by_pointing_back(sentence: str, language: str,
                                             points_back: bool) -> None:
    assert opens_by_pointing_back(sentence, language) is points_back
