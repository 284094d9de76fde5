"""Provides the accuracy of briefing.query.answer_types on hand-labelled development questions.

Usage: python -m benchmarks.answer_types [--errors]

The labels (benchmarks/data/answer_types_dev.json) say what each question's gold answer is;
the question's language is written_in() of its words, as a question is analysed.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path

from briefing.query.answer_types import expected_type
from briefing.text.question_language import written_in
from briefing.text.tokenize import tokenize

LABELS = Path(__file__).resolve().parent / "data" / "answer_types_dev.json"
# The languages of the folder each collection's questions are asked over (ties of written_in).
FOLDER_LANGUAGES = {
    "bbc_qa_dev": {"en": 1},
    "xquad_dev": {"en": 1},
    "piaf_dev": {"fr": 1},
    "seed_qa_dev": {"en": 4, "fr": 1},
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list the questions typed wrong")
    args = parser.parse_args()
    labels = json.loads(LABELS.read_text(encoding="utf-8"))["labels"]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    analysed = []
    for label in labels:
        words = [t.surface for t in tokenize(label["question"])]
        analysed.append((words, written_in(words, FOLDER_LANGUAGES[label["collection"]])))
    start = time.perf_counter()
    rounds = 200
    for _ in range(rounds):
        for words, language in analysed:
            expected_type(words, language)
    per_question = (time.perf_counter() - start) / rounds / len(analysed)
    for label, (words, language) in zip(labels, analysed, strict=True):
        got = expected_type(words, language).value
        for key in (label["collection"], label["split"], "all"):
            total[key] += 1
            right[key] += got == label["expected"]
        if got != label["expected"]:
            confusion[(label["expected"], got)] += 1
            if args.errors:
                print(f"  {label['split']:<8} {label['expected']:>12} <- {got:<12} "
                      f"{label['question']}")
    print(f"{'collection':<14} {'right':>6} {'of':>4} {'accuracy':>9}")
    for key in sorted(total, key=lambda k: (k == "all", k in ("tuning", "held_out"), k)):
        print(f"{key:<14} {right[key]:>6} {total[key]:>4} {right[key] / total[key]:>9.3f}")
    print(f"per question: {per_question * 1e6:.1f} us (expected_type alone, tokens given)")
    print("commonest confusions (labelled <- typed):",
          ", ".join(f"{a}<-{b} {n}" for (a, b), n in confusion.most_common(6)))


if __name__ == "__main__":
    main()
