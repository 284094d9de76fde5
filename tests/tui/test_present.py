"""Tests of what the reader shows and exports, without running the app."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.models import Answer, AskResult, Correction
from briefing.reports import SearchHit, SearchResult
from briefing.tui import styling
from briefing.tui.export import answers_export, export_folder, slug, to_markdown, write_export
from briefing.tui.present import (
    build_outcome,
    highlighted,
    passage_content,
    searched_content,
    status_content,
)

PASSAGE = "The defense ministry blocked [bold]DeepSeek[/bold] on military computers. More."


def answer(**changes: object) -> Answer:
    values: dict[str, object] = dict(
        text=PASSAGE[: PASSAGE.index(" More")],
        score=0.9,
        confidence="high",
        source="a.txt",
        paragraph=2,
        line=3,
        title="A title",
        section=None,
        passage=PASSAGE,
        start=0,
        end=PASSAGE.index(" More"),
        highlights=((13, 20), (21, 28)),
        passage_offset=40,
    )
    values.update(changes)
    return Answer(**values)  # type: ignore[arg-type]


def hit(source: str, offset: int, score: float) -> SearchHit:
    return SearchHit(
        source=source,
        paragraph=1,
        line=1,
        title=None,
        section=None,
        score=score,
        passage=PASSAGE,
        highlights=((13, 20),),
        passage_offset=offset,
    )


def test_answer_passages_lead_and_other_hits_follow_without_repeats() -> None:
    result = AskResult(question="q", answered=True, answers=(answer(),), documents=2)
    search = SearchResult(query="q", results=(hit("b.txt", 0, 4.0), hit("a.txt", 40, 2.0)))
    outcome = build_outcome("corpus", result, search)
    assert [(p.source, p.passage_offset) for p in outcome.passages] == [("a.txt", 40), ("b.txt", 0)]
    first, second = outcome.passages
    assert first.answers == ((0, answer().end),) and first.confidence == "high"
    assert first.strength == pytest.approx(0.5) and second.strength == pytest.approx(1.0)
    assert not first.weak and not second.weak


def test_without_an_answer_every_passage_is_weak() -> None:
    result = AskResult(question="q", answered=False, weak=(answer(confidence=None),), documents=5)
    outcome = build_outcome("corpus", result, SearchResult(query="q"))
    assert outcome.answers == () and all(p.weak and not p.answers for p in outcome.passages)
    assert "No answer in these documents" in status_content(result).plain


def test_highlights_use_theme_styles_and_markup_stays_text() -> None:
    content = highlighted(PASSAGE, ((13, 20),), ((0, 10),))
    assert content.plain == PASSAGE  # "[bold]" is text, not a style
    styles = {str(span.style) for span in content.spans}
    assert any(styling.HIGHLIGHT in s for s in styles)
    assert any(styling.ANSWER in s for s in styles)
    assert not any("yellow" in s for s in styles)  # no hard-coded colours
    rendered = passage_content(
        1,
        build_outcome(
            "c",
            AskResult(question="q", answered=True, answers=(answer(),)),
            SearchResult(query="q"),
        ).passages[0],
    )
    assert "a.txt" in rendered.plain and "[bold]DeepSeek[/bold]" in rendered.plain


def test_searched_line_shows_corrections() -> None:
    result = AskResult(
        question="q",
        answered=True,
        searched_terms=("ministry",),
        corrections=(Correction("minstry", ("ministry",)),),
    )
    assert searched_content(result).plain == "Searched: ministry  corrected: minstry → ministry"
    translated = AskResult(
        question="Qui poursuit Bruce Willis ?",
        answered=True,
        searched_terms=("lawsuit", "sue", "bruce", "willis"),
        corrections=(Correction("poursuit", ("lawsuit", "sue"), translated=True),),
    )
    assert searched_content(translated).plain == (
        "Searched: lawsuit, sue, bruce, willis  corrected: poursuit → lawsuit / sue (translated)")


def test_export_markdown_escapes_document_text(tmp_path: Path) -> None:
    result = AskResult(question="Who *blocked* it?", answered=True, answers=(answer(),))
    outcome = build_outcome("corpus", result, SearchResult(query="q"))
    text = to_markdown(outcome)
    assert text.startswith("# Who \\*blocked\\* it?")
    assert "\\[bold\\]DeepSeek\\[/bold\\]" in text
    assert "a.txt, paragraph 2, line 3 · confidence high" in text
    paths = [write_export(answers_export(outcome), tmp_path) for _ in range(3)]
    assert [p.name for p in paths] == [
        "briefing-who-blocked-it.md",
        "briefing-who-blocked-it-2.md",
        "briefing-who-blocked-it-3.md",
    ]


def test_slug_and_export_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert slug("Qui a bloqué DeepSeek ?") == "qui-a-bloque-deepseek"
    assert slug("???") == "answers"
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    assert export_folder(corpus, tmp_path) == tmp_path.resolve()
    assert export_folder(corpus, corpus / "sub") == tmp_path / "data" / "exports"


def test_the_header_counts_with_thousands_separators() -> None:
    from briefing import CorpusStats
    from briefing.tui.widgets.header import describe

    stats = CorpusStats("bbc", "/bbc", 2225, 10319, {"en": 10300, "fr": 19})
    assert describe(stats) == "2,225 documents · 10,319 paragraphs · 2 languages (en, fr)"
