"""Provides the fitting of briefing/corroboration/reference.txt from public text.

    python -m benchmarks.fit_reference [EVAL_DIR]

Reads the sentences of the BBC News development corpus, XQuAD (en) and PIAF (fr) and writes:
- [lowercase]: words written mid-sentence in lower case at least MIN_LOWER times and at least
  as often as capitalised ("analysts", "former", "however"): a sentence's first word that is
  one of them starts no name;
- [frequencies]: each anchor feature (briefing.corroboration.anchors: stems, names, glossary
  concepts) seen in at least MIN_DF distinct reference sentences, with that count; the
  corroboration weighs a feature ln(1 + N / (df + 1)) from it (briefing.corroboration.
  reference), the same in every folder, so that an update file by file equals a build.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MIN_LOWER = 2  # a word seen lower case once may be a typo or a title
MIN_DF = 3  # rarer features weigh the most anyway: the file stays small
OUTPUT = Path(__file__).resolve().parents[1] / "briefing" / "corroboration" / "reference.txt"


def sentences(eval_dir: Path) -> Iterator[tuple[str, str]]:
    """(language, sentence) of every reference paragraph, cut as the index cuts them."""
    from briefing.corpus.sanitize import clean_passage
    from briefing.index.statements import is_passage_statement, sentence_spans

    def cut(language: str, paragraph: str) -> Iterator[tuple[str, str]]:
        passage = clean_passage(paragraph)
        for start, end in sentence_spans(passage):
            if is_passage_statement(passage[start:end]):
                yield language, passage[start:end]

    for path in sorted((eval_dir / "bbc" / "corpus").rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", errors="replace")
        for paragraph in text.split("\n\n")[1:]:  # the first line is the headline
            yield from cut("en", paragraph)
    for language, relative in (("en", "xquad/xquad.en.json"), ("fr", "piaf/piaf-v1.0.json")):
        data = json.loads((eval_dir / relative).read_text(encoding="utf-8"))["data"]
        for article in data:
            for paragraph in article["paragraphs"]:
                yield from cut(language, paragraph["context"])


def lowercase_words(found: list[tuple[str, str]]) -> set[str]:
    from briefing.text.tokenize import iter_tokens

    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for _, text in found:
        for index, (surface, start, _, numeric) in enumerate(iter_tokens(text)):
            if index == 0 or numeric:
                continue
            (upper if text[start].isupper() else lower)[surface] += 1
    return {w for w, n in lower.items() if n >= MIN_LOWER and n >= upper[w]}


def main(argv: list[str]) -> int:
    from briefing.corroboration import reference as module
    from briefing.corroboration.anchors import analyse
    from briefing.paths import eval_dir

    root = Path(argv[0]) if argv else eval_dir()
    found = list(dict.fromkeys(sentences(root)))  # distinct, as the corroboration counts them
    lowercase = lowercase_words(found)
    module._REFERENCE = module.Reference(1, frozenset(lowercase), {})
    counts: Counter[str] = Counter()
    for language, text in found:
        anchors = analyse(text, language)
        counts.update(anchors.shared | anchors.local)
    kept = sorted((f, n) for f, n in counts.items() if n >= MIN_DF and "\n" not in f)
    lines = [
        "# Fitted by benchmarks/fit_reference.py: do not edit by hand.",
        "[sentences]",
        str(len(found)),
        "[lowercase]",
        *(" ".join(sorted(lowercase)[i : i + 12]) for i in range(0, len(lowercase), 12)),
        "[frequencies]",
        *(f"{feature}\t{count}" for feature, count in kept),
    ]
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(found):,} sentences, {len(lowercase):,} lowercase words, "
          f"{len(kept):,} features -> {OUTPUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
