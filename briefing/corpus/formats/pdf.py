"""Provides the PDF reader: the text layer page by page, every paragraph citing its page.

pypdf (BSD) extracts each page's text. Running heads and feet (a line repeated at the top or
bottom of most pages, page numbers) are dropped; the pages are then joined, with a blank line
where a page ends a sentence, so a sentence running onto the next page stays one paragraph.
A paragraph's `page` is the page it starts on, 1-based. A PDF without any text layer (a scan)
is not indexed as empty: it is reported as skipped, and so is an encrypted or damaged one.
"""

from __future__ import annotations

import bisect
import dataclasses
import logging
import re
from collections import Counter
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from briefing.corpus.paragraphs import split_paragraphs
from briefing.models import DocumentInfo, SourceDocument

_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be running heads
_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*(?:(?:/|of)\s*\d{1,4})?\s*[-–—)\]]?",
                          re.I)
_DIGITS = re.compile(r"\d+")
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Titles that are only the name of the file the PDF was made from.
_FILE_TITLE = re.compile(r"(?:microsoft \w+ - )?.*\.(?:docx?|odt|rtf|pdf|indd|pptx?|xlsx?|tex)$",
                         re.I)


@lru_cache(maxsize=1)
def _pypdf() -> Any:
    import pypdf

    # pypdf warns about every oddity through logging; a file we cannot read is reported as
    # skipped instead, and a warning must not reach stderr through the last-resort handler.
    logger = logging.getLogger("pypdf")
    logger.addHandler(logging.NullHandler())
    logger.propagate = False
    return pypdf


def _open(path: Path) -> Any:
    """A PdfReader, decrypted if it opens with an empty password; raises UnreadableFile."""
    from briefing.corpus.decoding import UnreadableFile

    pypdf = _pypdf()
    try:
        reader = pypdf.PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableFile("encrypted PDF (needs a password)")
        return reader
    except UnreadableFile:
        raise
    except pypdf.errors.DependencyError as error:
        raise UnreadableFile("encrypted PDF (needs the cryptography package)") from error
    except pypdf.errors.FileNotDecryptedError as error:
        raise UnreadableFile("encrypted PDF (needs a password)") from error
    except OSError as error:
        raise UnreadableFile((error.strerror or str(error)).lower()) from error
    except Exception as error:  # noqa: BLE001 - a damaged file can break the parser anywhere
        raise UnreadableFile(f"damaged PDF ({type(error).__name__})") from error


def _page_texts(reader: Any) -> tuple[list[str], int]:
    """The text of each page ("" when it has none) and how many pages failed to extract."""
    texts: list[str] = []
    failed = 0
    for page in reader.pages:
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - one damaged page must not lose the others
            text = ""
            failed += 1
        text = _CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))
        texts.append(text)
    return texts, failed


def _edge_key(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.casefold().split()))


def _strip_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers and lines repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        keys = {_edge_key(line) for line in lines[:_EDGE_LINES] + lines[-_EDGE_LINES:]}
        edges.update(keys)
    threshold = max(3, (len(pages) * 3 + 4) // 5)
    # A running head is on most pages and is no sentence of the text.
    running = {key for key, count in edges.items()
               if count >= threshold and not _SENTENCE_END.search(key)}
    result = []
    for lines in pages:
        keep = list(lines)
        for index in [*range(min(_EDGE_LINES, len(lines))),
                      *range(max(0, len(lines) - _EDGE_LINES), len(lines))]:
            line = lines[index]
            if _edge_key(line) in running or _PAGE_NUMBER.fullmatch(line.strip()):
                keep[index] = ""
        result.append([line for line in keep if line.strip()])
    return result


def pdf_text(reader: Any) -> tuple[str, list[int], int, int]:
    """(text, start offset of each page, pages without text, pages that failed to extract)."""
    raw, failed = _page_texts(reader)
    pages = _strip_running_lines([[ln.rstrip() for ln in t.split("\n") if ln.strip()]
                                  for t in raw])
    parts: list[str] = []
    starts: list[int] = []
    length = 0
    for lines in pages:
        if parts and lines:
            previous = parts[-1].rstrip()
            separator = "\n\n" if _SENTENCE_END.search(previous) else "\n"
            parts.append(separator)
            length += len(separator)
        starts.append(length)
        page = "\n".join(lines)
        parts.append(page)
        length += len(page)
    empty = sum(1 for text in raw if not text.strip())
    return "".join(parts) + "\n", starts, empty, failed


def load_pdf(path: Path, source: str) -> SourceDocument:
    """Read a PDF's text layer, page by page; raises UnreadableFile (scanned, encrypted...)."""
    from briefing.corpus.decoding import UnreadableFile

    reader = _open(path)
    text, starts, empty, failed = pdf_text(reader)
    total = len(starts)
    if total == 0:
        raise UnreadableFile("PDF without pages")
    if not text.strip():
        if failed == total:
            raise UnreadableFile("damaged PDF (no page could be read)")
        raise UnreadableFile("scanned PDF: no text layer (run OCR on it first)")
    paragraphs, titles = split_paragraphs(source, text)
    paged = tuple(
        dataclasses.replace(p, page=max(1, bisect.bisect_right(starts, p.start)))
        for p in paragraphs
    )
    notice = None
    if empty:
        notice = f"{empty} of {total} pages have no text layer (scanned?): not indexed"
    info = _info(reader)
    return SourceDocument(
        source=source,
        text=text,
        paragraphs=paged,
        encoding="pdf",
        titles=titles,
        notice=notice,
        format="pdf",
        title=info.title,
        date=info.date,
        language=info.language,
    )


def _info(reader: Any) -> DocumentInfo:
    title = date = language = None
    try:
        metadata = reader.metadata
        if metadata is not None:
            raw_title = metadata.title
            if raw_title and any(c.isalpha() for c in str(raw_title)):
                title = " ".join(str(raw_title).split())
                if _FILE_TITLE.fullmatch(title) or title.casefold() == "untitled":
                    title = None
            try:
                created = metadata.creation_date
            except (ValueError, TypeError):  # a malformed date is no date
                created = None
            if isinstance(created, datetime):
                date = created.date().isoformat()
        raw_language = reader.trailer["/Root"].get("/Lang")
        if raw_language:
            match = re.match(r"[A-Za-z]{2,3}(?![A-Za-z])", str(raw_language))
            language = match.group().lower() if match else None
    except Exception:  # noqa: BLE001 - damaged metadata is no metadata
        pass
    return DocumentInfo("pdf", title, date, language)


def pdf_info(path: Path) -> DocumentInfo:
    """A PDF's title, creation date and language, without extracting its pages."""
    return _info(_open(path))
