"""Provides the public evaluation collections, their metrics and the rank-bm25 baseline.

Everything here follows the protocols of the evaluation README (`../shared/eval/README.md`):
how each collection becomes a corpus folder, its development and test splits, how a gold
answer is matched, and the baseline every figure is compared with.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

SPLITS = ("dev", "test")

_WORDS = re.compile(r"\w+")
_BASELINE_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
_TERMINATORS = ".!?…"
# French sets its closing guillemet off with a (no-break) space: « Oui. »
_CLOSERS = "\"'”’»)] \u00a0\u202f"


def normalise(text: str) -> str:
    """The README's comparison: casefold, strip accents, straight quotes, one space."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(text.split())


def holds_gold(text: str, gold: Iterable[str]) -> bool:
    """Whether an answer text contains one of the acceptable gold strings."""
    folded = normalise(text)
    return any(normalise(g) in folded for g in gold)


def words(text: str) -> list[str]:
    """The baseline's tokens: lowercase `\\w+` runs."""
    return _WORDS.findall(text.lower())


# --- extractive QA collections (XQuAD, PIAF) -------------------------------------------------


@dataclass(frozen=True, slots=True)
class QaQuestion:
    """One question of a SQuAD-style collection."""

    text: str
    gold: tuple[str, ...]
    paragraph: int  # index into QaCollection.paragraphs
    split: str  # "dev" or "test"


@dataclass(slots=True)
class QaCollection:
    """A SQuAD-style collection: paragraphs (one document each) and their questions."""

    name: str
    paragraphs: list[str] = field(default_factory=list)
    questions: list[QaQuestion] = field(default_factory=list)
    # Each article's title and the indexes of its paragraphs, in order.
    articles: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)

    def split(self, name: str) -> list[QaQuestion]:
        return [q for q in self.questions if q.split == name]

    def article_texts(self) -> tuple[list[str], dict[int, int]]:
        """Each article as one file holds it (its title, then its paragraphs, a blank line
        between), and the article of each paragraph."""
        texts = ["\n\n".join([title, *(self.paragraphs[i] for i in members)])
                 for title, members in self.articles]
        article_of = {i: number for number, (_, members) in enumerate(self.articles)
                      for i in members}
        return texts, article_of


def load_squad(path: Path, name: str) -> QaCollection:
    """Read a SQuAD v1 file: articles at even indexes are development, odd ones test."""
    data = json.loads(path.read_text(encoding="utf-8"))["data"]
    collection = QaCollection(name)
    for article_index, article in enumerate(data):
        split = SPLITS[article_index % 2]
        first = len(collection.paragraphs)
        collection.articles.append((str(article.get("title", "")).replace("_", " "),
                                    tuple(range(first, first + len(article["paragraphs"])))))
        for paragraph in article["paragraphs"]:
            index = len(collection.paragraphs)
            collection.paragraphs.append(paragraph["context"])
            for qa in paragraph["qas"]:
                gold = tuple(a["text"] for a in qa["answers"] if a["text"].strip())
                if gold and qa["question"].strip():
                    collection.questions.append(QaQuestion(qa["question"], gold, index, split))
    return collection


# --- Cranfield ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RankingQuery:
    """One Cranfield query, numbered 1..225 by its position in cran.qry."""

    number: int
    text: str
    relevant: frozenset[int]

    @property
    def split(self) -> str:
        return "dev" if self.number % 2 == 1 else "test"


@dataclass(slots=True)
class Cranfield:
    """Documents (id -> title and abstract, white space collapsed) and judged queries."""

    documents: dict[int, str]
    queries: list[RankingQuery]

    def split(self, name: str) -> list[RankingQuery]:
        return [q for q in self.queries if name == "all" or q.split == name]


def _records(text: str) -> list[dict[str, str]]:
    """The `.I` records of a Cranfield file, each a dict of field letter -> text."""
    records: list[dict[str, list[str]]] = []
    key = "I"
    for line in text.splitlines():
        if line.startswith(".I"):
            records.append({"I": [line[2:].strip()]})
            key = "I"
        elif len(line) >= 2 and line[0] == "." and line[1] in "TABW" and not line[2:].strip():
            key = line[1]
        elif records:
            records[-1].setdefault(key, []).append(line)
    return [{k: " ".join(" ".join(v).split()) for k, v in r.items()} for r in records]


def load_cranfield(folder: Path) -> Cranfield:
    """Read cran.all.1400, cran.qry (queries numbered by position) and cranqrel."""
    read = lambda name: (folder / name).read_text(encoding="utf-8", errors="replace")  # noqa: E731
    documents = {
        int(r["I"]): " ".join(filter(None, (r.get("T", ""), r.get("W", ""))))
        for r in _records(read("cran.all.1400"))
    }
    relevant: dict[int, set[int]] = {}
    for line in read("cranqrel").splitlines():
        parts = line.split()
        if len(parts) >= 3 and 1 <= int(parts[2]) <= 4:
            relevant.setdefault(int(parts[0]), set()).add(int(parts[1]))
    queries = [
        RankingQuery(number, r.get("W", ""), frozenset(relevant.get(number, ())))
        for number, r in enumerate(_records(read("cran.qry")), start=1)
    ]
    return Cranfield(documents, queries)


def average_precision(ranked: Sequence[int], relevant: frozenset[int], depth: int = 100) -> float:
    """Average precision over the top `depth`, divided by all relevant documents."""
    if not relevant:
        return 0.0
    hits = 0
    total = 0.0
    for rank, doc in enumerate(ranked[:depth], start=1):
        if doc in relevant:
            hits += 1
            total += hits / rank
    return total / len(relevant)


def precision_at(ranked: Sequence[int], relevant: frozenset[int], depth: int = 10) -> float:
    return sum(doc in relevant for doc in ranked[:depth]) / depth


def ndcg_at(ranked: Sequence[int], relevant: frozenset[int], depth: int = 10) -> float:
    """nDCG with binary gains."""
    if not relevant:
        return 0.0
    dcg = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranked[:depth]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(depth, len(relevant))))
    return dcg / ideal


def ranking_metrics(runs: Sequence[tuple[Sequence[int], frozenset[int]]]) -> dict[str, float]:
    """MAP@100, P@10 and nDCG@10 averaged over (ranking, relevant set) pairs."""
    count = len(runs) or 1
    return {
        "MAP@100": sum(average_precision(r, rel) for r, rel in runs) / count,
        "P@10": sum(precision_at(r, rel) for r, rel in runs) / count,
        "nDCG@10": sum(ndcg_at(r, rel) for r, rel in runs) / count,
    }


# --- the baseline ------------------------------------------------------------------------------


def baseline_sentences(text: str) -> list[str]:
    """The baseline's sentences: split at `.`, `!` or `?` followed by white space."""
    return [s for s in _BASELINE_SENTENCE_END.split(text.strip()) if s]


class Baseline:
    """Plain rank-bm25 BM25Okapi (defaults) over lowercase `\\w+` tokens of each text."""

    def __init__(self, texts: Sequence[str]) -> None:
        from rank_bm25 import BM25Okapi

        self.texts = list(texts)
        self.bm25 = BM25Okapi([words(t) for t in self.texts])

    def rank(self, query: str, depth: int) -> list[int]:
        """Indexes of the `depth` best texts, best first (ties: corpus order)."""
        scores = self.bm25.get_scores(words(query))
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return order[:depth]

    def answer(self, question: str) -> tuple[int, str]:
        """(top text's index, its sentence sharing the most distinct words with the question)."""
        top = self.rank(question, 1)[0]
        asked = set(words(question))
        best = max(baseline_sentences(self.texts[top]), key=lambda s: len(asked & set(words(s))))
        return top, best


# --- answer shape ------------------------------------------------------------------------------


def starts_sentence(passage: str, start: int) -> bool:
    """Whether `start` opens a sentence of `passage`: its start, or after a terminator."""
    before = passage[:start].rstrip()
    if not before:
        return True
    return before.rstrip(_CLOSERS)[-1:] in tuple(_TERMINATORS) or start > 0 and (
        passage[start - 1] == "\n"
    )


def ends_sentence(passage: str, end: int) -> bool:
    """Whether `end` closes a sentence of `passage`: its end, or just after a terminator."""
    if not passage[end:].strip():
        return True
    text = passage[:end].rstrip()
    return text.rstrip(_CLOSERS)[-1:] in tuple(_TERMINATORS) or passage[end : end + 1] == "\n"


# --- corpus folders ----------------------------------------------------------------------------


def write_corpus(folder: Path, texts: Sequence[str], names: Sequence[str] | None = None) -> None:
    """One .txt file per text; file names carry no words, so they add nothing to the search."""
    folder.mkdir(parents=True, exist_ok=True)
    width = len(str(len(texts)))
    for index, text in enumerate(texts):
        name = names[index] if names is not None else f"{index:0{width}d}"
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
