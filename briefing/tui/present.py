"""Provides what the reader shows of a result: passages in display order, citations and text.

Document text becomes Textual `Content` built from plain strings and spans, never parsed as
markup, so `[bold]` or `[@click=app.quit]` in an article is shown as the characters it is.
Highlighting reuses `briefing.output.plain.passage_text`, as `briefing ask` does; only its span
styles are swapped for theme styles.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.content import Content, Span

from briefing import Answer, AskResult, DocumentInfo, SearchResult
from briefing.output.labels import Labels
from briefing.output.plain import SPAN_STYLE, passage_text
from briefing.output.safe import visible
from briefing.output.styles import ANSWER_STYLE, HIGHLIGHT_STYLE
from briefing.tui import styling
from briefing.tui.corroborate import answer_labels, conflict_line, reported_by
from briefing.tui.hanging import Hanging, Stacked

TextSpan = tuple[int, int]  # start, end in a text

BAR_CELLS = 10
BADGE_CELLS = len("medium") + 2  # the widest confidence band, and a gap


def cite(source: str, paragraph: int, line: int, page: int | None = None) -> str:
    """A citation as `briefing ask` prints it: source, paragraph, line (and page)."""
    where = f"{visible(source)}, paragraph {paragraph}, line {line}"
    return f"{where}, page {page}" if page is not None else where


FORMAT_NAMES = {"markdown": "Markdown", "html": "HTML", "pdf": "PDF"}


def document_note(document: DocumentInfo | None) -> str:
    """ "2025-02-06 · PDF": the file's date and format when known (plain text goes unsaid)."""
    if document is None:
        return ""
    shown = [document.date or "", FORMAT_NAMES.get(document.format, "")]
    return " · ".join(part for part in shown if part)


@dataclass(frozen=True, slots=True)
class Passage:
    """One passage of the results list, with the answer sentences it holds."""

    source: str
    paragraph: int
    line: int
    page: int | None
    title: str | None
    section: str | None
    passage: str
    highlights: tuple[TextSpan, ...]
    answers: tuple[TextSpan, ...]  # answer sentences inside the passage, as offsets
    confidence: str | None  # of the best answer it holds; None when it holds none
    weak: bool  # shown because nothing answered the question
    score: float | None  # its search score; None when the search did not rank it
    strength: float  # score relative to the best passage (0..1), for the score bar
    passage_offset: int
    document: DocumentInfo | None = None
    spans: tuple[TextSpan, ...] = ()  # the candidates that answer (Answer.span), as offsets

    @property
    def citation(self) -> str:
        return cite(self.source, self.paragraph, self.line, self.page)

    @property
    def context(self) -> str:
        """Article title › section, when known (not the headline that is the passage)."""
        known = (v for v in (self.title, self.section) if v and v != self.passage.strip())
        return " › ".join(dict.fromkeys(known))


@dataclass(frozen=True, slots=True)
class Outcome:
    """One question's answers and passages, as shown and as exported."""

    question: str
    corpus: str
    result: AskResult
    passages: tuple[Passage, ...]

    @property
    def answers(self) -> tuple[Answer, ...]:
        return self.result.answers if self.result.answered else ()

    @property
    def labels(self) -> Labels:
        """Short names of the sources its answers and conflicts cite."""
        return answer_labels(self.answers, self.result.conflicts, self.result.namesakes)


def build_outcome(corpus: str, result: AskResult, search: SearchResult) -> Outcome:
    """Passages in reading order: those holding answers (best first), then the other hits."""
    hits = {(h.source, h.passage_offset): h for h in search.results}
    best = max((h.score for h in search.results), default=0.0) or 1.0
    answered = result.answered and bool(result.answers)
    leading = result.answers if answered else result.weak
    groups: dict[tuple[str, int], list[Answer]] = {}
    for answer in leading:
        groups.setdefault((answer.source, answer.passage_offset), []).append(answer)
    passages: list[Passage] = []
    for key, group in groups.items():
        first = group[0]
        hit = hits.pop(key, None)
        passages.append(
            Passage(
                source=first.source,
                paragraph=first.paragraph,
                line=first.line,
                page=first.page,
                title=first.title,
                section=first.section,
                passage=first.passage,
                highlights=first.highlights,
                answers=tuple((a.start, a.end) for a in group) if answered else (),
                confidence=first.confidence if answered else None,
                weak=not answered,
                score=hit.score if hit else None,
                strength=hit.score / best if hit else 0.0,
                passage_offset=first.passage_offset,
                document=first.document,
                spans=tuple(a.span for a in group if a.span is not None) if answered else (),
            )
        )
    for hit in search.results:
        if (hit.source, hit.passage_offset) not in hits:
            continue  # already listed with its answers
        passages.append(
            Passage(
                source=hit.source,
                paragraph=hit.paragraph,
                line=hit.line,
                page=hit.page,
                title=hit.title,
                section=hit.section,
                passage=hit.passage,
                highlights=hit.highlights,
                answers=(),
                confidence=None,
                weak=not answered,
                score=hit.score,
                strength=hit.score / best,
                passage_offset=hit.passage_offset,
                document=hit.document,
            )
        )
    return Outcome(result.question, corpus, result, tuple(passages))


# The candidate that answers, inside its sentence (the theme has no style of its own for it).
SPAN = "bold italic"


def themed(text: Text) -> Content:
    """`passage_text` output with its highlight and answer styles replaced by theme styles."""
    spans: list[Span] = []
    for span in text.spans:
        style = str(span.style)
        parts = []
        if ANSWER_STYLE in style:
            parts.append(styling.ANSWER)
        if HIGHLIGHT_STYLE in style:
            parts.append(styling.HIGHLIGHT)
        if SPAN_STYLE in style:
            parts.append(SPAN)
        if parts:
            spans.append(Span(span.start, span.end, " ".join(parts)))
    return Content(text.plain, spans)


def highlighted(
    text: str,
    highlights: tuple[TextSpan, ...],
    answers: tuple[TextSpan, ...] = (),
    spans: tuple[TextSpan, ...] = (),
) -> Content:
    return themed(passage_text(text, highlights, list(answers), marks=False, spans=spans))


def sentence_highlights(answer: Answer) -> tuple[TextSpan, ...]:
    """The query-word spans of an answer's passage that fall inside its sentence."""
    return tuple(
        (max(a, answer.start) - answer.start, min(b, answer.end) - answer.start)
        for a, b in answer.highlights
        if a < answer.end and b > answer.start
    )


def bar(strength: float) -> Content:
    filled = max(0, min(BAR_CELLS, round(strength * BAR_CELLS)))
    return Content.assemble(
        ("━" * filled, styling.BAR_FULL), ("━" * (BAR_CELLS - filled), styling.BAR_EMPTY)
    )


def confidence_badge(confidence: str | None) -> Content:
    if confidence is None:
        return Content.styled("weak", styling.WEAK)
    return Content.styled(confidence, styling.CONFIDENCE.get(confidence, styling.MUTED))


def answer_content(
    answer: Answer, rank: int, labels: Labels | None = None, total: int = 0
) -> Hanging:
    """One answer of the answer panel: band, sentence (query words lit), citation (with the
    file's date and format when known) and the sources that report it. The band sits in a
    gutter, so every line of the answer starts in the same column; the candidate that answers
    (its span) is set apart inside the sentence."""
    span = answer.span
    inside = () if span is None else ((span[0] - answer.start, span[1] - answer.start),)
    sentence = highlighted(answer.text, sentence_highlights(answer), spans=inside)
    if rank == 1:
        sentence = sentence.stylize_before(styling.BEST)
    parts: list[str | Content | tuple[str, str]] = [
        sentence,
        "\n",
        (cite(answer.source, answer.paragraph, answer.line, answer.page), styling.CITATION),
    ]
    if note := document_note(answer.document):
        parts.append((f" · {note}", styling.MUTED))
    if answer.sources:
        parts += ["\n", reported_by(answer, total, labels or answer_labels((answer,), ()))]
    return Hanging(confidence_badge(answer.confidence), Content.assemble(*parts), BADGE_CELLS)


def conflicts_content(outcome: Outcome) -> Stacked:
    """Where the sources of the answers disagree, one line per conflict."""
    labels = outcome.labels
    return Stacked([conflict_line(conflict, labels) for conflict in outcome.result.conflicts])


def passage_content(rank: int, passage: Passage) -> Hanging:
    """One passage of the results list: citation, score bar, context, highlighted text, all
    in the column after the rank."""
    if passage.weak:
        label = confidence_badge(None)
    elif passage.answers:
        label = Content.assemble(("answer · ", styling.MUTED), confidence_badge(passage.confidence))
    else:
        label = Content("")
    parts: list[str | Content | tuple[str, str]] = [
        (visible(passage.source), styling.CITATION),
        (f"  ¶{passage.paragraph} · line {passage.line}", styling.MUTED),
    ]
    if passage.page is not None:
        parts.append((f" · page {passage.page}", styling.MUTED))
    if note := document_note(passage.document):
        parts.append((f" · {note}", styling.MUTED))
    parts += [
        "  ",
        bar(passage.strength) if passage.score is not None else Content(""),
        "  ",
        label,
    ]
    if passage.context:
        parts += ["\n", (passage.context, styling.CONTEXT)]
    parts += ["\n", highlighted(passage.passage, passage.highlights, passage.answers,
                                 passage.spans)]
    return Hanging(Content.styled(f"{rank:>2}  ", styling.RANK), Content.assemble(*parts))


def notes_content(notes: tuple[str, ...]) -> Stacked:
    """The search-syntax notes (what was searched as plain text, and why), one line each."""
    return Stacked([Hanging(Content.styled("note: ", styling.MUTED), note) for note in notes])


def searched_content(result: AskResult) -> Content:
    """What was searched, with typo corrections."""
    terms = ", ".join(result.searched_terms) if result.searched_terms else "(nothing searchable)"
    parts: list[str | Content | tuple[str, str]] = [("Searched: ", styling.MUTED), terms]
    if result.corrections:
        fixed = ", ".join(c.text for c in result.corrections)
        parts += [("  corrected: ", styling.MUTED), (fixed, styling.HIGHLIGHT)]
    return Content.assemble(*parts)


def status_content(result: AskResult) -> Content:
    """The headline of the answer panel."""
    if result.error:
        return Content.assemble(("Cannot search: ", styling.ERROR), result.error)
    if result.answered and result.answers:
        count = len(result.answers)
        return Content.assemble(
            ("Answer", styling.BEST),
            (f"  ·  {count} answer sentence{'s' if count != 1 else ''}", styling.MUTED),
        )
    searched = f"  ·  {result.documents} searched" if result.documents else ""
    tail = (
        "; the closest passages are listed below as weak"
        if result.weak
        else "; nothing in them matches the question. Try other words?"
    )
    headline = "No answer in these documents"
    return Content.assemble((headline, styling.NO_ANSWER), (searched + tail, styling.MUTED))


def answer_clip(answer: Answer) -> str:
    """An answer as copied to the clipboard: the sentence and its citation."""
    return f"{answer.text}\n— {cite(answer.source, answer.paragraph, answer.line, answer.page)}"


def passage_clip(passage: Passage) -> str:
    return f"{passage.passage}\n— {passage.citation}"
