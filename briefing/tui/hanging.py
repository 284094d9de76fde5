"""Provides text in two columns, a short gutter and a body, so wrapped lines keep their indent.

A rank ("  1  "), a confidence badge or a key sits in the gutter; every line of the body, the
wrapped ones included, starts at the body's column. `Stacked` puts several such blocks (or
plain contents) one under the other, for a table of keys in one widget.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from textual.content import Content
from textual.css.styles import RulesMap
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual

# Below this many cells the body would be a ribbon of a few letters a line: the gutter and
# the body then run on as one text instead.
MIN_BODY = 16


class Hanging(Visual):
    """`gutter` in the first `indent` cells of the first line, `body` in the column after it.

    The body is a content, or another visual (a `Stacked` list of hanging lines).
    """

    def __init__(
        self, gutter: Content | str, body: Content | Visual | str, indent: int | None = None
    ) -> None:
        self.gutter = gutter if isinstance(gutter, Content) else Content(gutter)
        self.body: Visual = Content(body) if isinstance(body, str) else body
        self.indent = self.gutter.cell_length if indent is None else indent

    def __str__(self) -> str:
        pad = max(0, self.indent - self.gutter.cell_length)
        return f"{self.gutter.plain}{' ' * pad}{self.body}"

    @property
    def plain(self) -> str:
        return str(self)

    @property
    def flat(self) -> Content | None:
        """The same text as one content (gutter, padding, body), when the body is one."""
        if not isinstance(self.body, Content):
            return None
        pad = max(0, self.indent - self.gutter.cell_length)
        return Content.assemble(self.gutter, " " * pad, self.body)

    def _narrow(self, width: int) -> Content | None:
        """The flat text to show instead, when `width` leaves the body too little room."""
        return self.flat if width - self.indent < MIN_BODY else None

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        body = self.body.get_optimal_width(rules, max(1, container_width - self.indent))
        return self.indent + body

    def get_minimal_width(self, rules: RulesMap) -> int:
        return self.indent + self.body.get_minimal_width(rules)

    def get_height(self, rules: RulesMap, width: int) -> int:
        if (flat := self._narrow(width)) is not None:
            return flat.get_height(rules, width)
        return max(1, self.body.get_height(rules, max(1, width - self.indent)))

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        if (flat := self._narrow(width)) is not None:
            return flat.render_strips(width, height, style, options)
        # Offsets of a selection count from the start of one text: they mean nothing here.
        options = replace(options, selection=None, selection_style=None)
        body_width = max(1, width - self.indent)
        rich_style = style.rich_style
        body = self.body.render_strips(body_width, None, style, options) or [
            Strip.blank(body_width, rich_style)
        ]
        gutter = self.gutter.render_strips(self.indent, 1, style, options)
        blank = Strip.blank(self.indent, rich_style)
        lines = []
        for row, strip in enumerate(body):
            left = gutter[0] if row == 0 and gutter else blank
            left = left.extend_cell_length(self.indent, rich_style).crop(0, self.indent)
            lines.append(Strip.join([left, strip]))
        return lines if height is None else lines[:height]


class Stacked(Visual):
    """Blocks one under the other: hanging ones and plain contents alike."""

    def __init__(self, blocks: Sequence[Visual]) -> None:
        self.blocks = tuple(blocks)

    def __str__(self) -> str:
        return "\n".join(str(block) for block in self.blocks)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        widths = [block.get_optimal_width(rules, container_width) for block in self.blocks]
        return max(widths, default=0)

    def get_minimal_width(self, rules: RulesMap) -> int:
        return max((block.get_minimal_width(rules) for block in self.blocks), default=1)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return sum(self._height(block, rules, width) for block in self.blocks)

    @staticmethod
    def _height(block: Visual, rules: RulesMap, width: int) -> int:
        if isinstance(block, Content) and not block:
            return 1  # an empty line between sections
        return block.get_height(rules, width)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        options = replace(options, selection=None, selection_style=None)
        lines: list[Strip] = []
        for block in self.blocks:
            if isinstance(block, Content) and not block:
                lines.append(Strip.blank(width, style.rich_style))
            else:
                lines += block.render_strips(width, None, style, options)
        return lines if height is None else lines[:height]
