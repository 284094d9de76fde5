"""Provides how often the reader looks at its folder for changed files.

A look is a stat walk of every file (`Engine.changed`): about 30 ms of CPU for the 2,225 BBC
files, ten times that for 20,000. Looking every few seconds regardless would make an idle
reader's CPU grow with the folder, so the pause after a look grows with what the look cost.
"""

from __future__ import annotations

from dataclasses import dataclass

# The shortest pause between two looks: a saved file shows up within a few seconds.
CHANGE_POLL = 3.0
# The share of one core the looks may take. An idle reader is to stay under 2% of a core
# (issue 17, item 4); Textual's own idle work (cursor blink, input thread) measured about 0.8%,
# so the watch gets a quarter of the budget.
WATCH_SHARE = 0.005


@dataclass(slots=True)
class WatchPace:
    """The pause before the next look, from the CPU time the last one took."""

    least: float = CHANGE_POLL
    share: float = WATCH_SHARE
    pause: float = CHANGE_POLL

    def looked(self, cpu_seconds: float, *, changed: bool) -> float:
        """Record a look; returns the pause before the next. A look that found changes also
        re-indexed them: its cost says nothing about the next look, so the pace stays."""
        if not changed:
            self.pause = max(self.least, cpu_seconds / self.share)
        return self.pause
