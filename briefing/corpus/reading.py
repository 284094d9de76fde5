"""Provides reading one corpus file into a SourceDocument: decoded (or extracted) and cut.

Plain text is decoded here (briefing.corpus.decoding); Markdown, HTML and PDF go to their
readers (briefing.corpus.formats), imported only when such a file is read.
"""

from __future__ import annotations

from pathlib import Path

from briefing.corpus.decoding import read_text
from briefing.corpus.formats import format_of
from briefing.models import SourceDocument


def _source_name(root: Path, path: Path) -> str:
    if root == path or root.is_file():
        return path.name
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def load_document(root: Path, path: Path) -> SourceDocument:
    """Read one file and cut it into paragraphs; raises UnreadableFile.

    `source` is the path relative to root (posix), or the file name when root is that file.
    """
    root, path = Path(root), Path(path)
    source = _source_name(root, path)
    if format_of(path) != "text":
        from briefing.corpus.formats import load_formatted

        return load_formatted(path, source)
    text, encoding, notice = read_text(path)
    # Imported here: a warm `ask` only lists files (discover) and never cuts paragraphs.
    from briefing.corpus.paragraphs import split_paragraphs

    paragraphs, titles = split_paragraphs(source, text)
    return SourceDocument(
        source=source,
        text=text,
        paragraphs=tuple(paragraphs),
        encoding=encoding,
        titles=titles,
        notice=notice,
    )
