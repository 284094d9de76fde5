"""No text is lost to a title: a first line that is a sentence is body text (paragraph 1, an
answer, found by a phrase), never the title; a heading-shaped first line, or the format's
metadata, is the title, paragraph 1 as before, its words found through the paragraphs below."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind
from briefing.paths import bundled_corpus, eval_dir
from tests.conftest import open_library
from tests.formats.pdfmaker import make_pdf

BODY = ParagraphKind.BODY
SENTENCE = "The council approved a bridge repair budget of 12 million pounds."
LINES = [
    SENTENCE,
    "Work on the old river crossing will start in the spring and last two years.",
    "The crossing carries about 40,000 cars a day, officials said on Tuesday.",
]


def _pdf(folder: Path, lines: list[str], **info: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "council.pdf"
    path.write_bytes(make_pdf([lines], **info))
    return path


def test_a_first_line_that_is_a_sentence_is_paragraph_one_not_the_title(tmp_path: Path) -> None:
    document = load_document(tmp_path, _pdf(tmp_path, LINES))
    first = document.paragraphs[0]
    assert (first.number, first.kind, first.text) == (1, BODY, SENTENCE)
    assert document.titles == () and first.title is None
    assert [p.number for p in document.paragraphs] == [1, 2, 3]


def test_the_sentence_answers_and_is_found_by_a_phrase(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    _pdf(folder, LINES)
    engine = open_library(folder)
    try:
        result = engine.ask("What budget did the council approve?")
        assert result.answered
        best = result.answers[0]
        assert (best.source, best.paragraph, best.text) == ("council.pdf", 1, SENTENCE)
        hits = engine.search('"repair budget"').results
        assert [(hit.source, hit.paragraph) for hit in hits] == [("council.pdf", 1)]
    finally:
        engine.close()


def test_a_pdf_title_comes_from_its_metadata_and_the_first_line_stays_text(tmp_path: Path) -> None:
    document = load_document(tmp_path, _pdf(tmp_path, LINES, title="Bridge works 2025"))
    assert document.title == "Bridge works 2025"
    assert document.paragraphs[0].text == SENTENCE and document.paragraphs[0].kind is BODY


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("note.txt", "Council Backs Bridge Repairs\n\n{body}\n"),
        ("note.md", "# Council Backs Bridge Repairs\n\n{body}\n"),
        ("note.md", "---\ntitle: Council Backs Bridge Repairs\n---\n\n{body}\n"),
        ("note.html", "<html><head><title>Council Backs Bridge Repairs</title></head><body>"
                      "<article><p>{body}</p></article></body></html>"),
    ],
    ids=["text headline", "markdown heading", "front matter", "html title"],
)
def test_a_headline_is_the_title_paragraph_one_and_searchable(
    tmp_path: Path, name: str, content: str
) -> None:
    body = " ".join(LINES)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / name).write_text(content.format(body=body), encoding="utf-8")
    document = load_document(folder, folder / name)
    headline = "Council Backs Bridge Repairs"
    assert document.titles == (headline,)
    first, second = document.paragraphs[:2]
    assert (first.number, first.text, first.kind) == (1, headline, ParagraphKind.HEADING)
    assert (second.number, second.kind, second.title) == (2, BODY, headline)
    engine = open_library(folder)
    try:  # "backs" is in the headline only: the headline itself, then its article's body
        hits = engine.search("backs").results
        assert [(hit.paragraph, hit.title) for hit in hits] == [(1, headline), (2, headline)]
        assert hits[0].passage == headline
        phrase = engine.search('"Council Backs"').results
        assert [hit.paragraph for hit in phrase] == [1]
    finally:
        engine.close()


def test_a_headline_is_quoted_as_paragraph_1_when_it_answers(tmp_path: Path) -> None:
    """The headline holds the answer ("Portmere Council"); no sentence of the body does."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Portmere Council Backs Bridge Repairs\n\n"
        "The council of the town agreed on Monday to spend money on the old crossing, "
        "officials said.\n\nWork starts in May.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Farming and weather news from the valley.\n",
                                  encoding="utf-8")
    engine = open_library(folder)
    try:
        result = engine.ask("Which council backs bridge repairs?")
        assert result.answered
        best = result.answers[0]
        assert (best.source, best.paragraph, best.text) == (
            "a.txt", 1, "Portmere Council Backs Bridge Repairs"
        )
    finally:
        engine.close()


def test_the_bundled_headlines_stay_titles() -> None:
    """The bundled articles whose first line is a heading-shaped headline keep it as their
    title, as paragraph 1; one whose first line ends with a full stop has none."""
    by_file = {}
    for path in sorted(bundled_corpus().glob("*.txt")):
        document = load_document(bundled_corpus(), path)
        by_file[path.name[:3]] = document
    assert by_file["002"].titles[0].startswith("S. Korean government ministries")
    assert by_file["002"].paragraphs[0].text == by_file["002"].titles[0]
    headline = "South Korea Blocks DeepSeek Amid Security Concerns, Following Global Warnings"
    assert by_file["003"].titles[0] == headline
    assert [p.number for p in by_file["003"].paragraphs if p.text == headline][:1] == [2]
    assert by_file["004"].titles == ()
    assert by_file["004"].paragraphs[0].kind is BODY


BBC = eval_dir() / "bbc" / "corpus"


@pytest.mark.skipif(not BBC.is_dir(), reason="needs the BBC evaluation data")
def test_bbc_headlines_stay_titles_and_numbering_does_not_move() -> None:
    """A BBC article's first line is its headline, without a full stop: still the title, and
    paragraph 1 as before; its body starts at paragraph 2 as before."""
    for name in ("business/001.txt", "sport/199.txt", "tech/100.txt", "politics/050.txt"):
        document = load_document(BBC, BBC / name)
        headline = (BBC / name).read_bytes().decode("cp1252").split("\n", 1)[0].strip()
        assert document.titles[:1] == (headline,)
        first, second = document.paragraphs[:2]
        assert (first.number, first.text, first.kind) == (1, headline, ParagraphKind.HEADING)
        assert second.number == 2 and second.title == headline
