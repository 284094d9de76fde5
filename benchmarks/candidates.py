"""Provides the analysis of typed candidates (briefing.query.candidates) on the dev questions.

Usage: python -m benchmarks.candidates [EVAL_DIR] [--examples N]

For each development question whose expected type (briefing.query.answer_types) has candidates
(not `reason` or `other`): its gold sentence is the sentence of its own article holding the
gold answer. It reports
- found: how often a candidate that fits the expected type (candidates.FITS) overlaps the gold
  answer in that sentence;
- others: how often the article's other sentences hold such a candidate (the share of them,
  averaged over questions): what a type match alone cannot tell apart;
- time: find_candidates over every sentence of the article, per question (an article is
  about the 20-60 sentences a question scores).
Collections: bbc_qa_dev.json over bbc/corpus (the answerable questions), seed_qa_dev.json over
corpus/ (the sentence holding a gold string), XQuAD-en and PIAF dev splits (even article
indexes; each paragraph is the article).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.evaldata import load_squad, normalise
from briefing.corpus.sentences import split_sentences
from briefing.paths import eval_dir
from briefing.query.answer_types import AnswerType, expected_type
from briefing.query.candidates import _typed, find_candidates
from briefing.text.question_language import written_in
from briefing.text.tokenize import tokenize

REPO = Path(__file__).resolve().parents[1]
UNTYPED = (AnswerType.REASON, AnswerType.OTHER)


@dataclass(frozen=True, slots=True)
class Case:
    """One question with its article's text and where its gold answer lies."""

    collection: str
    question: str
    text: str
    gold: tuple[int, int]  # the gold answer's span in `text`
    language: str


def _locate(text: str, golds: tuple[str, ...]) -> tuple[int, int] | None:
    """The span of the first gold string found in `text`, compared as the README says."""
    for gold in golds:
        at = text.find(gold)
        if at >= 0:
            return at, at + len(gold)
    folded = normalise(text)
    if len(folded) != len(text):
        return None  # the folding changed the length: spans would not map back
    for gold in golds:
        at = folded.find(normalise(gold))
        if at >= 0:
            return at, at + len(normalise(gold))
    return None


def _cases(root: Path) -> Iterator[Case]:
    bbc = json.loads((root / "bbc" / "bbc_qa_dev.json").read_text(encoding="utf-8"))
    for item in bbc:
        if not item["answerable"]:
            continue
        raw = (root / "bbc" / "corpus" / item["source"]).read_bytes()
        text = raw.decode("utf-8", "replace")
        span = _locate(text, tuple(item["gold"]))
        if span is not None:
            yield Case("bbc_qa_dev", item["question"], text, span, "en")
    seed = json.loads((root / "seed_qa_dev.json").read_text(encoding="utf-8"))["questions"]
    articles = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    for item in seed:
        if not item.get("answerable", True):
            continue
        for text in articles:
            span = _locate(text, tuple(item["gold"]))
            if span is not None:
                yield Case("seed_qa_dev", item["q"], text, span, "en")
                break
    for name, path, language in (
        ("xquad_dev", root / "xquad" / "xquad.en.json", "en"),
        ("piaf_dev", root / "piaf" / "piaf-v1.0.json", "fr"),
    ):
        collection = load_squad(path, name)
        for question in collection.split("dev"):
            text = collection.paragraphs[question.paragraph]
            span = _locate(text, question.gold)
            if span is not None:
                yield Case(name, question.text, text, span, language)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--examples", type=int, default=0, help="misses to print per collection")
    args = parser.parse_args()
    root = args.eval_dir or eval_dir()
    totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0, 0, 0.0])
    by_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    shown: dict[str, int] = defaultdict(int)
    sentence_splits: dict[str, list[tuple[int, int]]] = {}
    find_candidates("Mr Blair met them in London on 3 May.")  # its word lists, loaded once
    for case in _cases(root):
        words = [t.surface for t in tokenize(case.question)]
        kind = expected_type(words, written_in(words, {case.language: 1}))
        row = totals[case.collection]
        row[4] += 1  # questions
        if kind in UNTYPED:
            continue
        spans = sentence_splits.get(case.text)
        if spans is None:
            spans = sentence_splits[case.text] = split_sentences(case.text, case.language)
        asked = frozenset(words)
        _typed.cache_clear()  # time a question's first reading of its sentences
        start = time.perf_counter()
        typed = [find_candidates(case.text[a:b], asked, kind) for a, b in spans]
        row[5] += time.perf_counter() - start
        gold_a, gold_b = case.gold
        home = next(
            (i for i, (a, b) in enumerate(spans) if a <= gold_a < b), None
        )
        if home is None:
            continue
        a = spans[home][0]
        hit = any(a + c.start < gold_b and gold_a < a + c.end for c in typed[home])
        others = [bool(t) for i, t in enumerate(typed) if i != home]
        row[0] += 1  # typed questions
        row[1] += hit
        row[2] += sum(others) / len(others) if others else 0.0
        row[3] += len(spans)
        by_type[kind.value][0] += 1
        by_type[kind.value][1] += hit
        if not hit and shown[case.collection] < args.examples:
            shown[case.collection] += 1
            a, b = spans[home]
            sentence = case.text[a:b]
            print(f"[{case.collection}] {kind.value}: {case.question}")
            print(f"    gold: {case.text[gold_a:gold_b]!r}")
            print(f"    in:   {sentence[:200]!r}")
            got = [(c.type.value, sentence[c.start : c.end]) for c in find_candidates(sentence)]
            print(f"    got:  {got}")
    header = (f"{'collection':<12} {'questions':>9} {'typed':>6} {'found':>7} {'others':>7} "
              f"{'sentences':>9} {'us/question':>11}")
    print(header)
    grand = [0, 0, 0.0, 0.0, 0, 0.0]
    for name, row in sorted(totals.items()):
        typed = row[0] or 1
        print(f"{name:<12} {row[4]:>9} {row[0]:>6} {row[1] / typed:>7.3f} {row[2] / typed:>7.3f} "
              f"{row[3] / typed:>9.1f} {row[5] / typed * 1e6:>11.0f}")
        grand = [g + r for g, r in zip(grand, row, strict=True)]
    typed = grand[0] or 1
    print(f"{'all':<12} {grand[4]:>9} {grand[0]:>6} {grand[1] / typed:>7.3f} "
          f"{grand[2] / typed:>7.3f} {grand[3] / typed:>9.1f} {grand[5] / typed * 1e6:>11.0f}")
    print("found by expected type:", ", ".join(
        f"{k} {v[1]}/{v[0]}" for k, v in sorted(by_type.items(), key=lambda kv: -kv[1][0])
    ))


if __name__ == "__main__":
    main()
