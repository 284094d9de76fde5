"""Provides the short names of sources: unique in the folder, cut where a name may end.

A source is named by the shortest leading part of its path that includes the start of the
file name, is cut at "/", "_" or "." and is unique in the folder ("003_b1bf6165345aa9a6.txt"
-> "003", "sport/199.txt" -> "sport/199"). No rich here: the library computes which of the
folder's files could share a name without loading the terminal renderer.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from briefing.corpus.sanitize import strip_controls

SEPARATORS = "/_."  # where a label may end


def candidates(path: str) -> list[str]:
    """The leading parts of a path that include the start of its file name, each cut just
    before a separator, shortest first, then the whole path: "sport/199.txt" ->
    ["sport/199", "sport/199.txt"]."""
    name_at = path.rfind("/") + 1
    found = [
        path[:at]
        for at in range(name_at + 1, len(path))
        if path[at] in SEPARATORS and path[at - 1] not in SEPARATORS
    ]
    return [*found, path]


# A session's answers cite the same files again (each answer lists up to a dozen sources):
# their names' starts are kept, as many as a large folder's files.
@lru_cache(maxsize=4096)
def name_start(path: str) -> str:
    """The shortest name a path could get: every file that could share one of its names
    starts with it (the folder's files to look up to make its name unique)."""
    return candidates(path)[0]


def short_names(paths: Iterable[str], folder: Iterable[str] = ()) -> dict[str, str]:
    """Each path's name, unique among `paths` and the `folder`'s files (all of them, or
    those that start with a shown path's name_start)."""
    shown = list(dict.fromkeys(paths))
    taken: Counter[str] = Counter()
    for path in {*shown, *folder}:
        taken.update(candidates(path))
    names: dict[str, str] = {}
    for path in shown:
        label = next((c for c in candidates(path) if taken[c] == 1), path)
        names[path] = strip_controls(label)
    return names
