"""Provides the corroboration quality benchmark: "reported by" precision and recall, and a
look at the briefing's conflicts and actors, on the BBC development set.

    python -m benchmarks.corroboration_quality [EVAL_DIR] [--details] [--json FILE]

The protocol is the BBC README's (`bbc/README.md`): the folder `bbc/corpus/` is indexed
whole; each fact of `corroboration_dev.json` is asked as a question, and each answerable
question of `bbc_qa_dev.json` too, its source and `also` files being its same-fact set.
- precision: the share of the top answer's listed files (its "reported by" files) that are in
  the same-fact set, averaged over the items whose top answer is right;
- recall: the share of the same-fact set listed, averaged over the items with two or more
  files whose top answer is right.
A fact's top answer is right when it is the fact's sentence (the normalised texts hold one
another); a question's when it holds a gold string. The cache goes to $BRIEFING_CACHE_DIR.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.evaldata import holds_gold, normalise  # noqa: E402


@dataclass(slots=True)
class Item:
    """One corroboration check: a question, what a right answer holds, the same-fact files."""

    name: str
    question: str
    expected: frozenset[str]
    gold: tuple[str, ...] = ()  # a QA item's gold strings
    fact: str | None = None  # a fact item's sentence


@dataclass(slots=True)
class Outcome:
    item: Item
    right: bool
    listed: frozenset[str] = frozenset()
    source_count: int = 0
    answer: str = ""

    @property
    def precision(self) -> float:
        return len(self.listed & self.item.expected) / len(self.listed) if self.listed else 0.0

    @property
    def recall(self) -> float:
        return len(self.listed & self.item.expected) / len(self.item.expected)


@dataclass(slots=True)
class Figures:
    precision: float
    recall: float
    precision_items: int
    recall_items: int
    wrong_answers: list[str] = field(default_factory=list)


def load_items(bbc: Path) -> list[Item]:
    """The fact items, then the answerable questions, as the README defines them."""
    items = []
    for fact in json.loads((bbc / "corroboration_dev.json").read_text(encoding="utf-8")):
        items.append(Item(fact["id"], fact["fact"], frozenset(fact["same_fact_files"]),
                          fact=fact["fact"]))
    for question in json.loads((bbc / "bbc_qa_dev.json").read_text(encoding="utf-8")):
        if not question.get("answerable"):
            continue
        files = frozenset([question["source"], *question.get("also", [])])
        items.append(Item(question["id"], question["question"], files,
                          gold=tuple(question["gold"])))
    return items


def _is_right(item: Item, text: str) -> bool:
    if item.fact is not None:
        answer, fact = normalise(text), normalise(item.fact)
        return bool(answer) and (answer in fact or fact in answer)
    return holds_gold(text, item.gold)


def evaluate(engine: object, items: list[Item]) -> list[Outcome]:
    outcomes = []
    for item in items:
        result = engine.ask(item.question)  # type: ignore[attr-defined]
        if not result.answers:
            outcomes.append(Outcome(item, False))
            continue
        top = result.answers[0]
        listed = frozenset(source.source for source in top.sources) or frozenset([top.source])
        outcomes.append(
            Outcome(item, _is_right(item, top.text), listed, top.source_count, top.text)
        )
    return outcomes


def figures(outcomes: list[Outcome]) -> Figures:
    right = [o for o in outcomes if o.right]
    several = [o for o in right if len(o.item.expected) >= 2]
    return Figures(
        statistics.fmean(o.precision for o in right) if right else 0.0,
        statistics.fmean(o.recall for o in several) if several else 0.0,
        len(right),
        len(several),
        [o.item.name for o in outcomes if not o.right],
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    parser.add_argument("--details", action="store_true", help="print every item's figures")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    import briefing
    from briefing.paths import eval_dir

    bbc = (args.eval_dir or eval_dir()) / "bbc"
    started = time.perf_counter()
    engine = briefing.open(bbc / "corpus")
    engine.index()
    opened = time.perf_counter() - started
    items = load_items(bbc)
    outcomes = evaluate(engine, items)
    facts = figures([o for o in outcomes if o.item.fact is not None])
    questions = figures([o for o in outcomes if o.item.fact is None])
    every = figures(outcomes)
    if args.details:
        for o in outcomes:
            extra = sorted(o.listed - o.item.expected)
            missing = sorted(o.item.expected - o.listed)
            print(f"{o.item.name:32} right={o.right!s:5} P={o.precision:.2f} R={o.recall:.2f} "
                  f"count={o.source_count} extra={extra} missing={missing}")
    print(f"BBC development set, index opened in {opened:.1f} s")
    print("| items | precision | recall | items right (precision) | with 2+ files (recall) |")
    print("|---|---:|---:|---:|---:|")
    for name, found in (("corroboration_dev facts", facts), ("bbc_qa_dev questions", questions),
                        ("all", every)):
        print(f"| {name} | {found.precision:.3f} | {found.recall:.3f} | "
              f"{found.precision_items} | {found.recall_items} |")
    briefing = engine.brief()
    print(f"Briefing of the folder: {len(briefing.conflicts)} conflicts; key actors: "
          + ", ".join(f"{a.name} ({a.source_count})" for a in briefing.actors))
    if args.json:
        args.json.write_text(json.dumps({
            "facts": vars(facts) if hasattr(facts, "__dict__") else _plain(facts),
            "questions": _plain(questions),
            "all": _plain(every),
        }, indent=2))
    engine.close()
    return 0


def _plain(found: Figures) -> dict[str, object]:
    return {"precision": found.precision, "recall": found.recall,
            "precision_items": found.precision_items, "recall_items": found.recall_items,
            "wrong_answers": found.wrong_answers}


if __name__ == "__main__":
    sys.exit(main())
