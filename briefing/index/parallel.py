"""Provides the analysis of many files on every core: a process pool, for large builds only.

Reading, cutting, language detection and stemming are pure Python, so threads would not run
them at once. A pool costs a process start per worker, which pays only past a few megabytes of
text; smaller jobs run in this process. Workers are forked, sharing the language model loaded
once: where forking is not safe (no fork, or other threads running, as in the TUI) the build
runs in this process rather than spawn workers that re-import the caller's main module. The
pool exists only while a build runs: nothing here starts at import. `Aside` runs one more
computation in a forked process (half of the corroboration scoring, in
briefing.corroboration.during_build).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Generator, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any

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


def ignore_interrupts() -> None:
    """Workers leave Ctrl+C to the builder, which stops them: one quiet exit, no tracebacks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def analysed(
    key: str, root: str, jobs: Sequence[FileJob], model_cache: Path | None = None
) -> Generator[Batch, None, None]:
    """The analysis of the jobs, in order, in batches; on several processes when that pays.

    In this process, the language model starts loading at once, on a thread, while the caller
    goes on until it asks for the first batch (an update reads the previous index meanwhile).
    `model_cache`: the cache folder where the model is kept uncompressed (language_model).
    """
    if not pool_pays(jobs):
        loading = _load_language_model(model_cache) if jobs else None
        return _in_process(key, root, jobs, loading)
    return _pooled(key, root, jobs, model_cache)


def _load_language_model(cache: Path | None) -> threading.Thread:
    """Load the language model on a thread: mapped from the cache it is quick; the first time
    most of it is xz decompression, which lets the caller's thread run meanwhile."""
    from briefing.corpus.language import preload

    def load() -> None:
        try:
            preload(cache)
        except Exception:  # noqa: BLE001 - the analysis meets the same error itself, reported
            pass

    loading = threading.Thread(target=load, name="briefing-language-model", daemon=True)
    loading.start()
    return loading


def _in_process(
    key: str, root: str, jobs: Sequence[FileJob], loading: threading.Thread | None
) -> Generator[Batch, None, None]:
    if loading is not None:
        loading.join()  # no thread left running past here: forking stays safe (_can_fork)
    for task in _tasks(jobs):
        yield analyse_files(key, root, task)


def _pooled(
    key: str, root: str, jobs: Sequence[FileJob], model_cache: Path | None
) -> Generator[Batch, None, None]:
    import multiprocessing

    from briefing.corpus.language import preload

    # Once here, as float32, shared by the forked workers rather than loaded by each.
    preload(model_cache, dense=True)
    context = multiprocessing.get_context("fork")
    workers = min(MAX_WORKERS, available_cores())
    with context.Pool(workers, initializer=ignore_interrupts) as pool:
        yield from pool.imap(partial(analyse_files, key, root), _tasks(jobs))


def pool_pays(jobs: Sequence[FileJob]) -> bool:
    """Whether analysed() runs these jobs on worker processes."""
    enough = sum(job.size for job in jobs) >= PARALLEL_MIN_BYTES
    return enough and min(MAX_WORKERS, available_cores()) >= 2 and _can_fork()


def _can_fork() -> bool:
    """Forking is safe only without other threads (one could hold a lock the child needs)."""
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1


class Aside:
    """A computation run in a forked process while this one goes on, when forking is safe.

    `compute(tell)` may tell its progress (any JSON value) as it goes; `result(heard)` passes
    each on to `heard` while it waits for the computation's bytes. If the process could not
    start, or failed, or forking is not safe here, the computation runs in this process then,
    so its errors surface as usual. Use it as a context manager: leaving stops the process.
    """

    def __init__(self, compute: Callable[[Callable[[Any], None]], bytes]) -> None:
        self._compute = compute
        self._process: Any = None
        self._receiver: Any = None
        if available_cores() < 2 or not _can_fork():
            return
        import multiprocessing

        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(
            target=_run_aside, args=(compute, sender, receiver), daemon=True
        )
        try:
            process.start()
        except OSError:  # no memory or process slots left: compute here instead
            receiver.close()
            return
        finally:
            sender.close()
        self._process, self._receiver = process, receiver

    def __enter__(self) -> Aside:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def result(self, heard: Callable[[Any], None] | None = None) -> bytes:
        import json

        tell = heard or _ignore
        data = b""
        if self._receiver is not None:
            try:
                while (data := self._receiver.recv_bytes())[:1] == b"p":
                    tell(json.loads(data[1:]))
            except (EOFError, OSError):  # the process died
                data = b""
            self.close()
        return data[1:] if data[:1] == b"+" else self._compute(tell)

    def close(self) -> None:
        if self._process is not None:
            stop(self._process)
            self._process = None
        if self._receiver is not None:
            self._receiver.close()
            self._receiver = None


def _ignore(_told: Any) -> None:
    pass


def stop(process: Any) -> None:
    """End a forked helper process, whether it finished or not, and reap it."""
    if process.is_alive():
        process.terminate()
    process.join()


def _run_aside(compute: Callable[[Callable[[Any], None]], bytes], sender: Any,
               receiver: Any) -> None:
    import json

    ignore_interrupts()
    receiver.close()  # the caller's end

    def tell(progress: Any) -> None:
        sender.send_bytes(b"p" + json.dumps(progress).encode())

    try:
        data = b"+" + compute(tell)
    except BaseException:  # reported as a failure: the caller computes again and raises
        data = b"-"
    try:
        sender.send_bytes(data)
    except OSError:  # the caller is gone
        pass
    sender.close()
