"""Key actors are names, one actor per person: "Tony Blair", "Mr Blair" and "Blair" are one
where the folder makes that clear, and pronouns, numbers and sentence-initial common words
are never actors. Conflicts name each file on one side only."""

from __future__ import annotations

from pathlib import Path

from briefing import open as open_library

_STORIES = (
    "Tony Blair met union leaders in {town} on {day} to discuss pensions.\n\n"
    "Mr Blair said the talks had been useful. They will meet again in three weeks.\n\n"
    "Blair later told reporters in {town} that he expected a deal. He smiled.\n",
    "Prime Minister Tony Blair visited a hospital in {town} on {day}.\n\n"
    "Staff told Mr Blair about waiting lists. Three nurses spoke to him.\n",
)
_TOWNS = ("Leeds", "Bristol", "Cardiff", "Glasgow", "Norwich", "Exeter")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def _politics(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for number, (town, day) in enumerate(zip(_TOWNS, _DAYS, strict=True)):
        story = _STORIES[number % 2].format(town=town, day=day)
        (folder / f"{number:03d}.txt").write_text(story, encoding="utf-8")
    return folder


def _actors_of(tmp_path: Path, stories: tuple[str, ...]) -> dict[str, int]:
    """The key actors of a folder of these stories, one file each, with their source counts."""
    folder = tmp_path / "news"
    folder.mkdir()
    for number, story in enumerate(stories):
        (folder / f"{number:03d}.txt").write_text(story, encoding="utf-8")
    with open_library(folder, cache_dir=tmp_path / "cache") as library:
        return {actor.name: actor.source_count for actor in library.brief().actors}


def test_the_forms_of_one_name_are_one_actor_and_pronouns_none(tmp_path: Path) -> None:
    with open_library(_politics(tmp_path / "news"), cache_dir=tmp_path / "cache") as library:
        actors = {actor.name: actor.source_count for actor in library.brief().actors}
    assert actors.get("Tony Blair") == 6, actors
    assert not {"Blair", "Mr Blair"} & set(actors), actors
    assert not {"He", "They", "Three", "Staff", "Prime Minister"} & set(actors), actors


def test_no_file_stands_on_two_sides_of_a_conflict(factories: Path, tmp_path: Path) -> None:
    with open_library(factories, cache_dir=tmp_path / "cache") as library:
        conflicts = library.brief().conflicts
    assert conflicts
    for conflict in conflicts:
        sides = [set(version.sources) for version in conflict.versions]
        every = [path for side in sides for path in side]
        assert len(every) == len(set(every)), conflict  # no file on two sides


def test_common_nouns_events_and_adjectives_are_no_actors(tmp_path: Path) -> None:
    # An acronym the folder writes in the plural names a kind of thing ("DVD", "DVDs"; "MP",
    # "MPs"); an organisation's never is ("BBC"). An event or a prize ("World Cup", "the
    # Oscars") and a people's adjective alone ("English") are no actors either.
    actors = _actors_of(tmp_path, (
        "Sales of DVDs rose at Christmas, the BBC reported.\n\nThe DVD of the film sold well "
        "in London, and MPs said English shops did well.\n",
        "The BBC said two DVDs topped the chart.\n\nA DVD player cost less in London than an "
        "MP expected, with the World Cup near and English fans buying.\n",
        "MPs asked the BBC about the World Cup.\n\nThe film won an Oscar in London, and its DVD "
        "went on sale; English critics and MPs praised it.\n",
    ))
    assert actors.get("BBC") == 3 and actors.get("London") == 3, actors
    assert not {"DVD", "DVDs", "MP", "MPs", "World Cup", "Oscar", "English"} & set(actors), actors


def test_a_french_name_s_head_noun_alone_is_no_actor(tmp_path: Path) -> None:
    # French capitalises only a name's first word ("le Parti socialiste", "la République
    # tchèque", "l'Empire allemand", "l'Église orthodoxe"): its head noun alone is a common
    # word of many names, no actor. In a French folder "Parti" and "République" were.
    actors = _actors_of(tmp_path, tuple(
        f"Article {number}\n\nLe Parti socialiste a dénoncé à Paris le budget numéro "
        f"{number}, tandis que la République tchèque saluait la réforme.\n\nL'Empire allemand "
        f"et l'Église orthodoxe sont cités par Jean Martin dans un livre paru en "
        f"{2000 + number}.\n\nLe Royaume des Belges et l'Assemblée nationale ont répondu.\n"
        for number in range(4)
    ))
    assert actors.get("Paris") == 4 and actors.get("Jean Martin") == 4, actors
    assert not {"Parti", "République", "Empire", "Église", "Royaume", "Assemblée"} & set(
        actors), actors


def test_a_work_s_title_is_no_actor(tmp_path: Path) -> None:
    # A name the folder writes right after a work's noun ("the movie The Aviator", "the biopic
    # Ray") is a title, wherever else it stands alone ("The Aviator won"); the people beside
    # it stay actors, and a person's name after "film director" is no title.
    actors = _actors_of(tmp_path, (
        "Martin Scorsese said the movie The Aviator had cost $110m.\n\nThe Aviator opened in "
        "London on Friday.\n",
        "Jamie Foxx won for the biopic Ray, and the film The Aviator took five awards in "
        "London.\n\nMartin Scorsese was not there.\n",
        "The Aviator led the nominations, ahead of Ray, said film director Martin Scorsese in "
        "London.\n\nJamie Foxx thanked the biopic Ray's cast.\n",
    ))
    assert actors.get("Martin Scorsese") == 3 and actors.get("Jamie Foxx") == 2, actors
    assert actors.get("London") == 3, actors
    assert not {"Aviator", "The Aviator", "Ray"} & set(actors), actors


def test_a_surname_alone_is_the_full_name_its_own_file_writes(tmp_path: Path) -> None:
    # Two Browns in one folder: no full name holds nine in ten of the folder's, so the
    # folder-wide rule keeps "Brown" apart; within each file, the one full name written there
    # tells which Brown "Brown" and "Mr Brown" are. A place is no surname ("Greater London").
    folder = tmp_path / "news"
    folder.mkdir()
    for number, (town, day) in enumerate(zip(_TOWNS[:4], _DAYS[:4], strict=True)):
        (folder / f"politics{number}.txt").write_text(
            f"Chancellor Gordon Brown visited {town} on {day} to discuss pensions.\n\nMr Brown "
            f"said the talks in {town} and Greater London had been useful.\n\nOn {day} Brown "
            f"met union leaders from {town} in London.\n", encoding="utf-8")
    for number, (town, day) in enumerate(zip(_TOWNS[3:], _DAYS[3:], strict=True)):
        (folder / f"sport{number}.txt").write_text(
            f"Defender Wes Brown was injured on {day} in London.\n\nBrown will miss the game "
            f"in {town}, the club said on {day}.\n", encoding="utf-8")
    with open_library(folder, cache_dir=tmp_path / "cache") as library:
        actors = {actor.name: actor.source_count for actor in library.brief().actors}
    assert actors.get("Gordon Brown") == 4 and actors.get("Wes Brown") == 3, actors
    assert "Brown" not in actors and actors.get("London") == 7, actors


def test_a_city_in_both_languages_is_one_actor(tmp_path: Path) -> None:
    # A folder of English and French news names the same cities in each language: "London"
    # and "Londres", "Brussels" and "Bruxelles" are one actor each, under the English name.
    stories = ("Ministers met in London on Monday, officials in Brussels said.",
               "Les ministres se sont réunis à Londres lundi, selon la Commission à Bruxelles.",
               "Trade unions marched through London as officials in Brussels watched.")
    actors = _actors_of(tmp_path, tuple(f"News\n\n{story}\n" for story in stories))
    assert actors.get("London") == 3 and actors.get("Brussels") == 3, actors
    assert not {"Londres", "Bruxelles"} & set(actors), actors
