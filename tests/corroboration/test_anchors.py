"""Anchors of one sentence: names, lists, numbers, dates, bodies and who acts."""

from __future__ import annotations

from briefing.corroboration.anchors import analyse

CORPUS = [
    "However, the regulator said DeepSeek must answer.",
    "This week, both Australia and Taiwan banned DeepSeek from government devices.",
    "Officials said DeepSeek had not replied.",
    "Meanwhile, Naver told staff to avoid it.",
    "Analysts say Naver lags behind.",
]


def _names(text: str, language: str = "en") -> list[str]:
    return [m.text for m in analyse(text, language).mentions]


def test_sentence_initial_common_words_are_no_names() -> None:
    assert _names(CORPUS[0]) == ["DeepSeek"]
    assert _names(CORPUS[1]) == ["Australia", "Taiwan", "DeepSeek"]
    assert _names(CORPUS[3]) == ["Naver"]
    # A name that starts a sentence counts when the corpus writes it capitalised elsewhere.
    assert _names("DeepSeek has not responded.") == ["DeepSeek"]
    assert _names("Tomorrow brings rain to the coast.") == []


def test_multiword_names_keep_their_connectors_and_drop_company_forms() -> None:
    anchors = analyse(
        "The Ministry of Trade, Industry and Energy met Kakao Corp and Korea Hydro & Nuclear "
        "Power.",
        "en",
    )
    keys = [m.key for m in anchors.mentions]
    assert keys == ["n:ministry trade industry energy", "n:kakao", "n:korea hydro nuclear power"]


def test_lists_of_names_are_found_in_both_languages() -> None:
    english = analyse(CORPUS[1], "en")
    french = analyse("L'Australie et Taïwan ont banni DeepSeek cette semaine.", "fr")
    for anchors in (english, french):
        lists = [
            {anchors.mentions[i].key for i in items} for items in anchors.lists if len(items) > 1
        ]
        assert lists == [{"c:australia", "c:taiwan"}]


def test_numbers_have_kinds_and_canonical_values() -> None:
    anchors = analyse(
        "Shares fell 2% after a $1.4 billion deal at 9 AM, when 12,000 people left.", "en", set()
    )
    assert [n.feature for n in anchors.numbers] == [
        "#percent:2", "#money:USD 1.4e+09", "#time:9am", "#count:12000"
    ]
    french = analyse("Le taux a atteint 1,4 % et 15 morts.", "fr")
    assert [n.feature for n in french.numbers][-1] == "#count:15"
    assert "#count:1.4" in {n.feature for n in french.numbers} or "#percent:1.4" in {
        n.feature for n in french.numbers
    }


def test_bodies_are_told_apart_by_their_qualifiers() -> None:
    defense = analyse("The defense ministry has restricted access.", "en")
    foreign = analyse("Le ministère des affaires étrangères a restreint l'accès.", "fr")
    industry = analyse("South Korea's Ministry of Industry blocked it.", "en")
    assert defense.bodies == (("ministry", frozenset({"defence"})),)
    assert foreign.bodies == (("ministry", frozenset({"foreign", "affairs"})),)
    assert industry.agents == (("n:ministry industry", frozenset()),
                               ("b:ministry", frozenset({"industry"})))
