"""Provides the help text of the search syntax (briefing.query.syntax), for the command line's
--help and the reader's help screen: the rules are shared, each front end says the rest."""

from __future__ import annotations

SYNTAX_HEADING = "search syntax (optional; anything else is plain text):"
# Each rule: two spaces, the syntax, spaces up to column 22, what it does.
SYNTAX_RULES = (
    '  "exact phrase"      those words in that order (falls back to the words if nothing matches)',
    "  -word               leave out passages holding word (needs another word to search)",
    "  lang:fr             passages in one language (ISO 639-1 code)",
    "  source:GLOB         files whose path matches GLOB (without * or ?: path contains it)",
    "  title:word          articles or documents whose title holds word",
    "  after:YYYY-MM-DD    documents dated after that day; undated documents are left out",
    "  before:YYYY-MM-DD   documents dated before that day; undated documents are left out",
)
# What is not syntax, as the command line says it (the reader says it its own way).
COMMAND_LINE_FALLBACK = (
    "  AND, OR, NOT, an unbalanced quote, a lone -, an unknown name:value or a bad date are\n"
    "  searched as plain words (a note on stderr says so); --no-syntax turns all of this off."
)
SYNTAX_HELP = "\n".join((SYNTAX_HEADING, *SYNTAX_RULES, COMMAND_LINE_FALLBACK)) + "\n"
