"""Provides the errors a caller of briefing can meet: a corpus it cannot read, a bad question.

Every public call raises only these for bad input (the CLI prints their message in one line
and exits 2); anything else escaping is a bug.
"""

from __future__ import annotations

from briefing.models import QueryFilters

__all__ = ["BriefingError", "CorpusError", "QuestionError"]


class BriefingError(Exception):
    """Bad input to briefing: the message says what, in one line."""


class CorpusError(BriefingError):
    """The corpus cannot be indexed at all (missing, empty, nothing readable): exit code 2."""


class QuestionError(BriefingError):
    """The question cannot be searched (empty, no words, too long, only filters): exit 2.

    It says what was asked (without control characters) and, for a question of filters only,
    the filters and the notes on its syntax, so that a result can still show them.
    """

    def __init__(
        self,
        message: str,
        *,
        question: str = "",
        filters: QueryFilters | None = None,
        notes: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.question = question
        self.filters = filters if filters is not None else QueryFilters()
        self.notes = notes
