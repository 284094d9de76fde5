"""Provides the Rich styles of the terminal output (the reader maps them to its theme)."""

from __future__ import annotations

HIGHLIGHT_STYLE = "bold yellow"  # a searched word in a passage
ANSWER_STYLE = "underline"  # the answer sentence in its passage
CITATION_STYLE = "cyan"  # file, paragraph, line; source names
DIM_STYLE = "dim"  # scores, "Searched:", secondary lines
CONFLICT_STYLE = "bold magenta"  # "sources differ:"
