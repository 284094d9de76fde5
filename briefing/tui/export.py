"""Provides the Markdown export of a question, its answers and their citations.

Files go to the current folder, or to the data folder when the current folder is inside the
corpus (an export there would be indexed as an article). A file is never overwritten: the
name gets -2, -3 ... and is created exclusively, so two exports cannot collide.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

from briefing import data_dir
from briefing.tui.present import Outcome, cite

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>#|])")
_MAX_ATTEMPTS = 10_000


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
    return _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def to_markdown(outcome: Outcome, when: datetime | None = None) -> str:
    """The export: question, verdict, answers with citations, then the passages read."""
    result = outcome.result
    stamp = (when or datetime.now()).strftime("%Y-%m-%d %H:%M")
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
        fixed = ", ".join(
            f"{c.original} → {' / '.join(c.replacements)}" for c in result.corrections
        )
        lines.append(f"Corrected: {_escape(fixed)}")
    return "\n".join(lines) + "\n"


def write_export(outcome: Outcome, folder: Path) -> Path:
    """Write the export into `folder` under a fresh name and return its full path."""
    folder.mkdir(parents=True, exist_ok=True)
    text = to_markdown(outcome)
    stem = f"briefing-{slug(outcome.question)}"
    for attempt in range(1, _MAX_ATTEMPTS):
        path = folder / (f"{stem}.md" if attempt == 1 else f"{stem}-{attempt}.md")
        try:
            with path.open("x", encoding="utf-8") as file:  # "x": never overwrite
                file.write(text)
        except FileExistsError:
            continue
        return path.resolve()
    raise FileExistsError(f"too many exports named {stem} in {folder}")
