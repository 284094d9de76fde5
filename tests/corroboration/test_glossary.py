"""The bilingual glossary: packaged data, matched by stem in each language, case-aware."""

from __future__ import annotations

from importlib import resources

from briefing.corroboration.anchors import analyse
from briefing.corroboration.glossary import form_tokens, glossary, word_case
from briefing.text.analyzer import analyzer_for


def _concepts(text: str, language: str) -> list[str]:
    tokens = form_tokens(text)
    analyzer = analyzer_for(language)
    matches = glossary().match(
        [analyzer.stem(s) for s, _ in tokens],
        [s for s, _ in tokens],
        [word_case(w) for _, w in tokens],
        language,
    )
    return [m.concept.key for m in matches]


def test_glossary_is_package_data_without_conflicting_forms() -> None:
    data = resources.files("briefing.corroboration").joinpath("glossary.txt")
    assert data.is_file()
    terms = glossary()
    assert terms.collisions == []
    assert {"government", "ministry", "restrict", "employee", "kill"} <= set(terms.concepts)


def test_inflected_forms_in_both_languages_meet_on_one_concept() -> None:
    expected = ["ministry", "restrict", "employee"]
    assert _concepts("the ministries banned employees", "en") == expected
    assert _concepts("les ministères ont bloqué les employés", "fr") == expected
    assert _concepts("12 killed", "en") == _concepts("15 morts", "fr") == ["kill"]


def test_phrases_and_accents_name_one_country() -> None:
    assert _concepts("la Corée du Sud et Taïwan", "fr") == ["south_korea", "taiwan"]
    assert _concepts("South Korea and Taiwan", "en") == ["south_korea", "taiwan"]
    assert _concepts("le ministère sud-coréen", "fr") == ["ministry", "south_korea"]


def test_written_case_is_significant_for_capitalised_forms() -> None:
    assert "united_states" in _concepts("in the US", "en")
    assert "united_states" not in _concepts("let us go", "en")
    assert "may" in _concepts("in May", "en")
    assert "may" not in _concepts("it may rain", "en")


def test_a_demonym_is_the_country_but_not_an_actor() -> None:
    anchors = analyse("A Chinese startup met officials in China on Monday.", "en")
    mentions = {(m.key, m.actor) for m in anchors.mentions}
    assert ("c:china", False) in mentions and ("c:china", True) in mentions


def test_north_america_is_a_region_not_the_united_states() -> None:
    """"Amérique" alone is the United States in French news; "Amérique du Nord" is not."""
    for text, language in (("Les colons arrivent en Amérique du Nord.", "fr"),
                           ("Settlers reached North America.", "en")):
        mentions = analyse(text, language).mentions
        assert [(m.key, m.actor) for m in mentions] == [("c:north_america", False)], text
    assert [m.key for m in analyse("L'Amérique a voté.", "fr").mentions] == [
        "c:united_states"]


def test_northern_ireland_is_one_country_in_both_languages() -> None:
    """"Irlande du Nord" is neither Ireland nor an actor "Nord"."""
    for text, language in (("Les négociations en Irlande du Nord ont repris lundi.", "fr"),
                           ("Talks in Northern Ireland resumed on Monday.", "en")):
        mentions = analyse(text, language).mentions
        assert [(m.key, m.actor) for m in mentions] == [("c:northern_ireland", True)], text
    assert [m.key for m in analyse("L'Irlande a battu la France.", "fr").mentions] == [
        "c:ireland", "c:france"]


def test_a_holiday_dates_a_fact_and_is_no_actor() -> None:
    for text, language in (("Christmas sales rose at Marks & Spencer.", "en"),
                           ("Les ventes de Noël ont progressé chez Carrefour.", "fr")):
        mentions = analyse(text, language).mentions
        assert all(m.actor for m in mentions), text
        assert not any(m.key in ("n:christmas", "n:noel") for m in mentions), text
    assert "christmas" in _concepts("Christmas sales rose.", "en")


def test_a_city_named_otherwise_in_french_is_one_place_and_an_actor() -> None:
    """"Londres" is London, "Pékin" Beijing, "Le Caire" Cairo: the name an English sentence
    gives them; "Dame" is no Damascus, and a name that begins with a city's ("London Stock
    Exchange") is a name of its own."""
    for text, language, key in (
        ("Le sommet s'est tenu à Londres lundi.", "fr", "n:london"),
        ("The summit was held in London on Monday.", "en", "n:london"),
        ("Le ministre est arrivé à Pékin.", "fr", "n:beijing"),
        ("The minister arrived in Beijing.", "en", "n:beijing"),
        ("Les négociations ont repris au Caire.", "fr", "n:cairo"),
        ("Talks resumed in Cairo.", "en", "n:cairo"),
    ):
        mentions = analyse(text, language).mentions
        assert (key, True) in {(m.key, m.actor) for m in mentions}, text
    assert _concepts("Kiev et Kyiv", "fr") == ["kyiv", "kyiv"]
    notre_dame = analyse("La Dame de fer a visité Notre-Dame.", "fr").mentions
    assert not [m for m in notre_dame if m.key.startswith("c:")], notre_dame
    exchange = analyse("Shares rose on the London Stock Exchange.", "en").mentions
    assert [m.key for m in exchange] == ["n:london stock exchange"], exchange
    # English text reads as it did before the glossary held the city: as a name.
    for text in ("Londoners voted.", "The London-based firm grew.", "London Irish won."):
        assert "n:london" not in {m.key for m in analyse(text, "en").mentions}, text
    assert [m.key for m in analyse("Talks in Saint Petersburg.", "en").mentions] == [
        m.key for m in analyse("Le sommet de Saint-Pétersbourg.", "fr").mentions] == [
        "n:st petersburg"]
