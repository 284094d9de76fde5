"""Provides the Markdown exports: a question with its answers and citations, or the briefing.

Files go to the current folder, or to the data folder when the current folder is inside the
corpus (an export there would be indexed as an article). A file is never overwritten: the
name gets -2, -3 ... and is created exclusively, so two exports cannot collide.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from briefing import Briefing, data_dir
from briefing.output.labels import conflict_text, sources_text
from briefing.output.safe import strip_controls
from briefing.tui.corroborate import briefing_labels
from briefing.tui.present import Outcome, cite

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MAX_ATTEMPTS = 10_000


@dataclass(frozen=True, slots=True)
class Export:
    """One export: the file name it wants (without -2, -3 or .md) and its Markdown."""

    stem: str
    text: str


def export_folder(corpus: Path, cwd: Path | None = None) -> Path:
    """Where exports go: the current folder unless it lies inside the corpus folder."""
    here = (cwd or Path.cwd()).resolve()
    root = corpus.resolve()
    root = root.parent if root.is_file() else root
    if here == root or root in here.parents:
        return data_dir() / "exports"
    return here


def slug(question: str, limit: int = 48) -> str:
    """A file-name-safe summary of a question: ascii words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", question).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_text.lower())
    text = ""
    for word in words:
        candidate = f"{text}-{word}" if text else word
        if len(candidate) > limit:
            break
        text = candidate
    return text or "answers"


def _escape(text: str) -> str:
    """Document text as literal Markdown: its own syntax characters are escaped."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(strip_controls(text).split()))


def _stamp(when: datetime | None) -> str:
    return (when or datetime.now()).strftime("%Y-%m-%d %H:%M")


def to_markdown(outcome: Outcome, when: datetime | None = None) -> str:
    """The export: question, verdict, answers with citations, then the passages read."""
    result = outcome.result
    stamp = _stamp(when)
    lines = [
        f"# {_escape(outcome.question)}",
        "",
        f"*Corpus: {_escape(outcome.corpus)} · {stamp} · briefing*",
        "",
    ]
    if result.error:
        lines += [f"Cannot search: {_escape(result.error)}", ""]
    elif outcome.answers:
        lines += ["## Answers", ""]
        for rank, answer in enumerate(outcome.answers, start=1):
            where = cite(answer.source, answer.paragraph, answer.line, answer.page)
            lines += [
                f"{rank}. **{_escape(answer.text)}**  ",
                f"   {_escape(where)} · confidence {answer.confidence}",
            ]
        lines.append("")
    else:
        lines += [f"**No answer in these documents** ({result.documents} searched).", ""]
    if outcome.passages:
        heading = "Passages" if outcome.answers else "Closest passages (weak)"
        lines += [f"## {heading}", ""]
        for rank, passage in enumerate(outcome.passages, start=1):
            lines.append(f"{rank}. {_escape(passage.citation)}")
            if passage.context:
                lines.append(f"   *{_escape(passage.context)}*")
            lines += ["", f"   > {_escape(passage.passage)}", ""]
    searched = ", ".join(result.searched_terms) or "(nothing searchable)"
    lines.append(f"Searched: {_escape(searched)}")
    if result.corrections:
        fixed = ", ".join(c.text for c in result.corrections)
        lines.append(f"Corrected: {_escape(fixed)}")
    for note in result.notes:
        lines.append(f"Note: {_escape(note)}")
    return "\n".join(lines) + "\n"


def answers_export(outcome: Outcome) -> Export:
    return Export(f"briefing-{slug(outcome.question)}", to_markdown(outcome))


def briefing_to_markdown(briefing: Briefing, corpus: str, when: datetime | None = None) -> str:
    """The briefing: facts with their citation and sources, key actors, conflicts, and the
    files the short source names stand for."""
    labels = briefing_labels(briefing)
    total = briefing.documents
    noun = "source" if total == 1 else "sources"
    lines = [
        f"# Briefing: {_escape(corpus)}",
        "",
        f"*{total} {noun} · {_stamp(when)} · briefing*",
        "",
        "## Facts",
        "",
    ]
    if not briefing.facts:
        lines += ["No facts found: the corpus has no statement to brief on.", ""]
    for rank, fact in enumerate(briefing.facts, start=1):
        count = fact.source_count or len({s.source for s in fact.sources})
        shown = [f"**{_escape(fact.text)}**", _escape(cite(fact.source, fact.paragraph, fact.line))]
        if fact.sources:
            reported = sources_text(fact.sources, count, max(total, count), labels)
            shown.append(_escape(reported.plain))
        if fact.conflict is not None:
            shown.append(_escape(conflict_text(fact.conflict, labels).plain))
        lines.append(f"{rank}. " + "  \n   ".join(shown))  # two spaces: a line break
    lines.append("")
    named = ", ".join(f"{_escape(a.name)} ({a.source_count})" for a in briefing.actors)
    lines += ["## Key actors (sources naming each)", "", named or "None found.", ""]
    lines += ["## Conflicts", ""]
    if not briefing.conflicts:
        lines.append("None: no two sources disagree on a name, a number or a date.")
    for conflict in briefing.conflicts:
        lines.append(f"- {_escape(conflict_text(conflict, labels).plain)}")
    lines.append("")
    if labels.names:
        lines += ["## Sources", ""]
        for path, name in sorted(labels.names.items(), key=lambda item: item[1]):
            language = labels.foreign(path, None)
            marked = f" ({language})" if language else ""
            lines.append(f"- {_escape(name)}: {_escape(path)}{marked}")
        lines.append("")
    return "\n".join(lines)


def briefing_export(briefing: Briefing, corpus: str) -> Export:
    return Export(f"briefing-of-{slug(corpus)}", briefing_to_markdown(briefing, corpus))


def write_export(export: Export, folder: Path) -> Path:
    """Write the export into `folder` under a fresh name and return its full path."""
    folder.mkdir(parents=True, exist_ok=True)
    text, stem = export.text, export.stem
    for attempt in range(1, _MAX_ATTEMPTS):
        path = folder / (f"{stem}.md" if attempt == 1 else f"{stem}-{attempt}.md")
        try:
            with path.open("x", encoding="utf-8") as file:  # "x": never overwrite
                file.write(text)
        except FileExistsError:
            continue
        return path.resolve()
    raise FileExistsError(f"too many exports named {stem} in {folder}")
