"""Provides remove_superseded(): the caches of a folder that another briefing version wrote.

A cache file is named by its folder and a key of the folder's path, the analysis version and
the index format, so an upgrade that changes either builds a new file beside the old one,
and the old one (hundreds of MB for a large folder) would never be read again. Once the new
index is saved, the files of the same folder whose own metadata says so are deleted, with
their document catalogs. Anything else in the cache folder is left as it is: another folder's
caches, files that are not a briefing index, damaged ones, links.
"""

from __future__ import annotations

import glob
import sqlite3
from contextlib import closing
from pathlib import Path

from briefing.index.schema import ANALYSIS_VERSION, FORMAT, KEY_LENGTH

__all__ = ["remove_superseded"]


def remove_superseded(root: Path, target: Path) -> list[Path]:
    """Delete the other caches of `root` beside `target` (the one just saved) that were written
    with another index format or analysis version; return the paths removed."""
    name = target.stem[: -(KEY_LENGTH + 1)]
    pattern = f"{glob.escape(name)}-{'?' * KEY_LENGTH}.sqlite"
    resolved = str(root.resolve())
    removed: list[Path] = []
    for other in sorted(target.parent.glob(pattern)):
        if other == target or other.is_symlink() or not other.is_file():
            continue
        meta = _meta(other)
        if meta.get("root") != resolved or meta.get("complete") != "1":
            continue
        if meta.get("format") == FORMAT and meta.get("analysis_version") == ANALYSIS_VERSION:
            continue  # the same version (a file copied by hand): not ours to judge
        catalogs = other.parent.glob(f"{glob.escape(other.stem)}.documents-*.sqlite")
        for path in [other, *sorted(catalogs)]:
            try:
                path.unlink()
            except OSError:
                continue  # read-only cache folder: it stays, and is tried again next build
            removed.append(path)
    return removed


def _meta(path: Path) -> dict[str, str]:
    """The meta table of a file, or nothing if it is not a readable briefing index."""
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as db:
            rows = db.execute("SELECT key, value FROM meta").fetchall()
    except sqlite3.Error:
        return {}
    return {str(key): str(value) for key, value in rows}
