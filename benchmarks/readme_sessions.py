"""Provides the README's pasted terminal sessions: reading them, and writing them afresh.

Usage: python -m benchmarks.readme_sessions [--write]

A fenced block of README.md that starts with `$ briefing ` is a session: each `$ briefing ...`
line is run (piped, COLUMNS=100, on the bundled corpus, in a fresh cache) and the lines under
it, up to the next `$ `, are its output; `$ echo $?` shows the exit code of the command before.
Without --write, prints the sessions that differ from a fresh run (tests/test_readme_examples.py
checks the same); with it, replaces their outputs in README.md.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"

Session = list[tuple[str, list[str]]]  # (command, its expected output lines)


def blocks(text: str) -> list[tuple[int, int, list[str]]]:
    """The fenced blocks of a Markdown text: (first line, line after the last, lines)."""
    found: list[tuple[int, int, list[str]]] = []
    start: int | None = None
    lines = text.splitlines()
    for number, line in enumerate(lines):
        if line.startswith("```"):
            if start is None:
                start = number + 1
            else:
                found.append((start, number, lines[start:number]))
                start = None
    return found


def sessions(text: str) -> list[tuple[int, int, Session]]:
    """Each session block: (first line, end line, its steps)."""
    found = []
    for start, end, lines in blocks(text):
        if not lines or not lines[0].startswith("$ briefing "):
            continue
        steps: Session = []
        for line in lines:
            if line.startswith("$ "):
                steps.append((line[2:], []))
            else:
                steps[-1][1].append(line)
        found.append((start, end, steps))
    return found


def run(command: str, cache: str) -> tuple[list[str], int]:
    """A README command run as the README shows it: its stdout lines and exit code."""
    words = shlex.split(command)
    environment = {**os.environ, "COLUMNS": "100", "BRIEFING_CACHE_DIR": cache}
    environment.pop("BRIEFING_CORPUS", None)
    environment.pop("NO_COLOR", None)
    done = subprocess.run(
        [sys.executable, "-m", "briefing", *words[1:]], capture_output=True, text=True,
        env=environment, timeout=300, check=False, cwd=README.parent,
    )
    return done.stdout.splitlines(), done.returncode


def fresh(steps: Session, cache: str) -> Session:
    """The same commands with the outputs a run gives now."""
    result: Session = []
    code = 0
    for command, _ in steps:
        if command == "echo $?":
            result.append((command, [str(code)]))
        else:
            output, code = run(command, cache)
            result.append((command, output))
    return result


def main() -> None:
    write = "--write" in sys.argv[1:]
    text = README.read_text(encoding="utf-8")
    lines = text.splitlines()
    cache = tempfile.mkdtemp(prefix="briefing-readme-")
    changed = 0
    for start, end, steps in reversed(sessions(text)):
        now = fresh(steps, cache)
        if now == steps:
            continue
        changed += 1
        print(f"README.md line {start}: `{steps[0][0]}` prints something else now")
        lines[start:end] = [part for command, out in now for part in (f"$ {command}", *out)]
    if write and changed:
        README.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"rewrote {changed} session(s)")
    sys.exit(1 if changed and not write else 0)


if __name__ == "__main__":
    main()
