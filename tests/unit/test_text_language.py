"""Tests language detection of documents and the inheritance rule for short paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.corpus.language import assign_languages, detect_language

CORPUS = Path(__file__).parents[2] / "corpus"
CORPUS_FILES = sorted(CORPUS.glob("*.txt"))


def paragraphs(path: Path) -> list[str]:
    return [p.strip() for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]


def test_the_corpus_has_five_files() -> None:
    assert len(CORPUS_FILES) == 5


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_detect_corpus_documents(path: Path) -> None:
    expected = "fr" if path.name.startswith("000_") else "en"
    code, probability = detect_language(path.read_text(encoding="utf-8"))
    assert code == expected
    assert probability > 0.9


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_paragraph_of_a_corpus_document_gets_its_language(path: Path) -> None:
    expected = "fr" if path.name.startswith("000_") else "en"
    texts = paragraphs(path)
    assert assign_languages(texts) == [expected] * len(texts)


def test_short_headlines_inherit_the_document_language() -> None:
    texts = paragraphs(CORPUS / "003_b1bf6165345aa9a6.txt")
    # On their own, the Turkish site label and a headline are not detected as English.
    assert texts[0] == "Yazılar"
    assert detect_language(texts[0])[0] != "en"
    assert detect_language("Kakao Corp")[0] != "en"
    assert assign_languages(texts)[:2] == ["en", "en"]
    assert assign_languages(["Kakao Corp", *texts[2:4]]) == ["en", "en", "en"]


def test_low_confidence_paragraph_inherits() -> None:
    texts = paragraphs(CORPUS / "002_f8ead1e008714aa4.txt")
    byline = "Arirang news https://www.arirang.com/news/view?id=281238"
    _, probability = detect_language(byline)
    assert probability < 0.9
    assert assign_languages([*texts, byline])[-1] == "en"


def test_a_confident_paragraph_in_another_language_keeps_it() -> None:
    english = paragraphs(CORPUS / "001_0001ffd5a2c8243f.txt")[:4]
    french = paragraphs(CORPUS / "000_1c279a35ebb96548.txt")[3]
    assert assign_languages([*english, french, "Le ministère"]) == ["en"] * 4 + ["fr", "en"]


def test_text_without_letters() -> None:
    assert detect_language("") == (None, 0.0)
    assert detect_language("12 34 -- 56") == (None, 0.0)
    assert detect_language("ab") == (None, 0.0)
    assert assign_languages([]) == []
    assert assign_languages(["2025/02/06", "20:00"]) == [None, None]


def test_document_starting_without_words_uses_its_paragraphs() -> None:
    table = "\n".join(f"{i} | {i * 3} | {i * 7}" for i in range(400))
    french = paragraphs(CORPUS / "000_1c279a35ebb96548.txt")[0]
    assert assign_languages([table, french]) == ["fr", "fr"]


def test_other_scripts_and_unsupported_languages() -> None:
    code, probability = detect_language("東京は日本の首都であり、最大の都市です。")
    assert code == "ja" and probability > 0.9
    code, _ = detect_language(
        "Die Regierung hat den Zugang zu DeepSeek gesperrt, sagte ein Sprecher."
    )
    assert code == "de"


def test_detection_reads_only_the_start_of_a_long_text() -> None:
    french = paragraphs(CORPUS / "000_1c279a35ebb96548.txt")[0]
    english = " ".join(paragraphs(CORPUS / "001_0001ffd5a2c8243f.txt"))
    assert detect_language(french * 10 + english * 50)[0] == "fr"
