"""Provides discovery: which files of a corpus folder to read, with their stat data.

Hidden files and folders are ignored; every other file that is not read comes back with the
reason (unsupported type, permission denied, symlink loop, ...).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from briefing.corpus.decoding import os_reason
from briefing.corpus.formats import FORMATS, SUPPORTED_SUFFIXES
from briefing.corpus.sanitize import visible
from briefing.models import SkippedFile

BAD_NAME = "file name is not valid UTF-8 (rename it to index it)"
UNSUPPORTED = "unsupported file type"
# Up to this many skipped files are named one by one; more are counted by reason.
NAMED_SKIPS = 3
# At most this many reasons are counted in one message (the commonest first).
COUNTED_REASONS = 5
# The suffixes a folder is read for, as a user reads them: ".txt, .md, .html, .htm or .pdf".
_SUFFIXES = [".txt", *(suffix for suffix in FORMATS if suffix != ".txt")]
READ_SUFFIXES = ", ".join(_SUFFIXES[:-1]) + " or " + _SUFFIXES[-1]


def _utf8_name(name: str) -> bool:
    """False for a name holding bytes that are not UTF-8 (decoded by os as surrogates)."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _suffix(name: str) -> str:
    """PurePath(name).suffix.lower(), by string search: it runs on every file of every open."""
    dot = name.rfind(".")
    return name[dot:].lower() if 0 < dot < len(name) - 1 else ""


def _unsupported(name: str) -> str:
    suffix = _suffix(name)
    return f"{UNSUPPORTED} ({suffix or 'no extension'})"


def nothing_to_index(root: Path, skipped: list[SkippedFile]) -> str:
    """The one-line error for a folder where no file could be indexed: every supported format
    when it holds none, else each skipped file's reason, counted by reason when there are many
    ("no file could be indexed in news (7 skipped: 4 files: binary file (NUL bytes), 3:
    permission denied)")."""
    if not skipped:
        return f"no {READ_SUFFIXES} files in {root}"
    if len(skipped) <= NAMED_SKIPS:
        reasons = ", ".join(f"{visible(item.path)}: {item.reason}" for item in skipped)
    else:
        counts: dict[str, int] = {}
        for item in skipped:
            counts[item.reason] = counts.get(item.reason, 0) + 1
        ranked = sorted(counts.items(), key=lambda pair: -pair[1])  # stable: first seen first
        shown = [f"{count}: {reason}" for reason, count in ranked[:COUNTED_REASONS]]
        shown[0] = f"{ranked[0][1]} file{'s' if ranked[0][1] > 1 else ''}: {ranked[0][0]}"
        if len(ranked) > COUNTED_REASONS:
            others = sum(count for _, count in ranked[COUNTED_REASONS:])
            shown.append(f"{others}: other reasons")
        reasons = ", ".join(shown)
    message = f"no file could be indexed in {root} ({len(skipped)} skipped: {reasons})"
    if any(item.reason.startswith(UNSUPPORTED) for item in skipped):
        message += f"; briefing reads {READ_SUFFIXES.replace(' or ', ' and ')} files"
    return message


def _link_problem(path: str, key: tuple[int, int], visited: set[tuple[int, int]]) -> str | None:
    """Why a symlinked folder must not be followed, or None."""
    target = os.path.realpath(path)
    here = os.path.realpath(os.path.dirname(path))
    # A link to a folder that contains the link would be walked forever.
    if here == target or here.startswith(target.rstrip(os.sep) + os.sep):
        return "symlink loop"
    if key in visited:
        return "symlink to a folder already scanned"
    return None


# One file discover_files() found: (its path, its path relative to the root with "/"
# separators, size, mtime_ns, ctime_ns), from the stat the walk made anyway.
FoundFile = tuple[str, str, int, int, int]


def discover(root: Path) -> tuple[list[Path], list[SkippedFile]]:
    """Supported files under root, recursively, sorted by relative posix path (see
    discover_files(), which also gives each file's relative path and stat data)."""
    found, skipped = discover_files(root)
    return [Path(location) for location, *_ in found], skipped


def _found(location: str, relative: str, info: os.stat_result) -> FoundFile:
    return (location, relative, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


def discover_files(root: Path) -> tuple[list[FoundFile], list[SkippedFile]]:
    """Supported files under root, recursively, sorted by relative posix path.

    root may be a single file (then [root]). Unsupported files, unreadable folders, dangling
    symlinks, symlink loops and names that are not UTF-8 (their path shown with the bytes
    escaped) come back as SkippedFile with a reason; hidden files and
    folders (name starting with ".") are ignored silently. A folder reached twice (through
    a symlink) is scanned once. The walk uses an explicit stack, so depth is unlimited.
    Raises FileNotFoundError when root does not exist.
    """
    root = Path(root)
    root_stat = root.stat()  # follows a symlinked root; raises if there is nothing there
    if not stat.S_ISDIR(root_stat.st_mode):
        if not stat.S_ISREG(root_stat.st_mode):
            return [], [SkippedFile(root.name, "not a regular file")]
        if root.suffix.lower() not in SUPPORTED_SUFFIXES:
            return [], [SkippedFile(root.name, _unsupported(root.name))]
        return [_found(str(root), root.name, root_stat)], []

    found: list[FoundFile] = []
    skipped: list[SkippedFile] = []
    visited = {(root_stat.st_dev, root_stat.st_ino)}
    stack: list[tuple[str, str]] = [(str(root), "")]
    # Symlinked folders wait until the real tree is done, so files keep their real paths.
    deferred: list[tuple[str, str, tuple[int, int]]] = []

    while stack or deferred:
        if not stack:
            path, rel, key = deferred.pop()
            reason = _link_problem(path, key, visited)
            if reason is not None:
                skipped.append(SkippedFile(rel, reason))
            else:
                visited.add(key)
                stack.append((path, rel))
            continue
        path, rel = stack.pop()
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError as error:
            reason = os_reason(error)
            if reason == "file vanished":
                reason = "folder vanished"
            skipped.append(SkippedFile(rel or ".", reason))
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            child = f"{rel}/{name}" if rel else name
            if not _utf8_name(name):
                # The index records names as UTF-8 text; such a name cannot even be printed.
                skipped.append(SkippedFile(visible(child), BAD_NAME))
                continue
            try:
                if entry.is_symlink():
                    try:
                        info = os.stat(entry.path)
                    except FileNotFoundError:
                        skipped.append(SkippedFile(child, "dangling symlink"))
                        continue
                    if stat.S_ISDIR(info.st_mode):
                        deferred.append((entry.path, child, (info.st_dev, info.st_ino)))
                        continue
                else:
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISDIR(info.st_mode):
                        key = (info.st_dev, info.st_ino)
                        if key in visited:
                            skipped.append(SkippedFile(child, "folder already scanned"))
                        else:
                            visited.add(key)
                            stack.append((entry.path, child))
                        continue
            except OSError as error:
                skipped.append(SkippedFile(child, os_reason(error)))
                continue
            if not stat.S_ISREG(info.st_mode):
                skipped.append(SkippedFile(child, "not a regular file"))
            elif _suffix(name) in SUPPORTED_SUFFIXES:
                found.append(_found(entry.path, child, info))
            else:
                skipped.append(SkippedFile(child, _unsupported(name)))

    found.sort(key=lambda item: item[1])
    skipped.sort(key=lambda item: item.path)
    return found, skipped
