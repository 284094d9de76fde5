"""Provides LexRank centrality: how much a sentence is what the corpus as a whole says.

The graph is the sparse one of scored candidate pairs (similarity as edge weight); the score
is the stationary distribution of a random walk on it with teleportation (PageRank), computed
by power iteration with numpy, in time linear in the number of edges.
"""

from __future__ import annotations

import numpy as np

DAMPING = 0.85
ITERATIONS = 100
TOLERANCE = 1e-9


def lexrank(count: int, left: np.ndarray, right: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Centrality of each of `count` nodes on the undirected weighted graph of edges
    (left[k], right[k], weight[k]); sums to 1."""
    if count == 0:
        return np.zeros(0)
    degree = np.bincount(left, weight, count) + np.bincount(right, weight, count)
    connected = degree > 0
    inverse = np.zeros(count)
    inverse[connected] = 1.0 / degree[connected]
    scores = np.full(count, 1.0 / count)
    for _ in range(ITERATIONS):
        share = scores * inverse
        flow = np.bincount(left, weight * share[right], count) + np.bincount(
            right, weight * share[left], count
        )
        stranded = scores[~connected].sum()  # isolated nodes spread their share evenly
        updated = (1.0 - DAMPING) / count + DAMPING * (flow + stranded / count)
        done = np.abs(updated - scores).sum() < TOLERANCE
        scores = updated
        if done:
            break
    return scores / scores.sum()
