"""Provides the one-screen briefing in the terminal: facts with their sources, actors, conflicts.

Document text reaches Rich only as Text objects, never as markup.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from briefing.corpus.sanitize import strip_controls
from briefing.output.labels import Labels, conflict_text, sources_text
from briefing.output.styles import DIM_STYLE
from briefing.reports import Briefing, Fact


def _fact_lines(rank: int, fact: Fact, total: int, labels: Labels) -> list[Text]:
    head = Text(f"{rank:>2}. ", style="bold")
    head.append(strip_controls(fact.text))
    lines = [head, Text("    ").append_text(sources_text(fact.sources, fact.source_count,
                                                          total, labels))]
    if fact.conflict is not None:
        lines.append(Text("    ").append_text(conflict_text(fact.conflict, labels)))
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
    labels = Labels(places)
    total = briefing.documents
    if not briefing.facts:
        console.print(Text("No facts found: the corpus has no statement to brief on.",
                           style="bold red"))
        return
    console.print(Text(f"Briefing: the {len(briefing.facts)} most central facts", style="bold"))
    for rank, fact in enumerate(briefing.facts, start=1):
        for line in _fact_lines(rank, fact, total, labels):
            console.print(line)
    if briefing.actors:
        console.print()
        console.print(Text("Key actors (sources naming them)", style="bold"))
        actors = Text("    ")
        for index, actor in enumerate(briefing.actors):
            if index:
                actors.append(", ")
            actors.append(strip_controls(actor.name))
            actors.append(f" ({actor.source_count})", style=DIM_STYLE)
        console.print(actors)
    console.print()
    console.print(Text("Conflicts", style="bold"))
    if not briefing.conflicts:
        console.print(Text("    none: no two sources disagree on a name, a number or a date",
                           style=DIM_STYLE))
    for conflict in briefing.conflicts:
        console.print(Text("    ").append_text(conflict_text(conflict, labels)))
