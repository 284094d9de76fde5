"""Corroboration on small corpora the tests write: a planted conflict, a wire copy, actors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import open_library, run_cli

FLOODS = {
    "wire_en.txt": (
        "Floods in Lyon killed 12 people on Tuesday, the regional prefecture said.\n\n"
        "Rescue teams evacuated hundreds of residents from the old town overnight.\n\n"
        "The mayor, Grégory Doucet, asked residents to stay at home until Friday."
    ),
    "daily_en.txt": (
        # A near copy: an identical short paragraph in two files would be boilerplate.
        "Rescue teams evacuated hundreds of residents from the old town during the night.\n\n"
        "Twelve people died, and 12 people were killed in Lyon by the floods, officials said "
        "on Tuesday.\n\n"
        "The Ministry of Environment blocked access to the river banks on Thursday."
    ),
    "journal_fr.txt": (
        "Les inondations à Lyon ont fait 15 morts mardi, a indiqué la préfecture régionale.\n\n"
        "Les secours ont évacué des centaines d'habitants de la vieille ville pendant la nuit.\n\n"
        "Le maire, Grégory Doucet, a demandé aux habitants de rester chez eux jusqu'à vendredi."
    ),
    "agency_en.txt": (
        "The Ministry of Industry blocked access to the river banks on Wednesday.\n\n"
        "However, the regional prefecture did not give a reason for the closures."
    ),
}


@pytest.fixture
def floods(tmp_path: Path) -> Path:
    folder = tmp_path / "floods"
    folder.mkdir()
    for name, text in FLOODS.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    return folder


def test_the_planted_numeric_conflict_is_flagged(floods: Path) -> None:
    engine = open_library(floods)
    briefing = engine.brief(8)
    assert len(briefing.conflicts) == 1
    # Each version is labelled as one of its sentences writes it: "12" or "Twelve".
    versions = {v.text.split()[0].replace("Twelve", "12"): set(v.sources)
                for v in briefing.conflicts[0].versions}
    assert versions == {"12": {"wire_en.txt", "daily_en.txt"}, "15": {"journal_fr.txt"}}
    # A question about the toll carries the disagreement with its answer.
    result = engine.ask("How many people did the floods in Lyon kill?")
    assert result.answered and len(result.conflicts) == 1


def test_a_fact_is_corroborated_across_languages_and_copies(floods: Path) -> None:
    engine = open_library(floods)
    result = engine.ask("Who evacuated residents from the old town?")
    assert result.answered
    best = result.answers[0]
    assert {s.source for s in best.sources} == {"wire_en.txt", "daily_en.txt", "journal_fr.txt"}
    assert best.source_count == 3
    # The wire copy is merged into one answer, never listed twice.
    assert sum("evacuated" in a.text for a in result.answers) == 1
    mayor = engine.ask("What did the mayor Grégory Doucet ask residents?")
    assert {"wire_en.txt", "journal_fr.txt"} <= {s.source for s in mayor.answers[0].sources}


def test_two_ministries_doing_the_same_thing_are_two_facts(floods: Path) -> None:
    engine = open_library(floods)
    facts = engine.brief(20).facts
    ministries = [f for f in facts if "Ministry of" in f.text]
    assert len(ministries) == 2
    assert all(f.source_count == 1 and f.conflict is None for f in ministries)
    names = {a.name for a in engine.brief(8).actors}
    assert {"Lyon", "Grégory Doucet"} <= names and "However" not in names


def test_brief_command_plain_and_json(floods: Path) -> None:
    done = run_cli("brief", "--corpus", str(floods))
    assert done.returncode == 0, done.stderr
    assert "reported by 3 of 4 sources: agency" not in done.stdout
    assert "reported by 3 of 4 sources: daily, journal (fr), wire" in done.stdout
    # Each version on one line, its sentence cut around the value, set apart when piped.
    assert re.search(r"(killed »12«|»Twelve«) people", done.stdout) and "»15« morts" in done.stdout
    assert "(journal fr)" in done.stdout and "(daily, wire)" in done.stdout
    done = run_cli("brief", "--corpus", str(floods), "--json", "-n", "2")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) == {"facts", "actors", "conflicts", "passages", "error"}
    assert data["error"] is None and data["passages"] is None
    assert len(data["facts"]) == 2
    fact = data["facts"][0]
    assert set(fact) == {"text", "source", "paragraph", "score", "source_count", "sources"}
    assert set(fact["sources"][0]) == {"source", "paragraph", "text", "language"}
    assert fact["score"] >= data["facts"][1]["score"]
    assert set(data["actors"][0]) == {"name", "source_count", "sources"}
    assert data["conflicts"][0]["versions"][0]["sources"]


def test_brief_command_errors(tmp_path: Path) -> None:
    done = run_cli("brief", "--corpus", str(tmp_path / "missing"))
    assert done.returncode == 2 and done.stderr.startswith("briefing: error:")
    done = run_cli("brief", "-n", "0")
    assert done.returncode == 2


def test_a_version_spread_over_many_files_names_twelve_and_counts_all(tmp_path: Path) -> None:
    folder = tmp_path / "wire"
    folder.mkdir()
    towns = ["Annecy", "Brest", "Caen", "Dijon", "Evian", "Foix", "Gap", "Hyeres", "Istres",
             "Jarnac", "Laval", "Melun", "Nancy", "Orange"]
    for number, town in enumerate(towns):
        (folder / f"copy_{number:02d}.txt").write_text(
            "Floods in Lyon killed 12 people on Tuesday, the regional prefecture said. "
            f"Our correspondent in {town} sent this report.\n",
            encoding="utf-8",
        )
    (folder / "journal_fr.txt").write_text(FLOODS["journal_fr.txt"] + "\n", encoding="utf-8")
    result = open_library(folder).ask("How many people did the floods in Lyon kill?")
    assert len(result.conflicts) == 1
    wide, narrow = result.conflicts[0].versions  # most sources first
    assert wide.count == 14 and len(wide.sources) == 12 == len(wide.languages)
    assert list(wide.sources) == sorted(wide.sources)
    assert narrow.sources == ("journal_fr.txt",) and narrow.count == 1
    done = run_cli("ask", "--corpus", str(folder), "How many people did the floods kill?")
    assert "+2 more" in done.stdout
    done = run_cli("ask", "--json", "--corpus", str(folder), "How many did the floods kill?")
    version = json.loads(done.stdout)["conflicts"][0]["versions"][0]
    assert version["source_count"] == 14 and len(version["sources"]) == 12


UNRELATED = {
    "museum.txt": (
        "The museum opened on 22 June 1857 under its first director, Henry Cole.\n\n"
        "Other painters in its collection include Bernardino Fungai, Marcus Gheeraerts, Domenico "
        "Beccafumi, Fioravante Ferramola, Jan Brueghel, Anthony van Dyck, Ludovico Carracci, "
        "Antonio Verrio, Giovanni Tiepolo, Francis Hayman, Pompeo Batoni and Benjamin West.\n\n"
        "Its galleries were rebuilt after a fire."
    ),
    "harbour.txt": (
        "Engineers at Portmere dredged the harbour in 1911 to take larger steamers.\n\n"
        "Fishing boats still land their catch on the old quay every morning."
    ),
    "match.txt": (
        "Celtic beat Hibernian 3-1 at Hampden Park on Saturday, with two goals from Henrik "
        "Larsson.\n\n"
        "The crowd was the largest of the season."
    ),
}


def test_a_list_of_names_is_no_precise_fact(tmp_path: Path) -> None:
    # In a folder of unrelated articles no fact has a second source, so how precisely each
    # says who did what when decides their order: a fact names a few things, and a list of
    # twelve painters is no more precise than one naming a director and a date.
    folder = tmp_path / "unrelated"
    folder.mkdir()
    for name, text in UNRELATED.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    with open_library(folder) as library:
        facts = [fact.text for fact in library.brief().facts]
    assert facts and not facts[0].startswith("Other painters"), facts


STANDING_ALONE = {
    "one.txt": "Heavy snow in Cardiff closed 40 schools on Monday, the city council said.\n\n"
               "Gritting teams worked through the night on the main roads.",
    "two.txt": "They closed 40 schools in Cardiff on Monday after heavy snow, the city council "
               "said.\n\nParents were told to check the council website.",
    "three.txt": "These closures of 40 Cardiff schools on Monday followed heavy snow, the city "
                 "council said.",
    "four.txt": "It signed a £3m deal with Siemens for 12 new trams in Sheffield on Friday.",
    "five.txt": "It signed a £3m contract with Siemens for 12 new trams in Sheffield on Friday.",
}


def test_a_fact_is_shown_by_a_sentence_that_stands_alone(tmp_path: Path) -> None:
    """A fact is read alone: not by "They closed..." when "Heavy snow closed..." states it,
    and not at all when every sentence stating it points back ("It signed...")."""
    folder = tmp_path / "alone"
    folder.mkdir()
    for name, text in STANDING_ALONE.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    engine = open_library(folder)
    facts = engine.brief(8).facts
    schools = [f for f in facts if "40" in f.text]
    assert len(schools) == 1 and schools[0].text.startswith("Heavy snow in Cardiff")
    assert schools[0].source_count == 3
    assert not [f for f in facts if "Siemens" in f.text]
    # The pointing sentences are facts all the same: an answer still cites them.
    assert engine.ask("How many trams did Siemens sell to Sheffield?").answers[0].source_count == 2
    topic = engine.brief("schools Cardiff").facts
    assert [f.text.split()[0] for f in topic] == ["Heavy"]
    # A topic whose passages state no fact that reads alone says so, not that none matched.
    trams = engine.brief("Siemens trams")
    assert trams.facts == () and trams.passages == 2
    done = run_cli("brief", "--corpus", str(folder), "Siemens trams")
    assert done.returncode == 1
    assert done.stdout.startswith("No facts in the 2 passages matching 'Siemens trams'")


TWO_STORIES = {
    # One story told by three articles, two facts each; another told by two.
    "a1.txt": "Antwerp dockers strike\n\nDockers at the port of Antwerp walked out on Monday in "
              "a 48-hour strike over the pension reform.\n\nShipping lines diverted 40 container "
              "ships to Rotterdam during the strike, the port authority said.",
    "a2.txt": "Strike shuts Belgian port\n\nA 48-hour strike by dockers over the pension reform "
              "shut the port of Antwerp on Monday.\n\nThe port authority said 40 container ships "
              "were diverted to Rotterdam during the strike.",
    "a3.txt": "Port of Antwerp at a standstill\n\nAntwerp dockers began a 48-hour strike on "
              "Monday against the pension reform, unions said.\n\nAccording to the port "
              "authority, 40 container ships were sent to Rotterdam during the strike.",
    "b1.txt": "Snow in Oslo\n\nHeavy snow closed 200 schools in Oslo on Tuesday, the city "
              "council said.",
    "b2.txt": "Oslo schools shut\n\nThe city council said heavy snow had closed 200 schools in "
              "Oslo on Tuesday.",
}


# Stories of their own, one fact each: in a folder of 13 articles, three that tell both strike
# facts are one story (by chance 1 in 286); in one of 5 they might not be (1 in 10).
OTHER_STORIES = [
    "The museum in Bergen opened a new wing devoted to Viking ships on Saturday.",
    "A Dutch court fined the chemicals maker Akzo 3 million euros for polluting the Rhine.",
    "Portugal's parliament approved a law lowering the voting age to 16 in local elections.",
    "The Finnish airline Finnair ordered eight long-haul aircraft from Airbus.",
    "Scientists in Uppsala mapped the genome of an ancient strain of barley.",
    "The mayor of Lisbon unveiled plans for a cable car across the Tagus estuary.",
    "Iceland's central bank raised its main lending rate to 9% to curb inflation.",
    "A Polish film about coal miners won the top prize at the Gdynia festival.",
]


@pytest.mark.parametrize("others", [OTHER_STORIES, []])
def test_a_brief_tells_another_story_before_a_second_fact_of_one(
    tmp_path: Path, others: list[str]
) -> None:
    """The strike's second fact has more sources than the snow, but the same three articles
    tell both strike facts: among many stories the brief tells the snow before the strike
    again. In a folder of five articles, sharing three proves nothing: the score decides."""
    folder = tmp_path / "stories"
    folder.mkdir()
    for name, text in TWO_STORIES.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    for number, text in enumerate(others):
        (folder / f"other{number}.txt").write_text(f"News\n\n{text}\n", encoding="utf-8")
    facts = open_library(folder).brief(3).facts
    if others:
        assert [f.source_count for f in facts] == [3, 2, 3]
        assert "snow" in facts[1].text and "ships" in facts[2].text
    else:
        assert [f.source_count for f in facts] == [3, 3, 2]


def test_a_topic_brief_tells_another_story_before_a_second_fact_of_one(tmp_path: Path) -> None:
    """"port": the strike's two facts (three articles each) and Hamburg's terminal (two):
    the topic's brief tells Hamburg before the strike again, as the folder's brief would."""
    folder = tmp_path / "stories"
    folder.mkdir()
    hamburg = {
        "hamburg1.txt": "Hamburg expands\n\nThe port of Hamburg opened a new container "
                        "terminal on Friday, the city said.",
        "hamburg2.txt": "New terminal\n\nA new container terminal opened at the port of "
                        "Hamburg on Friday, the city said.",
    }
    others = {f"other{i}.txt": f"News\n\n{text}" for i, text in enumerate(OTHER_STORIES)}
    for name, text in {**TWO_STORIES, **hamburg, **others}.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    facts = open_library(folder).brief("port", n=2).facts
    assert [f.source_count for f in facts] == [3, 2]
    assert "Hamburg" in facts[1].text


WIRE = {
    "001.txt": (
        "OPEC AGREES TO CUT OUTPUT BY ONE MLN BPD\n\n"
        "VIENNA, March 4 - OPEC ministers agreed on Friday to cut crude oil output by one mln "
        "barrels per day from April 1, the cartel's president said.\n\n"
        "THE CUT WAS AGREED AFTER TWO DAYS OF TALKS IN VIENNA, DELEGATES SAID.\nREUTER"
    ),
    "002.txt": (
        "OPEC TO REDUCE PRODUCTION BY 1.5 MLN BPD - DELEGATES\n\n"
        "VIENNA, March 4 (Reuters) - OPEC ministers agreed on Friday to cut crude oil output by "
        "1.5 mln barrels per day from April 1, delegates said.\n\n"
        "Oil prices rose more than two dlrs a barrel after the decision was announced.\nREUTER"
    ),
    "003.txt": (
        "GENERAL MOTORS TO CUT 5,000 JOBS IN EUROPE\n\n"
        "DETROIT, March 5 - General Motors Corp said on Monday it would cut 5,000 jobs in Europe "
        "over the next two years to reduce costs at its loss-making Opel unit.\nREUTER"
    ),
    "004.txt": (
        "GM SAYS TO SHED 12,000 EUROPEAN JOBS\n\n"
        "FRANKFURT, March 5 - General Motors Corp said on Monday it would cut 12,000 jobs in "
        "Europe over the next two years to reduce costs at its loss-making Opel unit.\nREUTER"
    ),
    "005.txt": (
        "JAPAN'S TRADE SURPLUS WIDENS IN FEBRUARY\n\n"
        "TOKYO, MARCH 9 - JAPAN'S TRADE SURPLUS ROSE TO 8.14 BILLION DLRS IN FEBRUARY FROM 6.73 "
        "BILLION IN JANUARY, THE FINANCE MINISTRY SAID.\nREUTER"
    ),
    "006.txt": (
        "Japan trade surplus up in February\n\n"
        "TOKYO, March 9 (Reuters) - Japan's trade surplus rose to 8.14 billion dollars in "
        "February from 6.73 billion dollars in January, the Finance Ministry said on Monday."
    ),
}


def test_wire_copy_conflicts_on_its_values_whatever_its_datelines(tmp_path: Path) -> None:
    """Agency copy: 'mln' is a million, a dateline is no part of the claim, a sentence in
    capitals names nobody by its capitals, and a rank opens a company's name."""
    folder = tmp_path / "wire"
    folder.mkdir()
    for name, text in WIRE.items():
        (folder / name).write_text(text + "\n", encoding="utf-8")
    briefing = open_library(folder).brief(8)
    versions = {frozenset(v.text for v in c.versions) for c in briefing.conflicts}
    assert versions == {frozenset({"one mln", "1.5 mln"}), frozenset({"5,000", "12,000"})}
    actors = {a.name for a in briefing.actors}
    assert {"OPEC", "General Motors Corp"} <= actors  # as written, its company form kept
    assert not {"VIENNA", "DETROIT", "FRANKFURT", "DELEGATES", "Motors"} & actors
    # The story told in capitals and in ordinary case is one fact, shown in ordinary case.
    japan = next(f for f in briefing.facts if "8.14" in f.text)
    assert japan.source_count == 2 and japan.text.startswith("TOKYO, March 9 (Reuters)")
