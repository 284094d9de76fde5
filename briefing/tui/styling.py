"""Provides the inline text styles of the reader, all drawn from the theme's variables.

Widget colours and layout live in briefing.tcss; these are the styles of spans inside text
(highlighted query words, answer sentences, citations) that CSS cannot reach. They name theme
variables only, so a theme switch recolours them.
"""

from __future__ import annotations

HIGHLIGHT = "bold $text-warning"  # a query word
ANSWER = "underline $text-success"  # an answer sentence inside its passage
CURRENT_MATCH = "bold reverse $text-accent"  # the match n / N is on, in the source view
CITATION = "$text-primary"
MUTED = "$foreground 60%"  # $text-muted is "auto 60%", which spans cannot resolve
CONTEXT = "italic $foreground 60%"  # article title › section
RANK = "bold $text-accent"
BAR_FULL = "$accent"
BAR_EMPTY = "$foreground 15%"
BEST = "bold"

CONFIDENCE = {
    "high": "bold $text-success",
    "medium": "bold $text-warning",
    "low": "bold $text-error",
}
WEAK = "italic $foreground 60%"
NO_ANSWER = "bold $text-error"
ERROR = "bold $text-error"
CONFLICT = "bold $text-secondary"  # "sources differ:"
