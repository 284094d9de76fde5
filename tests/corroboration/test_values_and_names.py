"""The surface rules of "reported by": values normalised, contractions, acronyms."""

from __future__ import annotations

import pytest

from briefing.corroboration.anchors import analyse
from briefing.corroboration.similarity import numbers_differ


def _amounts(text: str) -> list[str]:
    return [f"{v.kind}:{v.amount}" for v in analyse(text, "en").numbers]


def test_values_agree_after_normalising() -> None:
    five = {_amounts(t)[0] for t in ("Five million people voted.", "About 5m people voted.",
                                      "Some 5,000,000 people voted.")}
    assert five == {"count:5e+06"}
    pounds = {_amounts(t)[0] for t in ("It was sold for £16.5m.",
                                        "It was sold for 16.5 million pounds.")}
    assert pounds == {"money:GBP 1.65e+07"}
    assert _amounts("Profits jumped 76% to $1.13bn.") == ["percent:76", "money:USD 1.13e+09"]


def test_french_values_agree_with_english_ones() -> None:
    """French groups thousands with spaces, sets "%" apart and links a currency by "de"."""
    assert _amounts("Le groupe a payé 3 500 000 euros.") == _amounts(
        "The group paid 3.5m euros.") == ["money:EUR 3.5e+06"]
    assert _amounts("Il y a au moins 25 000 morts.") == _amounts(
        "At least 25,000 people died.") == ["count:25000"]
    assert _amounts("Le taux est de 5,5 %.") == ["percent:5.5"]
    assert _amounts("Elle a gagné 1,2 milliard de dollars.") == _amounts(
        "It earned $1.2bn.") == ["money:USD 1.2e+09"]
    # Groups of three after one to three digits only, never a year: "2004 300" is two.
    assert _amounts("In 2004 300 people died.") == ["year:2004", "count:300"]
    assert _amounts("Il a obtenu 1 999 voix.") == ["count:1999"]


@pytest.mark.parametrize(
    ("wire", "plain", "amounts"),
    [
        # The news agencies' abbreviations, and some British papers' "pc".
        ("OPEC will cut output by one mln barrels.", "OPEC will cut output by one million "
         "barrels.", ["count:1e+06"]),
        ("The deal is worth 2.3 bln dlrs.", "The deal is worth $2.3bn.", ["money:USD 2.3e+09"]),
        ("It paid 10 mln stg for the stake.", "It paid £10m for the stake.", ["money:GBP 1e+07"]),
        ("The rate was held at 4.75 pct.", "The rate was held at 4.75%.", ["percent:4.75"]),
        ("It proposed a 50pc tax band.", "It proposed a 50% tax band.", ["percent:50"]),
        # Other letters after a number make no value, and a "PC" apart is a computer.
        ("He owns a 386 PC.", "He owns a 386 computer.", ["count:386"]),
    ],
)
def test_news_agency_abbreviations_are_values(wire: str, plain: str, amounts: list[str]) -> None:
    assert _amounts(wire) == _amounts(plain) == amounts


def test_digits_that_are_no_decimal_digits_are_no_values() -> None:
    # "⓵" and "²" are digits to str.isdigit() but no number to int(): read as words, they
    # must not stop the analysis (a hypothesis example: "Samsung Samsung Samsung ⓵.").
    assert _amounts("Samsung Samsung Samsung ⓵.") == []
    found = _amounts("Samsung sold ⓵ 000 phones on ⓶ May, at ⓷pm.")
    assert not any(kind in ("date", "time") for kind, _ in (f.split(":", 1) for f in found))
    # Other scripts' decimal digits are numbers int() reads: "٣ mai" is 3 May.
    assert [f"{v.kind}:{v.amount}" for v in analyse("Le ٣ mai, il est parti.", "fr").numbers
            ] == ["date:05-03"]


def test_a_different_value_is_not_the_same_fact() -> None:
    five = analyse("More than five million households use it.", "en")
    six = analyse("More than six million households use it.", "en")
    assert numbers_differ(five, six) is not None
    assert numbers_differ(five, analyse("Over 5m households use it.", "en")) is None


def test_contractions_are_never_names_and_acronyms_keep_their_case() -> None:
    for text in ("I'd love to play him some time.", "I'm sure I've seen it.",
                 "He said: I'd like to thank my family."):
        assert not analyse(text, "en").mentions, text
    cards = analyse("Ministers said ID cards would make Britain safer.", "en")
    assert "n:ID" in {m.key for m in cards.mentions}
    # "ID" is a thing, an anchor as a name is, never an actor.
    assert not any(m.actor for m in cards.mentions if m.key == "n:ID")
    # "I'd" beside a real acronym: only the acronym is a name, and only in capitals.
    assert [m.key for m in analyse("I'd say ID is fine.", "en").mentions] == ["n:ID"]
    assert [m.text for m in analyse("The id of the user and ID cards.", "en").mentions] == ["ID"]


def test_french_elisions_are_never_names() -> None:
    """"l'", "qu'" (and "L'" opening a sentence) are elided articles and conjunctions: the
    names are the words after them, never the elision."""
    found = analyse("L'entreprise Kakao a dit qu'elle bloquera DeepSeek.", "fr").mentions
    assert [m.text for m in found] == ["Kakao", "DeepSeek"]
    assert not analyse("Qu'il pleuve ou non, l'usine fermera.", "fr").mentions


def test_pronouns_and_numbers_are_never_names() -> None:
    assert not analyse("He said they would go. Three of them left in 2004.", "en").mentions
    assert not analyse("Elle a dit qu'ils partiraient. Trois sont restés.", "fr").mentions
    # A Roman numeral alone is a number too: a French century, an ordinal.
    assert not analyse("Au XVIIIe siècle puis au XXe, la ville grandit.", "fr").mentions
    assert not analyse("Il habite le Ier arrondissement depuis le IIe siècle.", "fr").mentions
    # ... but an acronym of the same letters is a name.
    assert [m.text for m in analyse("He wrote part III, and the DC office agreed.",
                                    "en").mentions] == ["DC"]


def test_a_point_of_the_compass_alone_is_no_name() -> None:
    """"mer du Nord", "pôle Nord", "the North": a part of something, never the same one; in a
    name the direction stays ("West Ham", "Nord Stream")."""
    found = analyse("Les navires de la mer du Nord ont gagné le pôle Nord et Calais.", "fr")
    assert [m.text for m in found.mentions] == ["Calais"]
    found = analyse("West Ham beat Chelsea as rain swept the North.", "en")
    assert [m.text for m in found.mentions] == ["West Ham", "Chelsea"]
    assert [m.text for m in analyse("Le Nord Stream a été inauguré.", "fr").mentions] == [
        "Nord Stream"]


def test_a_sentence_initial_common_word_is_no_name() -> None:
    assert [m.text for m in analyse("Analysts said Naver lags behind.", "en").mentions] == [
        "Naver"
    ]
    assert not analyse("One of them said it would rain.", "en").mentions


def test_a_percentage_spans_its_sign_and_no_more() -> None:
    """"1%" is set apart as written, not with the space after it (the brief's conflicts show
    each version's value between marks)."""
    text = "Retail sales dropped by 1% on the month, after a 5,5 % rise and a 0.6% fall."
    spans = [text[v.start:v.end] for v in analyse(text, "en").numbers]
    assert spans == ["1%", "5,5 %", "0.6%"]


def test_the_reference_weighs_common_values_less_than_rare_ones() -> None:
    """The reference's value features ("#count:2", "#year:2004") open with '#', and were read
    as comments: every value weighed as much as one never seen."""
    from briefing.corroboration.reference import parse, reference

    read = parse(["# a comment", "[sentences]", "100", "[frequencies]", "#count:2\t40",
                  "s:en:vote\t3"])
    assert read.frequencies == {"#count:2": 40, "s:en:vote": 3}
    weight = reference().weight
    assert weight("#count:2") < weight("#year:2004") < weight("#count:1347")


def test_a_dateline_is_no_part_of_the_claim() -> None:
    """Two agencies file one story from two cities: their datelines set nothing apart."""
    detroit = analyse("DETROIT, March 5 - General Motors said on Monday it would cut 5,000 "
                      "jobs in Europe.", "en")
    frankfurt = analyse("FRANKFURT, March 5 (Reuters) - General Motors said on Monday it "
                        "would cut 5,000 jobs in Europe.", "en")
    plain = analyse("General Motors said on Monday it would cut 5,000 jobs in Europe.", "en")
    assert detroit.shared == frankfurt.shared == plain.shared
    assert [m.key for m in detroit.mentions] == [m.key for m in plain.mentions]
    for opening in ("WASHINGTON (AP) — The", "PARIS, 3 mars (AFP) - Le",
                    "London, March 3 (Reuters) - The", "NEW YORK — The"):
        assert not analyse(f"{opening} Senate voted on Monday.", "en").mentions
    # A name before a dash opens no story: "BT - the firm said - ...", "FIFA - football's".
    for sentence in ("BT - the firm said - has cut prices.", "FIFA - football's body - met."):
        assert analyse(sentence, "en").mentions[0].text in ("BT", "FIFA")


def test_a_sentence_in_capitals_shows_no_name_by_its_capitals() -> None:
    shouted = analyse("THE POUND ROSE TO 1.92 DLRS IN LATE TRADE AS IRAN PRESSED.", "en")
    assert [m.key for m in shouted.mentions] == ["c:iran"]  # the glossary still reads Iran
    assert "#money:USD 1.92" in shouted.shared
    # A name in capitals inside a written sentence is still one.
    assert [m.key for m in analyse("Shares in BT rose on Monday.", "en").mentions] == [
        "n:BT"]


def test_a_title_parts_a_role_from_the_person_it_names() -> None:
    def keys(text: str) -> list[str]:
        return [m.key for m in analyse(text, "en").mentions]

    assert keys("Talks with Foreign Secretary Jack Straw were held.") == ["n:jack straw"]
    assert keys("A call by Home Secretary Charles Clarke came.") == ["n:charles clarke"]
    assert keys("A letter from Chancellor Gordon Brown arrived.") == ["n:gordon brown"]
    assert keys("Bank of England Governor Mervyn King spoke.") == ["n:bank england",
                                                                 "n:mervyn king"]
    # A role alone names nobody; a surname that is a title stays one ("King").
    assert keys("He tried to introduce them when he was Home Secretary.") == []
    assert keys("It was blocked by the Attorney General last week.") == []
    assert keys("Mervyn King said rates would rise.") == ["n:mervyn king"]
    # A rank may open a company's name; an honorific never does.
    assert keys("Fiat will meet car giant General Motors on Tuesday.") == [
        "n:fiat", "n:general motors"]
    assert keys("General Musharraf met Mr Fields in Islamabad.") == [
        "n:musharraf", "n:fields", "n:islamabad"]
    assert keys("The bill was backed by Senator Brooks on Monday.") == ["n:brooks"]
    assert keys("The French President Jacques Chirac spoke.") == ["c:france", "n:jacques chirac"]
    # Britons and a Spaniard are people of a country, no actor of their own.
    assert keys("Two Britons were killed in the crash.") == ["c:united_kingdom"]


def test_a_name_labelling_a_table_s_numbers_is_no_actor() -> None:
    def actors(text: str) -> list[str]:
        return [m.key for m in analyse(text, "en").mentions if m.actor]

    # An earnings table's rows, scorers' minutes: labels, still anchors.
    table = analyse("Shr 27 cts vs 82 cts Net 9.4 mln vs 12.7 mln Revs 879.7 mln", "en")
    assert [m.key for m in table.mentions] == ["n:shr", "n:net", "n:revs"]
    assert actors("Shr 27 cts vs 82 cts Net 9.4 mln vs 12.7 mln Revs 879.7 mln") == []
    assert actors("Goals: Rooney 68, Dunne 75 og.") == []
    # Such a table claims nothing: no fact of the briefing, as a line-up is none.
    assert table.roster and analyse("Bramble 35 og, Mellor 38, Baros 61.", "en").roster
    assert not analyse("In London, the FTSE 100 index closed 15 points higher.", "en").roster
    # A score is a result, whose sides stay actors; so is a name before a number in prose.
    assert actors("Ireland 17-12 South Africa") == ["c:ireland", "c:south_africa"]
    assert actors("Saulnier beat Vincent Spadea 6-2 6-4.") == ["n:saulnier", "n:vincent spadea"]
    assert actors("Mr Hague, 43, met Tony Blair in London on Monday.") == [
        "n:hague", "n:tony blair", "n:london"]
