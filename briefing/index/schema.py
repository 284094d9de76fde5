"""Provides the index's schema: its tables, its format and analysis versions, its file's name.

One SQLite file per corpus folder holds the manifest, the paragraphs with their document
metadata, the BM25 postings, the vocabulary and the corroboration tables. Its name is keyed by
the folder's resolved path, the analysis version and the format, so an upgrade that changes
either builds a new file beside the old one.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

FORMAT = "briefing-index/7"
# Bump whenever tokenising, stemming, paragraphing or scoring changes what is stored.
ANALYSIS_VERSION = "32"
KEY_LENGTH = 20  # hex characters of the key in a cache file's name (index_path)

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    encoding TEXT NOT NULL,
    notice TEXT,
    format TEXT NOT NULL,          -- "text" | "markdown" | "html" | "pdf"
    doc_title TEXT,                -- declared, else the first headline (briefing.index.metadata)
    date TEXT,                     -- declared publication day, ISO; never guessed
    language TEXT,                 -- commonest of its indexed paragraphs, else declared
    declared_language TEXT,        -- as the file declares it
    vocabulary TEXT NOT NULL,      -- its folded words, newline separated
    vocabulary_counts BLOB NOT NULL, -- int32 little-endian: paragraphs holding each word
    terms TEXT NOT NULL,           -- the analysed terms of its paragraphs, newline separated
    term_ids BLOB NOT NULL,        -- int32: its paragraphs' terms in order, as rows of `terms`
    term_lengths BLOB NOT NULL     -- int32: how many of those each paragraph has, in order
);
CREATE TABLE paragraphs (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL,
    doc_id INTEGER,                -- row of the BM25 arrays; NULL when not indexed
    number INTEGER NOT NULL,
    line INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,            -- after cross-file boilerplate marking
    file_kind TEXT NOT NULL,       -- as the file alone says
    section TEXT,
    title TEXT,
    language TEXT,
    page INTEGER,
    repetition_key TEXT,
    text TEXT NOT NULL,
    context TEXT NOT NULL          -- analysed terms of its title, section and file metadata
);
-- Rowid tables, looked up through the index on term: a WITHOUT ROWID table keeps whole rows
-- in its interior pages too, and rows of kilobytes left a handful per page, so a lookup went
-- down some seven levels (13 us a term at 100,000 paragraphs; 2 us this way).
-- A term's document frequency is its row's length (len(doc_ids) / 4).
CREATE TABLE postings (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,
    doc_ids BLOB NOT NULL,         -- int32 little-endian
    weights BLOB NOT NULL          -- float32 little-endian
);
CREATE TABLE context_postings (
    id INTEGER PRIMARY KEY,
    term TEXT NOT NULL UNIQUE,
    doc_ids BLOB NOT NULL,
    weights BLOB NOT NULL
);
CREATE TABLE words (
    word TEXT PRIMARY KEY,
    length INTEGER NOT NULL,
    df INTEGER NOT NULL,
    languages INTEGER NOT NULL     -- bit mask of the languages of the files holding it
) WITHOUT ROWID;
CREATE TABLE word_lengths (        -- the vocabulary again, one row per word length, for typos
    length INTEGER PRIMARY KEY,
    words TEXT NOT NULL,           -- newline separated (so word i starts at i * (length + 1))
    dfs BLOB NOT NULL,             -- int32 little-endian, one per word
    masks BLOB NOT NULL,           -- uint64 little-endian letter masks (briefing.text.spelling)
    languages BLOB NOT NULL        -- uint16 little-endian: each word's `words.languages`
);
CREATE TABLE skipped (
    path TEXT NOT NULL,
    reason TEXT NOT NULL,
    size INTEGER,                  -- stat data of a file that could not be read; NULL when
    mtime_ns INTEGER,              -- it was skipped before reading (type, permissions)
    ctime_ns INTEGER               -- changes with chmod: a file may be readable again
);
"""

# The bits of a word's languages (`words.languages`): one per language the analyzers know, in
# this order, and the last for text in any other language or in none detected. A typo in a
# question is corrected into a word of the question's language first (briefing.query.question).
VOCABULARY_LANGUAGES = ("da", "de", "en", "es", "fr", "it", "nl", "no", "pt", "ru", "sv", "tr")
OTHER_LANGUAGE_BIT = 1 << len(VOCABULARY_LANGUAGES)


def language_bit(code: str | None) -> int:
    """The `words.languages` bit of a paragraph language code ('en', 'fr-CA', None)."""
    if code:
        base = code.strip().lower().replace("_", "-").split("-", 1)[0]
        base = {"nb": "no", "nn": "no"}.get(base, base)  # as briefing.text.analyzer reads them
        if base in VOCABULARY_LANGUAGES:
            return 1 << VOCABULARY_LANGUAGES.index(base)
    return OTHER_LANGUAGE_BIT


# Created once the tables are filled: bulk inserts go faster without them.
INDEXES = """
-- Covering: a fact's sources (file, paragraph, line, language) are read from the index alone,
-- never from the wide rows that hold the text (0.43 -> 0.11 ms for 36 sources at 100k).
CREATE INDEX paragraphs_doc ON paragraphs (doc_id, file_id, number, line, language);
CREATE INDEX paragraphs_file ON paragraphs (file_id, number);
-- What an open reports without reading the wide rows of the files table (a one-shot question
-- opens the index: at 20,000 files a scan of that table reads hundreds of MB).
CREATE INDEX files_format ON files (format);
CREATE INDEX files_notice ON files (path, notice, encoding) WHERE notice IS NOT NULL;
"""

# Tables a question or a refresh reads: a file whose meta looks right but lacks one is not ours.
REQUIRED_TABLES = frozenset(
    {
        "meta",
        "files",
        "paragraphs",
        "postings",
        "context_postings",
        "words",
        "word_lengths",
        "skipped",
    }
)


def index_path(root: Path, cache: Path | None = None) -> Path:
    """The cache file of a corpus folder: named after it, keyed by its resolved path, the
    analysis version and the index format; in `cache` (default: briefing.paths.cache_dir())."""
    from briefing.paths import cache_dir

    resolved = root.resolve()
    key = hashlib.sha256(f"{resolved}\0{ANALYSIS_VERSION}\0{FORMAT}".encode()).hexdigest()
    key = key[:KEY_LENGTH]
    name = "".join(c if c.isalnum() or c in "-_" else "_" for c in resolved.name)[:40]
    return (cache or cache_dir()) / "indexes" / f"{name or 'corpus'}-{key}.sqlite"


def cache_of(index: Path) -> Path:
    """The cache folder an index_path() lies in (where other cached data goes too)."""
    return index.parent.parent
