"""Provides the readers of structured files: Markdown, HTML and PDF into a SourceDocument.

Each reader turns its file into plain text that the paragraph splitter can cut (every offset
and line number then refers to that text), plus the metadata the file declares: title,
publication date, language. The libraries behind them (markdown-it-py, justext and lxml,
pypdf) are imported only when such a file is read, so a folder of .txt files never loads
them.
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

def format_of(path: str | Path) -> str:
    """The format name of a file, from its suffix ("text" when it has no structured reader)."""
    return FORMATS.get(os.path.splitext(str(path))[1].lower(), "text")


def load_formatted(path: Path, source: str) -> SourceDocument:
    """Read a Markdown, HTML or PDF file; raises briefing.corpus.decoding.UnreadableFile."""
    kind = format_of(path)
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
    return document


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
