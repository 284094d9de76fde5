"""Provides what a front end needs to print text it did not write: file names made visible,
control sequences stripped (briefing.corpus.sanitize does it; documents are data, never code).
"""

from __future__ import annotations

from briefing.corpus.sanitize import strip_controls, visible

__all__ = ["strip_controls", "visible"]
