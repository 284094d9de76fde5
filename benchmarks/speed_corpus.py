"""Provides the benchmark corpora: N paragraphs of real XQuAD/PIAF sentences, and questions.

XQuAD (en) and PIAF (fr) hold about 1,000 distinct paragraphs, so larger corpora are made of
their sentences: each generated paragraph takes the sentence count of a real paragraph of its
language and draws that many real sentences of the same language (seeded). Every original
paragraph is kept verbatim too, so the questions have their true answers in every corpus.
Files are articles of one language, 100 paragraphs each, under a headline line.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

PARAGRAPHS_PER_FILE = 100
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])")


@dataclass(frozen=True, slots=True)
class Source:
    """The paragraphs, titles and questions of one language."""

    language: str
    paragraphs: list[str]
    titles: list[str]
    questions: list[str]


def _eval_dir() -> Path:
    from briefing.paths import eval_dir

    return eval_dir()


def load_sources(eval_root: Path | None = None) -> list[Source]:
    root = eval_root or _eval_dir()
    sources = []
    for language, relative in (("en", "xquad/xquad.en.json"), ("fr", "piaf/piaf-v1.0.json")):
        data = json.loads((root / relative).read_text(encoding="utf-8"))["data"]
        paragraphs = [" ".join(p["context"].split()) for a in data for p in a["paragraphs"]]
        titles = [str(a["title"]).replace("_", " ") for a in data]
        questions = [
            " ".join(q["question"].split())
            for a in data
            for p in a["paragraphs"]
            for q in p["qas"]
            if q["question"].strip()
        ]
        sources.append(Source(language, paragraphs, titles, questions))
    return sources


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(paragraph) if s.strip()]


def generate_paragraphs(count: int, seed: int, sources: list[Source]) -> list[tuple[str, str]]:
    """`count` (language, paragraph) pairs: the originals first, then recombined sentences."""
    rng = random.Random(seed)
    originals = [(s.language, p) for s in sources for p in s.paragraphs]
    pools = {s.language: [x for p in s.paragraphs for x in split_sentences(p)] for s in sources}
    shapes = {s.language: [len(split_sentences(p)) for p in s.paragraphs] for s in sources}
    weights = [len(s.paragraphs) for s in sources]
    languages = [s.language for s in sources]
    result = list(originals[:count])
    while len(result) < count:
        language = rng.choices(languages, weights)[0]
        size = rng.choice(shapes[language])
        result.append((language, " ".join(rng.choices(pools[language], k=size))))
    return result


def write_corpus(folder: Path, count: int, seed: int = 0, eval_root: Path | None = None) -> Path:
    """Write the corpus of `count` paragraphs into `folder` once (a marker file says it is done).

    Files hold one language each: paragraphs are grouped by language before being cut into files.
    """
    marker = folder / ".complete"
    if marker.exists():
        return folder
    sources = load_sources(eval_root)
    rng = random.Random(seed + 1)
    titles = {s.language: s.titles for s in sources}
    by_language: dict[str, list[str]] = {}
    for language, paragraph in generate_paragraphs(count, seed, sources):
        by_language.setdefault(language, []).append(paragraph)
    folder.mkdir(parents=True, exist_ok=True)
    number = 0
    for language, paragraphs in sorted(by_language.items()):
        for start in range(0, len(paragraphs), PARAGRAPHS_PER_FILE):
            chunk = paragraphs[start : start + PARAGRAPHS_PER_FILE]
            title = rng.choice(titles[language])
            text = f"{title}\n\n" + "\n\n".join(chunk) + "\n"
            (folder / f"{number:05d}_{language}.txt").write_text(text, encoding="utf-8")
            number += 1
    marker.write_text(str(count))
    return folder


def paragraphs_of(folder: Path) -> list[tuple[str, str]]:
    """(language, paragraph) of a written corpus, headlines left out, in file order."""
    pairs = []
    for path in sorted(folder.glob("*.txt")):
        language = path.stem.rsplit("_", 1)[1]
        blocks = path.read_text(encoding="utf-8").split("\n\n")
        pairs.extend((language, block.strip()) for block in blocks[1:] if block.strip())
    return pairs


def questions(count: int, seed: int = 0, eval_root: Path | None = None) -> list[str]:
    """`count` questions drawn (seeded) from XQuAD and PIAF, in proportion to their sizes."""
    rng = random.Random(seed + 2)
    pool = [q for s in load_sources(eval_root) for q in s.questions]
    return rng.sample(pool, count)
