"""Provides the analysis of many files on every core: a process pool, for large builds only.

Reading, cutting, language detection and stemming are pure Python, so threads would not run
them at once. A pool costs a process start per worker, which pays only past a few megabytes of
text; smaller jobs run in this process. Workers are forked, sharing the language model loaded
once: where forking is not safe (no fork, or other threads running, as in the TUI) the build
runs in this process rather than spawn workers that re-import the caller's main module. The
pool exists only while a build runs: nothing here starts at import.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator, Sequence
from functools import partial

from briefing.index.analysis import Batch, FileJob, analyse_files

# Below this much text to analyse, one process is faster than starting workers.
PARALLEL_MIN_BYTES = 4_000_000
# Text per task: large enough to batch language detection, small enough to spread the load.
TASK_BYTES = 1_000_000
MAX_WORKERS = 4


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _tasks(jobs: Sequence[FileJob]) -> Iterator[list[FileJob]]:
    task: list[FileJob] = []
    size = 0
    for job in jobs:
        task.append(job)
        size += job.size
        if size >= TASK_BYTES:
            yield task
            task, size = [], 0
    if task:
        yield task


def _ignore_interrupts() -> None:
    """Workers leave Ctrl+C to the builder, which stops them: one quiet exit, no tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def analysed(key: str, root: str, jobs: Sequence[FileJob]) -> Iterator[Batch]:
    """The analysis of the jobs, in order, in batches; on several processes when that pays."""
    workers = min(MAX_WORKERS, available_cores())
    if workers < 2 or sum(job.size for job in jobs) < PARALLEL_MIN_BYTES or not _can_fork():
        for task in _tasks(jobs):
            yield analyse_files(key, root, task)
        return
    import multiprocessing

    from briefing.text.language import preload

    preload()  # once here, shared by the forked workers, rather than once per worker
    context = multiprocessing.get_context("fork")
    with context.Pool(workers, initializer=_ignore_interrupts) as pool:
        yield from pool.imap(partial(analyse_files, key, root), _tasks(jobs))


def _can_fork() -> bool:
    """Forking is safe only without other threads (one could hold a lock the child needs)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
