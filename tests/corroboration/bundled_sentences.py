"""The bundled corpus's sentences, with their languages: what the corroboration tests compare
(imported by the tests, and by the scripts they run in other processes)."""

from __future__ import annotations

from pathlib import Path

from briefing.corpus.sentences import split_sentences

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def bundled_sentences(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(language, sentence) of every sentence, file by file."""
    return [(language, text) for _, language, text in _sentences(corpus)]


def bundled_files(corpus: Path = CORPUS) -> list[int]:
    """The file number (in name order) of each sentence of bundled_sentences()."""
    return [file for file, _, _ in _sentences(corpus)]


def _sentences(corpus: Path) -> list[tuple[int, str, str]]:
    found: list[tuple[int, str, str]] = []
    for file, path in enumerate(sorted(corpus.glob("*.txt"))):
        language = "fr" if path.name.startswith("000") else "en"
        for block in path.read_text(encoding="utf-8").split("\n"):
            found += [(file, language, block[s:e]) for s, e in split_sentences(block, language)]
    return found
