"""Provides the choice of program that `o` opens a source file with: $VISUAL, $EDITOR, a pager.

The order is the one git and most Unix tools follow: $VISUAL (a full-screen editor), then
$EDITOR, then a pager to read the file at least: $PAGER, then `less`, then `more`. Editors and
the usual pagers take `+LINE` to open at the paragraph's line; a set variable whose program is
not found is passed over, and the notice says so.
"""

from __future__ import annotations

import os
import shlex
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

# Pagers known to take `+LINE` (less: "+<number> acts like +<number>g"; more and most alike).
LINE_PAGERS = frozenset({"less", "more", "most"})
FALLBACK_PAGERS = ("less", "more")


@dataclass(frozen=True, slots=True)
class Opener:
    """A command that shows a file at a line, and how the notice names it."""

    command: tuple[str, ...]
    label: str  # "code ($VISUAL)", "vim ($EDITOR)", "less"
    editor: bool  # False: a pager, to read only


@dataclass(frozen=True, slots=True)
class Choice:
    """The opener chosen (None when there is none) and why earlier candidates were passed over."""

    opener: Opener | None
    passed_over: tuple[str, ...]

    def notice(self, where: str) -> str:
        """What the reader is told: what opened `where` (and why not an earlier choice), or
        why nothing could."""
        reasons = "; ".join(self.passed_over)
        if self.opener is None:
            return f"Cannot open {where}: {reasons}."
        said = f"Opened {where} in {self.opener.label}"
        return f"{said}; {reasons}." if reasons else f"{said}."


def _program(value: str) -> list[str] | None:
    """The words of a command variable, or None when it cannot be split."""
    try:
        words = shlex.split(value)
    except ValueError:
        return None
    return words or None


def choose_opener(path: Path, line: int, environ: Mapping[str, str] | None = None) -> Choice:
    """The first usable of $VISUAL, $EDITOR, $PAGER, less and more for `path` at `line`."""
    environ = os.environ if environ is None else environ
    search_path = environ.get("PATH", os.defpath)
    passed_over: list[str] = []
    unset: list[str] = []
    for variable in ("VISUAL", "EDITOR", "PAGER"):
        value = environ.get(variable, "").strip()
        if not value:
            unset.append(f"${variable}")
            continue
        words = _program(value)
        if words is None:
            passed_over.append(f"${variable} is not a command")
            continue
        found = shutil.which(words[0], path=search_path)
        if found is None:
            passed_over.append(f"{words[0]} (${variable}) not found")
            continue
        editor = variable != "PAGER"
        at_line = editor or Path(words[0]).name in LINE_PAGERS
        command = (found, *words[1:], *([f"+{line}"] if at_line else []), str(path))
        label = f"{Path(words[0]).name} (${variable})"
        reasons = tuple(passed_over) if editor else _with_unset(passed_over, unset)
        return Choice(Opener(command, label, editor), reasons)
    for pager in FALLBACK_PAGERS:
        found = shutil.which(pager, path=search_path)
        if found is not None:
            opener = Opener((found, f"+{line}", str(path)), pager, editor=False)
            return Choice(opener, _with_unset(passed_over, unset))
    passed_over.append(f"no {' or '.join(FALLBACK_PAGERS)} on PATH")
    return Choice(None, _with_unset(passed_over, unset))


def _with_unset(passed_over: list[str], unset: list[str]) -> tuple[str, ...]:
    """Why a pager (or nothing) is used: the editor variables not set, then other reasons."""
    editors = [name for name in unset if name != "$PAGER"]
    lead = [f"no {' or '.join(editors)} set"] if editors else []
    return (*lead, *passed_over)
