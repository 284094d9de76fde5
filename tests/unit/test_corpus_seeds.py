"""Provides tests of the corpus stage on the five bundled seed files, quirks included."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing.corpus.discovery import discover
from briefing.corpus.reading import load_document
from briefing.models import ParagraphKind, SourceDocument

CORPUS = Path(__file__).parents[2] / "corpus"
SEEDS = sorted(p.name for p in CORPUS.glob("*.txt"))

BODY = ParagraphKind.BODY
HEADING = ParagraphKind.HEADING
BOILERPLATE = ParagraphKind.BOILERPLATE

HEADLINES_003 = (
    "South Korea Blocks DeepSeek Amid Security Concerns, Following Global Warnings",
    "OpenAI Partners with Kakao and Explores Stargate Project with SoftBank and Samsung",
    "South Korea Privacy Watchdog to Inquire About DeepSeek\u2019s Use of Personal Information",
)
TITLE_002 = "S. Korean government ministries and tech firms move to ban DeepSeek"
TITLE_004 = (
    "DeepSeek: South Korea\u2019s government and companies impose restrictions on Chinese AI, "
    "citing privacy and security risks."
)


def load(prefix: str) -> SourceDocument:
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return load_document(CORPUS, path)


def kinds(doc: SourceDocument, text: str) -> list[ParagraphKind]:
    return [p.kind for p in doc.paragraphs if p.text == text]


def test_the_five_seeds_are_discovered_in_order() -> None:
    files, skipped = discover(CORPUS)
    assert [f.name for f in files] == SEEDS
    assert len(files) == 5
    assert skipped == []


@pytest.mark.parametrize("name", SEEDS)
def test_offsets_lines_and_numbers(name: str) -> None:
    doc = load_document(CORPUS, CORPUS / name)
    assert doc.source == name
    assert doc.notice is None and doc.encoding == "utf-8"
    numbers = [p.number for p in doc.paragraphs]
    assert numbers == list(range(1, len(numbers) + 1))  # no passage cuts in the seeds
    previous_end = 0
    for p in doc.paragraphs:
        assert p.source == name
        assert p.text == doc.text[p.start:p.end]
        assert p.text == p.text.strip() and p.text
        assert p.line == doc.text.count("\n", 0, p.start) + 1
        assert p.start >= previous_end
        previous_end = p.end
        assert p.language is None


@pytest.mark.parametrize("name", SEEDS)
def test_paragraphs_are_stable(name: str) -> None:
    first = load_document(CORPUS, CORPUS / name)
    second = load_document(CORPUS, CORPUS / name)
    assert first == second


@pytest.mark.parametrize("name", SEEDS)
def test_body_paragraphs_are_sentences_not_headings_or_furniture(name: str) -> None:
    doc = load_document(CORPUS, CORPUS / name)
    headings = {p.text for p in doc.paragraphs if p.kind is HEADING}
    for p in doc.paragraphs:
        if p.kind is BODY:
            # Every real paragraph of the seeds ends a sentence; headings and menus do not.
            assert re.search(r"[.!?][\"\u201d\u2019]?$", p.text), p.text
            assert p.text not in headings
            assert p.text not in doc.titles


def test_000_french_article_has_no_title_and_sixteen_paragraphs() -> None:
    doc = load("000")
    assert doc.titles == ()
    assert [p.kind for p in doc.paragraphs] == [BODY] * 16
    assert all(p.title is None and p.section is None for p in doc.paragraphs)
    assert doc.paragraphs[-1].text.startswith("Naver, un important portail web")


def test_001_comment_form_is_boilerplate() -> None:
    doc = load("001")
    assert doc.titles == ()
    assert kinds(doc, "LEAVE A REPLY") == [BOILERPLATE]
    assert kinds(doc, "Please enter your comment!") == [BOILERPLATE]
    assert kinds(doc, "Please enter your name here") == [BOILERPLATE]
    body = [p for p in doc.paragraphs if p.kind is BODY]
    assert len(body) == 16
    assert body[-1].text.startswith("Meanwhile, Naver")


def test_002_title_and_page_furniture() -> None:
    doc = load("002")
    assert doc.titles == (TITLE_002,)
    # The headline, then the same line again above "Sentences Mode": only the first counts.
    assert kinds(doc, TITLE_002) == [HEADING, BOILERPLATE]
    for furniture in (
        "Published on: 2025/02/06 20:00",
        "Sentences Mode",
        "Moon Hye-ryeon, Arirang News.",
        "Arirang news https://www.arirang.com/news/view?id=280453",
        "Comments",
        "You must be logged in to add a comment.",
    ):
        assert kinds(doc, furniture) == [BOILERPLATE], furniture
    assert kinds(doc, "Our Moon Hye-ryeon has the details.") == [BODY]
    body = [p for p in doc.paragraphs if p.kind is BODY]
    assert len(body) == 17
    assert all(p.title == TITLE_002 and p.section is None for p in body)


def test_003_three_articles_each_with_its_title() -> None:
    doc = load("003")
    assert doc.titles == HEADLINES_003
    assert "Yaz\u0131lar" not in doc.titles
    assert kinds(doc, "Yaz\u0131lar") == [BOILERPLATE]
    for headline in HEADLINES_003:
        assert kinds(doc, headline) == [HEADING]
    # Each paragraph belongs to the headline printed above it.
    heading_starts = [
        (p.start, p.text) for p in doc.paragraphs if p.kind is HEADING
    ]
    body = [p for p in doc.paragraphs if p.kind is BODY]
    assert len(body) == 12
    for p in body:
        above = [text for start, text in heading_starts if start < p.start]
        assert p.title == above[-1]
        assert p.section is None
    assert [sum(p.title == t for p in body) for t in HEADLINES_003] == [6, 5, 1]
    assert body[6].text.startswith("OpenAI has announced")


def test_004_one_paragraph_per_sentence_line() -> None:
    """Its first line ends with a full stop: a sentence, so paragraph 1 and no title (issue 17)."""
    doc = load("004")
    assert doc.titles == ()
    assert kinds(doc, TITLE_004) == [BODY] and doc.paragraphs[0].text == TITLE_004
    sentence_lines = [line for line in doc.text.split("\n") if line.endswith(".")]
    body = [p for p in doc.paragraphs if p.kind is BODY]
    assert [p.text for p in body] == sentence_lines
    assert len(body) == 16
    assert all(p.title is None for p in doc.paragraphs)


def test_004_headings_become_sections() -> None:
    doc = load("004")
    by_text = {p.text: p for p in doc.paragraphs}
    for heading in ("Introduction", "Governmental Concerns Over Security", "Conclusion",
                    "Commentary", "The Ripple Effect of South Korea\u2019s Decision"):
        assert by_text[heading].kind is HEADING, heading
    intro = by_text["Introduction"]
    after_intro = doc.paragraphs[intro.number]  # numbers are 1-based: this is the next one
    assert after_intro.kind is BODY and after_intro.section == "Introduction"
    assert after_intro.text.startswith("South Korea has taken a significant stand")
    concerns = [p for p in doc.paragraphs if p.section == "Governmental Concerns Over Security"]
    assert [p.kind for p in concerns] == [BODY, BODY, HEADING]
    assert concerns[0].text.startswith("South Korea\u2019s defense ministry")
    assert concerns[1].text.startswith("In addition, the Ministry of the Interior")
    # The four summary lines under the headline come before any section heading.
    assert [p.section for p in doc.paragraphs[1:5]] == [None] * 4
    last = doc.paragraphs[-1]
    assert last.section == "The Ripple Effect of South Korea\u2019s Decision"
    assert last.line == 28
