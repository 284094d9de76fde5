"""Provides docs/screenshot.svg: the reader after a real question (run this file)."""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Which ministry blocked DeepSeek on military computers?"
SIZE = (110, 34)


async def shoot(target: Path) -> None:
    from briefing.paths import bundled_corpus
    from briefing.tui.app import BriefingApp
    from briefing.tui.widgets.lists import ResultsList
    from briefing.tui.widgets.question import QuestionInput

    with tempfile.TemporaryDirectory() as scratch:
        os.environ["BRIEFING_CACHE_DIR"] = str(Path(scratch) / "cache")
        os.environ["BRIEFING_DATA_DIR"] = str(Path(scratch) / "data")
        corpus = Path(scratch) / "korea-deepseek"
        shutil.copytree(bundled_corpus(), corpus)
        app = BriefingApp(corpus)
        async with app.run_test(size=SIZE) as pilot:
            while app.stats is None:
                await pilot.pause(0.05)
            box = app.query_one(QuestionInput)
            box.value = QUESTION
            await pilot.press("enter")
            while app.main.outcome is None:
                await pilot.pause(0.05)
            app.query_one(ResultsList).focus()
            await pilot.pause(0.2)
            target.write_text(app.export_screenshot(title="briefing"), encoding="utf-8")
    print(target)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    asyncio.run(shoot(ROOT / "docs" / "screenshot.svg"))
