"""Provides ordinary_pages(): numpy's large arrays on ordinary memory pages while an index is
built.

NumPy asks Linux for transparent huge pages (madvise MADV_HUGEPAGE) for every array of 4 MB
or more. Where the kernel's THP defrag setting is "madvise" (a common default), each such
request may stall on compacting memory to find 2 MB of contiguous pages. A build allocates
hundreds of MB of short-lived arrays in two processes at once (candidate pairs, postings),
so it stalls often. At 100,000 paragraphs the candidate pairs alone took 0.9 to 2.6 s from
one run to the next with huge pages and 1.0 to 1.1 s without, and the build's work after the
files are read 9.5 to 10.1 s against 8.1 to 8.5 s; the BBC folder's whole build took 18.9 to
20.3 s against 13.6 to 14.1 s (alternated runs, README). A build reads each array a few
times, in order: huge pages' fewer TLB misses gain it nothing measurable.

The setting is numpy's documented switch (numpy.org, "Global state": the
NUMPY_MADVISE_HUGEPAGE environment variable is read only at import, so the build sets the
same flag through the function behind it). It is process-wide: the build's forked processes
inherit it, and the caller's setting comes back when the build ends.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator


def _switch() -> Callable[[bool], bool] | None:
    """numpy's setter of the flag (it returns the previous value), if this numpy has one."""
    try:
        from numpy._core import multiarray
    except ImportError:  # pragma: no cover - numpy>=2.0 is required, which has it
        return None
    switch = getattr(multiarray, "_set_madvise_hugepage", None)
    return switch if callable(switch) else None


@contextlib.contextmanager
def ordinary_pages() -> Iterator[None]:
    """Within the block, numpy allocates without asking for huge pages; then as before."""
    switch = _switch()
    if switch is None:
        yield
        return
    before = switch(False)
    try:
        yield
    finally:
        switch(before)
