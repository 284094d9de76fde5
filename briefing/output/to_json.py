"""Provides the JSON shape of every result (`--json`): plain dicts, no Rich.

Kept apart from the terminal renderers so that `briefing ask --json` never imports Rich.
Strings are the engine's cleaned text; the CLI makes any control character left visible.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from briefing.corpus.sanitize import visible
from briefing.models import (
    Answer,
    AskResult,
    Conflict,
    Correction,
    DocumentInfo,
    QueryFilters,
    SkippedFile,
    SourceRef,
)

if TYPE_CHECKING:
    from briefing.models import IndexReport
    from briefing.reports import Briefing, Fact, IndexStatus, SearchHit, SearchResult

# What json.dumps writes for a control character other than newline and tab (one regex
# search: four substring scans of a 10 kB result cost 45 us).
_ESCAPED_CONTROL = re.compile(r"\\(?:u00|[rbf])")


def dumps(obj: dict[str, Any]) -> str:
    """One result as one line of JSON, UTF-8 text, no control character left raw or escaped
    but newline and tab (so `jq -r` into a terminal is safe)."""
    text = json.dumps(obj, ensure_ascii=False, check_circular=False)  # plain trees of dicts
    # Walking every string is only paid for when the output would carry a control character
    # (escaped by json, or raw: C1, DEL, bidi): almost never, as the library cleans its text.
    if not text.isprintable() or _ESCAPED_CONTROL.search(text):
        text = json.dumps(_printable(obj), ensure_ascii=False)
    return text


def _printable(value: Any) -> Any:
    """Every string of a JSON result with any control character left shown as an escape.

    The library cleans what it returns; this keeps the output safe whatever a field holds
    (names keep their characters visible, so a script can still tell them apart).
    """
    if isinstance(value, str):
        return visible(value, lines=True)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(item) for item in value]
    return value


def _corrections_json(corrections: tuple[Correction, ...]) -> list[dict[str, Any]]:
    return [{"from": c.original, "to": list(c.replacements), "translated": c.translated}
            for c in corrections]


def document_json(info: DocumentInfo | None) -> dict[str, Any] | None:
    """A file's metadata: {"title", "date", "language", "format"}, null where unknown."""
    if info is None:
        return None
    return {"title": info.title, "date": info.date, "language": info.language,
            "format": info.format}


def filters_json(filters: QueryFilters, undated_left_out: int = 0) -> dict[str, Any]:
    """The search syntax a question used (briefing.query.syntax), empty lists when none."""
    return {
        "phrases": list(filters.phrases),
        "exclude": list(filters.excluded),
        "lang": list(filters.languages),
        "source": list(filters.sources),
        "title": list(filters.titles),
        "after": filters.after,
        "before": filters.before,
        "undated_left_out": undated_left_out,
    }


def _place(found: Answer | SearchHit) -> dict[str, Any]:
    """Where a passage is: file, paragraph, line, page, headline, section and language."""
    return {
        "source": visible(found.source),
        "paragraph": found.paragraph,
        "line": found.line,
        "page": found.page,
        "title": found.title,
        "section": found.section,
        "language": found.language,
    }


def answer_json(answer: Answer) -> dict[str, Any]:
    return {
        "text": answer.text,
        "score": answer.score,
        "confidence": answer.confidence,
        **_place(answer),
        "passage": answer.passage,
        "start": answer.start,
        "end": answer.end,
        "span": list(answer.span) if answer.span is not None else None,
        "highlights": [list(span) for span in answer.highlights],
        "document": document_json(answer.document),
        "sources": [source_json(s) for s in answer.sources],
        "source_count": answer.source_count,
    }


def ask_json(result: AskResult) -> dict[str, Any]:
    return {
        "question": result.question,
        "answered": result.answered,
        "error": result.error,
        "expected": result.expected,
        "searched_terms": list(result.searched_terms),
        "corrections": _corrections_json(result.corrections),
        "answers": [answer_json(a) for a in result.answers],
        "weak": [answer_json(a) for a in result.weak],
        "filters": filters_json(result.filters, result.undated_left_out),
        "notes": list(result.notes),
        "conflicts": [conflict_json(c) for c in result.conflicts],
    }


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        **_place(hit),
        "score": hit.score,
        "passage": hit.passage,
        "highlights": [list(span) for span in hit.highlights],
        "document": document_json(hit.document),
    }


def search_json(result: SearchResult) -> dict[str, Any]:
    return {
        "query": result.query,
        "error": result.error,
        "searched_terms": list(result.searched_terms),
        "corrections": _corrections_json(result.corrections),
        "results": [hit_json(h) for h in result.results],
        "filters": filters_json(result.filters, result.undated_left_out),
        "notes": list(result.notes),
    }


def source_json(source: SourceRef) -> dict[str, Any]:
    return {
        "source": source.source,
        "paragraph": source.paragraph,
        "text": source.text,
        "language": source.language,
    }


def conflict_json(conflict: Conflict) -> dict[str, Any]:
    """Each version: the value, the sentence it is taken from and where the value is in it,
    the files saying it (the first dozen) and how many do."""
    return {
        "versions": [
            {"text": version.text, "sentence": version.sentence, "span": list(version.span),
             "sources": list(version.sources), "source_count": version.count}
            for version in conflict.versions
        ]
    }


def fact_json(fact: Fact) -> dict[str, Any]:
    return {
        "text": fact.text,
        "source": fact.source,
        "paragraph": fact.paragraph,
        "score": fact.score,
        "source_count": fact.source_count,
        "sources": [source_json(s) for s in fact.sources],
    }


def brief_json(briefing: Briefing) -> dict[str, Any]:
    return {
        "facts": [fact_json(f) for f in briefing.facts],
        "actors": [
            {"name": a.name, "source_count": a.source_count, "sources": list(a.sources)}
            for a in briefing.actors
        ],
        "conflicts": [conflict_json(c) for c in briefing.conflicts],
        "passages": briefing.passages,
        "error": None,
    }


def index_json(report: IndexReport) -> dict[str, Any]:
    """What `briefing index --json` prints: the counts, what was skipped and why, which files
    were decoded from another encoding than UTF-8."""
    stats = report.corpus
    return {
        "files": stats.documents,
        "paragraphs": stats.paragraphs,
        "languages": stats.languages,
        "reindexed": report.reindexed,
        "removed": report.removed,
        "skipped": _skipped_json(stats.skipped),
        "decoded": [{"path": visible(path), "encoding": code} for path, code in report.decoded],
        "seconds": round(report.seconds, 3),
        "saved": report.saved,
        "formats": report.formats or {},
        "error": None,
    }


def _skipped_json(skipped: Iterable[SkippedFile]) -> list[dict[str, str]]:
    return [{"path": visible(s.path), "reason": s.reason} for s in skipped]


def status_json(status: IndexStatus) -> dict[str, Any]:
    """What `briefing index --status --json` prints."""
    return {"indexed": status.indexed, "files": status.files, "new": list(status.new),
            "changed": list(status.changed), "removed": list(status.removed), "error": None}


def failure_json(
    command: str, error: str, *, asked: str = "", skipped: Iterable[SkippedFile] = ()
) -> dict[str, Any]:
    """The result a command prints with --json when it fails as a whole (a corpus that cannot
    be read, bad usage, a bug): its usual shape, empty, with `error` set."""
    if command == "ask":
        from briefing.models import AskResult

        return ask_json(AskResult(question=asked, answered=False, error=error))
    if command == "search":
        from briefing.reports import SearchResult

        return search_json(SearchResult(query=asked, error=error))
    if command == "brief":
        return {"facts": [], "actors": [], "conflicts": [], "passages": 0, "error": error}
    return {"files": 0, "paragraphs": 0, "languages": {}, "reindexed": 0, "removed": 0,
            "skipped": _skipped_json(skipped), "decoded": [], "seconds": 0.0, "saved": False,
            "formats": {}, "error": error}
