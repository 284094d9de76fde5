"""The bundled corpus's sentences, with their languages: what the corroboration tests compare
(imported by the tests, and by the scripts they run in other processes)."""

from __future__ import annotations

from pathlib import Path

from briefing.corpus.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def bundled_sentences(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for path in sorted(corpus.glob("*.txt")):
        language = "fr" if path.name.startswith("000") else "en"
        for block in path.read_text(encoding="utf-8").split("\n"):
            texts += [(language, block[s:e]) for s, e in split_sentences(block, language)]
    return texts
