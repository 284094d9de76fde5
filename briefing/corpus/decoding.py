"""Provides decoding: a file's bytes as text, or the few words that say why it cannot be read.

Decoded text always has "\\n" line endings ("\\r\\n" and lone "\\r" are normalised on reading),
and every offset elsewhere in briefing is into that normalised text.
"""

from __future__ import annotations

import codecs
import contextlib
import errno
from pathlib import Path

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls that never occur in text (tab, newlines, form feed and escape do).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))
_ASCII_BYTES = bytes(range(128))
# What makes a Windows-1252 reading doubtful: C0 controls other than white space (escape
# included, unlike above: it is text only in UTF-8 files), and DEL. cp1252 maps every other
# byte it defines to a printable character (or the soft hyphen).
_NOT_PRINTABLE = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_REPLACEMENT = "\ufffd"
# Among equally good guesses, the encodings news files actually come in, most likely first.
_PREFERRED = ("cp1252", "utf_8", "latin_1", "iso8859_15", "cp1250", "cp1251")
# 8-bit text that reads as printable cp1252 is taken for cp1252 (British and French news:
# "£", "é", "’", "«»"), except when the detector is sure of a Central European or Cyrillic
# encoding, whose letters cp1252 would turn into accented gibberish. It is sure only on enough
# text: on a two-line Latin-1 file its best match was cp1250 ("Ł15.8m"), on a 2.6 kB BBC file
# cp932 ("｣15.8m"), which is why it is asked only from DETECT_MIN_BYTES on, and why only
# these encodings may overrule cp1252 (issue 17).
DETECT_MIN_BYTES = 1024
_OVERRULE_CP1252 = frozenset({"cp1250", "iso8859_2", "cp1251", "koi8_r", "iso8859_5"})


class UnreadableFile(Exception):
    """A file that cannot be read as text; `reason` says why in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

def os_reason(error: OSError) -> str:
    """A few words for why the file system refused a file ("permission denied", ...)."""
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(error, FileNotFoundError):
        return "file vanished"
    return (error.strerror or str(error)).lower()


def _utf16_without_bom(data: bytes) -> str | None:
    """The codec for BOM-less UTF-16 text (NULs in every other byte), else None."""
    sample = data[:65536]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nuls, odd_nuls = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nuls > 0.3 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.3 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _mostly_text(text: str) -> bool:
    sample = text[:20000]
    printable = sum(1 for c in sample if c.isprintable() or c in "\n\r\t\f")
    return printable >= 0.95 * len(sample)


def _best_guess(data: bytes) -> str | None:
    """The Python codec charset-normalizer finds most plausible for non-UTF-8 bytes, with ties
    going to the common Western encodings; None when it has no opinion."""
    from charset_normalizer import from_bytes  # imported late: only legacy files need it

    # Wide encodings are handled above (BOM or NUL pattern); without NULs they are wrong guesses.
    candidates = [m for m in from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not candidates:
        return None
    best = candidates[0]
    # charset-normalizer ranks ties arbitrarily (French cp1252 text comes out as cp1250), so
    # among the equally plausible readings prefer the common Western ones.
    tied = [m for m in candidates
            if abs(m.chaos - best.chaos) < 1e-6 and abs(m.coherence - best.coherence) < 1e-6]
    tied_names = {name for m in tied for name in (m.encoding, *m.could_be_from_charset)}
    return next((name for name in _PREFERRED if name in tied_names), best.encoding)


def _detect(data: bytes) -> tuple[str, str]:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds most plausible."""
    encoding = _best_guess(data)
    if encoding is None:
        with contextlib.suppress(UnicodeDecodeError):
            # No opinion from the detector on text cp1252 reads, control characters and all
            # (they are removed before anything is shown): the likeliest reading.
            return data.decode("cp1252"), "cp1252"
        if len(data.translate(None, _ASCII_BYTES)) <= 0.05 * len(data):
            # A few stray bytes in ASCII text: Windows-1252 is by far the likeliest source.
            return data.decode("cp1252", errors="replace"), "cp1252"
        raise UnreadableFile("undecodable (unknown text encoding)")
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode(encoding, errors="replace")
    return text, _display_name(encoding)


def _display_name(encoding: str) -> str:
    name = codecs.lookup(encoding).name  # "latin_1" -> "iso8859-1", "cp1252" -> "cp1252"
    if name == "iso8859-1":
        return "latin-1"
    return name.replace("iso8859-", "iso-8859-")


def read_text(path: Path) -> tuple[str, str, str | None]:
    """(text, encoding, notice) of a text file, with "\\n" line endings.

    UTF-8 (with or without BOM) gives notice None; UTF-16/32 with a BOM, or BOM-less UTF-16,
    is decoded with a notice; a UTF-8 file with a few invalid bytes keeps its UTF-8 reading
    with the bad bytes replaced (and a notice). Other 8-bit text is cp1252 when it reads as
    printable text there, unless it is at least DETECT_MIN_BYTES long and charset-normalizer
    finds a Central European or Cyrillic encoding; text cp1252 reads with control characters
    goes to charset-normalizer ("not UTF-8: decoded as koi8-r"). "\\r\\n" and lone "\\r"
    become "\\n": offsets are into this normalised text.
    Raises UnreadableFile for permission denied, a vanished file, zero bytes, binary (NUL)
    content, text that is only white space, or undecodable bytes.
    """
    try:
        data = Path(path).read_bytes()
    except IsADirectoryError as error:
        raise UnreadableFile("is a folder") from error
    except OSError as error:
        raise UnreadableFile(os_reason(error)) from error
    if not data:
        raise UnreadableFile("empty file")

    notice: str | None = None
    for bom, codec in _BOMS:
        if data.startswith(bom):
            encoding = "utf-8" if codec == "utf-8-sig" else codec
            if codec != "utf-8-sig":
                notice = f"decoded as {codec}"
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = data.decode(codec, errors="replace")
                damage = f"invalid {encoding.upper()} bytes replaced"
                notice = f"{notice}; {damage}" if notice else damage
            break
    else:
        wide = _utf16_without_bom(data) if b"\x00" in data else None
        if wide is not None:
            try:
                text = data.decode(wide)
            except UnicodeDecodeError as error:
                raise UnreadableFile("binary file (NUL bytes)") from error
            if not _mostly_text(text):
                raise UnreadableFile("binary file (NUL bytes)")
            encoding, notice = wide, f"decoded as utf-16 ({wide[-2:]}, no BOM)"
        elif b"\x00" in data:
            raise UnreadableFile("binary file (NUL bytes)")
        elif len(data.translate(None, _CONTROL_BYTES)) < 0.9 * len(data):
            raise UnreadableFile("binary file (control bytes)")
        else:
            text, encoding, notice = _decode_8bit(data)

    text = text.lstrip("\ufeff")  # a BOM the codec left (or a doubled one) is not text
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text or text.isspace():
        raise UnreadableFile("no text")
    return text, encoding, notice


def _decode_8bit(data: bytes) -> tuple[str, str, str | None]:
    try:
        return data.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    # Replacement characters the decoder added (the file may hold real ones already).
    bad = text.count(_REPLACEMENT) - data.count(_REPLACEMENT.encode())
    non_ascii = len(text) - len(text.encode("ascii", errors="ignore"))
    good = non_ascii - text.count(_REPLACEMENT)
    # Valid multi-byte sequences almost never happen by chance in legacy 8-bit text; when
    # they outnumber the bad bytes, the file is UTF-8 with damage, not another encoding.
    if good > 0 and good >= bad:
        return text, "utf-8", "invalid UTF-8 bytes replaced"
    western = _printable_cp1252(data)
    if western is not None:
        decoded, encoding = western, "cp1252"
        if len(data) >= DETECT_MIN_BYTES:
            guess = _best_guess(data)
            if guess is not None and guess in _OVERRULE_CP1252:
                with contextlib.suppress(UnicodeDecodeError):
                    decoded, encoding = data.decode(guess), _display_name(guess)
    else:
        decoded, encoding = _detect(data)
    return decoded, encoding, f"not UTF-8: decoded as {encoding}"


def _printable_cp1252(data: bytes) -> str | None:
    """The Windows-1252 reading of `data` when every byte is a printable character there."""
    if len(data.translate(None, _NOT_PRINTABLE)) != len(data):
        return None
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90 and 0x9D mean nothing in cp1252
        return None
