"""The search syntax applied to a real index: phrases, exclusions, filters, sorting, highlights."""

from __future__ import annotations

import json
from pathlib import Path

from briefing import Library
from tests.conftest import open_library, run_cli


def sources(result: object) -> list[str]:
    return [hit.source for hit in result.results]  # type: ignore[attr-defined]


def highlighted(hit: object) -> list[str]:
    return [hit.passage[a:b] for a, b in hit.highlights]  # type: ignore[attr-defined]


def test_phrase_matches_its_words_in_order_only(engine: Library) -> None:
    plain = engine.search("defense ministry")
    assert "notes/undated.txt" in sources(plain)  # "ministry of defense": both words
    phrase = engine.search('"defense ministry"')
    assert sources(phrase) == ["news/seoul.md"]
    assert phrase.notes == ()
    assert "The defense ministry blocked" in phrase.results[0].passage


def test_phrase_is_highlighted_as_one_span(engine: Library) -> None:
    hit = engine.search('"defense ministry" computers').results[0]
    assert highlighted(hit) == ["defense ministry", "computers"]


def test_phrase_highlight_spans_stopwords_inside_it(engine: Library) -> None:
    hit = engine.search('"ministry of defense"').results[0]
    assert hit.source == "notes/undated.txt"
    assert highlighted(hit) == ["ministry of defense"]


def test_phrase_matching_nothing_falls_back_to_its_words(engine: Library) -> None:
    result = engine.search('"ministry defense blocked"')
    assert any("no passage holds the phrase" in note for note in result.notes)
    assert {"news/seoul.md", "notes/undated.txt"} <= set(sources(result))


def test_answer_to_a_question_with_a_quoted_phrase(engine: Library) -> None:
    result = engine.ask('Which computers did "the defense ministry" block DeepSeek on?')
    assert result.answered
    assert result.answers[0].source == "news/seoul.md"
    assert "military computers" in result.answers[0].text


def test_exclusion_leaves_out_passages_holding_the_word(engine: Library) -> None:
    plain = engine.search("ministry DeepSeek")
    assert any("military" in hit.passage for hit in plain.results)
    result = engine.search("ministry DeepSeek -military")
    assert result.results
    assert not any("military" in hit.passage.lower() for hit in result.results)
    assert result.filters.excluded == ("military",)


def test_exclusion_matches_every_form_of_the_word(engine: Library) -> None:
    result = engine.search("DeepSeek -computer")  # "computers" is the same stem
    assert result.results
    assert not any("computers" in hit.passage for hit in result.results)


def test_language_filter(engine: Library) -> None:
    result = engine.search("DeepSeek lang:fr")
    assert result.results and {hit.language for hit in result.results} == {"fr"}
    assert engine.search("DeepSeek lang:de").results == ()


def test_source_glob_and_substring(engine: Library) -> None:
    glob = engine.search("DeepSeek source:news/*.md")
    assert set(sources(glob)) == {"news/seoul.md", "news/paris.md"}
    by_name = engine.search("DeepSeek source:*.html")
    assert set(sources(by_name)) == {"news/tokyo.html"}
    substring = engine.search("DeepSeek source:notes")
    assert set(sources(substring)) == {"notes/undated.txt"}


def test_title_filter_uses_headlines_and_declared_titles(engine: Library) -> None:
    assert set(sources(engine.search("ministry title:tokyo"))) == {"news/tokyo.html"}
    assert set(sources(engine.search("DeepSeek title:briefing"))) == {"notes/undated.txt"}
    assert set(sources(engine.search("DeepSeek title:surveille"))) == {"news/paris.md"}


def test_date_filters_leave_out_undated_documents_and_count_them(engine: Library) -> None:
    after = engine.search("DeepSeek after:2025-02-01")
    assert set(sources(after)) == {"news/seoul.md", "news/tokyo.html"}
    assert after.undated_left_out == 1
    assert any("left out 1 document with no known date" in n for n in after.notes)
    before = engine.search("DeepSeek before:2025-02-06")  # strictly before: not 6 February
    assert set(sources(before)) == {"news/paris.md"}
    window = engine.search("DeepSeek after:2025-02-05 before:2025-02-07")
    assert set(sources(window)) == {"news/seoul.md"}


def test_filters_combine(engine: Library) -> None:
    result = engine.search("ministry source:news after:2025-02-01 -foreign")
    assert set(sources(result)) == {"news/seoul.md", "news/tokyo.html"}
    assert not any("foreign" in hit.passage for hit in result.results)


def test_sort_by_date_puts_the_newest_first_and_undated_last(engine: Library) -> None:
    result = engine.search("DeepSeek ministry", sort="date")
    dates = [hit.document.date if hit.document else None for hit in result.results]
    known = [d for d in dates if d]
    assert known == sorted(known, reverse=True) and len(known) >= 3
    assert dates[-1] is None and result.results[-1].source == "notes/undated.txt"
    answers = engine.ask("Which ministry blocked DeepSeek?", k=3, sort="date").answers
    answer_dates = [a.document.date if a.document and a.document.date else "" for a in answers]
    assert answer_dates == sorted(answer_dates, reverse=True)


def test_syntax_off(engine: Library) -> None:
    result = engine.search('"defense ministry" -military', syntax=False)
    assert "notes/undated.txt" in sources(result)
    assert result.notes == () and not result.filters.phrases


def test_results_carry_document_metadata(engine: Library) -> None:
    hit = engine.search("digital ministry Japan").results[0]
    assert hit.source == "news/tokyo.html"
    assert hit.document is not None
    assert (hit.document.format, hit.document.date, hit.document.language) == (
        "html", "2025-03-10", "en",
    )
    assert hit.document.title == "Tokyo weighs a DeepSeek ban"


def test_cli_json_filters_and_notes_on_stderr(news: Path) -> None:
    done = run_cli("search", "--json", "--corpus", str(news),
                   '"defense ministry" -foreign lang:en after:2025-01-01 OR')
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["filters"] == {
        "phrases": ["defense ministry"], "exclude": ["foreign"], "lang": ["en"], "source": [],
        "title": [], "after": "2025-01-01", "before": None, "undated_left_out": 1,
    }
    assert "not operators" in done.stderr and "no known date" in done.stderr
    assert data["notes"] and all(note in done.stderr for note in data["notes"])
    assert [r["source"] for r in data["results"]] == ["news/seoul.md"]
    assert data["results"][0]["document"] == {
        "title": "Seoul blocks DeepSeek", "date": "2025-02-06", "language": "en",
        "format": "markdown",
    }


def test_cli_no_syntax_and_sort(news: Path) -> None:
    done = run_cli("search", "--json", "--no-syntax", "--corpus", str(news), "DeepSeek lang:fr")
    data = json.loads(done.stdout)
    assert data["filters"]["lang"] == [] and "note" not in done.stderr
    assert len({r["source"] for r in data["results"]}) > 1
    dated = run_cli("search", "--json", "--sort", "date", "--corpus", str(news), "DeepSeek")
    dates = [r["document"]["date"] or "" for r in json.loads(dated.stdout)["results"]]
    assert dates == sorted(dates, reverse=True)
    bad = run_cli("search", "--sort", "newest", "--corpus", str(news), "DeepSeek")
    assert bad.returncode == 2


def test_cli_question_of_only_filters_is_bad_input(news: Path) -> None:
    done = run_cli("ask", "--corpus", str(news), "lang:fr after:2025-01-01")
    assert done.returncode == 2
    assert "only filters" in done.stdout + done.stderr


def test_syntax_is_documented_in_help() -> None:
    for command in ("ask", "search"):
        text = run_cli(command, "--help").stdout
        for form in ('"exact phrase"', "-word", "lang:", "source:", "title:", "after:",
                     "before:", "--no-syntax", "--sort"):
            assert form in text, (command, form)


def test_phrase_paragraphs_equal_a_read_of_every_paragraph() -> None:
    """The one-term shortcut (postings, no text read) finds what reading each paragraph does."""
    from briefing.paths import bundled_corpus
    from briefing.query.question import corpus_analyzers
    from briefing.query.restriction import _holds, analyse_phrase, phrase_doc_ids
    from briefing.text.analyzer import analyzer_for

    bundled = open_library(bundled_corpus())
    reader = bundled._reader
    assert reader is not None
    analyzers = corpus_analyzers(reader)
    paragraphs = reader.paragraphs_by_doc(list(range(reader.size)))
    for phrase in ("DeepSeek", "ministère", "ministry", "Corée", "données personnelles",
                   "data protection", "Séoul"):
        read = {
            doc_id
            for doc_id, paragraph in paragraphs.items()
            if _holds(
                analyzer_for(paragraph.language),
                tuple(t.term for t in analyzer_for(paragraph.language).analyze(phrase)),
                phrase,
                paragraph.text,
            )
        }
        analysed = analyse_phrase(phrase, analyzers)
        assert phrase_doc_ids(reader, analysed, analyzers) == read, phrase
        if phrase in ("DeepSeek", "ministère", "data protection"):
            assert read, phrase  # the comparison is not between two empty sets
