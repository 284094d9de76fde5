"""Provides the reference statistics of words and features: what general text says of them.

Corroboration must give one folder the same answer whether it was indexed at once or updated
file by file, so nothing it decides may depend on the rest of the folder. Two things that
used to come from the folder come from reference.txt instead, fitted by
benchmarks/fit_reference.py on public text (BBC News, XQuAD, PIAF):
- lowercase words: words written in lower case mid-sentence more often than capitalised
  ("analysts", "former"); a sentence's first word is no name when it is one of them;
- feature frequencies: in how many of the reference sentences a feature (a stem, a name, a
  glossary concept) occurs, which weighs it: ln(1 + N / (df + 1)). A feature the reference
  never saw often (a rare word, most names) weighs the most.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True, slots=True)
class Reference:
    sentences: int  # N: the reference sentences counted
    lowercase: frozenset[str]
    frequencies: dict[str, int]

    def weight(self, feature: str) -> float:
        return math.log1p(self.sentences / (self.frequencies.get(feature, 0) + 1))

    def weight_of_count(self, count: int) -> float:
        """The weight of a feature `count` reference sentences have."""
        return math.log1p(self.sentences / (count + 1))


_REFERENCE: Reference | None = None
_LOCK = threading.Lock()


def parse(lines: list[str]) -> Reference:
    sentences = 1
    lowercase: set[str] = set()
    frequencies: dict[str, int] = {}
    section = ""
    for line in lines:
        # A frequency line is a feature, a tab and its count; the value features open with
        # '#' ("#count:2", "#year:2004"): read as comments, they all weighed as much as a
        # feature the reference never saw, and three small numbers in common made two
        # unrelated sentences in two languages one fact.
        if section == "frequencies" and "\t" in line:
            feature, _, count = line.rpartition("\t")
            frequencies[feature] = int(count)
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line.strip("[]")
            continue
        if section == "sentences":
            sentences = int(line)
        elif section == "lowercase":
            lowercase.update(line.split())
    return Reference(sentences, frozenset(lowercase), frequencies)


def reference() -> Reference:
    """The packaged reference statistics, read once."""
    global _REFERENCE
    if _REFERENCE is None:
        with _LOCK:
            if _REFERENCE is None:
                data = resources.files("briefing.corroboration").joinpath("reference.txt")
                try:
                    text = data.read_text(encoding="utf-8")
                except FileNotFoundError:  # while benchmarks/fit_reference.py first makes it
                    text = ""
                _REFERENCE = parse(text.splitlines())
    return _REFERENCE
