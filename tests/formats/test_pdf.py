"""The PDF reader: text page by page, pages cited, scans and damaged files skipped with a reason."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from briefing.corpus.decoding import UnreadableFile
from briefing.corpus.formats import read_info
from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind
from tests.formats.pdfmaker import make_pdf

BODY = ParagraphKind.BODY

PAGES = [
    [
        "Annual Review of AI Policy",
        "Seoul Restricts DeepSeek",
        "The industry ministry blocked access to DeepSeek on office computers",
        "on Wednesday, citing security concerns about stored data.",
        "1",
    ],
    [
        "Annual Review of AI Policy",
        "Tokyo Reviews Its Guidance",
        "Japan's digital agency told officials to avoid the chatbot and its",
        "mobile app while the review of the data practices",
        "2",
    ],
    [
        "Annual Review of AI Policy",
        "continues into the spring, a spokesperson said at the briefing.",
        "Italy's regulator ordered the service blocked until it answers questions.",
        "3",
    ],
]


def write_pdf(folder: Path, name: str, pages: list[list[str] | None], **info: str) -> Path:
    path = folder / name
    path.write_bytes(make_pdf(pages, **info))
    return path


def test_paragraphs_cite_their_page(tmp_path: Path) -> None:
    document = load_document(tmp_path, write_pdf(tmp_path, "review.pdf", PAGES))
    assert document.format == "pdf"
    pages = {p.text.split()[0]: p.page for p in document.paragraphs if p.kind is BODY}
    assert pages["The"] == 1
    assert pages["Japan's"] == 2
    assert pages["Italy's"] == 3
    for paragraph in document.paragraphs:
        assert document.text[paragraph.start : paragraph.end] == paragraph.text
        assert paragraph.page is not None and 1 <= paragraph.page <= 3


def test_a_sentence_running_onto_the_next_page_stays_one_paragraph(tmp_path: Path) -> None:
    document = load_document(tmp_path, write_pdf(tmp_path, "review.pdf", PAGES))
    japan = next(p for p in document.paragraphs if p.text.startswith("Japan's"))
    assert "while the review of the data practices\ncontinues into the spring" in japan.text
    assert japan.page == 2


def test_running_heads_and_page_numbers_are_dropped(tmp_path: Path) -> None:
    document = load_document(tmp_path, write_pdf(tmp_path, "review.pdf", PAGES))
    assert "Annual Review of AI Policy" not in document.text
    assert not any(p.text.strip() in {"1", "2", "3"} for p in document.paragraphs)
    headings = [p.text for p in document.paragraphs if p.kind is ParagraphKind.HEADING]
    assert "Seoul Restricts DeepSeek" in headings and "Tokyo Reviews Its Guidance" in headings


def test_metadata_from_the_info_dictionary(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "r.pdf", PAGES, title="AI Policy Review 2025",
                     created="D:20250206093000+09'00'", lang="en-US")
    document = load_document(tmp_path, path)
    assert (document.title, document.date, document.language) == (
        "AI Policy Review 2025", "2025-02-06", "en",
    )
    info = read_info(path)
    assert (info.format, info.title, info.date, info.language) == (
        "pdf", "AI Policy Review 2025", "2025-02-06", "en",
    )


def test_a_file_name_is_no_title_and_a_bad_date_no_date(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "r.pdf", PAGES, title="Microsoft Word - review_final.docx",
                     created="D:2025XX")
    document = load_document(tmp_path, path)
    assert document.title is None and document.date is None


def test_a_scanned_pdf_is_skipped_not_indexed_empty(tmp_path: Path) -> None:
    path = write_pdf(tmp_path, "scan.pdf", [None, None])
    with pytest.raises(UnreadableFile, match="scanned PDF: no text layer"):
        load_document(tmp_path, path)


def test_scanned_pages_in_a_text_pdf_are_noted(tmp_path: Path) -> None:
    document = load_document(tmp_path, write_pdf(tmp_path, "mixed.pdf", [PAGES[0], None]))
    assert document.notice == "1 of 2 pages have no text layer (scanned?): not indexed"
    assert any(p.text.startswith("The industry ministry") for p in document.paragraphs)


def test_a_damaged_pdf_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n%%EOF garbage")
    with pytest.raises(UnreadableFile, match=r"damaged PDF \(Pdf\w+Error\)"):
        load_document(tmp_path, path)


def test_an_encrypted_pdf_is_skipped(tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(make_pdf(PAGES))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as handle:
        writer.write(handle)
    with pytest.raises(UnreadableFile, match="encrypted PDF"):
        load_document(tmp_path, path)
