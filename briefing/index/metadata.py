"""Provides the document catalog: each indexed file's format, title, date and language.

The index's manifest does not store a file's declared metadata, so the catalog keeps it in a
small SQLite file of its own beside the index (in the cache folder, never in the corpus),
keyed by path and SHA-256: a row is trusted only while the manifest has the same hash. A
missing or stale row is filled from what this process read while indexing (no second read),
else by reading the file's metadata alone. If the index ever stores these columns itself
(`files.format`, `files.date`, `files.doc_title`, `files.language`), they are used instead.

Title: the declared one, else the file's first headline. Language: the commonest language of
its indexed paragraphs, else the declared one. Date: declared only, never guessed.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from briefing.corpus.sanitize import strip_controls
from briefing.index.store import IndexReader
from briefing.models import DocumentInfo

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    title TEXT,                    -- declared, else the first headline
    date TEXT,
    language TEXT                  -- commonest of its paragraphs, else declared
) WITHOUT ROWID;
"""
_VERSION = "2"
_CHUNK = 500
# Columns the index's files table may hold one day; then the side file is not needed.
_INDEX_COLUMNS = ("format", "doc_title", "date", "language")


def catalog_path(root: Path) -> Path:
    """The side file of a corpus's catalog: beside its index file."""
    from briefing.index.schema import index_path

    index = index_path(root)
    return index.with_name(f"{index.stem}.documents-{_VERSION}.sqlite")


class Catalog:
    """Document metadata for the files of one opened index."""

    def __init__(self, root: Path, reader: IndexReader, *, persist: bool = True) -> None:
        self.root = root
        self.reader = reader
        self._infos: dict[str, DocumentInfo] = {}
        self._complete = False
        columns = {str(row[1]) for row in reader.connection.execute("PRAGMA table_info(files)")}
        self._in_index = all(c in columns for c in _INDEX_COLUMNS)
        self._store = self._open_store(persist and not self._in_index)

    def _open_store(self, persist: bool) -> sqlite3.Connection:
        if persist:
            try:
                path = catalog_path(self.root)
                path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(path, timeout=5)
                connection.executescript(_SCHEMA)
                return connection
            except (OSError, sqlite3.Error):
                pass  # an unwritable or damaged cache: keep the catalog in memory
        connection = sqlite3.connect(":memory:")
        connection.executescript(_SCHEMA)
        return connection

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self._store.close()

    def info(self, path: str) -> DocumentInfo | None:
        """The metadata of one indexed file, or None if the index does not hold it."""
        return self.infos([path]).get(path)

    def infos(self, paths: Iterable[str]) -> dict[str, DocumentInfo]:
        """The metadata of the given indexed files (unknown paths are left out)."""
        asked = list(dict.fromkeys(paths))
        wanted = [p for p in asked if p not in self._infos]
        if wanted and not self._complete:
            self._fill(self._manifest(wanted))
        return {p: self._infos[p] for p in asked if p in self._infos}

    def all(self) -> dict[str, DocumentInfo]:
        """The metadata of every indexed file (reads the whole manifest once)."""
        if not self._complete:
            self._fill(self._manifest(None))
            self._complete = True
        return dict(self._infos)

    def record_recent(self) -> None:
        """Store the metadata this process read while indexing (no file is read again).

        Called after a build, so a later process finds those rows; others are filled when
        asked for (text files need no reading at all).
        """
        from briefing.corpus.formats import recent_paths

        if self._in_index:
            return
        root = self.root.resolve()
        relative: list[str] = []
        for name in recent_paths():
            path = Path(name)
            if root.is_file():
                if path == root:
                    relative.append(root.name)
            elif root in path.parents:
                relative.append(path.relative_to(root).as_posix())
        if relative:
            self._fill(self._manifest(relative), read_files=False)

    # --- internals -------------------------------------------------------------------------

    def _manifest(self, paths: list[str] | None) -> list[tuple[int, str, str]]:
        """(file id, path, sha256) of the given files, or of all."""
        return [(int(i), str(p), str(h)) for i, p, h in
                self._files("id, path, sha256", paths)]

    def _files(self, columns: str, paths: list[str] | None) -> list[tuple[object, ...]]:
        connection = self.reader.connection
        query = f"SELECT {columns} FROM files"
        if paths is None:
            return connection.execute(query).fetchall()
        rows: list[tuple[object, ...]] = []
        for start in range(0, len(paths), _CHUNK):
            chunk = paths[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows.extend(connection.execute(f"{query} WHERE path IN ({marks})", chunk))
        return rows

    def _fill(self, manifest: list[tuple[int, str, str]], read_files: bool = True) -> None:
        """Load the rows still valid; work out (and store) the others."""
        if not manifest:
            return
        if self._in_index:
            stored: dict[str, tuple[str, DocumentInfo]] = {}
        else:
            stored = self._stored(None if self._complete_request(manifest) else
                                  [path for _, path, _ in manifest])
        stale = []
        for file_id, path, sha in manifest:
            row = stored.get(path)
            if row is not None and row[0] == sha:
                self._infos[path] = row[1]
            else:
                stale.append((file_id, path, sha))
        if not stale:
            return
        paths = [path for _, path, _ in stale]
        extra = ", ".join(_INDEX_COLUMNS) if self._in_index else "NULL, NULL, NULL, NULL"
        details = {str(row[0]): row[1:] for row in self._files(f"path, titles, {extra}", paths)}
        languages = self._languages([file_id for file_id, _, _ in stale])
        fresh: list[tuple[str, str, DocumentInfo]] = []
        for file_id, path, sha in stale:
            titles, kind, declared_title, day, declared_language = details[path]
            if kind:
                declared: DocumentInfo | None = DocumentInfo(
                    str(kind), declared_title, day, declared_language  # type: ignore[arg-type]
                )
            else:
                declared = self._declared(path, read_files)
            if declared is None:
                continue  # would need reading the file: left for when it is asked for
            headlines = json.loads(str(titles)) if titles else []
            title = declared.title or (str(headlines[0]) if headlines else None)
            info = DocumentInfo(
                format=declared.format,
                title=strip_controls(title) if title else None,  # file data, shown as text
                date=declared.date,
                language=languages.get(file_id) or declared.language,
            )
            self._infos[path] = info
            fresh.append((path, sha, info))
        if fresh and not self._in_index:
            with contextlib.suppress(sqlite3.Error):
                with self._store:
                    self._store.executemany(
                        "INSERT OR REPLACE INTO documents "
                        "(path, sha256, format, title, date, language) VALUES (?, ?, ?, ?, ?, ?)",
                        [(p, s, d.format, d.title, d.date, d.language) for p, s, d in fresh],
                    )

    def _complete_request(self, manifest: list[tuple[int, str, str]]) -> bool:
        return len(manifest) >= self.reader.file_count

    def _stored(self, paths: list[str] | None) -> dict[str, tuple[str, DocumentInfo]]:
        """Rows of the side file: (sha256, metadata) per path; all of them for None."""
        query = "SELECT path, sha256, format, title, date, language FROM documents"
        found: dict[str, tuple[str, DocumentInfo]] = {}
        chunks: list[list[str] | None] = (
            [None] if paths is None
            else [paths[i : i + _CHUNK] for i in range(0, len(paths), _CHUNK)]
        )
        try:
            for chunk in chunks:
                if chunk is None:
                    rows = self._store.execute(query).fetchall()
                else:
                    marks = ",".join("?" * len(chunk))
                    rows = self._store.execute(f"{query} WHERE path IN ({marks})",
                                               chunk).fetchall()
                for path, sha, kind, title, day, language in rows:
                    found[str(path)] = (str(sha), DocumentInfo(str(kind), title, day, language))
        except sqlite3.Error:
            pass  # a damaged side file: everything is worked out again
        return found

    def _languages(self, file_ids: list[int]) -> dict[int, str]:
        """The commonest language of each file's indexed paragraphs."""
        counts: dict[int, dict[str, int]] = {}
        connection = self.reader.connection
        for start in range(0, len(file_ids), _CHUNK):
            chunk = file_ids[start : start + _CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = connection.execute(
                "SELECT file_id, language, COUNT(*) FROM paragraphs "
                f"WHERE doc_id IS NOT NULL AND language IS NOT NULL AND file_id IN ({marks}) "
                "GROUP BY file_id, language",
                chunk,
            )
            for file_id, language, count in rows:
                counts.setdefault(int(file_id), {})[str(language)] = int(count)
        return {
            file_id: max(sorted(by_language), key=lambda code: by_language[code])
            for file_id, by_language in counts.items()
        }

    def _declared(self, path: str, read_files: bool = True) -> DocumentInfo | None:
        """What the file itself declares: from this process's reading, else read again
        (or None when that would need a read and `read_files` is false)."""
        from briefing.corpus.decoding import UnreadableFile
        from briefing.corpus.formats import format_of, read_info, recent_info

        kind = format_of(path)
        if kind == "text":
            return DocumentInfo("text")
        root = self.root.resolve()
        file = root if root.is_file() else root / path
        try:
            stat = file.stat()
            known = recent_info(file, stat.st_size, stat.st_mtime_ns)
            if known is not None or not read_files:
                return known
            return read_info(file)
        except (OSError, ImportError, UnreadableFile):
            return DocumentInfo(kind)
