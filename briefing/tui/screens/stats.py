"""Provides the corpus statistics screen: what was indexed, what was skipped and why."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from briefing import CorpusStats, IndexReport
from briefing.output.safe import visible
from briefing.tui import styling


def stats_content(stats: CorpusStats, report: IndexReport | None) -> Content:
    rows: list[tuple[str, str]] = [
        ("corpus", stats.name),
        ("folder", visible(stats.root)),
        ("documents", f"{stats.documents:,}"),
        ("paragraphs", f"{stats.paragraphs:,}"),
    ]
    for code, count in sorted(stats.languages.items(), key=lambda kv: (-kv[1], kv[0])):
        rows.append(("language", f"{code or 'unknown'}: {count:,} paragraphs"))
    if report is not None:
        action = "rebuilt" if report.rebuilt else f"{report.reindexed} file(s) re-read"
        rows.append(("last open", f"{action} in {report.seconds:.2f} s"))
    parts: list[Content | str | tuple[str, str]] = []
    for label, value in rows:
        parts += [(f"{label:<12}", styling.MUTED), value, "\n"]
    if stats.skipped:
        parts += ["\n", (f"Skipped ({len(stats.skipped)})", styling.RANK), "\n"]
        for skipped in stats.skipped:
            parts += [
                (f"  {visible(skipped.path)}", styling.CITATION),
                f"  {visible(skipped.reason)}\n",
            ]
    if stats.notices:
        parts += ["\n", ("Notices", styling.RANK), "\n"]
        parts += [f"  {notice}\n" for notice in stats.notices]
    return Content.assemble(*parts).rstrip()


class StatsScreen(ModalScreen[None]):
    """Corpus statistics, from the command palette."""

    BINDINGS = [Binding("escape,q", "close", "Close")]

    def __init__(self, stats: CorpusStats, report: IndexReport | None) -> None:
        super().__init__()
        self.stats = stats
        self.report = report

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-box") as box:
            box.border_title = "Corpus statistics"
            box.border_subtitle = "esc to close"
            yield Static(stats_content(self.stats, self.report), id="stats-text")

    def action_close(self) -> None:
        self.dismiss()
