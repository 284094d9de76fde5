"""Provides the update benchmark of issue 16: what a question costs after files of a real folder
changed, against a full build of the same folder.

    python -m benchmarks.update_after_change [--corpus PATH] [--repeat 2]

A copy of the folder (default: the BBC News folder of the evaluation data) is indexed from
scratch (`briefing index --rebuild`); then one line is appended to one file and the next
`briefing ask --json` is timed (it brings the index, corroboration included, up to date before
it answers); then 1% of the files get a line each and `briefing index` is timed. Each step is
its own process with a private cache, as a user runs it, so the times include the interpreter
start; best of --repeat runs (the machine may be shared). Prints a Markdown table and the
targets: one changed file <= 1.5 s or <= 15% of the build; 1% changed <= 20% of the build.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QUESTION = "What did the company say about its profits?"
ONE_FILE_SECONDS = 1.5
ONE_FILE_SHARE = 0.15
ONE_PERCENT_SHARE = 0.20


def _default_corpus() -> Path:
    sys.path.insert(0, str(REPO))
    from briefing.paths import eval_dir

    return eval_dir() / "bbc" / "corpus"


def _timed(args: list[str], cache: Path) -> float:
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True,
                          text=True, env=environment, cwd=REPO, check=False)
    seconds = time.perf_counter() - started
    if done.returncode not in (0, 1):
        raise SystemExit(f"briefing {' '.join(args)} failed: {done.stderr[-400:]}")
    return seconds


def _touch(files: list[Path], round_: int) -> None:
    for path in files:
        with path.open("a", encoding="utf-8") as handle:
            handle.write(f"\nA correction was added to this report (round {round_}).\n")


def measure(corpus: Path, work: Path, repeat: int) -> dict[str, float]:
    folder = work / "folder"
    shutil.copytree(corpus, folder)
    files = sorted(p for p in folder.rglob("*.txt"))
    cache = work / "cache"
    build, one, many = [], [], []
    step = max(1, len(files) // 100)
    for round_ in range(repeat):
        build.append(_timed(["index", "--rebuild", "--corpus", str(folder)], cache))
        _touch([files[(round_ * 7) % len(files)]], round_)
        one.append(_timed(["ask", "--json", "--corpus", str(folder), QUESTION], cache))
        _touch(files[round_::step][: max(1, len(files) // 100)], round_)
        many.append(_timed(["index", "--json", "--corpus", str(folder)], cache))
    return {"files": len(files), "build": min(build), "one": min(one), "many": min(many),
            "changed": max(1, len(files) // 100)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    corpus = args.corpus or _default_corpus()
    if not corpus.is_dir():
        raise SystemExit(f"no corpus at {corpus} (set BRIEFING_EVAL_DIR or pass --corpus)")
    with tempfile.TemporaryDirectory(prefix="briefing-update-") as work:
        result = measure(corpus, Path(work), args.repeat)
    build = result["build"]
    print(f"| {int(result['files']):,} files | seconds | share of the build | target | |")
    print("|---|---:|---:|---|---|")
    print(f"| index from scratch | {build:.2f} | 1.00 | | |")
    one, many = result["one"], result["many"]
    met_one = one <= ONE_FILE_SECONDS or one <= ONE_FILE_SHARE * build
    print(f"| `ask` after 1 file changed | {one:.2f} | {one / build:.2f} | <= {ONE_FILE_SECONDS} s "
          f"or <= {ONE_FILE_SHARE:.0%} | {'met' if met_one else 'NOT met'} |")
    met_many = many <= ONE_PERCENT_SHARE * build
    print(f"| `index` after {int(result['changed'])} files (1%) changed | {many:.2f} "
          f"| {many / build:.2f} | <= {ONE_PERCENT_SHARE:.0%} | "
          f"{'met' if met_many else 'NOT met'} |")


if __name__ == "__main__":
    main()
