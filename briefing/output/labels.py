"""Provides how an output names its sources, and the corroboration lines of answers and facts.

Sources are named by the shortest leading part of their path that includes the start of the
file name, is cut at "/", "_" or "." and is unique in the folder ("003_b1bf6165345aa9a6.txt"
-> "003", "sport/199.txt" -> "sport/199"); a source in another language than most is marked
("000 (fr)"). JSON keeps whole paths. Document text reaches Rich only as Text objects, never
as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from briefing.corpus.sanitize import strip_controls
from briefing.models import Answer, Conflict, SourceRef
from briefing.output.names import short_names
from briefing.output.styles import CITATION_STYLE, CONFLICT_STYLE, DIM_STYLE


class Labels:
    """Short names for the files of one output, and the language most of them are in.

    A file's label is the shortest of its names.candidates() that no other file of the
    folder has among its own: "sport/199" for sport/199.txt, "003" for
    003_b1bf6165345aa9a6.txt. With no `folder` given, the files shown are told apart from one
    another only.
    """

    def __init__(
        self, sources: Iterable[tuple[str, str | None]], folder: Iterable[str] = ()
    ) -> None:
        languages: dict[str, str | None] = {}
        for path, language in sources:
            languages.setdefault(path, language)
        self.languages = languages
        counts = Counter(language for language in languages.values() if language)
        self.main = counts.most_common(1)[0][0] if counts else None
        self.names = short_names(sorted(languages), folder)

    def name(self, path: str) -> str:
        return self.names.get(path, path)

    def foreign(self, path: str, language: str | None) -> str | None:
        """The language to mark beside a source, if it is not the main one."""
        language = language if language is not None else self.languages.get(path)
        return language if language and self.main and language != self.main else None


def _distinct(sources: Iterable[SourceRef]) -> list[SourceRef]:
    seen: dict[str, SourceRef] = {}
    for source in sources:
        seen.setdefault(source.source, source)
    return [seen[path] for path in sorted(seen)]


def sources_text(sources: tuple[SourceRef, ...], count: int, total: int, labels: Labels) -> Text:
    """"reported by 4 of 5 sources: 000 (fr), 001, 003, 004"; where some files are copies of
    one story, which count once, it says so before the list (which a narrow line may cut):
    "reported by 2 of 2225 sources (3 files, copies counted once): ..."."""
    names = []
    for source in _distinct(sources):
        language = labels.foreign(source.source, source.language)
        name = labels.name(source.source)
        names.append(f"{name} ({language})" if language else name)
    shown = ", ".join(names)
    if count > len(names):
        shown += f", and {count - len(names)} more"
    noun = "source" if total == 1 else "sources"
    copies = ""
    if len(names) > count:  # files that are copies of one story count once
        copies = f" ({len(names)} files, copies counted once)"
    line = Text(f"reported by {count} of {total} {noun}{copies}: ", style=DIM_STYLE)
    line.append(shown, style=CITATION_STYLE)
    return line


def conflict_text(conflict: Conflict, labels: Labels) -> Text:
    """"sources differ: Australia and Taiwan (000 fr, 001, 003) vs Australia and Japan (002)"."""
    line = Text("sources differ: ", style=CONFLICT_STYLE)
    for index, version in enumerate(conflict.versions):
        if index:
            line.append(" vs ", style=DIM_STYLE)
        line.append(strip_controls(version.text), style="bold")
        names = []
        for path, language in zip(version.sources, version.languages, strict=False):
            foreign = labels.foreign(path, language)
            names.append(f"{labels.name(path)} {foreign}" if foreign else labels.name(path))
        if version.count > len(version.sources):
            names.append(f"+{version.count - len(version.sources)} more")
        line.append(f" ({', '.join(names)})", style=CITATION_STYLE)
    return line


def ask_labels(
    answers: Iterable[Answer], conflicts: Iterable[Conflict], folder: Iterable[str] = ()
) -> Labels:
    """The labels of everything an ask result shows, unique among `folder` (its namesakes)."""
    places = [(s.source, s.language) for a in answers for s in a.sources]
    places += [
        (path, language)
        for conflict in conflicts
        for version in conflict.versions
        for path, language in zip(version.sources, version.languages, strict=False)
    ]
    return Labels(places, folder)


def print_conflicts(console: Console, conflicts: tuple[Conflict, ...], labels: Labels) -> None:
    for conflict in conflicts:
        console.print(conflict_text(conflict, labels))
