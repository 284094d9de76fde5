"""Provides the document metadata the index stores for each file: format, title, date, language.

Title: the one the file declares (HTML head, front matter, PDF info), else its first headline.
Date: declared only, never guessed. Language: the commonest language of the file's indexed
paragraphs, else the declared one (set once the paragraphs are numbered: see
`COMMONEST_LANGUAGE`). They are columns of the index's files table, written by the build.
"""

from __future__ import annotations

from briefing.corpus.sanitize import strip_controls
from briefing.models import DocumentInfo, SourceDocument

# Each file's language becomes the commonest language of its indexed paragraphs (ties: the
# first code in order), and stays the declared one where none is indexed.
COMMONEST_LANGUAGE = """
UPDATE files SET language = COALESCE((
    SELECT p.language FROM paragraphs p
    WHERE p.file_id = files.id AND p.doc_id IS NOT NULL AND p.language IS NOT NULL
    GROUP BY p.language ORDER BY COUNT(*) DESC, p.language LIMIT 1
), declared_language)
"""


def document_info(document: SourceDocument) -> DocumentInfo:
    """What a file says about itself, its title chosen; the language is the declared one until
    the index knows its paragraphs'."""
    title = document.title or (document.titles[0] if document.titles else None)
    return DocumentInfo(
        format=document.format,
        title=strip_controls(title) if title else None,  # file data, shown as text
        date=document.date,
        language=document.language,
    )
