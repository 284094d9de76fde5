"""Provides the one-shot command's output: Rich text for people, JSON objects for scripts.

Document text reaches Rich only as `Text` objects (never as markup strings), so `[bold]` or
`[link=...]` in an article prints literally; it was already stripped of control sequences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.console import Console
from rich.padding import Padding
from rich.text import Text

from briefing.corpus.sanitize import visible
from briefing.models import Answer, AskResult, Correction, Span
from briefing.output.styles import ANSWER_STYLE, CITATION_STYLE, DIM_STYLE, HIGHLIGHT_STYLE
from briefing.reports import SearchResult

# The words that name a sentence whose "reported by" line differs from another's in its passage.
SENTENCE_CUE_WORDS = 4

WINDOW = 600  # characters shown around the answer of a very long passage
OPEN_MARK, CLOSE_MARK = "»", "«"
# The candidate that answers (Answer.span), set apart inside its sentence: only where styles
# show (a pipe or NO_COLOR prints the sentence's »…« marks and nothing more).
SPAN_STYLE = "bold italic"


class _Console(Console):
    """Rich's console, but a reader that went away (`| head`) is the CLI's to handle: Rich's
    own answer is SystemExit(1), "nothing found", where the JSON output ends with 0."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError


def make_console(*, no_color: bool = False, stderr: bool = False) -> Console:
    """A console that follows the terminal and NO_COLOR; `--no-color` forces plain text."""
    console = _Console(
        stderr=stderr,
        no_color=no_color or None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    if not console.is_terminal:
        console.soft_wrap = True  # a pipe gets whole lines, not lines cut at 80 columns
    return console


def uses_marks(console: Console) -> bool:
    """Whether emphasis must be shown with »…« because no styles reach the reader."""
    return not console.is_terminal or console.no_color


def _window(passage: str, focus: Span, width: int = WINDOW) -> tuple[int, int]:
    """The part of a long passage worth printing: around `focus`, cut at white space."""
    if len(passage) <= width:
        return 0, len(passage)
    middle = (focus[0] + focus[1]) // 2
    start = max(0, min(middle - width // 2, len(passage) - width))
    end = min(len(passage), start + width)
    if start > 0:
        space = passage.find(" ", start)
        start = space + 1 if 0 <= space < focus[0] else start
    if end < len(passage):
        space = passage.rfind(" ", focus[1], end)
        end = space if space > 0 else end
    return start, end


def passage_text(
    passage: str,
    highlights: tuple[Span, ...],
    answers: list[Span],
    *,
    marks: bool,
    spans: Sequence[Span] = (),
) -> Text:
    """A passage with query words highlighted and answer sentences emphasised (or marked);
    `spans`, the candidates that answer, set apart when styles show (not with marks)."""
    spans = () if marks else spans
    focus = answers[0] if answers else (highlights[0] if highlights else (0, 0))
    start, end = _window(passage, focus)
    boundaries = {start, end}
    for a, b in answers:
        boundaries.update((max(start, min(a, end)), max(start, min(b, end))))
    for a, b in (*highlights, *spans):
        boundaries.update((max(start, min(a, end)), max(start, min(b, end))))
    cuts = sorted(boundaries)
    text = Text("… " if start > 0 else "")
    for left, right in zip(cuts, cuts[1:], strict=False):
        if left >= right:
            continue
        if marks and any(a == left for a, _ in answers):
            text.append(OPEN_MARK)
        styles = []
        if any(a <= left and right <= b for a, b in answers):
            styles.append(ANSWER_STYLE)
        if any(a <= left and right <= b for a, b in highlights):
            styles.append(HIGHLIGHT_STYLE)
        if any(a <= left and right <= b for a, b in spans):
            styles.append(SPAN_STYLE)
        text.append(passage[left:right], style=" ".join(styles) or None)
        if marks and any(b == right for _, b in answers):
            text.append(CLOSE_MARK)
    if end < len(passage):
        text.append(" …")
    return text


def _citation(source: str, paragraph: int, line: int, page: int | None) -> str:
    where = f"{visible(source)}, paragraph {paragraph}, line {line}"
    return f"{where}, page {page}" if page is not None else where


def _corrections_text(corrections: tuple[Correction, ...]) -> str:
    return ", ".join(c.text for c in corrections)


def _searched_line(terms: tuple[str, ...], corrections: tuple[Correction, ...]) -> Text:
    line = Text("Searched: ", style=DIM_STYLE)
    line.append(", ".join(terms) if terms else "(nothing searchable)", style=DIM_STYLE)
    if corrections:
        line.append(f"  (corrected: {_corrections_text(corrections)})", style=DIM_STYLE)
    return line


def _grouped(answers: tuple[Answer, ...]) -> list[list[Answer]]:
    """Answers grouped by passage, so a passage holding two answers is printed once."""
    groups: dict[tuple[str, int, int], list[Answer]] = {}
    for answer in answers:
        groups.setdefault((answer.source, answer.paragraph, answer.passage_offset), []).append(
            answer
        )
    return list(groups.values())


def _print_indented(console: Console, body: Text) -> None:
    """A passage under its citation: wrapped and indented on a terminal, one line in a pipe."""
    if console.is_terminal:
        console.print(Padding(body, (0, 0, 0, 3)))
    else:
        console.print(Text("   ").append_text(body), soft_wrap=True)


def _print_passages(
    console: Console,
    answers: tuple[Answer, ...],
    marks: bool,
    after: Callable[[list[Answer]], None] | None = None,
) -> None:
    """Each passage under its citation; `after(group)` adds lines under each passage, given
    the answers it holds."""
    for rank, group in enumerate(_grouped(answers), start=1):
        first = group[0]
        header = Text(f"{rank}. ", style="bold")
        citation = _citation(first.source, first.paragraph, first.line, first.page)
        header.append(citation, CITATION_STYLE)
        if first.confidence:
            header.append(f"  {first.confidence} · {first.score:.2f}", style=DIM_STYLE)
        console.print(header)
        # A headline quoted is its own title: said once.
        context = [v for v in (first.title, first.section) if v and v != first.passage.strip()]
        if context:
            console.print(Text("   " + " › ".join(dict.fromkeys(context)), style="italic"))
        body = passage_text(
            first.passage, first.highlights, [(a.start, a.end) for a in group], marks=marks,
            spans=[a.span for a in group if a.span is not None],
        )
        _print_indented(console, body)
        if after is not None:
            after(group)


def answer_sentence(answer: Answer) -> Text:
    """An answer's sentence for the terminal: bold, its candidate that answers (Answer.span)
    set apart in SPAN_STYLE."""
    text = Text(answer.text, style="bold")
    if answer.span is not None:
        text.stylize(SPAN_STYLE, answer.span[0] - answer.start, answer.span[1] - answer.start)
    return text


def print_ask(console: Console, result: AskResult) -> None:
    """The human-readable answer to one question."""
    marks = uses_marks(console)
    if result.error:
        console.print(Text(f"error: {result.error}", style="red"))
        return
    if result.answered and result.answers:
        from briefing.output.labels import ask_labels, print_conflicts, sources_text

        labels = ask_labels(result.answers, result.conflicts, result.namesakes)

        def sources_lines(group: list[Answer]) -> None:
            # The best answer's line is printed under it already. A passage holding several
            # answers says a line they share once; lines that differ each name their sentence.
            lines = [
                (answer, sources_text(answer.sources, answer.source_count, result.documents,
                                      labels))
                for answer in group
                if answer.sources and answer is not result.answers[0]
            ]
            if len({line.plain for _, line in lines}) == 1:
                console.print(Text("   ").append_text(lines[0][1]))
                return
            for answer, line in lines:
                opening = " ".join(visible(answer.text).split()[:SENTENCE_CUE_WORDS])
                cue = Text(f"   {opening}…: ", style=DIM_STYLE)
                console.print(cue.append_text(line))

        best = result.answers[0]
        line = Text("Answer: ", style="bold green")
        if marks:
            line.append(f"{OPEN_MARK}{best.text}{CLOSE_MARK}", style="bold")
        else:
            line.append_text(answer_sentence(best))
        console.print(line)
        console.print(
            Text(
                f"  {_citation(best.source, best.paragraph, best.line, best.page)}"
                f" · confidence {best.confidence}",
                style=CITATION_STYLE,
            )
        )
        if best.sources:
            console.print(Text("  ").append_text(
                sources_text(best.sources, best.source_count, result.documents, labels)
            ))
        print_conflicts(console, result.conflicts, labels)
        console.print()
        console.print(Text(f"Top answers ({len(result.answers)})", style="bold"))
        _print_passages(console, result.answers, marks, sources_lines)
    else:
        count = result.documents
        noun = "document" if count == 1 else "documents"
        console.print(Text(f"No answer in {count} {noun}.", style="bold red"))
        if result.weak:
            console.print(Text("Closest passages (weak):", style=DIM_STYLE))
            _print_passages(console, result.weak, marks)
    console.print(_searched_line(result.searched_terms, result.corrections))


def print_search(console: Console, result: SearchResult) -> None:
    """The ranked passages of one query."""
    marks = uses_marks(console)
    if result.error:
        console.print(Text(f"error: {result.error}", style="red"))
        return
    if not result.results:
        console.print(Text("No matching passages.", style="bold red"))
    for rank, hit in enumerate(result.results, start=1):
        header = Text(f"{rank}. ", style="bold")
        header.append(_citation(hit.source, hit.paragraph, hit.line, hit.page), CITATION_STYLE)
        header.append(f"  {hit.score:.2f}", style=DIM_STYLE)
        console.print(header)
        context = [v for v in (hit.title, hit.section) if v and v != hit.passage.strip()]
        if context:
            console.print(Text("   " + " › ".join(dict.fromkeys(context)), style="italic"))
        _print_indented(console, passage_text(hit.passage, hit.highlights, [], marks=marks))
    console.print(_searched_line(result.searched_terms, result.corrections))
