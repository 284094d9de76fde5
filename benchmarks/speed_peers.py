"""Provides the peers of the speed benchmark, each run as its own process: bm25s and rank-bm25.

    python benchmarks/speed_peers.py bm25s-build CORPUS INDEX   # tokenise + index + save
    python benchmarks/speed_peers.py bm25s-ask INDEX < questions  # load, then one JSON line each
    python benchmarks/speed_peers.py rank-bm25 CORPUS N < questions  # get_scores timings

bm25s is a benchmark-only peer (the `bench` extra). Each language group is tokenised with its
own PyStemmer stemmer and bm25s stopword list (the language is known from the generated file
names, so bm25s pays nothing for detection); a question is stemmed in both languages.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

_STEMMERS = {"en": "english", "fr": "french"}


def bm25s_build(corpus: Path, index: Path) -> None:
    import bm25s
    import Stemmer

    from benchmarks.speed_corpus import paragraphs_of

    pairs = paragraphs_of(corpus)
    started = time.perf_counter()
    ids: list[list[int]] = []
    vocabulary: dict[str, int] = {}
    groups: dict[str, list[str]] = {}
    for language, text in pairs:
        groups.setdefault(language, []).append(text)
    # The largest group first: its ids are kept as they are, the others are remapped.
    for language, texts in sorted(groups.items(), key=lambda item: -len(item[1])):
        stemmer = Stemmer.Stemmer(_STEMMERS[language])
        tokenized = bm25s.tokenize(texts, stopwords=language, stemmer=stemmer, show_progress=False)
        remap = [0] * len(tokenized.vocab)
        for token, local in tokenized.vocab.items():
            remap[local] = vocabulary.setdefault(token, len(vocabulary))
        if remap == list(range(len(remap))):
            ids.extend(tokenized.ids)
        else:
            ids.extend(list(map(remap.__getitem__, doc)) for doc in tokenized.ids)
    retriever = bm25s.BM25()
    retriever.index((ids, vocabulary), show_progress=False)
    retriever.save(str(index), show_progress=False)
    seconds = time.perf_counter() - started
    print(json.dumps({"seconds": seconds, "documents": len(pairs)}))


def bm25s_ask(index: Path) -> None:
    import bm25s
    import Stemmer

    retriever = bm25s.BM25.load(str(index), show_progress=False)
    stemmers = {lang: Stemmer.Stemmer(name) for lang, name in _STEMMERS.items()}
    for line in sys.stdin:
        question = line.strip()
        if not question:
            continue
        tokens: set[str] = set()
        for language, stemmer in stemmers.items():
            tokens.update(
                bm25s.tokenize(
                    [question],
                    stopwords=language,
                    stemmer=stemmer,
                    return_ids=False,
                    show_progress=False,
                )[0]
            )
        known = [t for t in sorted(tokens) if t in retriever.vocab_dict] or [""]
        documents, scores = retriever.retrieve([known], k=10, show_progress=False)
        sys.stdout.write(
            json.dumps({"ids": documents[0].tolist(), "scores": scores[0].tolist()}) + "\n"
        )
        sys.stdout.flush()


def rank_bm25_timings(corpus: Path, count: int) -> None:
    """Build plain BM25Okapi over lowercase \\w+ tokens (the eval baseline), time get_scores."""
    from rank_bm25 import BM25Okapi

    from benchmarks.speed_corpus import paragraphs_of

    word = re.compile(r"\w+")
    started = time.perf_counter()
    documents = [word.findall(text.lower()) for _, text in paragraphs_of(corpus)]
    model = BM25Okapi(documents)
    build = time.perf_counter() - started
    questions = [line.strip() for line in sys.stdin if line.strip()][:count]
    timings = []
    for question in questions:
        tokens = word.findall(question.lower())
        start = time.perf_counter()
        model.get_scores(tokens)
        timings.append(time.perf_counter() - start)
    print(json.dumps({"build": build, "timings": timings}))


def main() -> None:
    command, *rest = sys.argv[1:]
    if command == "bm25s-build":
        bm25s_build(Path(rest[0]), Path(rest[1]))
    elif command == "bm25s-ask":
        bm25s_ask(Path(rest[0]))
    elif command == "rank-bm25":
        rank_bm25_timings(Path(rest[0]), int(rest[1]))
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
