"""Provides the behaviour check of a refactoring: the JSON of `ask`, `search` and `brief`, kept.

Usage:
  python -m benchmarks.same_output record DIR     # write the outputs of this checkout into DIR
  python -m benchmarks.same_output compare DIR    # compare this checkout's outputs with DIR

The 201 benchmark questions (benchmarks/speed.py) are asked, in batch mode, of the bundled
corpus and of the 10,000-paragraph benchmark corpus, with `ask --json` and `search --json`;
`brief --json` is added for the bundled corpus. Each output is one file of JSON lines, so a
difference shows as a line number and a question. `compare` prints how many lines differ per
file and exits 1 if any does. Needs the evaluation data (XQuAD and PIAF), like the speed
benchmark.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.speed import QUESTIONS
from benchmarks.speed_corpus import questions, write_corpus

REPO = Path(__file__).resolve().parents[1]
SIZE = 10_000


def _briefing(args: list[str], stdin: str, cache: Path) -> str:
    env = {**os.environ, "BRIEFING_CACHE_DIR": str(cache), "NO_COLOR": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        input=stdin, capture_output=True, text=True, env=env, cwd=REPO, check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"briefing {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def outputs(work: Path) -> dict[str, str]:
    """Every output of this checkout, by name."""
    asked = "\n".join(questions(QUESTIONS)) + "\n"
    large = write_corpus(work / f"corpus-{SIZE}", SIZE)
    cache = Path(tempfile.mkdtemp(prefix="cache-", dir=work))  # fresh: every index built anew
    found: dict[str, str] = {}
    for name, corpus in (("bundled", None), (str(SIZE), large)):
        where = [] if corpus is None else ["--corpus", str(corpus)]
        found[f"ask-{name}"] = _briefing(["ask", "--json", *where], asked, cache)
        found[f"search-{name}"] = _briefing(["search", "--json", *where], asked, cache)
    found["brief-bundled"] = _briefing(["brief", "--json"], "", cache)
    return found


def _differing(before: str, after: str) -> list[int]:
    old, new = before.splitlines(), after.splitlines()
    differ = [i + 1 for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b]
    if len(old) != len(new):
        differ.append(min(len(old), len(new)) + 1)
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("record", "compare"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--work", type=Path, help="where the 10k corpus is kept (default: temp)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.gettempdir()) / "briefing-same-output"
    work.mkdir(parents=True, exist_ok=True)
    found = outputs(work)
    if args.action == "record":
        args.folder.mkdir(parents=True, exist_ok=True)
        for name, text in found.items():
            (args.folder / f"{name}.jsonl").write_text(text, encoding="utf-8")
        print(f"recorded {len(found)} outputs in {args.folder}")
        return
    changed = 0
    for name, text in found.items():
        before = (args.folder / f"{name}.jsonl").read_text(encoding="utf-8")
        lines = _differing(before, text)
        total = len(before.splitlines())
        print(f"{name:<16} {total:>4} lines  {len(lines):>4} differ"
              + (f"  (first: line {lines[0]})" if lines else ""))
        for line in lines[:5]:
            old = before.splitlines()[line - 1] if line <= total else ""
            key = "question" if name.startswith("ask") else "query"
            asked = json.loads(old).get(key, "") if old.startswith("{") else ""
            print(f"    line {line}: {asked[:90]}")
        changed += len(lines)
    sys.exit(1 if changed else 0)


if __name__ == "__main__":
    main()
