"""Provides how an output names its sources, and the corroboration lines of answers and facts.

Sources are named by file name, shortened to the first words that tell the files shown apart
("000_1c279a35ebb96548.txt" -> "000"); a source in another language than most is marked
("000 (fr)"). Document text reaches Rich only as Text objects, never as markup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from rich.console import Console
from rich.text import Text

from briefing.corpus.sanitize import strip_controls
from briefing.models import Answer, Conflict, SourceRef
from briefing.output.styles import CITATION_STYLE, CONFLICT_STYLE, DIM_STYLE

SEPARATORS = "/_- ."


def _chunks(path: str) -> list[str]:
    stem = path.rsplit(".", 1)[0] if "." in path.rsplit("/", 1)[-1] else path
    chunks: list[str] = []
    current = ""
    for char in stem:
        current += char
        if char in SEPARATORS:
            chunks.append(current)
            current = ""
    if current:
        chunks.append(current)
    return chunks


class Labels:
    """Short names for the files of one output, and the language most of them are in."""

    def __init__(self, sources: Iterable[tuple[str, str | None]]) -> None:
        languages: dict[str, str | None] = {}
        for path, language in sources:
            languages.setdefault(path, language)
        self.languages = languages
        counts = Counter(language for language in languages.values() if language)
        self.main = counts.most_common(1)[0][0] if counts else None
        self.names = _short_names(sorted(languages))

    def name(self, path: str) -> str:
        return self.names.get(path, path)

    def foreign(self, path: str, language: str | None) -> str | None:
        """The language to mark beside a source, if it is not the main one."""
        language = language if language is not None else self.languages.get(path)
        return language if language and self.main and language != self.main else None


def _short_names(paths: list[str]) -> dict[str, str]:
    """Each path's shortest leading run of name chunks that no other path starts with."""
    names: dict[str, str] = {}
    split = {path: _chunks(path) for path in paths}
    for path, chunks in split.items():
        for size in range(1, len(chunks) + 1):
            prefix = "".join(chunks[:size])
            if not any(other != path and "".join(split[other][:size]) == prefix
                       for other in paths):
                names[path] = strip_controls(prefix.rstrip(SEPARATORS) or path)
                break
        else:
            names[path] = strip_controls(path)
    return names


def _distinct(sources: Iterable[SourceRef]) -> list[SourceRef]:
    seen: dict[str, SourceRef] = {}
    for source in sources:
        seen.setdefault(source.source, source)
    return [seen[path] for path in sorted(seen)]


def sources_text(sources: tuple[SourceRef, ...], count: int, total: int, labels: Labels) -> Text:
    """"reported by 4 of 5 sources: 000 (fr), 001, 003, 004"."""
    names = []
    for source in _distinct(sources):
        language = labels.foreign(source.source, source.language)
        name = labels.name(source.source)
        names.append(f"{name} ({language})" if language else name)
    shown = ", ".join(names)
    if count > len(names):
        shown += f", and {count - len(names)} more"
    noun = "source" if total == 1 else "sources"
    line = Text(f"reported by {count} of {total} {noun}: ", style=DIM_STYLE)
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


def ask_labels(answers: Iterable[Answer], conflicts: Iterable[Conflict]) -> Labels:
    """The labels of everything an ask result shows."""
    places = [(s.source, s.language) for a in answers for s in a.sources]
    places += [
        (path, language)
        for conflict in conflicts
        for version in conflict.versions
        for path, language in zip(version.sources, version.languages, strict=False)
    ]
    return Labels(places)


def print_conflicts(console: Console, conflicts: tuple[Conflict, ...], labels: Labels) -> None:
    for conflict in conflicts:
        console.print(conflict_text(conflict, labels))
