"""Provides make_pdf(): small, valid PDF files written byte by byte, for the PDF reader's tests.

Each page is a list of text lines drawn in Helvetica (a page of None is an image-only page
with no text layer, as a scan has). No PDF library is needed to write them, so the tests
exercise the reader against files it did not make itself.
"""

from __future__ import annotations


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _content(lines: list[str] | None) -> bytes:
    if lines is None:
        # A grey rectangle: something drawn, no text (a scanned page).
        return b"0.5 g 72 72 468 648 re f"
    parts = ["BT /F1 11 Tf 14 TL 72 720 Td"]
    for line in lines:
        parts.append(f"({_escape(line)}) Tj T*")
    parts.append("ET")
    return "\n".join(parts).encode("latin-1")


def make_pdf(
    pages: list[list[str] | None],
    *,
    title: str | None = None,
    created: str | None = None,
    lang: str | None = None,
) -> bytes:
    """A PDF with one page per item of `pages`; `created` is a PDF date ("D:20250206093000")."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    pages_id = add(b"")
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    kids = []
    for lines in pages:
        stream = _content(lines)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        page = add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (pages_id, font, content)
        )
        kids.append(page)
    language = b" /Lang (%s)" % lang.encode() if lang else b""
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, language)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info_entries = []
    if title is not None:
        info_entries.append(b"/Title (%s)" % _escape(title).encode("latin-1"))
    if created is not None:
        info_entries.append(b"/CreationDate (%s)" % created.encode())
    info = add(b"<< " + b" ".join(info_entries) + b" >>") if info_entries else None

    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info is not None:
        trailer += b" /Info %d 0 R" % info
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
