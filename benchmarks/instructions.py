"""Provides the per-question cost in instructions: this checkout beside another, under callgrind.

    python -m benchmarks.instructions BEFORE [--size 100000] [--questions 51 251] [--work DIR]

BEFORE is another checkout of briefing (a `git worktree add` of the commit to compare with).
On a shared machine wall times move by half from one run to the next; the instructions a
process executes do not. For each checkout, its own index of the benchmark corpus
(benchmarks/speed_corpus.py, `--size` paragraphs) is built once, then `briefing ask --json`
answers the first N and the first M of the same seeded questions from stdin under
`valgrind --tool=callgrind` (hash seed fixed); (instructions(M) - instructions(N)) / (M - N) is
the cost of one question after N others, start-up and first loads left out. Needs valgrind;
about ten minutes at 100,000 paragraphs (callgrind runs some fifty times slower).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.speed_corpus import questions, write_corpus

REPO = Path(__file__).resolve().parents[1]
_COLLECTED = re.compile(r"Collected : (\d+)")


def _env(checkout: Path, cache: Path) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(checkout), BRIEFING_CACHE_DIR=str(cache),
               PYTHONHASHSEED="0")
    env.pop("BRIEFING_CORPUS", None)
    return env


def instructions(checkout: Path, cache: Path, corpus: Path, asked: str) -> int:
    """The instructions of one process answering `asked` (stdin lines) with `checkout`'s code."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-m", "briefing", "ask", "--json", "--corpus", str(corpus)]
    # The working directory is neither checkout: `-m` puts it first on the path.
    run = subprocess.run(command, input=asked, capture_output=True, text=True,
                         env=_env(checkout, cache), cwd=tempfile.gettempdir(), check=False)
    found = _COLLECTED.search(run.stderr)
    if found is None:
        raise SystemExit(f"callgrind gave no count for {checkout}: {run.stderr[-400:]}")
    return int(found.group(1))


def per_question(checkout: Path, work: Path, corpus: Path, asked: list[str], first: int,
                 last: int) -> float:
    """Millions of instructions a question, between the `first`-th and the `last`-th."""
    # Named by the checkout's path, the same in every run (str hashes are salted per process),
    # so that `--work` keeps each checkout's index for the next run.
    cache = work / f"cache-{hashlib.sha256(str(checkout.resolve()).encode()).hexdigest()[:16]}"
    # Indexed, then asked once: whatever a first question writes into the cache folder (the
    # word lists of typo correction) is not counted in either run.
    for command, asked_first in ((["index"], ""), (["ask", "--json"], "\n".join(asked) + "\n")):
        done = subprocess.run(
            [sys.executable, "-m", "briefing", *command, "--corpus", str(corpus)],
            input=asked_first, env=_env(checkout, cache), cwd=tempfile.gettempdir(),
            capture_output=True, text=True, check=False)
        if done.returncode not in (0, 1):  # 1: some question was not answered
            raise SystemExit(f"briefing {command[0]} failed for {checkout}: {done.stderr[-400:]}")
    few = instructions(checkout, cache, corpus, "\n".join(asked[:first]) + "\n")
    many = instructions(checkout, cache, corpus, "\n".join(asked[:last]) + "\n")
    return (many - few) / (last - first) / 1e6


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path, help="the other checkout")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--questions", type=int, nargs=2, default=(51, 251))
    parser.add_argument("--work", type=Path, help="keep the corpus and indexes here")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is needed (callgrind counts the instructions)")
    first, last = args.questions
    if not 0 < first < last:
        raise SystemExit("--questions: two counts, the first smaller")
    work = args.work or Path(tempfile.mkdtemp(prefix="briefing-instructions-"))
    corpus = write_corpus(work / f"corpus-{args.size}", args.size)
    asked = questions(last)
    before = per_question(args.before, work, corpus, asked, first, last)
    now = per_question(REPO, work, corpus, asked, first, last)
    print(f"| {args.size:,} paragraphs, question {first + 1} to {last} | million instructions "
          "a question |")
    print("|---|---:|")
    print(f"| before ({args.before}) | {before:.2f} |")
    print(f"| now | {now:.2f} |")
    print(f"| ratio | {now / before:.2f} |")


if __name__ == "__main__":
    main()
