"""Provides the header: app name, corpus name and what the corpus holds."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from briefing import CorpusStats


def describe(stats: CorpusStats) -> str:
    """ "5 documents · 47 paragraphs · 2 languages (en, fr)", most frequent language first."""
    documents = f"{stats.documents} document{'s' if stats.documents != 1 else ''}"
    paragraphs = f"{stats.paragraphs} paragraph{'s' if stats.paragraphs != 1 else ''}"
    codes = [c for c, _ in sorted(stats.languages.items(), key=lambda kv: (-kv[1], kv[0]))]
    codes = [c for c in codes if c and c != "und"] or ["unknown"]
    noun = "language" if len(codes) == 1 else "languages"
    return f"{documents} · {paragraphs} · {len(codes)} {noun} ({', '.join(codes)})"


class CorpusHeader(Horizontal):
    """One line: `briefing │ corpus name │ documents · paragraphs · languages`."""

    def compose(self) -> ComposeResult:
        yield Static("briefing", id="app-name", markup=False)
        yield Static("", id="corpus-name", markup=False)
        yield Static("", id="corpus-stats", markup=False)

    def show_opening(self, name: str, detail: str = "opening…") -> None:
        self.query_one("#corpus-name", Static).update(name)
        self.query_one("#corpus-stats", Static).update(detail)

    def show_stats(self, stats: CorpusStats) -> None:
        self.query_one("#corpus-name", Static).update(stats.name)
        self.query_one("#corpus-stats", Static).update(describe(stats))
