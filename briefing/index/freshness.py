"""Provides what changed in a corpus folder since its index was built: new, changed, removed.

It compares a walk of the folder (stat data only) with the index's manifest. A file whose
size or mtime differs is hashed before being called changed, so a file that was only touched
is not listed; `has_changed` skips that step: it is the cheap check a reader can poll.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from briefing.index.store import CorruptIndex, IndexReader
from briefing.reports import IndexStatus


def _current(root: Path) -> dict[str, tuple[int, int, Path]]:
    """Relative path -> (size, mtime_ns, path) of every file the index would read."""
    from briefing.corpus.discovery import discover

    paths, _ = discover(root)
    base = root.resolve() if root.is_dir() else None
    found: dict[str, tuple[int, int, Path]] = {}
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            continue  # vanished since the walk: it is not there
        if base is None:
            relative = path.name
        else:
            try:
                relative = path.relative_to(root).as_posix()
            except ValueError:
                relative = Path(os.path.relpath(path, base)).as_posix()
        found[relative] = (info.st_size, info.st_mtime_ns, path)
    return found


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def stored_index(root: Path, cache: Path | None = None) -> IndexReader | None:
    """The published index of `root` in the cache, read-only, or None (none, or unusable)."""
    from briefing.index.schema import ANALYSIS_VERSION, index_path

    path = index_path(root, cache)
    if not path.is_file():
        return None
    try:
        reader = IndexReader.open(path)
    except CorruptIndex:
        return None
    if reader.analysis_version != ANALYSIS_VERSION:
        reader.close()
        return None
    return reader


def folder_status(root: Path, reader: IndexReader | None, *, verify: bool = True) -> IndexStatus:
    """What `open_index` would find new, changed or removed in `root`.

    A file that could not be read last time and has changed since counts as changed (it may
    be readable now). With `verify`, a file whose stat data changed is listed only if its
    content did too.
    """
    now = _current(root)
    if reader is None:
        return IndexStatus(indexed=False, files=len(now), new=tuple(sorted(now)))
    manifest = {f.path: f for f in reader.files()}
    unreadable = reader.skipped_stats()
    new: list[str] = []
    changed: list[str] = []
    for relative, (size, mtime_ns, path) in now.items():
        record = manifest.get(relative)
        if record is None:
            before = unreadable.get(relative)
            if before is None:
                new.append(relative)  # never seen, or skipped before it was read
            elif before != (size, mtime_ns):
                changed.append(relative)
            continue
        if (record.size, record.mtime_ns) == (size, mtime_ns):
            continue
        if verify and record.size == size and _sha256(path) == record.sha256:
            continue  # touched, not changed
        changed.append(relative)
    removed = [path for path in manifest if path not in now]
    return IndexStatus(
        indexed=True,
        files=len(now),
        new=tuple(sorted(new)),
        changed=tuple(sorted(changed)),
        removed=tuple(sorted(removed)),
    )


def has_changed(root: Path, reader: IndexReader) -> bool:
    """Whether the folder differs from the index by stat data (no file is read)."""
    return not folder_status(root, reader, verify=False).up_to_date
