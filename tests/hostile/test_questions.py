"""Hostile questions: empty, huge, controls, scripts, metacharacters; and random ones, asked of
random small corpora (hypothesis). An answer, an abstention or a one-line error, never more."""

from __future__ import annotations

import json
import math
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import Library
from briefing.models import Answer, AskResult
from briefing.reports import SearchHit, SearchResult
from briefing.text.analyzer import analyzer_for
from briefing.text.normalize import fold
from tests.conftest import BUNDLED, open_library

from .conftest import error_line, run, unsafe_characters

# Questions that must be answered or abstained on (exit 0 or 1), never refused.
SEARCHABLE = [
    "the of and",
    "🤖 DeepSeek 🇰🇷 ?",
    "מה קרה עם DeepSeek",
    "ما هو DeepSeek",
    "\u202eDeepSeek\u202c Korea",
    "( ) [ ] * ? \" : - AND OR NOT DeepSeek",
    "DeepSeek AND (Korea OR Italy) NOT Japan*",
    "'; DROP TABLE postings; --",
    "DeepSeek\" OR 1=1 --",
    "$(rm -rf ~) `reboot` | cat && echo $HOME; DeepSeek",
    "%s %d {0} %n \\x00 \\ DeepSeek",
    "<script>alert(1)</script> DeepSeek",
    "../../etc/passwd",
    "source:../../etc/passwd DeepSeek",
    "title:\"[bold]\" lang:zz after:9999-99-99 DeepSeek",
    "deep" + "\u0301" * 50 + "seek",
    "NEAR(DeepSeek, Korea) ~ ^ $ { } | \\",
    "x" * 4000,
]
# Questions refused with a one-line error and exit code 2: (question, part of the message).
REFUSED = [
    ("", "empty"),
    ("   \t ", "empty"),
    ("?!.,;:()[]{}", "no words"),
    ("-", "no words"),
    ("\x1b[2J", "empty"),
    ("\u202e\u202c", "empty"),
    ("x" * 4001, "4,000"),
]


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment whose cache already holds the bundled corpus's index."""
    env = {"BRIEFING_CACHE_DIR": str(tmp_path_factory.mktemp("warm-cache"))}
    assert run("index", env=env).returncode == 0
    return env


def test_strange_questions_are_searched(warm: dict[str, str]) -> None:
    done = run("ask", "--json", stdin="\n".join(SEARCHABLE) + "\n", env=warm)
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(SEARCHABLE)
    for question, result in zip(SEARCHABLE, results, strict=True):
        assert result["error"] is None, (question, result["error"])
        assert all(unsafe_characters(text) == [] for text in _json_strings(result)), question
    assert all(line.startswith("briefing: note: ") for line in done.stderr.splitlines())
    assert results[0]["searched_terms"] == ["the", "of", "and"]  # stopwords alone: searched


@pytest.mark.parametrize("question", [SEARCHABLE[5], SEARCHABLE[9]])
def test_strange_questions_as_arguments(warm: dict[str, str], question: str) -> None:
    for command in ("ask", "search"):
        done = run(command, question, env=warm)
        assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
        assert unsafe_characters(done.stdout) == [] and unsafe_characters(done.stderr) == []
        assert "Traceback" not in done.stderr


@pytest.mark.parametrize(("question", "fragment"), REFUSED, ids=range(len(REFUSED)))
def test_hopeless_questions_are_one_line_errors(question: str, fragment: str) -> None:
    assert fragment in error_line(run("ask", question))
    assert fragment in error_line(run("search", question))


def test_controls_nul_and_a_megabyte_line_in_batch_mode(warm: dict[str, str]) -> None:
    lines = [
        "DeepSeek\x00Korea",
        "\x00\x01\x02",
        "Which \x1b[31mcountries\x1b[0m banned DeepSeek from government devices?",
        "\x7f\x07 DeepSeek",
        "y" * (1 << 20),
        "What did LG Uplus issue?",
    ]
    done = run("ask", "--json", stdin="\n".join(lines) + "\n", env=warm)
    results = [json.loads(line) for line in done.stdout.splitlines()]
    assert len(results) == len(lines)
    assert [r["error"] is not None for r in results] == [False, True, False, False, True, False]
    assert "1,048,576" in results[4]["error"]
    assert results[2]["question"] == "Which countries banned DeepSeek from government devices?"
    assert results[2]["answered"] and results[5]["answered"]
    assert done.returncode == 2  # a bad line in the batch
    for result in results:
        assert all(unsafe_characters(text) == [] for text in _json_strings(result))
    plain = run("ask", stdin="\n".join(lines) + "\n", env=warm)
    assert max(len(line) for line in plain.stdout.splitlines()) < 1000  # the echo is cut
    assert "Traceback" not in plain.stderr and unsafe_characters(plain.stdout) == []


def _json_strings(value: object) -> list[str]:
    from .conftest import strings

    return list(strings(value))


# --- properties over random questions and random small corpora ---------------------------

_WORDS = (
    "Samsung Seoul DeepSeek chatbot ban ministry privacy data laptop ferry Busan "
    "gouvernement minist\u00e8re donn\u00e9es s\u00e9curit\u00e9 interdit Cor\u00e9e "
    "the of and a le la les des 2025 4.5% 9am U.S. l'autorit\u00e9 rock-and-roll "
    "\u4e2d\u6587 \u0645\u0631\u062d\u0628\u0627 \U0001f916"
).split()
_HOSTILE = [
    "\x1b[2J", "\x1b]52;c;eA==\x07", "\x07", "\x08", "\u202e", "[bold red]", "[/]",
    "[link=file:///etc/passwd]", "[@click=app.quit]", "\x9b1m", "\t", "\ufffd",
]
_word = st.sampled_from(_WORDS)
_noise = st.one_of(
    st.sampled_from(_HOSTILE),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"),
        max_size=8,
    ),
)
_sentence = st.lists(st.one_of(_word, _word, _word, _noise), min_size=1, max_size=14).map(
    lambda parts: " ".join(parts).strip() + "."
)
_paragraph = st.lists(_sentence, min_size=1, max_size=4).map(" ".join)
_document = st.lists(_paragraph, min_size=1, max_size=4).map(lambda ps: "\n\n".join(ps) + "\n")
_corpus = st.lists(_document, min_size=1, max_size=4)
_question = st.one_of(
    st.lists(st.one_of(_word, _noise), min_size=1, max_size=6).map(" ".join),
    st.text(max_size=40),
    st.sampled_from([q for q in SEARCHABLE if len(q) < 200]),
)


def _variants(result_terms: tuple[str, ...], languages: set[str | None]) -> set[str]:
    return {
        analyzer_for(language).stem(fold(term))
        for term in result_terms
        for language in languages | {None}
    }


def _check_spans(
    passage: str, highlights: tuple[tuple[int, int], ...], language: str | None, wanted: set[str]
) -> None:
    assert unsafe_characters(passage) == []
    previous = -1
    for start, end in highlights:
        assert 0 <= start < end <= len(passage)
        assert start > previous  # sorted and not overlapping
        previous = end - 1
        terms = {t.term for t in analyzer_for(language).analyze(passage[start:end], True)}
        assert terms & wanted, (passage[start:end], wanted)


def _check_answers(result: AskResult, wanted: set[str]) -> None:
    answers: tuple[Answer, ...] = result.answers
    assert all(math.isfinite(a.score) for a in (*answers, *result.weak))
    assert [a.score for a in answers] == sorted((a.score for a in answers), reverse=True)
    for answer in (*answers, *result.weak):
        assert answer.text == answer.passage[answer.start : answer.end]
        assert 0 <= answer.start < answer.end <= len(answer.passage)
        _check_spans(answer.passage, answer.highlights, answer.language, wanted)
        for label in (answer.title, answer.section):
            assert label is None or unsafe_characters(label) == []


def _check_hits(result: SearchResult, wanted: set[str]) -> None:
    hits: tuple[SearchHit, ...] = result.results
    assert all(math.isfinite(h.score) and h.score > 0 for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    for hit in hits:
        _check_spans(hit.passage, hit.highlights, hit.language, wanted)


def _ask_and_search(engine: Library, question: str) -> None:
    """An answer or an abstention, or a QuestionError with a one-line reason; nothing else."""
    from briefing import QuestionError

    languages: set[str | None] = set(engine.stats.languages) | {None}
    try:
        asked = engine.ask(question, k=3)
    except QuestionError as error:
        assert "\n" not in str(error) and unsafe_characters(error.question) == []
        with pytest.raises(QuestionError, match=re.escape(str(error))):
            engine.search(question, n=5)  # the same reason from every door
        return
    assert unsafe_characters(asked.question) == []
    _check_answers(asked, _variants(asked.searched_terms, languages))
    found = engine.search(question, n=5)
    _check_hits(found, _variants(found.searched_terms, languages))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(documents=_corpus, questions=st.lists(_question, min_size=1, max_size=4))
def test_random_questions_of_random_corpora(documents: list[str], questions: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for number, text in enumerate(documents):
            Path(folder, f"doc{number}.txt").write_text(text, encoding="utf-8")
        try:
            engine = open_library(Path(folder))
        except Exception as error:  # only "nothing could be indexed" is allowed
            from briefing import CorpusError

            assert isinstance(error, CorpusError), error
            return
        try:
            for question in questions:
                _ask_and_search(engine, question)
        finally:
            engine.close()


@pytest.fixture(scope="module")
def bundled_engine(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """The bundled corpus, opened once for every example (its cache in a folder of its own)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(tmp_path_factory.mktemp("bundled-cache")))
        return open_library(BUNDLED)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(question=_question)
def test_random_questions_of_the_bundled_corpus(
    bundled_engine: Library, question: str
) -> None:
    _ask_and_search(bundled_engine, question)
