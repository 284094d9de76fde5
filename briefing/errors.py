"""Provides the errors a caller of briefing can meet: a corpus it cannot read, a bad question.

Every public call raises only these for bad input (the CLI prints their message in one line
and exits 2); anything else escaping is a bug.
"""

from __future__ import annotations

__all__ = ["BriefingError", "CorpusError", "QuestionError"]


class BriefingError(Exception):
    """Bad input to briefing: the message says what, in one line."""


class CorpusError(BriefingError):
    """The corpus cannot be indexed at all (missing, empty, nothing readable): exit code 2."""


class QuestionError(BriefingError):
    """The question cannot be searched (empty, no words, too long, only filters): exit 2."""
