"""Provides the readers of structured files: Markdown, HTML and PDF into a SourceDocument.

Each reader turns its file into plain text that the paragraph splitter can cut (every offset
and line number then refers to that text, which `file_text` gives back), plus the metadata the
file declares: title, publication date, language. The libraries behind them (markdown-it-py,
justext and lxml, pypdf) are imported only when such a file is read, so a folder of .txt files
never loads them.
"""

from __future__ import annotations

import os
from pathlib import Path

from briefing.models import DocumentInfo, SourceDocument

# Suffix -> format name. .txt (and anything else the corpus reads) is "text".
FORMATS: dict[str, str] = {
    ".md": "markdown",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}
FORMATTED_SUFFIXES: frozenset[str] = frozenset(FORMATS)
# Every suffix a corpus folder is read for; anything else is skipped with its reason.
SUPPORTED_SUFFIXES: frozenset[str] = FORMATTED_SUFFIXES | {".txt"}

# Metadata of the files read by this process, keyed by path: the document catalog takes it
# from here right after an index build instead of reading every file a second time.
_RECENT_LIMIT = 200_000
_recent: dict[str, tuple[int, int, DocumentInfo]] = {}


def format_of(path: str | Path) -> str:
    """The format name of a file, from its suffix ("text" when it has no structured reader)."""
    return FORMATS.get(os.path.splitext(str(path))[1].lower(), "text")


def load_formatted(path: Path, source: str) -> SourceDocument:
    """Read a Markdown, HTML or PDF file; raises briefing.corpus.decoding.UnreadableFile."""
    kind = format_of(path)
    try:
        info = os.stat(path)
        stamp: tuple[int, int] | None = (info.st_size, info.st_mtime_ns)
    except OSError:
        stamp = None
    try:
        if kind == "markdown":
            from briefing.corpus.formats.markdown import load_markdown

            document = load_markdown(path, source)
        elif kind == "html":
            from briefing.corpus.formats.html import load_html

            document = load_html(path, source)
        elif kind == "pdf":
            from briefing.corpus.formats.pdf import load_pdf

            document = load_pdf(path, source)
        else:
            raise ValueError(f"no structured reader for {path}")
    except ImportError as error:  # an installation without the optional reader
        from briefing.corpus.decoding import UnreadableFile

        package = error.name or "its reader"
        raise UnreadableFile(f"reading {kind.upper()} needs the {package} package") from error
    if stamp is not None:
        if len(_recent) >= _RECENT_LIMIT:
            _recent.clear()
        _recent[str(Path(path).resolve())] = (*stamp, document_info(document))
    return document


def document_info(document: SourceDocument) -> DocumentInfo:
    """The metadata a document declares: its headline and detected language come from the index."""
    return DocumentInfo(
        format=document.format,
        title=document.title,
        date=document.date,
        language=document.language,
    )


def recent_info(path: Path, size: int, mtime_ns: int) -> DocumentInfo | None:
    """Metadata this process read from `path` when it had this size and mtime, else None."""
    entry = _recent.get(str(Path(path).resolve()))
    if entry is None or entry[:2] != (size, mtime_ns):
        return None
    return entry[2]


def recent_paths() -> list[str]:
    """The resolved paths of the files whose metadata this process has read."""
    return list(_recent)


def read_info(path: Path) -> DocumentInfo:
    """The declared metadata of one file, read as cheaply as the format allows.

    Raises briefing.corpus.decoding.UnreadableFile when the file cannot be read.
    """
    kind = format_of(path)
    if kind == "markdown":
        from briefing.corpus.formats.markdown import markdown_info

        return markdown_info(path)
    if kind == "html":
        from briefing.corpus.formats.html import html_info

        return html_info(path)
    if kind == "pdf":
        from briefing.corpus.formats.pdf import pdf_info

        return pdf_info(path)
    return DocumentInfo(format="text")
