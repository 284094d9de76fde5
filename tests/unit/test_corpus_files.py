"""Provides tests of corpus discovery, decoding and document loading, on generated files."""

from __future__ import annotations

import codecs
import os
import sys
import time
from pathlib import Path

import pytest

from briefing.corpus.decoding import DETECT_MIN_BYTES, UnreadableFile, read_text
from briefing.corpus.discovery import discover
from briefing.corpus.formats import SUPPORTED_SUFFIXES
from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind, SkippedFile
from briefing.paths import eval_dir

FRENCH = (
    "Le minist\u00e8re de la d\u00e9fense a \u00e9galement bloqu\u00e9 l'acc\u00e8s \u00e0 "
    "DeepSeek \u2013 \u00ab par pr\u00e9caution \u00bb, selon \u201cYonhap\u201d.\n"
    "Deuxi\u00e8me ligne, na\u00efve et co\u00fbteuse.\n"
)


def write(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


# --- read_text -------------------------------------------------------------------------------


def test_plain_utf8(tmp_path: Path) -> None:
    text, encoding, notice = read_text(write(tmp_path / "a.txt", FRENCH.encode()))
    assert (text, encoding, notice) == (FRENCH, "utf-8", None)


def test_utf8_with_bom(tmp_path: Path) -> None:
    text, encoding, notice = read_text(write(tmp_path / "a.txt", codecs.BOM_UTF8 + FRENCH.encode()))
    assert text == FRENCH and not text.startswith("\ufeff")
    assert encoding == "utf-8" and notice is None


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path: Path, codec: str) -> None:
    data = FRENCH.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + data
    text, encoding, notice = read_text(write(tmp_path / "a.txt", data))
    family = codec[:6]
    assert text == FRENCH
    assert encoding == family
    assert notice == f"decoded as {family}"


def test_utf16_without_bom_is_not_taken_for_binary(tmp_path: Path) -> None:
    text, _, notice = read_text(write(tmp_path / "a.txt", FRENCH.encode("utf-16-le")))
    assert text == FRENCH
    assert notice is not None and notice.startswith("decoded as utf-16")


def test_cp1252(tmp_path: Path) -> None:
    sample = "caf\u00e9 \u2013 na\u00efve \u201cquotes\u201d\n"
    text, encoding, notice = read_text(write(tmp_path / "a.txt", sample.encode("cp1252")))
    assert text == sample
    assert encoding == "cp1252"
    assert notice == "not UTF-8: decoded as cp1252"


def test_cp1252_french_paragraph(tmp_path: Path) -> None:
    text, _, notice = read_text(write(tmp_path / "a.txt", FRENCH.encode("cp1252")))
    assert text == FRENCH
    assert notice is not None and notice.startswith("not UTF-8: decoded as ")


def test_latin1(tmp_path: Path) -> None:
    sample = "Le minist\u00e8re a d\u00e9clar\u00e9 que l'acc\u00e8s \u00e9tait bloqu\u00e9"
    sample += " \u00e0 Gen\u00e8ve.\n"
    text, _, notice = read_text(write(tmp_path / "a.txt", sample.encode("latin-1")))
    assert text == sample
    assert notice is not None and notice.startswith("not UTF-8: decoded as ")


WESTERN = "Chelsea paid \u00a315.8m \u2013 \u20ac20m \u2013 for the caf\u00e9\u2019s striker.\n"
WESTERN += "\u00ab C\u2019est absurde \u00bb, a d\u00e9clar\u00e9 l\u2019entra\u00eeneur.\n"
# Longer than DETECT_MIN_BYTES, so that the detector is asked too.
LONG_WESTERN = WESTERN * 12
CZECH = (
    "M\u011bstsk\u00e1 rada schv\u00e1lila rozpo\u010det na opravu mostu ve v\u00fd\u0161i "
    "dvan\u00e1cti milion\u016f korun. P\u0159\u00edli\u0161 \u017elu\u0165ou\u010dk\u00fd "
    "k\u016f\u0148 \u00fap\u011bl \u010f\u00e1belsk\u00e9 \u00f3dy.\n"
) * 10
RUSSIAN = (
    "\u0421\u043e\u0432\u0435\u0442 \u0433\u043e\u0440\u043e\u0434\u0430 "
    "\u0443\u0442\u0432\u0435\u0440\u0434\u0438\u043b \u0431\u044e\u0434\u0436\u0435\u0442 "
    "\u043d\u0430 \u0440\u0435\u043c\u043e\u043d\u0442 \u043c\u043e\u0441\u0442\u0430. "
    "\u041c\u0438\u043d\u0438\u0441\u0442\u0435\u0440\u0441\u0442\u0432\u043e "
    "\u043e\u0431\u043e\u0440\u043e\u043d\u044b \u0437\u0430\u0431\u043b\u043e\u043a"
    "\u0438\u0440\u043e\u0432\u0430\u043b\u043e \u0434\u043e\u0441\u0442\u0443\u043f "
    "\u043a DeepSeek.\n"
) * 12


@pytest.mark.parametrize("sample", [WESTERN, LONG_WESTERN], ids=["short", "long"])
def test_cp1252_with_pounds_euros_accents_and_quotes(tmp_path: Path, sample: str) -> None:
    data = sample.encode("cp1252")
    assert (len(data) >= DETECT_MIN_BYTES) == (sample is LONG_WESTERN)
    text, encoding, notice = read_text(write(tmp_path / "a.txt", data))
    assert text == sample
    assert (encoding, notice) == ("cp1252", "not UTF-8: decoded as cp1252")


def test_a_two_line_latin1_file_is_not_taken_for_cp1250(tmp_path: Path) -> None:
    """charset-normalizer alone read this as cp1250: "\u014115.8m"."""
    sample = "Chelsea paid \u00a315.8m for him.\nLe caf\u00e9 \u00e9tait ferm\u00e9.\n"
    text, encoding, _ = read_text(write(tmp_path / "a.txt", sample.encode("latin-1")))
    assert (text, encoding) == (sample, "cp1252")


def test_utf8_that_merely_contains_a_pound_sign(tmp_path: Path) -> None:
    sample = "The club paid \u00a315.8m for the striker.\n"
    assert read_text(write(tmp_path / "a.txt", sample.encode())) == (sample, "utf-8", None)


@pytest.mark.parametrize(
    ("sample", "codec", "name"),
    [(CZECH, "cp1250", "cp1250"), (RUSSIAN, "cp1251", "cp1251"), (RUSSIAN, "koi8_r", "koi8-r")],
    ids=["cp1250", "cp1251", "koi8-r"],
)
def test_central_european_and_cyrillic_files_are_detected(
    tmp_path: Path, sample: str, codec: str, name: str
) -> None:
    data = sample.encode(codec)
    assert len(data) >= DETECT_MIN_BYTES
    text, encoding, notice = read_text(write(tmp_path / "a.txt", data))
    assert (text, encoding, notice) == (sample, name, f"not UTF-8: decoded as {name}")


def test_8bit_text_with_control_characters_goes_to_the_detector(tmp_path: Path) -> None:
    sample = "Le caf\u00e9 \x1b[1mferm\u00e9\x1b[0m \u00e0 Gen\u00e8ve.\n"
    text, encoding, notice = read_text(write(tmp_path / "a.txt", sample.encode("cp1252")))
    assert (text, encoding) == (sample, "cp1252")  # no opinion from it: cp1252 all the same
    assert notice == "not UTF-8: decoded as cp1252"


BBC_CP1252 = eval_dir() / "bbc" / "corpus" / "sport" / "199.txt"


@pytest.mark.skipif(not BBC_CP1252.is_file(), reason="needs the BBC evaluation data")
def test_the_bbc_cp1252_article(tmp_path: Path) -> None:
    """The one BBC article that is not UTF-8 (detection alone called it cp932: "\uff6315.8m")."""
    text, encoding, notice = read_text(BBC_CP1252)
    assert encoding == "cp1252" and notice == "not UTF-8: decoded as cp1252"
    assert "\u00a315.8m" in text


def test_invalid_utf8_bytes_in_a_good_file_are_replaced(tmp_path: Path) -> None:
    good = "Le \u201cminist\u00e8re\u201d a bloqu\u00e9 DeepSeek \u2013 s\u00e9curit\u00e9.\n" * 30
    data = good.encode() + b"broken \xff\xfe byte \xe9 here\n" + good.encode()
    text, encoding, notice = read_text(write(tmp_path / "a.txt", data))
    assert encoding == "utf-8"
    assert notice == "invalid UTF-8 bytes replaced"
    before, middle, after = text.partition("broken ")
    assert before == good and after.endswith(good)  # the rest is intact, not mojibake
    assert middle and "\ufffd" in after.split("\n")[0]


def test_line_endings_are_normalised(tmp_path: Path) -> None:
    data = b"First line.\r\nSecond line.\rThird line.\n\r\nFourth.\r"
    text, _, _ = read_text(write(tmp_path / "a.txt", data))
    assert text == "First line.\nSecond line.\nThird line.\n\nFourth.\n"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n   \n", "no text"),
        ("\u00a0 \n \u2007\n".encode(), "no text"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20, "binary file (NUL bytes)"),
        (b"text\x00with a nul", "binary file (NUL bytes)"),
    ],
)
def test_unreadable_content(tmp_path: Path, data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_text(write(tmp_path / "bad.txt", data))
    assert caught.value.reason == reason
    assert str(caught.value) == reason


def test_vanished_file(tmp_path: Path) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_text(tmp_path / "gone.txt")
    assert caught.value.reason == "file vanished"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path / "secret.txt", b"Secret text.")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    with pytest.raises(UnreadableFile) as caught:
        read_text(path)
    assert caught.value.reason == "permission denied"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads anything")
def test_permission_denied_for_real(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", b"Secret text.")
    path.chmod(0)
    with pytest.raises(UnreadableFile) as caught:
        read_text(path)
    assert caught.value.reason == "permission denied"


# --- load_document ---------------------------------------------------------------------------


def test_load_document_source_is_relative_posix(tmp_path: Path) -> None:
    title = "S\u00e9oul bloque DeepSeek par pr\u00e9caution"
    path = write(tmp_path / "asia" / "korea" / "story.txt",
                 f"{title}\n\nLe minist\u00e8re a agi.\n".encode("cp1252"))
    doc = load_document(tmp_path, path)
    assert doc.source == "asia/korea/story.txt"
    assert doc.titles == (title,)
    assert doc.notice is not None and doc.notice.startswith("not UTF-8")
    assert [p.kind for p in doc.paragraphs] == [ParagraphKind.HEADING, ParagraphKind.BODY]
    assert all(p.source == "asia/korea/story.txt" for p in doc.paragraphs)
    assert doc.paragraphs[1].text == doc.text[doc.paragraphs[1].start:doc.paragraphs[1].end]


def test_load_document_with_a_file_as_root(tmp_path: Path) -> None:
    path = write(tmp_path / "one.txt", b"Just one paragraph.\r\n")
    doc = load_document(path, path)
    assert doc.source == "one.txt"
    assert doc.text == "Just one paragraph.\n"


def test_load_document_markdown(tmp_path: Path) -> None:
    path = write(tmp_path / "note.md", b"# Seoul and DeepSeek\n\n## Background\n\nText here.\n")
    doc = load_document(tmp_path, path)
    assert doc.titles == ("Seoul and DeepSeek",)
    assert doc.paragraphs[-1].section == "Background"


def test_load_document_raises_unreadable(tmp_path: Path) -> None:
    path = write(tmp_path / "empty.txt", b"")
    with pytest.raises(UnreadableFile):
        load_document(tmp_path, path)


# --- discover --------------------------------------------------------------------------------


def test_supported_suffixes() -> None:
    assert SUPPORTED_SUFFIXES == frozenset({".txt", ".md", ".html", ".htm", ".pdf"})


def test_discover_sorted_recursive_with_skips(tmp_path: Path) -> None:
    for rel in ["b.txt", "a/z.md", "a/b/c.TXT", "A.txt", "notes.docx", "data.csv", "README",
                ".hidden.txt", ".git/config.txt", "a/.cache/x.txt"]:
        write(tmp_path / rel, b"Some text.")
    files, skipped = discover(tmp_path)
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "A.txt", "a/b/c.TXT", "a/z.md", "b.txt"
    ]
    assert skipped == [
        SkippedFile("README", "unsupported file type (no extension)"),
        SkippedFile("data.csv", "unsupported file type (.csv)"),
        SkippedFile("notes.docx", "unsupported file type (.docx)"),
    ]


def test_discover_a_single_file(tmp_path: Path) -> None:
    path = write(tmp_path / "one.md", b"Text.")
    assert discover(path) == ([path], [])
    odt = write(tmp_path / "one.odt", b"PK")
    assert discover(odt) == ([], [SkippedFile("one.odt", "unsupported file type (.odt)")])


def test_discover_missing_root(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        discover(tmp_path / "nowhere")


def test_discover_200_levels_deep(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d"] * 200)
    write(deep / "bottom.txt", b"Deep text.")
    write(tmp_path / "top.txt", b"Top text.")
    files, skipped = discover(tmp_path)
    assert [f.name for f in files] == ["bottom.txt", "top.txt"]
    assert files[0] == deep / "bottom.txt"
    assert skipped == []


def test_discover_many_files(tmp_path: Path) -> None:
    for i in range(40):
        folder = tmp_path / f"f{i:02}"
        folder.mkdir()
        for j in range(250):
            (folder / f"{j:03}.txt").write_bytes(b"x")
    started = time.perf_counter()
    files, skipped = discover(tmp_path)
    assert time.perf_counter() - started < 2.0  # one scandir per folder, no per-file reads
    assert len(files) == 10_000 and skipped == []
    assert files[0].relative_to(tmp_path).as_posix() == "f00/000.txt"
    assert files[-1].relative_to(tmp_path).as_posix() == "f39/249.txt"


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX symlinks")
def test_discover_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root / "sub" / "s.txt", b"Sub text.")
    write(root / "a.txt", b"A text.")
    write(tmp_path / "outside" / "o.txt", b"Outside text.")
    os.symlink("..", root / "sub" / "up")  # loop back to an ancestor
    os.symlink(".", root / "here")  # loop to itself
    os.symlink("knot", root / "knot")  # a link to itself: ELOOP
    os.symlink("missing.txt", root / "dangling.txt")
    os.symlink("sub", root / "same_sub")  # a second way into a folder
    os.symlink("../outside", root / "outside")  # a folder outside the root is followed
    os.symlink("a.txt", root / "alias.txt")  # a file link is just a file
    files, skipped = discover(root)
    assert [f.relative_to(root).as_posix() for f in files] == [
        "a.txt", "alias.txt", "outside/o.txt", "sub/s.txt"
    ]
    assert skipped == [
        SkippedFile("dangling.txt", "dangling symlink"),
        SkippedFile("here", "symlink loop"),
        SkippedFile("knot", "symlink loop"),
        SkippedFile("same_sub", "symlink to a folder already scanned"),
        SkippedFile("sub/up", "symlink loop"),
    ]


@pytest.mark.skipif(sys.platform == "win32", reason="needs FIFOs")
def test_discover_skips_special_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # reading it would block forever
    write(tmp_path / "ok.txt", b"Text.")
    files, skipped = discover(tmp_path)
    assert [f.name for f in files] == ["ok.txt"]
    assert skipped == [SkippedFile("pipe.txt", "not a regular file")]


def test_discover_unreadable_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path / "open" / "a.txt", b"Text.")
    write(tmp_path / "locked" / "b.txt", b"Text.")
    real_scandir = os.scandir

    def scandir(path: str):  # type: ignore[no-untyped-def]
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    files, skipped = discover(tmp_path)
    assert [f.name for f in files] == ["a.txt"]
    assert skipped == [SkippedFile("locked", "permission denied")]


@pytest.mark.parametrize(
    "name", ["a.txt", "A.MD", "a.tar.gz", "a.", "a", "..x", "a..", "x.y.html", "noext."]
)
def test_suffix_by_string_search_is_pathlibs(name: str) -> None:
    from pathlib import PurePath

    from briefing.corpus.discovery import _suffix

    assert _suffix(name) == PurePath(name).suffix.lower()


# --- the message for a folder where nothing could be indexed ------------------------------------


def test_nothing_to_index_names_few_files_and_counts_many() -> None:
    from briefing.corpus.discovery import nothing_to_index

    root = Path("news")
    assert nothing_to_index(root, []) == "no .txt, .md, .html, .htm or .pdf files in news"
    few = [SkippedFile("a.txt", "binary file (NUL bytes)"), SkippedFile("b.txt", "empty file")]
    assert nothing_to_index(root, few) == (
        "no file could be indexed in news (2 skipped: a.txt: binary file (NUL bytes), "
        "b.txt: empty file)"
    )
    many = [SkippedFile("c.txt", "permission denied")] + [
        SkippedFile(f"{n}.txt", "binary file (NUL bytes)") for n in range(3)
    ]
    assert nothing_to_index(root, many) == (
        "no file could be indexed in news (4 skipped: 3 files: binary file (NUL bytes), "
        "1: permission denied)"
    )
    odd = [SkippedFile(f"{n}.txt", f"reason {n}") for n in range(7)]
    assert nothing_to_index(root, odd).endswith(
        "(7 skipped: 1 file: reason 0, 1: reason 1, 1: reason 2, 1: reason 3, 1: reason 4, "
        "2: other reasons)"
    )
