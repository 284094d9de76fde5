"""The quality bar on `seed_qa_dev.json` over the bundled corpus (skipped without eval data)."""

from __future__ import annotations

import json

import pytest

from benchmarks.evaldata import holds_gold
from briefing.paths import eval_dir
from tests.conftest import open_library

SEED_QA = eval_dir() / "seed_qa_dev.json"


@pytest.fixture(scope="module")
def questions() -> list[dict]:
    if not SEED_QA.is_file():
        pytest.skip(f"evaluation data not found at {SEED_QA} (set BRIEFING_EVAL_DIR)")
    return json.loads(SEED_QA.read_text(encoding="utf-8"))["questions"]


def test_seed_questions_meet_the_quality_bar(questions: list[dict]) -> None:
    engine = open_library()
    at1 = at3 = answerable = abstained = unanswerable = 0
    misses = []
    for item in questions:
        result = engine.ask(item["q"], k=3)
        if item.get("answerable", True):
            answerable += 1
            texts = [a.text for a in result.answers] if result.answered else []
            hit1 = bool(texts) and holds_gold(texts[0], item["gold"])
            hit3 = any(holds_gold(t, item["gold"]) for t in texts)
            at1 += hit1
            at3 += hit3
            if not hit1:
                misses.append((item["q"], texts[:1]))
        else:
            unanswerable += 1
            abstained += not result.answered
    assert answerable == 13 and unanswerable == 2
    assert at1 >= 12, misses
    assert at3 == answerable, misses
    assert abstained == unanswerable
