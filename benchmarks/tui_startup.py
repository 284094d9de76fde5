"""Provides the reader's start-up benchmark: time to a usable question box, and to an open corpus.

Run `python -m benchmarks.tui_startup` from the repository root. It starts a fresh interpreter
per sample (so imports are counted), runs `BriefingApp` headless over the bundled corpus with a
warm cache, and prints medians: process start to the question box focused and accepting keys,
and to the corpus header filled in (the engine opened in its worker).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

_PROBE = r"""
import asyncio, json, time
started = time.perf_counter()
from briefing.paths import bundled_corpus
from briefing.tui.app import BriefingApp
from textual.widgets import Input

async def main() -> None:
    app = BriefingApp(bundled_corpus())
    async with app.run_test(size=(100, 30)) as pilot:
        while not isinstance(app.focused, Input):
            await pilot.pause(0.005)
        usable = time.perf_counter() - started
        while app.stats is None:  # set when the opening worker reports the corpus open
            await pilot.pause(0.005)
        opened = time.perf_counter() - started
    print(json.dumps({"usable": usable, "opened": opened}))

asyncio.run(main())
"""


def _sample(env: dict[str, str]) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BRIEFING_CACHE_DIR=f"{home}/cache", BRIEFING_DATA_DIR=f"{home}/data")
        _sample(env)  # builds the cache: every timed run is warm
        samples = [_sample(env) for _ in range(runs)]
    usable = statistics.median(s["usable"] for s in samples)
    opened = statistics.median(s["opened"] for s in samples)
    print(f"| reader start-up, bundled corpus, warm cache ({runs} runs, median) | seconds |")
    print("|---|---:|")
    print(f"| process start to a usable question box | {usable:.2f} |")
    print(f"| process start to the corpus open (header filled) | {opened:.2f} |")


if __name__ == "__main__":
    main()
