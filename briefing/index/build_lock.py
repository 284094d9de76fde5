"""Provides the build lock: one process at a time builds a given index, and the temporary file
of a build whose process died (SIGKILL, power loss) is removed by the next build.

The lock is an exclusive `flock` on `<index>.lock` beside the index, held for the whole build.
The kernel releases it when its process ends, however it ends, so a temporary file
(`<index stem>.<random>.tmp`) whose index's lock is free has no builder left: it is stale.
A process that finds the lock taken waits for it, then uses the index the other one built
when it is what it needs. We use fcntl rather than the `filelock` package: it is the standard
library, and flock's release at process death is exactly the "builder gone" test we need.
Where fcntl is missing (Windows) builds are not serialised and nothing is removed: each build
still writes its own temporary file and publishes it by one rename, so the last one wins.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

from briefing.index.report import Notify

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = ["build_lock", "lock_path", "remove_stale_temporaries"]

LOCK_SUFFIX = ".lock"
TEMPORARY_SUFFIX = ".tmp"
WAITING = "notice: waiting for another briefing process that is indexing this folder"


def lock_path(target: Path) -> Path:
    """The lock file of the index at `target`."""
    return target.with_name(target.name + LOCK_SUFFIX)


def _acquire(path: Path, *, wait: bool) -> int | None:
    """A descriptor holding the exclusive lock on `path`, or None if it is taken and not `wait`.

    Raises OSError when the lock file cannot be created (a read-only cache folder).
    """
    while True:
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            os.close(descriptor)
            return None
        except BaseException:
            os.close(descriptor)
            raise
        # The holder before us removes the file as it lets go: a lock on a file no longer at
        # `path` guards nothing, so lock the one that is there now.
        try:
            if os.path.samestat(os.fstat(descriptor), os.stat(path)):
                return descriptor
        except FileNotFoundError:
            pass
        os.close(descriptor)


def _release(path: Path, descriptor: int) -> None:
    # Removed while still held, so the lock files of removed indexes do not pile up.
    with contextlib.suppress(OSError):
        os.unlink(path)
    os.close(descriptor)


@contextlib.contextmanager
def build_lock(target: Path, say: Notify) -> Iterator[bool]:
    """Hold the build lock of the index at `target`; yields whether another build was waited
    for (its index may already be the one needed). Without a lock (no fcntl, or a cache
    folder where it cannot be made) the build goes ahead unguarded."""
    descriptor: int | None = None
    waited = False
    if fcntl is not None:
        path = lock_path(target)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = _acquire(path, wait=False)
            if descriptor is None:
                say(WAITING)
                waited = True
                descriptor = _acquire(path, wait=True)
        except OSError:
            descriptor = None  # the build will say why it cannot save, if it cannot
    try:
        yield waited
    finally:
        if descriptor is not None:
            _release(lock_path(target), descriptor)


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete the temporary files beside `target` whose build is over (its process died), and
    return them. Call it holding the build lock of `target`: a temporary file of this index is
    then stale for sure, and one of another index is when that index's lock is free."""
    if fcntl is None:
        return []
    folder = target.parent
    removed: list[Path] = []
    try:
        names = [entry.name for entry in os.scandir(folder)
                 if entry.name.endswith(TEMPORARY_SUFFIX) and entry.is_file(follow_symlinks=False)]
    except OSError:
        return removed
    for name in names:
        stem = name[: -len(TEMPORARY_SUFFIX)].rpartition(".")[0]  # "<index stem>.<random>"
        if not stem:
            continue  # not one of ours
        path = folder / name
        if stem == target.stem:  # we hold this index's lock: nobody else is writing it
            with contextlib.suppress(OSError):
                path.unlink()
                removed.append(path)
            continue
        lock = lock_path(folder / f"{stem}.sqlite")
        try:
            descriptor = _acquire(lock, wait=False)
        except OSError:
            continue
        if descriptor is None:
            continue  # its builder is at work
        try:
            path.unlink()
            removed.append(path)
        except OSError:
            pass
        finally:
            _release(lock, descriptor)
    return removed
