"""Provides the one-screen briefing in the terminal: facts with their sources, actors, conflicts.

It fits one screen: at most SCREEN_LINES lines of the console's width. Facts are whole
sentences, wrapped under their number, as many as fit (up to the number asked); at most
CONFLICTS_SHOWN conflicts, each version on one line cut around its value with "…", the value
set apart (bold, or »…« where no style reaches the reader). `--json` and the reader keep whole
sentences everywhere. Document text reaches Rich only as Text objects, never as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from briefing.corpus.sanitize import strip_controls
from briefing.models import Conflict, ConflictVersion
from briefing.output.labels import Labels, sources_text
from briefing.output.plain import CLOSE_MARK, OPEN_MARK, uses_marks
from briefing.output.styles import CITATION_STYLE, CONFLICT_STYLE, DIM_STYLE
from briefing.reports import Briefing, Fact

SCREEN_LINES = 40  # what a terminal shows without scrolling
CONFLICTS_SHOWN = 5
ELLIPSIS = "…"


def _one_line(text: Text, width: int) -> Text:
    text.truncate(max(8, width), overflow="ellipsis")
    return text


INDENT = 4  # a fact's wrapped lines and its sources line stand under its text


def _fact_lines(
    console: Console, rank: int, fact: Fact, total: int, labels: Labels, width: int
) -> list[Text]:
    """A fact's whole sentence wrapped under its number, then its sources on one line."""
    body = Text(strip_controls(fact.text)).wrap(console, max(20, width - INDENT))
    lines = []
    for index, line in enumerate(body):
        line.rstrip()  # the space a line was broken at
        lead = Text(f"{rank:>2}. " if index == 0 else " " * INDENT, style="bold")
        lines.append(lead.append_text(line))
    sources = sources_text(fact.sources, fact.source_count, total, labels)
    lines.append(_one_line(Text(" " * INDENT).append_text(sources), width))
    return lines


def around(version: ConflictVersion, room: int, marks: bool = False) -> Text:
    """The version's sentence cut around its value to `room` characters, the value bold (and
    between »…« with `marks`)."""
    sentence = strip_controls(version.sentence) if version.sentence else ""
    start, end = version.span
    if not sentence or not 0 <= start < end <= len(sentence):
        return Text(strip_controls(version.text), style="bold")
    before, value, after = sentence[:start], sentence[start:end], sentence[end:]
    if marks:
        value = f"{OPEN_MARK}{value}{CLOSE_MARK}"
    spare = max(0, room - len(value))
    left = min(len(before), spare // 2)
    right = min(len(after), spare - left)
    left = min(len(before), spare - right)  # give the left what the right does not need
    text = Text()
    if left < len(before):
        text.append(ELLIPSIS + before[len(before) - left + 1 :] if left > 1 else ELLIPSIS)
    else:
        text.append(before)
    text.append(value, style="bold")
    if right < len(after):
        text.append(after[: max(0, right - 1)] + ELLIPSIS)
    else:
        text.append(after)
    return text


def _conflict_lines(
    number: int, conflict: Conflict, labels: Labels, width: int, marks: bool
) -> list[Text]:
    lines = []
    for index, version in enumerate(conflict.versions):
        names = [labels.name(path) + (f" {f}" if (f := labels.foreign(path, lang)) else "")
                 for path, lang in zip(version.sources, version.languages, strict=False)]
        if version.count > len(version.sources):
            names.append(f"+{version.count - len(version.sources)} more")
        cited = f" ({', '.join(names)})"
        lead = f"{number:>2}. " if index == 0 else "    "
        line = Text(lead, style=CONFLICT_STYLE if index == 0 else "")
        line.append_text(around(version, width - len(lead) - len(cited), marks))
        line.append(cited, style=CITATION_STYLE)
        lines.append(_one_line(line, width))
    return lines


def print_brief(console: Console, briefing: Briefing) -> None:
    """The briefing on one screen: facts with sources, key actors, conflicts."""
    places = [(s.source, s.language) for f in briefing.facts for s in f.sources]
    places += [
        (path, language)
        for conflict in briefing.conflicts
        for version in conflict.versions
        for path, language in zip(version.sources, version.languages, strict=False)
    ]
    places += [(path, None) for actor in briefing.actors for path in actor.sources]
    labels = Labels(places, briefing.namesakes)
    total = briefing.documents
    width = console.width
    if not briefing.facts:
        console.print(Text("No facts found: the corpus has no statement to brief on.",
                           style="bold red"))
        return
    marks = uses_marks(console)
    conflicts: list[Text] = []
    for number, conflict in enumerate(briefing.conflicts[:CONFLICTS_SHOWN], start=1):
        conflicts.extend(_conflict_lines(number, conflict, labels, width, marks))
    more = len(briefing.conflicts) - CONFLICTS_SHOWN
    if more > 0:
        conflicts.append(Text(f"    and {more} more (--json lists them all)", style=DIM_STYLE))
    # Title, blank, actors title and line, blank, conflicts title, and the conflicts.
    room = SCREEN_LINES - (1 + 3 + 2 + max(1, len(conflicts)))
    shown: list[list[Text]] = []
    for rank, fact in enumerate(briefing.facts, start=1):
        lines = _fact_lines(console, rank, fact, total, labels, width)
        if shown and sum(map(len, shown)) + len(lines) > room:
            break  # the first fact always shows
        shown.append(lines)
    console.print(Text(f"Briefing: the {len(shown)} most central facts", style="bold"))
    for lines in shown:
        for line in lines:
            console.print(line, no_wrap=True)
    console.print()
    console.print(Text("Key actors (sources naming them)", style="bold"))
    actors = Text("    ")
    if not briefing.actors:  # said, as the TUI says it: no section left out unexplained
        actors.append("none found: no person, organisation or place is named", style=DIM_STYLE)
    for index, actor in enumerate(briefing.actors):
        if index:
            actors.append(", ")
        actors.append(strip_controls(actor.name))
        actors.append(f" ({actor.source_count})", style=DIM_STYLE)
    console.print(_one_line(actors, width), no_wrap=True)
    console.print()
    console.print(Text(f"Conflicts ({len(briefing.conflicts)})", style="bold"))
    if not conflicts:
        console.print(Text("    none: no two sources disagree on a name, a number or a date",
                           style=DIM_STYLE))
    for line in conflicts:
        console.print(line, no_wrap=True)


def no_topic_facts(topic: str, passages: int) -> str:
    """What a topic brief without facts says: that nothing matched, or that what matched
    states no fact a sentence holding the topic's words tells on its own."""
    if not passages:
        return f"No passages match {topic}."
    which = "passage" if passages == 1 else f"{passages:,} passages"
    return (f"No facts in the {which} matching {topic}: no sentence holding its words "
            "states one that reads alone.")
