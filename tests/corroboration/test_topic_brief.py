"""The briefing of a topic: its facts hold the topic's words, filters alone are a topic, and
a topic that matches nothing says so, in the API, the plain output and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import Library, QuestionError
from briefing.text.analyzer import analyzer_for
from briefing.text.tokenize import iter_tokens
from tests.conftest import open_library, run_cli


def _stems(text: str, language: str | None) -> set[str]:
    stem = analyzer_for(language).stem
    return {stem(surface) for surface, _, _, _ in iter_tokens(text)}


def _holds(text: str, language: str | None, topic: str) -> bool:
    """Whether a sentence holds every word of a topic after analysis (folded and stemmed in
    the sentence's language): "ministries" holds "ministry"."""
    return _stems(topic, language) <= _stems(text, language)


def test_every_fact_of_a_topic_holds_its_words(bundled_engine: Library) -> None:
    for topic in ("Kakao", "ministry", "government devices"):
        briefing = bundled_engine.brief(topic)
        assert briefing.facts, topic
        for fact in briefing.facts:
            assert _holds(fact.text, fact.language, topic), (topic, fact.text)
    whole = bundled_engine.brief()
    assert any(not _holds(f.text, f.language, "Kakao") for f in whole.facts)


def test_a_topic_brings_its_conflicts_and_actors(bundled_engine: Library) -> None:
    briefing = bundled_engine.brief("Australia")
    assert any("Australia and Taiwan" in f.text for f in briefing.facts)
    texts = {v.text for c in briefing.conflicts for v in c.versions}
    assert texts == {"Australia and Taiwan", "Australia and Japan"}
    assert "Australia" in {a.name for a in briefing.actors}
    # Each fact on a side of it carries it, as in the briefing of the whole folder.
    sided = [f for f in briefing.facts if "Australia and" in f.text]
    assert sided and all(f.conflict is not None for f in sided)
    quiet = bundled_engine.brief("Kakao")
    assert quiet.conflicts == ()
    assert "Kakao" in {a.name for a in quiet.actors}


def test_filters_alone_are_a_topic(factories: Path) -> None:
    library = open_library(factories)
    north = library.brief("source:north/", n=20)
    assert north.facts
    assert all(f.source.startswith("north/") for f in north.facts)
    # A fact told in the north is reported by the south too: its sources say so.
    assert any(any(s.source.startswith("south/") for s in f.sources) for f in north.facts)
    done = run_cli("brief", "--corpus", str(factories), "source:south/")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Briefing: the ")


def test_a_topic_matching_nothing(factories: Path) -> None:
    library = open_library(factories)
    nothing = library.brief("zzqxv")
    assert nothing.facts == () and nothing.actors == () and nothing.conflicts == ()
    assert library.brief("source:nowhere/").facts == ()
    done = run_cli("brief", "--corpus", str(factories), "zzqxv")
    assert done.returncode == 1
    assert done.stdout == "No passages match 'zzqxv'.\n"
    done = run_cli("brief", "--corpus", str(factories), "--json", "zzqxv")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert (data["facts"], data["actors"], data["conflicts"]) == ([], [], [])
    assert data["passages"] == 0 and nothing.passages == 0


def test_a_topic_without_words_is_bad_input(factories: Path) -> None:
    # As a question without words: one line on stderr, exit 2, and with --json the brief's
    # usual object, empty, with the error (README: exit codes).
    library = open_library(factories)
    with pytest.raises(QuestionError, match="the topic has no words to search"):
        library.brief('"?"')
    done = run_cli("brief", "--corpus", str(factories), '"?"')
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == "briefing: error: the topic has no words to search\n"
    done = run_cli("brief", "--corpus", str(factories), "--json", "x" * 5000)
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "facts": [], "actors": [], "conflicts": [], "passages": 0,
        "error": "the topic is 5,000 characters long; the limit is 4,000",
    }


def test_a_topic_s_actors_are_its_own_however_rare_in_the_folder(tmp_path: Path) -> None:
    """Sixty people named in two files each outrank the one the topic's file names: the
    topic's key actors are still those its facts' files name."""
    folder = tmp_path / "many"
    folder.mkdir()
    given = ["Alba", "Bruno", "Carla", "Dario", "Elena", "Fabio", "Gina", "Hugo", "Ines", "Lino"]
    family = ["Rossi", "Bianchi", "Greco", "Conti", "Marino", "Gallo"]
    people = [f"{first} {last}" for first in given for last in family]
    for number, person in enumerate(people):
        for copy in range(2):
            (folder / f"p{number:02d}_{copy}.txt").write_text(
                f"{person} opened a bakery on Via Roma number {number} in {copy + 2} weeks.\n",
                encoding="utf-8")
    (folder / "topic.txt").write_text(
        "Orsolina Quaglia won the regional chess championship on Sunday in Ferrara.\n",
        encoding="utf-8")
    briefing = open_library(folder).brief("chess championship")
    assert {a.name for a in briefing.actors} == {"Orsolina Quaglia", "Ferrara"}
