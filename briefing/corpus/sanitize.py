"""Provides the cleaning that turns document text into safe, printable data.

Document text is data, never code: terminal escape sequences (CSI, OSC, DCS, ...), other
control characters and bidirectional overrides are removed before anything is printed or
written as JSON, so neither a terminal nor `jq -r` into one can be taken over. File names,
which the reader may need to find a file by, keep their control characters as visible escapes.
"""

from __future__ import annotations

import re

# ESC-introduced sequences: CSI (ESC [ ... final), OSC/DCS/APC/PM/SOS (ESC ] ... BEL or ST),
# and two-character escapes. The 8-bit C1 forms (U+009B CSI, U+009D OSC) are covered too.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?              # CSI
  | (?:\x1b[\]PX^_]|[\x90\x9d\x98\x9e\x9f])        # OSC, DCS, SOS, PM, APC ...
      [^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?  # ... up to BEL or ST (bounded)
  | \x1b[ -/]*[0-~]?                               # other escapes, or a lone ESC
    """,
    re.VERBOSE,
)
# C0 and C1 controls except tab and newline; DEL; bidi embeddings, overrides and isolates;
# lone surrogates (undecodable input), which no encoder can write.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
# White space to collapse: runs, and single breaks or tabs. A lone space is left alone, so the
# common passage (single spaces only) is not rewritten word by word.
_SPACES = re.compile(r"\s{2,}|[^\S ]")


def strip_controls(text: str) -> str:
    """Remove terminal escape sequences, control characters and bidi overrides."""
    if not text.isprintable():
        text = _ESCAPE_SEQUENCE.sub("", text)
        text = _CONTROL.sub("", text)
    return text


def clean_passage(text: str) -> str:
    """A passage as printed: controls stripped and white space (hard wraps included) collapsed."""
    if text.isprintable() and "  " not in text:
        return text.strip()  # the common case: single ASCII spaces only (str methods are C)
    return _SPACES.sub(" ", strip_controls(text)).strip()


def cleaned_span(paragraph: str, start: int, end: int) -> str:
    """clean_passage(paragraph)[start:end], most often without cleaning the whole paragraph
    (4 us for 800 characters; a question lists some 30 sources).

    A prefix that holds the span, is printable (so its only white space is ASCII spaces), has
    no two spaces in a row and does not end with one is kept as it is by clean_passage, but
    for one leading space: no escape sequence, control character or run of white space that
    it removes or collapses starts in the prefix, and the strip at the end stops before it.
    """
    lead = 1 if paragraph.startswith(" ") else 0  # more than one: "  " sends to the slow path
    stop = lead + end
    prefix = paragraph[:stop]
    if (
        0 < stop <= len(paragraph)
        and prefix[-1] != " "
        and prefix.isprintable()
        and "  " not in prefix
    ):
        return paragraph[lead + start : stop]
    return clean_passage(paragraph)[start:end]


def clean_label(text: str | None) -> str | None:
    """A title or section heading as printed: one clean line (None stays None)."""
    return None if text is None else clean_passage(text)


# What a name must not carry to a terminal or across lines: every control character
# (newline and tab included), bidi overrides, and the bytes of a name that is not UTF-8.
_NAME_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]")
# The same, but newline and tab stay: in text they are harmless.
_TEXT_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufeff\ud800-\udfff]"
)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (os.fsdecode's surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: str, *, lines: bool = False) -> str:
    """A file name or path as printed: control characters shown as escapes (ESC as "\\x1b").

    Names are identifiers the reader may need to find the file by, so they are made visible
    rather than stripped; the result is one line that nothing can take a terminal over with.
    `lines=True` keeps newlines and tabs (for text, where they are harmless).
    """
    if text.isprintable():
        return text
    return (_TEXT_CONTROL if lines else _NAME_CONTROL).sub(_escaped, text)
