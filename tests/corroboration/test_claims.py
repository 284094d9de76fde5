"""What makes two sentences one claim, on sentences of the BBC News collection: who said it and
to whom is no claim, a stock phrase corroborates nothing, different subjects are two facts;
lists and values disagree only about one event; actors are names, merged where one name is
written several ways."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from briefing.corroboration.actors import rank_actors
from briefing.corroboration.anchors import analyse
from briefing.corroboration.conflicts import detail
from briefing.corroboration.similarity import (
    Weighted,
    contradict,
    contrast,
    corroborates,
    disagree,
    feature_weights,
    numbers_differ,
    similarity,
    weighted,
)
from briefing.corroboration.state import NodeInfo, NodeInfos
from tests.conftest import open_library


def _weighed(*texts: str) -> tuple[list[Weighted], dict[str, float]]:
    found = [analyse(text, "en") for text in texts]
    weights = feature_weights(found)
    return [weighted(a, weights) for a in found], weights


def _corroborate(x: str, y: str) -> bool:
    (a, b), weights = _weighed(x, y)
    return corroborates(a, b, weights)


def test_the_outlet_told_is_no_anchor_and_the_speaker_is_marked() -> None:
    told = analyse('"All credit to them," he told BBC Sport.', "en")
    assert not told.mentions and not told.numbers  # "BBC Sport" is where it was said
    radio = analyse("He told BBC Radio 4's Today programme: \"The sooner we get on with this, "
                    "the better.\"", "en")
    assert not radio.numbers and not any("programm" in f for f in radio.local)
    spoken = analyse("Conservative shadow foreign secretary Michael Ancram said the move would "
                     "be \"profoundly wrong\".", "en")
    assert "n:michael ancram" in spoken.names and "n:michael ancram" in spoken.spoken
    assert "s:en:wrong" not in spoken.spoken
    according = analyse("The foreign ministry has limited access to DeepSeek, according to "
                        "Yonhap News Agency.", "en")
    assert "n:yonhap news agency" in according.spoken


def test_stock_phrases_and_speakers_corroborate_nothing() -> None:
    generic = [
        ("I'm looking forward to it.",
         "\"We're looking forward to rocking the millions at home and in the stadium.\""),
        ("\"All credit to them,\" he told BBC Sport.",
         "\"I'm so happy,\" a tearful Claxton told BBC Sport."),
        ("He told BBC Radio 4's Today programme: \"The sooner we get on with this, the better.\"",
         "Lord Falconer told BBC Radio 4's Today programme he hoped voluntary mediation could "
         "help."),
        ("\"We're in a difficult situation.", "\"This situation has to change."),
        ("Conservative shadow foreign secretary Michael Ancram said the move would be "
         "\"profoundly wrong\".",
         "Conservative shadow foreign secretary Michael Ancram said the referendum question "
         "\"seems straightforward\"."),
        ("The next generation of consoles, however, are expected to start appearing at the end "
         "of 2005, start of 2006.", "The wrangling could stretch into 2005, even 2006."),
    ]
    for x, y in generic:
        assert not _corroborate(x, y), (x, y)
    same = [
        ("The election is expected on 5 May.",
         "Most commentators have been expecting an election on 5 May."),
        ("Yukos claims that it is being punished for the political ambitions of its founder, "
         "Mikhail Khodorkovsky, who is now in jail facing separate fraud charges.",
         "Yukos claims its downfall was punishment for the political ambitions of its founder "
         "Mikhail Khodorkovsky."),
        ("Shareholders lost about $180bn when the company collapsed, while 20,000 workers lost "
         "their jobs.", "When the firm finally collapsed, shareholders lost about $180bn and "
         "20,000 workers lost their jobs."),
    ]
    for x, y in same:
        assert _corroborate(x, y), (x, y)


def test_different_subjects_are_two_facts() -> None:
    taylor = analyse("Simon Taylor has been named in the Scotland squad for Saturday's Six "
                     "Nations clash with Italy.", "en")
    murray = analyse("Euan Murray has been named in the Scotland training squad after an "
                     "eight-week ban, ahead of Saturday's Six Nations clash.", "en")
    assert taylor.subjects == ("n:simon taylor",)
    assert disagree(taylor, murray) and contradict(contrast(taylor), contrast(murray))
    # A surname is its full name: "Arnold" is "Andrea Arnold".
    arnold = analyse("Arnold's film Wasp won the best live action short film award.", "en")
    andrea = analyse("The UK's Andrea Arnold won the short film award for her gritty drama "
                     "Wasp.", "en")
    assert not disagree(arnold, andrea)


def test_counts_of_one_thing_disagree_whatever_else_they_count() -> None:
    cut = analyse("Dunmore Textiles will cut 500 jobs over the next two years.", "en")
    more = analyse("Dunmore Textiles will cut 550 jobs over the next two years.", "en")
    assert numbers_differ(cut, more) is not None
    assert contradict(contrast(cut), contrast(more))
    same = analyse("Over the next two years Dunmore Textiles will cut 500 jobs.", "en")
    assert numbers_differ(cut, same) is None


def test_dates_and_slips_are_no_counts() -> None:
    dates = analyse("Halo 2 was released in the US on 9 November and in the UK on 11 November.",
                    "en")
    assert {v.kind for v in dates.numbers} == {"count", "date"}
    assert {v.amount for v in dates.numbers if v.kind == "date"} == {"11-09", "11-11"}
    slip = analyse("Some expects believe this could require borrowing of up to $4.5bn trillion.",
                   "en")
    assert slip.numbers == ()


def _conflict(x: str, y: str) -> tuple[str, str] | None:
    (a, b), weights = _weighed(x, y)
    found = detail(a.anchors, b.anchors, x, y, similarity(a, b, weights))
    return None if found is None else (found[0][1], found[1][1])


def test_lists_disagree_only_about_one_event() -> None:
    assert _conflict(
        "This week, both Australia and Taiwan have prohibited DeepSeek from all government "
        "devices due to fears that the Chinese AI startup may pose security threats.",
        "DeepSeek has also been banned from government computers in Australia and Japan, while "
        "Italy has gone as far as banning the app entirely.",
    ) == ("Australia and Taiwan", "Australia and Japan")
    different_events = [
        ("The Conservatives and Lib Dems said the pledges - set to underpin Labour's election "
         "campaign - were \"worthless\".",
         "But a UKIP spokesman said Labour and the Conservatives had spent £10m between them on "
         "the last general election."),
        ("The report reveals that 84% of net users say they regularly use Google, Ask Jeeves, "
         "MSN and Yahoo when online.",
         "The firm is following in the footsteps of Microsoft, Google and Ask Jeeves, which "
         "have offered similar services."),
        # Casts of one film, named in part: not one name put for another.
        ("Meet The Fockers is the sequel to Ben Stiller comedy Meet The Parents, also starring "
         "Robert De Niro, Blythe Danner, Dustin Hoffman and Barbra Streisand.",
         "Hoffman is in the UK to publicise his new comedy, Meet the Fockers, which also stars "
         "Robert De Niro, Barbra Streisand and Ben Stiller."),
        ("Kenteris, 31, who won the men's 200m title at the 2000 Sydney Games and Thanou, 30, "
         "who won the women's 100m silver medal in Sydney, face a maximum two-year ban.",
         "Kenteris, who won Olympic 200m gold at the 2000 Olympics, and Thanou were suspended "
         "by the IAAF last December."),
    ]
    for x, y in different_events:
        assert _conflict(x, y) is None, (x, y)


def test_values_disagree_only_between_reports_naming_the_same_entities() -> None:
    assert _conflict(
        "The other main US mortgage firm Freddie Mac restated earnings by $5bn (£2.6bn) last "
        "year after a probe of its books.",
        "Freddie Mac, the country's other largest mortgage firm, was forced to restate its "
        "earnings by $4.4bn last year and pay a $125m fine after an investigation of its books.",
    ) == ("$5bn", "$4.4bn")
    assert _conflict(  # a box office and a ticket price: nothing names what they measure
        "It took $40.8m (£21m) in weekend ticket sales, according to studio estimates.",
        "Weekend tickets are now on sale priced at £125 each.",
    ) is None


def _actors(mentions: list[tuple[str, str, int]]) -> list[tuple[str, int]]:
    """rank_actors over sentences each naming one name (key, as written) in some files."""
    nodes, files = [], []
    for key, written, file in mentions:
        nodes.append(NodeInfo("en", ((key, written, True),), (), 1.0))
        files.append(file)
    sources = [f"{i:03d}.txt" for i in range(100)]
    found = rank_actors(NodeInfos.of(nodes), np.arange(len(nodes)), np.array(files), sources,
                        "en", 50)
    return [(a.name, len(a.sources)) for a in found]


def _mentioned(*names: tuple[str, str, range]) -> list[tuple[str, str, int]]:
    """(key, as written, file) of each name in each of its files."""
    return [(key, written, file) for key, written, files in names for file in files]


def test_forms_of_one_name_are_one_actor() -> None:
    mentions = _mentioned(
        ("n:tory", "Tory", range(0, 10)), ("n:tories", "Tories", range(5, 16)),
        ("n:BBC", "BBC", range(20, 30)), ("n:BBC news", "BBC News", range(30, 34)),
        ("n:microsoft", "Microsoft", range(40, 60)),
        ("n:december microsoft", "December Microsoft", range(60, 61)),
        ("n:williams", "Williams", range(70, 76)), ("n:william", "William", range(80, 83)),
    )
    found = dict(_actors(mentions))
    assert found["Tories"] == 16 and "Tory" not in found
    assert found["BBC"] == 14 and "BBC News" not in found
    # Once "In December Microsoft ...": no reason to call Microsoft "December Microsoft".
    assert found["Microsoft"] == 20 and found["December Microsoft"] == 1
    assert found["Williams"] == 6 and found["William"] == 3  # never in one article


def test_a_name_alone_is_the_full_name_only_where_the_full_name_is_written() -> None:
    mentions = _mentioned(
        # A person: named in full, then by surname, in the same articles.
        ("n:tony blair", "Tony Blair", range(0, 10)), ("n:blair", "Blair", range(0, 12)),
        # A city, and in two articles a school named after it: the city is not the school.
        ("n:paris", "Paris", range(20, 35)), ("n:IEP paris", "IEP de Paris", range(20, 22)),
    )
    found = dict(_actors(mentions))
    assert found["Tony Blair"] == 12 and "Blair" not in found
    assert found["Paris"] == 15 and found["IEP de Paris"] == 2


def test_an_abbreviated_name_is_the_name_it_shortens() -> None:
    mentions = _mentioned(
        ("n:liberal democrats", "Liberal Democrats", range(0, 10)),
        ("n:lib dems", "Lib Dems", range(5, 12)), ("n:lib dem", "Lib Dem", range(8, 14)),
        ("n:new york", "New York", range(20, 30)), ("n:new yorker", "New Yorker", range(25, 28)),
    )
    found = dict(_actors(mentions))
    assert found["Liberal Democrats"] == 14 and "Lib Dems" not in found
    # "York" is two thirds of "Yorker": no abbreviation, two actors.
    assert found["New York"] == 10 and found["New Yorker"] == 3


def test_plural_acronyms_and_rosters_are_no_actors_or_facts() -> None:
    assert not analyse("MPs voted against the plan.", "en").mentions
    lineup = analyse("G Dempsey; G Murphy, B O'Driscoll (capt), S Horgan, D Hickie; R O'Gara, "
                     "P Stringer; R Corrigan, S Byrne, J Hayes, M O'Kelly.", "en")
    assert lineup.roster
    assert not analyse("Among the accused were Altria Group, RJ Reynolds Tobacco, Lorillard "
                       "Tobacco, Liggett Group and Brown and Williamson.", "en").roster


def test_a_folder_of_quotes_to_one_outlet_has_no_fact_of_many_sources(tmp_path: Path) -> None:
    quotes = ["All credit to them", "I'm so happy", "Things will be totally different this time",
              "It is absolutely not true", "We were the better side", "That was a tough game"]
    forward = ["I'm looking forward to it.", "We're looking forward to the next match.",
               "He looks forward to moving on.", "I am really looking forward to Saturday.",
               "They are looking forward to the final.", "She is looking forward to it."]
    towns = ["Aldmouth", "Brackenford", "Cinderby", "Dunhallow", "Elmstead", "Farrowby"]
    for number, quote in enumerate(quotes):
        lineup = (f"G Dempsey; G Murphy, B O'Driscoll (capt), S Horgan, D Hickie; R O'Gara, "
                  f"P Stringer; R Corrigan, S Byrne, J Hayes, M O'Kelly, P O'Connell, "
                  f"{towns[number][0]} Foley.")
        (tmp_path / f"{number}.txt").write_text(
            f"Match report {number}\n\n\"{quote},\" the captain of the {towns[number]} team "
            f"told BBC Sport after the game on the coast.\n\n{forward[number]}\n\n{lineup}\n\n"
            f"The club from {towns[number]} will play its next home game in front of a crowd "
            f"of {number + 2},000 people.\n",
            encoding="utf-8",
        )
    briefing = open_library(tmp_path).brief(20)
    assert len(briefing.facts) >= 12
    assert all(fact.source_count == 1 for fact in briefing.facts), [
        (f.text, f.source_count) for f in briefing.facts if f.source_count > 1
    ]
    assert not any("Dempsey" in fact.text for fact in briefing.facts)  # a line-up is no fact
    assert "BBC Sport" not in {a.name for a in briefing.actors}


def test_abbreviated_names_are_those_every_pair_of_the_same_initials_finds() -> None:
    """The bucketed search finds the pairs, in the order, that comparing every two names of
    the same initials finds ("Lib Dems" and "Liberal Democrats", "Man United" and "Manchester
    United"), however the names are ordered."""
    from collections import Counter
    from random import Random

    from briefing.corroboration.actors import _abbreviates, _abbreviations, _singular

    names = ["Liberal Democrats", "Lib Dems", "Lib Dem", "Liberal Democrat", "Manchester United",
             "Man Utd", "Man United", "Manchester Utd", "New York", "New Yorkers", "Lib Dem MPs",
             "Liberal Democrat MPs", "Gen Motors", "General Motors", "Lab Party", "Labour Party",
             "Liv Tyler", "Lincoln Memorial", "Mani Utd", "Ma Utd"]
    for seed in range(5):
        shuffled = names[:]
        Random(seed).shuffle(shuffled)
        mentions = Counter({"n:" + n.lower(): 1 for n in shuffled})
        groups: dict[tuple[str, ...], list[tuple[str, list[str]]]] = {}
        for key in mentions:
            words = key[2:].split(" ")
            words[-1] = _singular(words[-1])
            groups.setdefault(tuple(w[0] for w in words), []).append((key, words))
        every_pair = [(a, b) for group in groups.values() for a, x in group for b, y in group
                      if a != b and _abbreviates(x, y)]
        assert _abbreviations(mentions) == every_pair
        assert ("n:lib dems", "n:liberal democrats") in every_pair
        assert ("n:man united", "n:manchester united") in every_pair
