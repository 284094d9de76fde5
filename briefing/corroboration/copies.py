"""Provides the copies of one story: files that repeat most of another's sentences.

A wire story printed twice, or an article saved under two names, is one source: it counts
once in "reported by" ("2 copies"), whatever number of files hold it. Two files are copies
when at least COPY_SHARE of the statements of the smaller one are sentences of the other,
word for word; copies of copies are one story. On the BBC development folder the pairs of
files above 0.9 are the dataset's duplicates, those from 0.5 to 0.9 an article and its
updated version, and below 0.45 articles that quote one statement.

Only sentences in at most MAX_FILES files bring files together: one in more is boilerplate
or a much-quoted line, not a sign of a copy (and pairing its files would cost the square of
their number). It is computed for the whole folder on every build and update, in numpy.
"""

from __future__ import annotations

import numpy as np

from briefing.corroboration.state import distinct
from briefing.corroboration.table import Statements

COPY_SHARE = 0.5
MAX_FILES = 50


def copy_clusters(statements: Statements, file_count: int) -> list[int]:
    """Each file's story: the smallest file index among its copies (itself when none)."""
    story = list(range(file_count))
    if not len(statements.nodes) or file_count < 2:
        return story
    width = max(file_count, 1)
    pairs = distinct(statements.nodes * width + statements.files)  # (node, file), sorted
    nodes, files = pairs // width, pairs % width
    sizes = np.bincount(files, minlength=file_count)  # statements (distinct) per file
    starts = np.flatnonzero(np.r_[True, nodes[1:] != nodes[:-1]])
    counts = np.diff(np.r_[starts, len(nodes)])
    lefts: list[np.ndarray] = []
    rights: list[np.ndarray] = []
    for size in np.unique(counts).tolist():
        if size < 2 or size > MAX_FILES:
            continue
        chosen = starts[counts == size]
        matrix = files[chosen[:, None] + np.arange(size)]
        upper, lower = np.triu_indices(size, k=1)
        lefts.append(matrix[:, upper].ravel())
        rights.append(matrix[:, lower].ravel())
    if not lefts:
        return story
    keys, shared = np.unique(np.concatenate(lefts) * width + np.concatenate(rights),
                             return_counts=True)
    a, b = keys // width, keys % width
    copies = shared >= COPY_SHARE * np.minimum(sizes[a], sizes[b])

    def root(file: int) -> int:
        while story[file] != file:
            story[file] = story[story[file]]
            file = story[file]
        return file

    for x, y in zip(a[copies].tolist(), b[copies].tolist(), strict=True):
        x, y = root(x), root(y)
        if x != y:
            story[max(x, y)] = min(x, y)
    return [root(file) for file in range(file_count)]
