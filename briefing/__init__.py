"""briefing: extractive, cited answers from a folder of news articles, in the terminal.

Use from Python:

    import briefing

    with briefing.open("path/to/articles") as library:
        result = library.ask("Which countries banned DeepSeek?")
        if result.answered:
            print(result.answers[0].text, result.answers[0].source)

Everything is imported lazily (PEP 562): `import briefing` loads none of numpy, rich or
textual, and a name is imported the first time it is used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it.
_EXPORTS = {
    "open": "briefing.library",
    "Library": "briefing.library",
    "Answer": "briefing.models",
    "AskResult": "briefing.models",
    "Conflict": "briefing.models",
    "ConflictVersion": "briefing.models",
    "Correction": "briefing.models",
    "DocumentInfo": "briefing.models",
    "Paragraph": "briefing.models",
    "ParagraphKind": "briefing.models",
    "QueryFilters": "briefing.models",
    "SkippedFile": "briefing.models",
    "SourceRef": "briefing.models",
    "Actor": "briefing.reports",
    "Briefing": "briefing.reports",
    "CorpusStats": "briefing.models",
    "DocumentView": "briefing.reports",
    "Fact": "briefing.reports",
    "IndexReport": "briefing.models",
    "IndexStatus": "briefing.reports",
    "SearchHit": "briefing.reports",
    "SearchResult": "briefing.reports",
    "BriefingError": "briefing.errors",
    "CorpusError": "briefing.errors",
    "QuestionError": "briefing.errors",
    "ANSWERS": "briefing.defaults",
    "FACTS": "briefing.defaults",
    "MAX_QUESTION_LENGTH": "briefing.defaults",
    "RESULTS": "briefing.defaults",
    "SORTS": "briefing.defaults",
    "data_dir": "briefing.paths",
}
_RENAMED = {"open": "open_library"}  # `open` is a builtin's name: the module calls it so

__all__ = [
    "__version__",
    "open",
    "Library",
    "Answer",
    "AskResult",
    "Conflict",
    "ConflictVersion",
    "Correction",
    "DocumentInfo",
    "Paragraph",
    "ParagraphKind",
    "QueryFilters",
    "SkippedFile",
    "SourceRef",
    "Actor",
    "Briefing",
    "CorpusStats",
    "DocumentView",
    "Fact",
    "IndexReport",
    "IndexStatus",
    "SearchHit",
    "SearchResult",
    "BriefingError",
    "CorpusError",
    "QuestionError",
    "ANSWERS",
    "FACTS",
    "MAX_QUESTION_LENGTH",
    "RESULTS",
    "SORTS",
    "data_dir",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module), _RENAMED.get(name, name))
    globals()[name] = value  # found once; later lookups do not come here
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from briefing.defaults import ANSWERS, FACTS, MAX_QUESTION_LENGTH, RESULTS, SORTS
    from briefing.errors import BriefingError, CorpusError, QuestionError
    from briefing.library import Library
    from briefing.library import open_library as open  # noqa: A004 - the API's name
    from briefing.models import (
        Answer,
        AskResult,
        Conflict,
        ConflictVersion,
        CorpusStats,
        Correction,
        DocumentInfo,
        IndexReport,
        Paragraph,
        ParagraphKind,
        QueryFilters,
        SkippedFile,
        SourceRef,
    )
    from briefing.paths import data_dir
    from briefing.reports import (
        Actor,
        Briefing,
        DocumentView,
        Fact,
        IndexStatus,
        SearchHit,
        SearchResult,
    )
