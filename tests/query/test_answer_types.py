"""Each expected answer type, read from English and French questions, with the candidates of
that type in real sentences (the bundled corpus, the BBC and the XQuAD/PIAF collections):
issue 15, items 1 and 2."""

from __future__ import annotations

import pytest

from briefing.query.answer_types import AnswerType, expected_type
from briefing.query.candidates import FITS, asks_age, find_candidates
from briefing.text.question_language import written_in
from briefing.text.tokenize import tokenize

T = AnswerType


def _type(question: str) -> AnswerType:
    words = [t.surface for t in tokenize(question)]
    return expected_type(words, written_in(words))


def _found(
    sentence: str, question: str, kind: AnswerType | None = None, age: bool = False
) -> list[str]:
    """The texts of the candidates of a sentence that fit the question's (or `kind`'s) type."""
    words = frozenset(t.surface for t in tokenize(question))
    wanted = kind or _type(question)
    return [sentence[c.start : c.end] for c in find_candidates(sentence, words, wanted, age)]


# (question, expected type, a real sentence holding the answer, the candidate that answers)
CASES = [
    # number
    ("How many flights did Lufthansa have to cancel?", T.NUMBER,
     "It had to cancel 77 short and medium-distance flights, and reroute 13 long-haul flights.",
     "77"),
    ("Combien de buts a marqué Étienne en championnat ?", T.NUMBER,
     "Il termine la saison avec 26 buts en championnat.", "26"),
    # money
    ("How much have eighteen former Enron directors agreed to pay?", T.MONEY,
     "Eighteen former Enron directors have agreed a $168m (£89m) settlement deal.", "$168m"),
    ("Combien coûte le projet ?", T.MONEY,
     "Les dépenses représentent 14,2 milliards d'euros en 2003.", "14,2 milliards d'euros"),
    # percent
    ("What was Internet Explorer's market share after the release of Firefox?", T.PERCENT,
     "Microsoft's share has dropped 5% since May to 88.9%, according to OneStat.com.", "88.9%"),
    ("Quel pourcentage du marché local détient KakaoTalk ?", T.PERCENT,
     "Kakao, known for operating the popular messaging app KakaoTalk, which holds 97% of the "
     "local market share, is keen on leveraging OpenAI’s technology.", "97%"),
    # date
    ("When did Gazprom take over Atomstroieksport?", T.DATE,
     "Gazprom took control of Atomstroieksport in October 2004.", "October 2004"),
    ("Quand l'autorité italienne a-t-elle ordonné le blocage du chatbot ?", T.DATE,
     "En janvier, l'autorité italienne de protection des données a ordonné à DeepSeek de "
     "bloquer son chatbot dans le pays.", "janvier"),
    # duration
    ("How long did it take to process the application?", T.DURATION,
     "The application was processed in 52 days, Sir Alan Budd found.", "52 days"),
    ("Combien de temps a duré le siège ?", T.DURATION,
     "Le siège de la ville dura trois ans et se termina par la reddition.", "trois ans"),
    # score
    ("What was the final score of the AFC Championship Game?", T.SCORE,
     "They then beat the New England Patriots in the AFC Championship Game, 20–18.", "20–18"),
    ("Sur quel score l'équipe a-t-elle battu Lyon ?", T.SCORE,
     "Le club a battu Lyon 3-1 au Stade de France.", "3-1"),
    # person
    ("Who hosted the 15th British Comedy Awards ceremony?", T.PERSON,
     "The ceremony was presented by Jonathan Ross at London's Television Centre.",
     "Jonathan Ross"),
    ("Qui a signé le traité ?", T.PERSON,
     "Le traité fut signé par M. Dupont, ministre des Affaires étrangères.", "Dupont"),
    # place
    ("Which countries banned DeepSeek from government computers?", T.PLACE,
     "This week, both Australia and Taiwan have prohibited DeepSeek from all government "
     "devices.", "Australia"),
    ("Dans quelle ville se trouve le siège ?", T.PLACE,
     "Le siège de l'entreprise est installé à Lyon depuis 1998, près de la gare.", "Lyon"),
    # organisation
    ("Which ministry blocked DeepSeek on all online computers?", T.ORGANISATION,
     "On Thursday, the Ministry of Environment revealed that it blocked DeepSeek on all online "
     "computers as of 9 AM.", "Ministry of Environment"),
    ("Quel ministère a bloqué DeepSeek ?", T.ORGANISATION,
     "Le ministère de la Défense a restreint l'accès à DeepSeek sur les ordinateurs "
     "militaires.", "ministère de la Défense"),
    # title
    ("Which film was the biggest foreign hit at the Japanese box office in 2004?", T.TITLE,
     "The Last Samurai, starring Tom Cruise, was the biggest foreign movie hit in Japan last "
     "year.", "Last Samurai"),
    ("Quel film a remporté la Palme d'or ?", T.TITLE,
     "La Palme d'or est allée au film « Entre les murs » de Laurent Cantet.",
     "Entre les murs"),
]


@pytest.mark.parametrize(("question", "kind", "sentence", "answer"), CASES)
def test_each_type_is_read_and_its_candidate_found(
    question: str, kind: AnswerType, sentence: str, answer: str
) -> None:
    assert _type(question) is kind
    assert answer in _found(sentence, question)


def test_every_type_is_covered_in_both_languages() -> None:
    typed = {kind for kind in T if FITS[kind]}
    for language_cases in (CASES[0::2], CASES[1::2]):
        assert {kind for _, kind, _, _ in language_cases} == typed


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Why did REM pull out of their February concert?", T.REASON),
        ("Pourquoi le CDG Express emprunterait des viaducs ferroviaires ?", T.REASON),
        ("What did Kakao Corp ask its employees?", T.OTHER),
        ("Qu'a demandé Naver à ses employés ?", T.OTHER),
        ("What injury did Scarlets forward Dave Hodges suffer on Boxing Day?", T.OTHER),
    ],
)
def test_reason_and_other_have_no_candidates(question: str, kind: AnswerType) -> None:
    assert _type(question) is kind
    sentence = "Mike Mills contracted flu on 3 February, costing the band £40m."
    assert find_candidates(sentence, (), kind) == []


@pytest.mark.parametrize(
    ("query", "kind"),
    [
        ("adriano inter milan price tag", T.MONEY),
        ("celebrity big brother 2005 prize money for the winner", T.MONEY),
        ("japan economic growth forecast fiscal year april 2005", T.PERCENT),
        ("sydney international tennis tournament dates january 2005", T.DATE),
        ("mobile phones sold worldwide 2004 gartner", T.NUMBER),
        ("3ami managing director", T.PERSON),
        ("chelsea score", T.SCORE),
        ("marathon winning time", T.DURATION),
        ("match time", T.DATE),
        ("film name", T.TITLE),
        ("bénéfice total renault", T.MONEY),
        ("deepsek chatbot italy", T.OTHER),
    ],
)
def test_keyword_queries_are_typed_by_their_cues(query: str, kind: AnswerType) -> None:
    assert _type(query) is kind


def test_a_candidate_made_of_the_question_s_words_does_not_count() -> None:
    sentence = "Bayern Munich beat Borussia Dortmund 5-0 in 2004, watched by 60,000."
    question = "Which team beat Borussia Dortmund 5-0 in 2004?"
    names = _found(sentence, question, T.ORGANISATION)
    assert "Bayern Munich" in names and "Borussia Dortmund" not in names
    assert _found(sentence, question, T.SCORE) == []
    assert _found(sentence, question, T.DATE) == []
    assert _found(sentence, question, T.NUMBER) == ["60,000"]
    # ... nor one made of them in the plural or the singular.
    sentence = "Peyton Manning led two teams to Super Bowls; the Broncos won two Super Bowl titles."
    names = _found(sentence, "Who is the oldest quarterback to play in a Super Bowl?", T.PERSON)
    assert "Peyton Manning" in names and not [name for name in names if "Super" in name]


def test_a_sentence_initial_word_is_a_name_only_with_evidence() -> None:
    assert _found("Analysts expect growth to slow.", "who", T.PERSON) == []
    assert _found("Paulsmeier said the group was interested.", "who", T.PERSON) == ["Paulsmeier"]
    assert _found("Kakao’s stock fell by 2%.", "who", T.ORGANISATION) == ["Kakao"]
    # Adjectives of nationality are no names.
    assert _found("British costume designer Sandy Powell won.", "who", T.PERSON) == [
        "Sandy Powell"
    ]


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("Hicham El Guerrouj ran the mile in 3:59.4 in Rome.", T.DURATION, "3:59.4"),
        ("Barclays Capital profits rose 25% to £1.04bn.", T.MONEY, "£1.04bn"),
        ("Italy hopes to raise 25bn euros from privatisations.", T.MONEY, "25bn euros"),
        ("It was sold for five million dollars.", T.MONEY, "five million dollars"),
        ("The tournament runs 9-15 January.", T.DATE, "9-15 January"),
        ("Blackadder, which ended in 1989, was a hit.", T.DATE, "1989"),
        ("Prices have risen since the 1980s.", T.DATE, "1980s"),
        ("Lufthansa said on Tuesday it may sue.", T.DATE, "Tuesday"),
        ("The deal was agreed last week.", T.DATE, "last week"),
        ("L'accord a été signé la semaine dernière.", T.DATE, "la semaine dernière"),
        ("Il a vécu trois ans à Paris.", T.DURATION, "trois ans"),
        ("Plus d’un tiers des députés sont des femmes.", T.PERCENT, "un tiers"),
        ("Germany had 3.97 million people out of work.", T.NUMBER, "3.97 million"),
        ("Les détenus parcouraient 20 km par jour.", T.NUMBER, "20 km"),
        ("Mr Blair met the governor of the Bank of England.", T.ORGANISATION,
         "Bank of England"),
        ("Shares in Marks & Spencer rose.", T.ORGANISATION, "Marks & Spencer"),
        ("He joined Manchester United FC in 2003.", T.ORGANISATION, "Manchester United FC"),
        ("The ruling came from Judge James Kleinberg.", T.PERSON, "James Kleinberg"),
        ("L’Ouganda connaît une croissance moyenne de 6,5 %.", T.PLACE, "Ouganda"),
        ("Xbox game Halo 2 sold 6.23 million copies.", T.TITLE, "Halo 2"),
        # News agencies' abbreviations, and some British papers' "pc".
        ("The deal is worth 2.3 bln dlrs, the company said.", T.MONEY, "2.3 bln dlrs"),
        ("It paid 10 mln stg for the stake.", T.MONEY, "10 mln stg"),
        ("OPEC agreed to cut output by 1.5 mln barrels a day.", T.NUMBER, "1.5 mln"),
        ("The bank held its rate at 4.75 pct on Thursday.", T.PERCENT, "4.75 pct"),
        ("The party proposed a 50pc tax band.", T.PERCENT, "50pc"),
    ],
)
def test_patterns_find_typed_spans(sentence: str, kind: AnswerType, text: str) -> None:
    spans = find_candidates(sentence, (), kind)
    assert text in [sentence[c.start : c.end] for c in spans]
    assert all(0 <= c.start < c.end <= len(sentence) for c in spans)


def test_offsets_are_code_points_of_the_sentence() -> None:
    sentence = "Le 6 février, le film « Entre les murs » a rapporté 3 millions d’euros à Cannes."
    for candidate in find_candidates(sentence):
        assert sentence[candidate.start : candidate.end].strip() == sentence[
            candidate.start : candidate.end
        ]
    assert {(c.type, sentence[c.start : c.end]) for c in find_candidates(sentence)} >= {
        (T.DATE, "6 février"),
        (T.TITLE, "Entre les murs"),
        (T.MONEY, "3 millions d’euros"),
    }


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A copula question asks for its subject's noun; a measure after the name of a thing
        # is the head, the thing its modifier.
        ("What were Japan's total cinema box office takings in 2005?", T.MONEY),
        ("What is the company's share price?", T.MONEY),
        ("What was the population of Jacksonville in 2010?", T.NUMBER),
        ("What was the population Jacksonville city as of 2010?", T.NUMBER),
        ("What is the capital city of France?", T.PLACE),
        # An organisation's name may hold "of": the rate or sum after it is what is asked.
        ("What is the Bank of England interest rate?", T.PERCENT),
        ("What was the Royal Bank of Scotland profit?", T.MONEY),
        ("What is the Bank of England?", T.ORGANISATION),
        ("What was the attendance at the Old Firm match?", T.NUMBER),
        ("What prison sentence did William Trowbridge receive?", T.DURATION),
        ("Quel individu règne sur la Pologne ?", T.PERSON),
    ],
)
def test_the_subject_s_head_noun_names_the_type(question: str, kind: AnswerType) -> None:
    assert _type(question) is kind


@pytest.mark.parametrize(
    ("question", "focus"),
    [
        ("How many flights did Lufthansa have to cancel?", "flights"),
        ("Which designer made the dress Sienna Miller wore?", "designer"),
        ("Which rugby league club did England train with?", "club"),
        ("What were Japan's total cinema box office takings in 2005?", "takings"),
        ("What injury did Scarlets forward Dave Hodges suffer?", "injury"),
        ("Combien de buts a marqué Étienne en championnat ?", "buts"),
        ("Quel est le pays le plus peuplé ?", "pays"),
        ("How much did Barclays earn in 2004?", None),  # a verb is asked about, no noun
        ("Who scored the goals?", None),
    ],
)
def test_the_focus_is_the_noun_naming_what_is_asked(question: str, focus: str | None) -> None:
    from briefing.query.answer_types import question_focus

    words = [t.surface for t in tokenize(question)]
    assert question_focus(words, written_in(words)) == focus


def test_a_quote_opened_by_it_is_no_name() -> None:
    sentence = 'Lucas said: "It\'s a great honour to be nominated alongside Ricky Gervais."'
    assert _found(sentence, "who", T.PERSON) == ["Lucas", "Ricky Gervais"]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # After the question word, "when", "who" and "quand" open a clause; they ask nothing.
        ("What was the tribe of the woman Temüjin married when he was around 16 years old?",
         T.OTHER),
        ("What did the man who founded the company invent?", T.OTHER),
        ("Que faisait-il quand la guerre a éclaté ?", T.OTHER),
        # ... but they still ask when they lead.
        ("When was the colony of New South Wales founded?", T.DATE),
        ("Who was hired to produce ABC's 2001-02 identity?", T.PERSON),
        # A subject's noun of no type: a measure word of its complement is not what is asked.
        ("What is the unproven assumption generally ascribed to the value of complexity "
         "classes?", T.OTHER),
        ("What is the name of the spiritual teacher in Hinduism?", T.PERSON),
        # Yes-no questions are answered by a sentence, not a name or a number.
        ("In 1972, did Norway end up joining the European Union?", T.OTHER),
        ("Is WeChat banned in Korea?", T.OTHER),
        ("May 2005 profits", T.MONEY),  # a month, not the auxiliary
        # "Qu'est-ce que/qui" is a question word: its place words are its topic.
        ("Qu'est-ce qui mit le feu dans les régions montagneuses des Aurès ?", T.OTHER),
        ("Qu'est-ce qu'il y a comme plaine près des coteaux ?", T.PLACE),
        ("What South African Vice Consul did Harvard students blockade the speech of?",
         T.PERSON),
    ],
)
def test_clauses_and_yes_no_questions_are_not_typed_by_their_other_words(
    question: str, kind: AnswerType
) -> None:
    assert _type(question) is kind


def test_who_is_answered_by_a_person_or_an_organisation() -> None:
    sentence = "The network hired the Troika Design Group to design and produce its identity."
    assert _found(sentence, "Who was hired to produce ABC's identity?") == [
        "Troika Design Group"
    ]


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        # A name after "to", "from" or the French "à", "en" may be a place (and somebody).
        ("Students thronged to Wittenberg to hear Luther speak.", "Wittenberg"),
        ("Le Clark Art Institute est installé à Williamstown depuis 1955.", "Williamstown"),
        ("Les hommes de Rochambeau se réfugient en Guadeloupe.", "Guadeloupe"),
        # A name opened by a place word ("River", "Lake", "Mont") is a place.
        ("There was a bridge across the River Tyne in Roman times.", "River Tyne"),
        # A name a place noun opens with "of" or "de": "the city of", "la commune de".
        ("The strike spread to the port of Felixstowe on Monday.", "Felixstowe"),
        ("La fête est organisée sur la commune de Presles, dans un champ.", "Presles"),
        ("Rome est la capitale de la région du Latium.", "Latium"),
    ],
)
def test_places_beyond_the_gazetteer(sentence: str, text: str) -> None:
    assert text in _found(sentence, "where", T.PLACE)


def test_a_name_after_to_stays_a_person_too() -> None:
    sentence = "The letter was sent to Smith last week."
    assert "Smith" in _found(sentence, "who", T.PERSON)
    assert "Smith" not in _found("Smith said the letter was sent.", "where", T.PLACE)
    # A place noun with no "of" between says nothing of the name after it.
    assert "Smith" not in _found("Fans left the stadium as Smith spoke.", "where", T.PLACE)


@pytest.mark.parametrize(
    ("sentence", "event"),
    [
        ("Beyonce Knowles sang before Super Bowl XXXIII in Miami.", "Super Bowl XXXIII"),
        ("Ang Lee won the Academy Award for Brokeback Mountain.", "Academy Award"),
        ("Zinedine Zidane a remporté la Coupe du monde en 1998.", "Coupe"),
        ("Tony Roche won the French Open and reached the US Open final.", "French Open"),
        ("Brian O'Driscoll was injured in the Six Nations opener.", "Six Nations"),
    ],
)
def test_an_event_s_name_is_nobody(sentence: str, event: str) -> None:
    # An event or a distinction answers none of the types; the person beside it still does.
    found = find_candidates(sentence, (), None)  # every type
    assert event not in {sentence[c.start : c.end] for c in found}
    assert {sentence[c.start : c.end] for c in found if c.type is T.PERSON} & {
        "Beyonce Knowles", "Ang Lee", "Zinedine Zidane", "Tony Roche", "Brian O'Driscoll"}


def test_an_organisation_s_word_comes_before_an_event_s() -> None:
    sentence = "She studied with the Open University while the United Nations met."
    found = {sentence[c.start : c.end] for c in find_candidates(sentence, (), None)
             if c.type is T.ORGANISATION}
    assert {"Open University", "United Nations"} <= found


def test_a_grand_name_is_still_a_name() -> None:
    sentence = "Valdemar le Grand déplace la capitale à Copenhague."
    assert "Valdemar le Grand" in _found(sentence, "Qui déplace la capitale ?", T.PERSON)


@pytest.mark.parametrize(
    "question",
    ["What Panther defender was called for holding?", "What German ruler invited them?",
     "What researcher first used the word oxygen?", "Which contestant won the show?"],
)
def test_what_or_which_with_a_person_s_noun_asks_for_a_person(question: str) -> None:
    assert _type(question) is T.PERSON


def test_a_typed_noun_names_only_the_name_beside_it() -> None:
    # "play" is a work's noun ("the play Hamlet") but a comma parts it from the name.
    sentence = "On the next play, Miller stripped the ball away from Newton."
    assert "Miller" in _found(sentence, "Who stripped the ball from Newton?", T.PERSON)
    assert "Miller" not in _found(sentence, "Which play was it?", T.TITLE)
    assert "Hamlet" in _found("He staged the play Hamlet in Leeds.", "Which play?", T.TITLE)


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        # Centuries, in words and in French Roman numerals.
        ("Missionaries founded church schools in the nineteenth century.", T.DATE,
         "nineteenth century"),
        ("In the twenty-first century the city grew.", T.DATE, "twenty-first century"),
        ("Au début du XVIIe siècle, le marché se développe.", T.DATE, "XVIIe siècle"),
        ("Durant les XIXe et XXe siècles, la maladie est étudiée.", T.DATE,
         "XIXe et XXe siècles"),
        # A year before 1500 after "in", "en", "jusqu'en"; time counted back.
        ("The Office of Western Medicine was founded in 1263 during the reign of Kublai.",
         T.DATE, "1263"),
        ("Tahert devient la capitale en 761.", T.DATE, "761"),
        # ... or with no preposition, when no noun follows it: a year or a count, both open.
        ("The plague entered Europe around November 1347 and reached England.", T.DATE, "1347"),
        ("Kublai's administration ran out of money after 1279.", T.DATE, "1279"),
        ("The plague entered Europe around November 1347 and reached England.", T.NUMBER,
         "1347"),
        # A number word before "-time", and scores in words.
        ("Six-time Grammy winner Lady Gaga sang the anthem.", T.NUMBER, "Six"),
        ("Le CORT s'impose sept buts à zéro face à Montpellier.", T.SCORE, "sept buts à zéro"),
        ("Mercury gagne deux à zéro à Phoenix.", T.SCORE, "deux à zéro"),
        ("United won two-nil at Highbury.", T.SCORE, "two-nil"),
        ("The extinction happened 66 million years ago.", T.DATE, "66 million years ago"),
        # Counts in words.
        ("Polonia have won the cup twice.", T.NUMBER, "twice"),
        ("Des dizaines de centres de méditation ont été créés.", T.NUMBER, "dizaines"),
    ],
)
def test_centuries_old_years_and_counts_in_words(sentence: str, kind: AnswerType,
                                                 text: str) -> None:
    assert text in [sentence[c.start : c.end] for c in find_candidates(sentence, (), kind)]


@pytest.mark.parametrize(
    "sentence",
    ["Sales rose from 300 to 450 units.", "The chain opened in 300 stores.",
     "The club has 1200 members.", "A two-time winner, he was one of 1400 players."],
)
def test_counts_are_not_years(sentence: str) -> None:
    assert find_candidates(sentence, (), T.DATE) == []


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What did Google earn in 2004?", T.MONEY),  # a verb that deals in money
        ("What did the company pay for Rover?", T.MONEY),
        ("What did Blair make of the report?", T.OTHER),
        ("What did the bank raise?", T.OTHER),  # rates or money: the wording does not say
        ("tsunami death toll", T.NUMBER),
    ],
)
def test_what_did_with_a_money_verb_and_tolls(question: str, kind: AnswerType) -> None:
    assert _type(question) is kind


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # "œ" and "ł" are small letters: no name opens inside "cœur", "œuvre" or "Wałęsa".
        ("Il a décrit une œuvre de Monet au cœur de New York.", ["Monet", "New York"]),
        ("Lech Wałęsa a rencontré Antonín Dvořák à Gdańsk.",
         ["Lech Wałęsa", "Antonín Dvořák", "Gdańsk"]),
        # A capital inside a word opens no name.
        ("Shoppers bought the iPhone on eBay, said Apple.", ["Apple"]),
        ("Żaneta Łukasik won in Łódź.", ["Żaneta Łukasik", "Łódź"]),
    ],
)
def test_names_open_on_a_capital_at_a_word_s_start(sentence: str, names: list[str]) -> None:
    found = find_candidates(sentence, frozenset(), None)  # every type
    assert sorted({sentence[c.start : c.end] for c in found}) == sorted(names)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A French noun that is an English word of another sense types only French questions.
        ("What part of Luther's career was one of his most productive?", T.OTHER),
        ("Quelle est la part du budget de l'UNESCO assurée par les États-Unis ?", T.PERCENT),
        ("What tribes were the Romans fearful would invade from the North?", T.OTHER),
        # ... and an English one only English questions: "place" is a rank in French, "son"
        # a possessive, "premier" the first.
        ("A quelle place l'Inter a-t-elle fini la saison 1929 ?", T.OTHER),
        ("Which place did the Romans choose for the camp?", T.PLACE),
        ("Quel est son record de rebonds ?", T.OTHER),
        ("Quel fut le premier emblème de l'Inter ?", T.OTHER),
        ("Dans quelle ligue jouait Martin Brodeur ?", T.ORGANISATION),
        # A French "période" is asked for by when it was.
        ("A quelle période le traité de géométrie a-t-il été réalisé ?", T.DATE),
        ("Durant quelle période Jean Batmale jouait-il en équipe de France ?", T.DATE),
        ("Qu'est-ce qui a causé la fin de la civilisation mycénienne ?", T.REASON),
        ("Sur qui Erskine teste-t-il le sérum ?", T.PERSON),
    ],
)
def test_each_language_s_nouns_type_its_own_questions(question: str, kind: AnswerType) -> None:
    assert _type(question) is kind


@pytest.mark.parametrize(
    ("sentence", "kind", "text"),
    [
        ("Le groupe a payé 3 500 000 euros pour le site.", T.MONEY, "3 500 000 euros"),
        ("Le séisme a fait au moins 25\u00a0000 morts.", T.NUMBER, "25\u00a0000"),
        ("Ils ont formé 7 500 élèves par an.", T.NUMBER, "7 500"),
    ],
)
def test_thousands_grouped_by_spaces_are_one_number(sentence: str, kind: AnswerType,
                                                    text: str) -> None:
    assert [sentence[c.start : c.end] for c in find_candidates(sentence, (), kind)] == [text]


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A clause ends the subject: its channel is not what is asked.
        ("What were Brookside's highest ratings before the Channel 4 soap went into decline?",
         T.NUMBER),
        ("What were the Tories' pledges before the party vote?", T.OTHER),
        ("Quel était le budget du club avant que la chaîne ne le rachète ?", T.MONEY),
    ],
)
def test_the_subject_of_a_question_ends_where_a_clause_opens(question: str,
                                                             kind: AnswerType) -> None:
    assert _type(question) is kind


_AGES = "On Thursday, Prince Charles, 56, and Mrs Parker Bowles, 57, hosted 350 guests."


def test_an_age_in_apposition_counts_nothing_else() -> None:
    # "How many guests ...": the ages of the two named are no count of guests.
    counted = find_candidates(_AGES, ("how", "many", "guests"), T.NUMBER)
    assert [_AGES[c.start : c.end] for c in counted] == ["350"]


@pytest.mark.parametrize("asked", [("how", "old", "is", "prince", "charles"),
                                   ("at", "what", "age", "did", "he", "marry")])
def test_an_age_in_apposition_answers_how_old(asked: tuple[str, ...]) -> None:
    counted = find_candidates(_AGES, asked, T.NUMBER)
    assert [_AGES[c.start : c.end] for c in counted] == ["56", "57", "350"]


def test_a_list_of_numbers_is_no_age() -> None:
    sentence = "The fees were 10, 20, 30 and 40 a year."
    counted = find_candidates(sentence, ("how", "many"), T.NUMBER)
    assert [sentence[c.start : c.end] for c in counted][:3] == ["10", "20", "30"]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        # The capital of "L'opérateur" is the sentence's: no person "opérateur".
        ("L'opérateur sud-coréen d'applications de chat Kakao Corp a demandé à ses employés "
         "de ne pas utiliser DeepSeek.", ["Kakao Corp", "DeepSeek"]),
        ("L'équipe de France a battu l'Italie.", ["France", "Italie"]),
        ("L'Ouganda a signé l'accord.", ["Ouganda"]),
    ],
)
def test_a_capital_elided_article_opens_no_name(sentence: str, names: list[str]) -> None:
    found = find_candidates(sentence, (), None)  # a bare name twice: person, organisation
    assert list(dict.fromkeys(sentence[c.start : c.end] for c in found)) == names


# Real BBC sentences (politics/082, politics/165, politics/046, tech/231) and the forms news
# gives an office before its holder's name.
@pytest.mark.parametrize(
    ("sentence", "person", "not_names"),
    [
        ("His claims were denied by Foreign Secretary Jack Straw, who accused the Tories of "
         '"running scared" of debate.', "Jack Straw", ["Foreign Secretary Jack Straw"]),
        ("Home Secretary Charles Clarke is currently looking at the idea of a levy on the "
         "drinks industry.", "Charles Clarke", ["Home", "Home Secretary Charles Clarke"]),
        ("Deputy Prime Minister John Prescott visited Hull.", "John Prescott",
         ["Deputy Prime", "Deputy Prime Minister John Prescott"]),
        ("The plan was praised by Italian Prime Minister Silvio Berlusconi.", "Silvio Berlusconi",
         ["Italian Prime"]),
        ("He met Microsoft Chief Executive Steve Ballmer in Seattle.", "Steve Ballmer",
         ["Microsoft Chief Executive Steve Ballmer"]),
        ("Editor Piers Morgan was sacked by the Daily Mirror.", "Piers Morgan",
         ["Editor Piers Morgan"]),
    ],
)
def test_an_office_before_a_name_is_no_part_of_it(sentence: str, person: str,
                                                   not_names: list[str]) -> None:
    found = _found(sentence, "Who is it?", T.PERSON)
    assert person in found
    assert not set(not_names) & set(found)


def test_what_the_office_leaves_before_it_stays_a_name() -> None:
    sentence = ("He met Microsoft Chief Executive Steve Ballmer and Home Office Minister "
                "Hazel Blears.")
    found = _found(sentence, "Which company?", T.ORGANISATION)
    assert {"Microsoft", "Home Office"} <= set(found)
    # A title opens a person's name, not an organisation's.
    assert _found("He joined General Motors in 1990.", "Which company?",
                  T.ORGANISATION) == ["General Motors"]


def test_an_office_alone_is_no_name() -> None:
    for sentence in ("The Prime Minister said it was wrong.", "The Chief Executive resigned."):
        assert _found(sentence, "Who said it?", T.PERSON) == []


@pytest.mark.parametrize(
    ("question", "sentence", "answer"),
    [
        # BBC business/201 and business/400: a sum asked of by a verb or a noun of money.
        ("How much will Novartis save a year from the acquisitions?",
         "Novartis said that it would be able to make cost savings of about $200m a year "
         "following the acquisitions.", "$200m"),
        ("How big was the bribe Monsanto's manager paid in Indonesia?",
         "A former senior manager at Monsanto directed an Indonesian consulting firm to give a "
         "$50,000 bribe to a high-level official.", "$50,000"),
        ("Combien l'entreprise va-t-elle économiser ?",
         "L'entreprise compte économiser 200 millions d'euros par an.", "200 millions d'euros"),
    ],
)
def test_savings_and_bribes_are_sums(question: str, sentence: str, answer: str) -> None:
    assert _type(question) is T.MONEY
    assert answer in _found(sentence, question)


def test_an_article_after_the_subject_opens_a_clause() -> None:
    # "the Greek athletes could receive" qualifies the suspension: no person is asked for.
    assert _type("What is the maximum suspension the Greek athletes could receive?") is T.OTHER
    assert _type("What was the population of the city the army took?") is T.NUMBER


@pytest.mark.parametrize(
    ("sentence", "sum_"),
    [
        ("Revenue dipped 1.4% to 86.7bn Swiss francs ($74.6bn; £39.1bn) in 2004.",
         "86.7bn Swiss francs"),
        ("The bank raised 5bn Hong Kong dollars.", "5bn Hong Kong dollars"),
    ],
)
def test_a_currency_named_with_its_country_is_a_sum(sentence: str, sum_: str) -> None:
    assert sum_ in _found(sentence, "How much?", T.MONEY)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # "how much" with no noun after it, and a verb that gets or asks for a sum: news
        # asks for money (BBC politics/331, sport/129).
        ("How much will pensioners over 70 get in the winter fuel allowance?", T.MONEY),
        ("How much is Jones suing Conte for?", T.MONEY),
        ("How much did Nadal win?", T.MONEY),
        ("Combien a-t-il reçu ?", T.MONEY),
        # What a thing costs, in any tense (BBC politics/213).
        ("How much is the student vote campaign costing?", T.MONEY),
        ("Combien coûtait le billet ?", T.MONEY),
        # Investing or raising deals in sums (BBC business: the Telegraph's printing works).
        ("How much did the charity raise?", T.MONEY),
        ("Combien le groupe Telegraph va-t-il investir dans ses imprimeries ?", T.MONEY),
        # A noun after "much" or "combien de" is what is measured.
        ("How much rain did they get?", T.NUMBER),
        ("Combien de buts a-t-il reçus ?", T.NUMBER),
        ("How much can ctenophores eat in one day?", T.NUMBER),
    ],
)
def test_how_much_with_a_verb_of_getting_asks_for_a_sum(question: str, expected: T) -> None:
    assert _type(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # A race's time is how long it took (BBC sport: "won in 2:23:10"), asked in full or
        # as keywords; a "time" nothing of a race qualifies stays a time of day or a date.
        ("What was Paula Radcliffe's winning time in New York?", T.DURATION),
        ("Gebrselassie half marathon time", T.DURATION),
        ("What was the world record time?", T.DURATION),
        ("Quel a été le temps de Radcliffe au marathon ?", T.DURATION),
        ("What time does the match kick off?", T.DATE),
        ("How many times has he won the title?", T.NUMBER),
        # "quel a été le ...": the copula's perfect, read as "quel est le ..." is.
        ("Quel a été le score du match ?", T.SCORE),
        ("Quel a été le montant de la vente ?", T.MONEY),
        ("Quelle a été la durée de la grève ?", T.DURATION),
    ],
)
def test_a_race_time_and_the_french_perfect_copula(question: str, expected: T) -> None:
    assert _type(question) is expected


def test_a_race_time_is_found_for_a_winning_time() -> None:
    sentence = "Radcliffe won on Sunday in two hours 23 minutes 10 seconds, or 2:23:10."
    found = _found(sentence, "Paula Radcliffe winning time")
    assert "2:23:10" in found
    assert "Sunday" not in found
    # Asked as a time ("what was her time?" reads as a date or a time), it is one too.
    assert "2:23:10" in _found(sentence, "At what time?", T.DATE)


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("The 29-year-old finished second to Paula Radcliffe in London.", "29-year-old"),
        ("The boy, who is five years old, was unhurt.", "five years old"),
    ],
)
def test_an_age_in_years_old_is_an_age_not_a_duration(sentence: str, age: str) -> None:
    # "By how many seconds did she win?" is no "29-year": an age is a count of years lived.
    assert _found(sentence, "By how many seconds did she win?") == []
    assert _found(sentence, "How old is she?") == [age]
    # Nor does it count anything else, or pay anything (BBC sport: Graham Stuart's
    # appearances and transfer fee are no "34-year-old").
    assert _found(sentence, "How many races has she won?") == []
    assert _found(sentence, "How much did she earn?", T.MONEY) == []


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("Turnour won the 1904 Horsham by-election aged 21 and 144 days.", "21"),
        ("He scored his first goal at the age of 17 for Everton.", "17"),
        ("Il a remporté le titre à l'âge de 19 ans.", "19 ans"),
        ("Elle est morte âgée de 85 ans, en 1990.", "85 ans"),
    ],
)
def test_an_age_named_before_its_number_is_an_age(sentence: str, age: str) -> None:
    # BBC politics: "How many votes did Edward Turnour win?" is no "aged 21".
    assert age not in _found(sentence, "How many votes did he win?")
    assert age not in _found(sentence, "How much was he paid?", T.MONEY)
    assert age not in _found(sentence, "How long did it take?", T.DURATION)
    # A question that asks for an age still finds it.
    assert age in _found(sentence, "How old was he?", T.NUMBER)


@pytest.mark.parametrize(
    ("sentence", "age"),
    [
        ("Manning became the oldest quarterback to play in a Super Bowl at age 39.", "39"),
        ("Mr Hague, 43, told the Daily Telegraph he would find politics boring.", "43"),
        ("The 56-year-old took over at BMW in 2002.", "56-year-old"),
        ("Elle est devenue veuve à 19 ans.", "19 ans"),
    ],
)
def test_how_old_is_answered_by_an_age_not_a_count(sentence: str, age: str) -> None:
    assert asks_age(["how", "old", "is", "he"]) and asks_age(["a", "quel", "age"])
    assert not asks_age(["how", "many", "children", "under", "the", "age", "of", "18"])
    assert _found(sentence, "How old was he?", age=True) == [age]
    # BBC business: "How old is BMW boss Helmut Panke?" is no "10 to 15%" of a quote, nor
    # Tate & Lyle's chief executive the "30" of "FT-30"; counted, the numbers stay.
    for other, count in [
        ("We expect an increase of 10 to 15% in Asia, said Helmut Panke.", "10"),
        ("Tate & Lyle, in the FT-30 index in 1935, operates 41 factories.", "41"),
    ]:
        assert count not in _found(other, "How old is he?", age=True)
        assert count in _found(other, "How many are there?")


def test_a_measure_is_no_sum() -> None:
    # BBC tech: "How much does the TV cost?" is no "26" of "26-inch".
    sentence = "Humax's 26-inch LCD TV with an 80-hour TiVo recorder went on sale."
    assert _found(sentence, "How much does the Humax TV cost?") == []
    assert "26-inch" in _found(sentence, "How big is the screen?", T.NUMBER)
    assert _found("The TV costs 300 and weighs 12kg.", "How much does it cost?") == ["300"]


@pytest.mark.parametrize(
    ("sentence", "moment"),
    [
        ("Fortune scored after 23 minutes to put United ahead.", "23 minutes"),
        ("Il est revenu au club après trois ans.", "trois ans"),
    ],
)
def test_the_end_of_a_span_of_time_answers_when(sentence: str, moment: str) -> None:
    # BBC sport: "When did Fortune score against Everton?" is answered "after 23 minutes".
    assert moment in _found(sentence, "When did he score?", T.DATE)
    assert _found("He served ten years in prison.", "When did he serve?", T.DATE) == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the noun after "combien de" says what is counted, whatever the verb ("gagné")
        ("Combien de championnats l’Inter a-t-elle gagné ?", T.NUMBER),
        ("Dans combien de pays PSA est-il présent ?", T.NUMBER),  # the French "pays"
        ("Combien de prix remporte-t-il ?", T.NUMBER),
        ("Combien d'argent possédait sa sœur ?", T.MONEY),
        ("Combien d'euros a-t-il reçus ?", T.MONEY),
        ("Combien était payé Satoru Iwata en 2011 ?", T.MONEY),
        ("Combien a-t-il gagné en 2004 ?", T.MONEY),
        # a weight in pounds
        ("How many pounds of steam does the engine use?", T.NUMBER),
        ("How many pounds did the painting fetch?", T.MONEY),
        # a result is a score only of a contest
        ("What was the result of the 2007 election?", T.OTHER),
        ("Quel fut le résultat du conflit entre Saint-Pétersbourg et Téhéran ?", T.OTHER),
        ("What acquired condition results in immunodeficiency in humans?", T.OTHER),
        ("What was the result of the match against Milan?", T.SCORE),
        ("Quel a été le résultat en demi-finale ?", T.SCORE),
        # a name is never a measure
        ("Comment s'appelle la pension fondée par Ernest-Charles Lasègue ?", T.OTHER),
        ("What is the name of the private day school the university runs?", T.OTHER),
    ],
)
def test_what_is_counted_named_or_resulted_is_read_from_its_noun(
    question: str, expected: T
) -> None:
    assert _type(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What prize did Kazuo Ishiguro win in 1989?", T.OTHER),
        ("Quel prix obtient Florian Schillinger à Hinterzarten ?", T.OTHER),
        ("How much prize money did the winner take home?", T.MONEY),
        ("How much did the prize winner receive?", T.MONEY),
        ("Quel est le prix de l'abonnement annuel à BookScan ?", T.MONEY),
        ("Quel est le montant du prix remporté par l'équipe ?", T.MONEY),
    ],
)
def test_a_prize_won_is_an_award_unless_money_is_named(question: str, expected: T) -> None:
    assert _type(question) is expected
