"""Provides the defaults every front end shares: how many answers, results and facts, and
the longest question read."""

from __future__ import annotations

ANSWERS = 3  # `ask -k`, the reader's answers
RESULTS = 10  # `search -n`, the reader's passages
FACTS = 8  # `brief -n`, the reader's briefing
MAX_QUESTION_LENGTH = 4000  # characters; a longer question is bad input (exit code 2)
SORTS = ("relevance", "date")  # orders of answers and results; the first is the default
