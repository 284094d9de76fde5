"""Tests the analyzers: stemming and stopwords per language, the neutral fallback, the fast path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.text.analyzer import SUPPORTED_LANGUAGES, Analyzer, Term, analyzer_for

CORPUS = Path(__file__).parents[2] / "corpus"


def test_supported_languages() -> None:
    assert {"en", "fr", "de", "es", "it", "pt", "nl", "ru"} <= SUPPORTED_LANGUAGES
    assert "zh" not in SUPPORTED_LANGUAGES and "ko" not in SUPPORTED_LANGUAGES
    for code in SUPPORTED_LANGUAGES:
        analyzer = analyzer_for(code)
        assert analyzer.code == code
        assert analyzer.stopwords, code  # every supported language has its list


def test_english_stems_are_shared_by_inflections() -> None:
    en = analyzer_for("en")
    assert en.stem("ministries") == en.stem("ministry")
    assert en.stem("blocked") == en.stem("blocking") == en.stem("blocks")


def test_french_stems_are_shared_and_accent_insensitive() -> None:
    fr = analyzer_for("fr")
    assert fr.stem("ministeres") == fr.stem("ministere")
    terms = [t.term for t in fr.analyze("ministères ministère ministere")]
    assert len(set(terms)) == 1


def test_numbers_are_not_stemmed() -> None:
    en = analyzer_for("en")
    assert en.stem("1990s") == "1990s"
    assert [t.term for t in en.analyze("$1.4 billions")] == ["1.4", "billion"]


@pytest.mark.parametrize("code", ["xx", "ja", "ko", "", None, "neutral"])
def test_unknown_languages_get_the_neutral_analyzer(code: str | None) -> None:
    analyzer = analyzer_for(code)
    assert analyzer.code == "neutral"
    assert analyzer.stem("running") == "running"
    assert not analyzer.is_stopword("the")
    assert [t.term for t in analyzer.analyze("The Running Ministries")] == [
        "the",
        "running",
        "ministries",
    ]


def test_german_never_uses_the_english_stemmer() -> None:
    de = analyzer_for("de")
    assert de.stem("running") == "running" != analyzer_for("en").stem("running")
    assert de.stem("played") == "played"
    assert de.stem("regierungen") == de.stem("regierung")  # the German rules do apply


def test_analyzer_for_is_cached_and_understands_regions_and_aliases() -> None:
    assert analyzer_for("en") is analyzer_for("EN") is analyzer_for("en-US")
    assert analyzer_for("fr_CA") is analyzer_for("fr")
    assert analyzer_for("nb").code == "no" and analyzer_for("nn").code == "no"


def test_analyzer_rejects_unknown_code() -> None:
    with pytest.raises(ValueError):
        Analyzer("xx")


def test_english_stopwords() -> None:
    en = analyzer_for("en")
    assert en.is_stopword("the") and en.is_stopword("which") and en.is_stopword("and")
    # Content words a news question depends on are not stopwords.
    for word in ("computer", "information", "billion", "ordered", "haven", "won", "korea"):
        assert not en.is_stopword(word), word
    # Contractions are stored as the tokenizer produces them.
    assert en.is_stopword("dont") and en.is_stopword("it")


def test_french_stopwords_are_folded() -> None:
    fr = analyzer_for("fr")
    assert fr.is_stopword("les") and fr.is_stopword("de") and fr.is_stopword("la")
    assert fr.is_stopword("ete")  # 'été' in the list, folded like indexed text
    assert not fr.is_stopword("ministere")
    assert not fr.is_stopword("the")


def test_analyze_drops_stopwords_and_keeps_spans() -> None:
    text = "The ministries blocked DeepSeek’s AI in the U.S."
    terms = analyzer_for("en").analyze(text)
    assert [(t.term, text[t.start : t.end]) for t in terms] == [
        ("ministri", "ministries"),
        ("block", "blocked"),
        ("deepseek", "DeepSeek"),
        ("ai", "AI"),
        ("u", "U"),
    ]
    assert terms[0] == Term("ministri", "ministries", 4, 14)


def test_analyze_can_keep_stopwords() -> None:
    terms = analyzer_for("en").analyze("The ban", keep_stopwords=True)
    assert [(t.term, t.surface) for t in terms] == [("the", "the"), ("ban", "ban")]


def test_french_analysis_with_elisions_and_compounds() -> None:
    text = "D'autres gouvernements aux États-Unis et l'autorité"
    terms = analyzer_for("fr").analyze(text)
    surfaces = [t.surface for t in terms]
    assert surfaces == ["autres", "gouvernements", "etatsunis", "etats", "unis", "autorite"]
    assert text[terms[-1].start : terms[-1].end] == "autorité"
    fr = analyzer_for("fr")
    assert terms[-1].term == fr.stem("autorite")


def test_terms_is_analyze_without_spans_on_the_corpus() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for code in ("en", "fr", "neutral"):
            analyzer = analyzer_for(code)
            assert analyzer.terms(text) == [t.term for t in analyzer.analyze(text)]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_terms_matches_analyze_on_any_text(text: str) -> None:
    en = analyzer_for("en")
    assert en.terms(text) == [t.term for t in en.analyze(text)]


def test_importing_the_analyzer_does_not_import_heavy_modules() -> None:
    code = (
        "import sys, briefing.text.analyzer; "
        "heavy = {'py3langid', 'numpy'} & set(sys.modules); "
        "assert not heavy, heavy"
    )
    root = Path(__file__).parents[2]
    subprocess.run([sys.executable, "-c", code], check=True, cwd=root)


@pytest.mark.parametrize("language", ["en", "fr", None])
def test_chunk_words_are_the_tokens_with_their_stems(language: str | None) -> None:
    from briefing.text.tokenize import iter_tokens, word_chunks

    analyzer = analyzer_for(language)
    corpus = Path(__file__).parents[2] / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    texts.append("It cost $1.4 billion (97%) at 9 AM; l'autorité des États-Unis, Korea's.")
    for text in texts:
        expected = [(analyzer.stem(s), s) for s, _, _, _ in iter_tokens(text)]
        for _ in range(2):  # the second time from the chunk cache: the same
            got = analyzer.unplaced_words(word_chunks(text))
            assert [(term, surface) for term, surface, _, _ in got] == expected


def test_stopword_lists_hold_the_surfaces_text_produces() -> None:
    """Plain words skip the scanner when a list is loaded; every entry still reads as text does."""
    from briefing.paths import PACKAGE_DIR
    from briefing.text.analyzer import _load_stopwords
    from briefing.text.tokenize import tokenize

    for path in sorted((PACKAGE_DIR / "text" / "stopwords").glob("*.txt")):
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
        read = {t.surface for line in lines if line and not line.startswith("#")
                for t in tokenize(line)}
        assert _load_stopwords(path.stem) == read, path.name
    assert {"it", "dont", "ete"} <= _load_stopwords("en") | _load_stopwords("fr")
