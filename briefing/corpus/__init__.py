"""Provides the corpus stage: finding files, decoding them, and cutting them into paragraphs."""

from briefing.corpus.files import (
    SUPPORTED_SUFFIXES,
    UnreadableFile,
    discover,
    load_document,
    read_text,
)
from briefing.corpus.paragraphs import PASSAGE_LIMIT, split_paragraphs

__all__ = [
    "PASSAGE_LIMIT",
    "SUPPORTED_SUFFIXES",
    "UnreadableFile",
    "discover",
    "load_document",
    "read_text",
    "split_paragraphs",
]
