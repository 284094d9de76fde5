"""Provides the reader's command palette entries (ctrl+p)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from briefing.tui.app import BriefingApp


class BriefingCommands(Provider):
    """Switch corpus, rebuild the index, toggle the theme, show statistics, export, help."""

    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app: BriefingApp = self.app  # type: ignore[assignment]
        return [
            ("Switch corpus folder…", "Read another folder of articles", app.action_switch_corpus),
            ("Rebuild the index", "Index the corpus again from scratch", app.action_rebuild),
            (
                "Toggle dark / light theme",
                "Switch between the dark and light themes",
                app.action_toggle_dark,
            ),
            (
                "Show corpus statistics",
                "Documents, paragraphs, languages, skipped files",
                app.action_show_stats,
            ),
            (
                "Export to Markdown",
                "Save the briefing, or the question's answers, with their citations",
                app.action_export,
            ),
            ("Keys", "List every key binding", app.action_help),
        ]

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, partial(self._run, callback), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(name), partial(self._run, callback), help=help_text
                )

    @staticmethod
    def _run(callback: Callable[[], object]) -> None:
        callback()
