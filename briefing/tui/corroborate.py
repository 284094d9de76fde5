"""Provides the corroboration lines the reader shows: sources, conflicts and briefing facts.

The wording comes from briefing.output.brief (the lines `briefing ask` prints); only
their Rich styles are swapped for theme styles, and document text stays plain text.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.content import Content, Span
from textual.visual import Visual

from briefing import Answer, Briefing, Conflict, Fact
from briefing.output.labels import Labels, conflict_text, sources_text
from briefing.output.safe import strip_controls
from briefing.output.styles import CITATION_STYLE, CONFLICT_STYLE, DIM_STYLE
from briefing.tui import styling
from briefing.tui.hanging import Hanging, Stacked

_THEMED = {
    DIM_STYLE: styling.MUTED,
    CITATION_STYLE: styling.CITATION,
    CONFLICT_STYLE: styling.CONFLICT,
    "bold": styling.BEST,
}


def themed_line(text: Text) -> Content:
    """A line of briefing.output.brief in theme styles (unknown styles dropped)."""
    spans: list[Span] = []
    base = _THEMED.get(str(text.style)) if text.style else None
    if base:
        spans.append(Span(0, len(text.plain), base))
    for span in text.spans:
        style = _THEMED.get(str(span.style))
        if style:
            spans.append(Span(span.start, span.end, style))
    return Content(text.plain, spans)


def _conflict_places(conflicts: tuple[Conflict, ...]) -> list[tuple[str, str | None]]:
    return [
        (path, language)
        for conflict in conflicts
        for version in conflict.versions
        for path, language in zip(version.sources, version.languages, strict=False)
    ]


def answer_labels(
    answers: tuple[Answer, ...], conflicts: tuple[Conflict, ...], folder: Iterable[str] = ()
) -> Labels:
    """Short source names for everything one answer panel shows, unique among `folder`."""
    places = [(s.source, s.language) for a in answers for s in a.sources]
    return Labels(places + _conflict_places(conflicts), folder)


def briefing_labels(briefing: Briefing) -> Labels:
    """Short source names for everything the briefing panel shows (as `briefing brief`)."""
    places = [(s.source, s.language) for f in briefing.facts for s in f.sources]
    places += _conflict_places(briefing.conflicts)
    places += [(path, None) for actor in briefing.actors for path in actor.sources]
    return Labels(places, briefing.namesakes)


def reported_by(item: Answer | Fact, total: int, labels: Labels) -> Content:
    """ "reported by 4 of 5 sources: 000 (fr), 001, 003, 004"; empty when nothing is known."""
    if not item.sources:
        return Content("")
    count = item.source_count or len({s.source for s in item.sources})
    return themed_line(sources_text(item.sources, count, max(total, count), labels))


def conflict_line(conflict: Conflict, labels: Labels) -> Hanging:
    """ "sources differ: Australia and Taiwan (000 fr, 001, 003) vs Australia and Japan (002)",
    its versions in the column after "sources differ: " when they wrap."""
    line = themed_line(conflict_text(conflict, labels))
    lead = line.plain.find(": ") + 2  # conflict_text opens with "sources differ: "
    return Hanging(line[:lead], line[lead:])


def fact_content(rank: int, fact: Fact, total: int, labels: Labels) -> Hanging:
    """One fact of the briefing: its sentence, who reports it, and any disagreement, all in
    the column after the rank."""
    lines: list[Visual] = [Content(strip_controls(fact.text)), reported_by(fact, total, labels)]
    if fact.conflict is not None:
        lines.append(conflict_line(fact.conflict, labels))
    return Hanging(Content.styled(f"{rank:>2}  ", styling.RANK), Stacked(lines))


# The briefing's notes: a label in a gutter this wide, the items in the column after it.
NOTE_LABEL_CELLS = len("Key actors") + 2


def actors_content(briefing: Briefing) -> Hanging:
    """ "Key actors  DeepSeek (5), South Korea (5), …": how many sources name each."""
    parts: list[str | Content | tuple[str, str]] = []
    if not briefing.actors:
        parts.append(("none found", styling.MUTED))
    for index, actor in enumerate(briefing.actors):
        if index:
            parts.append(", ")
        parts += [strip_controls(actor.name), (f" ({actor.source_count})", styling.MUTED)]
    label = Content.styled("Key actors", styling.RANK)
    return Hanging(label, Content.assemble(*parts), NOTE_LABEL_CELLS)


def conflicts_overview(briefing: Briefing, labels: Labels) -> Hanging:
    """ "Conflicts   sources differ: …", one line per disagreement in the corpus."""
    label = Content.styled("Conflicts", styling.RANK)
    if not briefing.conflicts:
        none = "none: no two sources disagree on a name, a number or a date"
        return Hanging(label, Content.styled(none, styling.MUTED), NOTE_LABEL_CELLS)
    lines = Stacked([conflict_line(conflict, labels) for conflict in briefing.conflicts])
    return Hanging(label, lines, NOTE_LABEL_CELLS)
