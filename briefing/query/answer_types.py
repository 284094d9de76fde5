"""Provides expected_type(): the kind of answer a question asks for, read from its wording.

English and French question words ("how many", "combien", "who", "quand") and the noun a
"which"/"quel" question asks about ("which country", "quelle entreprise") decide it; keyword
queries have no question word, so their cue words decide ("profit", "score", "time", "name").
The input is the question's folded tokens in order (briefing.text.tokenize), so accents and case
are gone: "où" reads "ou", "année" reads "annee". A few set lookups per word: about 3 us.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import Enum

__all__ = ["AnswerType", "expected_type", "noun_type"]


class AnswerType(str, Enum):
    """The expected answer types; the values are the JSON `expected` field's."""

    NUMBER = "number"
    MONEY = "money"
    PERCENT = "percent"
    DATE = "date"
    DURATION = "duration"
    SCORE = "score"
    PERSON = "person"
    PLACE = "place"
    ORGANISATION = "organisation"
    TITLE = "title"
    REASON = "reason"
    OTHER = "other"


T = AnswerType

# Nouns that name what a question asks for ("which country", "quel joueur", "number of ...",
# "price tag"), folded; singular and plural; per language, as some French nouns are English
# words of another sense ("part" is a share in French, a piece in English; "pays" a country in
# French, a verb in English): an English question reads only the English nouns, a French one
# only the French ones, one of no known language both.
_NOUNS_BY_LANGUAGE: dict[str, dict[str, AnswerType]] = {"en": {}, "fr": {}}
_NOUNS: dict[str, AnswerType] = {}  # both languages (the English sense first)


def _nouns(kind: AnswerType, english: str, french: str) -> None:
    for language, words in (("en", english), ("fr", french)):
        for word in words.split():
            _NOUNS_BY_LANGUAGE[language].setdefault(word, kind)
            _NOUNS.setdefault(word, kind)


def _nouns_of(language: str | None) -> dict[str, AnswerType]:
    """The typed nouns a question in `language` is read with."""
    return _NOUNS_BY_LANGUAGE.get(language or "", _NOUNS)


_nouns(T.PERSON, """
    person people man men woman women boy girl player players manager managers coach coaches
    minister ministers president chairman chairwoman chief director actor actress actors singer
    singers leader leaders author writer writers winner winners captain boss spokesman
    spokeswoman executive ceo founder chancellor secretary judge judges mp mps star stars striker
    designer designers financier student students qualifier footballer footballers politician
    politicians candidate candidates king queen pope prince princess emperor scientist artist
    musician musicians composer poet painter inventor presenter host producer rapper
    referee goalkeeper driver rider champion husband wife son daughter father mother brother
    sister doctor lawyer officer general governor mayor senator prime premier consul
    ambassador envoy diplomat opponent opponents rival rivals successor predecessor heir
    architect sculptor photographer playwright novelist philosopher physician engineer
    teacher journalist commander soldier defender defenders ruler rulers researcher researchers
    receiver quarterback contestant contestants finalist finalists athlete athletes scorer
""", """
    star stars coach leader leaders manager designer general generaux
    joueur joueurs joueuse homme hommes femme femmes entraineur ministre president presidente
    directeur directrice acteur actrice chanteur chanteuse auteur auteure ecrivain vainqueur
    capitaine patron porteparole fondateur fondatrice roi reine pape empereur scientifique
    artiste musicien compositeur poete peintre inventeur explorateur animateur producteur
    arbitre pilote champion championne mari epouse fils fille pere mere frere soeur medecin
    avocat depute deputes senateur maire gouverneur personne personnes personnage individu
    individus adversaire adversaires rival rivaux successeur predecesseur heritier architecte
    sculpteur photographe dramaturge romancier philosophe ingenieur professeur journaliste
    commandant ambassadeur consul diplomate
""")
_nouns(T.PLACE, """
    country countries city cities town towns capital nation nations region regions state states
    place places location venue venues stadium continent island islands village villages county
    province area areas seat seats constituency street cinema theatre airport port river
    mountain lake sea ocean border district neighbourhood route gorge canyon valley bay
    peninsula harbour harbor desert forest
""", """
    pays ville villes capitale region regions lieu lieux endroit continent ile iles village
    departement province stade quartier rue aeroport fleuve riviere montagne lac mer ocean
    frontiere commune territoire circonscription plaine nation nations theatre route district
""")
_nouns(T.ORGANISATION, """
    company companies firm firms club clubs team teams group groups bank banks organisation
    organisations organization organizations party parties agency agencies ministry ministries
    department network networks channel broadcaster broadcasters airline airlines band bands
    university universities newspaper newspapers government governments authority authorities
    body union unions league federation council committee commission institution institute
    maker makers manufacturer manufacturers retailer retailers carmaker operator operators
    publisher publishers label studio studios charity charities
""", """
    entreprise entreprises societe societes compagnie compagnies club equipe equipes groupe
    banque banques organisation parti partis agence agences ministere chaine universite journal
    journaux gouvernement autorite syndicat marque firme federation conseil comite institution
    constructeur fabricant editeur studio association label clubs union commission ligue
""")
_nouns(T.TITLE, """
    film films movie movies song songs book books album albums show shows series programme
    program game games play plays novel novels single singles title titles chip chips product
    products device devices phone phones model console software app hymn opera musical story
    stories sitcom drama documentary magazine
""", """
    film films show shows single singles magazine console
    chanson chansons livre livres album albums emission serie jeu jeux roman romans
    titre produit produits appareil telephone modele application logiciel piece opera hymne
    recit programme
""")
_nouns(T.MONEY, """
    price prices cost costs fee fees salary salaries wage wages fine fines profit profits revenue
    revenues budget money prize bid debt debts compensation damages earnings turnover income
    sales tax taxes value valuation fund funds funding investment loan loans payment rebate deal
    takings proceeds payout bonus savings bribe bribes ransom reward subsidy subsidies donation
    donations dividend dividends deficit fortune rent pension
""", """
    prix cout couts salaire salaires amende amendes benefice benefices budget argent montant
    somme dette dettes recette recettes revenu revenus impot impots valeur investissement
    pret paiement bonus chiffredaffaires economies rancon recompense subvention subventions
    dividende dividendes deficit fortune loyer pension
""")
_nouns(T.PERCENT, """
    percentage percent proportion rate rates share growth inflation unemployment
""", """
    pourcentage proportion taux part croissance inflation chomage
""")
# A French "période" is asked for by when it was ("à quelle période", "pendant quelle
# période": a century, years or a date range in 9 of the 10 PIAF dev questions on one whose
# answer is a value), an English "period" more often by how long it lasts ("over what period").
_nouns(T.DATE, """
    year years date dates day days month months time era century decade season
""", """
    annee annees date dates jour jours mois heure epoque siecle decennie saison ere periode
""")
_nouns(T.DURATION, "duration length period lifespan sentence sentences racetime",
       "duree chrono racetime")
# A "time" a race or a record qualifies is how long it took ("her winning time", "marathon
# time": 2:23:10), not when: read as the noun "racetime", a duration.
_RACE_QUALIFIERS = frozenset(
    "winning finishing record lap qualifying fastest quickest slowest best race marathon "
    "personal world".split()
)
# French "causé" and "motivé" fold to "cause" and "motive": "qu'est-ce qui a causé ..." asks a
# reason too.
_nouns(T.REASON, "reason reasons cause causes motive",
       "raison raisons motif motifs cause causes motive")
_nouns(T.SCORE, "score scores scoreline result results", "score scores resultat resultats")
_nouns(T.NUMBER, """
    number numbers amount total figure figures population size quantity distance height
    weight age count votes caps goals points attendance crowd ratio toll tally turnout ratings
    viewers
""", """
    nombre chiffre chiffres population taille quantite distance hauteur poids age total voix
    buts points
""")

_UNITS_OF_TIME = frozenset(
    "seconds minutes hours days weeks months years decades centuries "
    "secondes heures jours semaines mois ans annees siecles".split()
)
_FRENCH_MONEY_WORDS = frozenset(
    "argent payer paye coute coutent couter coutait coutera couteront vaut valait depense "
    "depenses gagne gagner vendu "
    "achete investi euros dollars livres economise economiser".split()
)
_MONEY_WORDS = _FRENCH_MONEY_WORDS | frozenset(
    "money pay paid pays paying cost costs costing costed priced worth spend spent spending "
    "raise raised earn earned "
    "earns sell sold buy bought charge charged fine fined invest invested owe owed lose lost "
    "save saved saves saving savings "
    "pounds dollars euros yen yuan cash".split()
)
# What "combien de/d'" counts when the count is a sum ("combien d'argent", "combien d'euros");
# any other noun there is counted ("combien de pays", "combien de prix remporte-t-il"),
# whatever the verb ("combien de matchs a-t-il gagnés").
_FRENCH_SUMS = frozenset(
    "argent euros euro dollars dollar livres francs yens yuans roubles".split()
)
# Verbs whose object is a sum, in "what did X <verb>" (narrower than _MONEY_WORDS: "what
# did they raise" may be rates, "what did they sell" goods, "what did he make of it" a view).
_MONEY_VERBS = frozenset(
    "earn earned earns pay paid cost charge charged spend spent owe owed "
    "gagne gagner paye payer coute depense".split()
)
# Verbs that get or ask for a sum in news when "how much" names nothing after it ("How much
# will pensioners get?", "How much is Jones suing Conte for?", "Combien a-t-il reçu ?"):
# with a noun after "much" they measure it ("how much rain did they get").
_SUM_VERBS = frozenset(
    "get gets got getting receive receives received receiving make makes made making take "
    "takes took taking win wins won winning sue sues sued suing seek seeks sought seeking "
    "claim claims claimed claiming demand demands demanded demanding offer offers offered "
    "offering bid bids bidding ask asks asked asking award awarded grant granted borrow "
    "borrowed lend lent repay repaid donate donated give gave given collect collected "
    "invest invests invested investing raise raises raised raising "
    "recu recoit recevoir touche toucher empoche obtenu reclame demande offert emprunte "
    "prete donne verse investir investi investit investira investiront investissent "
    "depenser depensera leve lever".split()
)
_PERCENT_WORDS = frozenset("percentage percent proportion pourcentage proportion".split())

_PERSON_WORDS = frozenset({"who", "whom", "whose"})
# French prepositions before "qui" in a question about a person ("à qui", "par qui").
_BEFORE_QUI = frozenset({"a", "de", "par", "pour", "avec", "chez", "contre", "entre", "sur"})
_WHICH = frozenset(
    {"which", "what", "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "lesquels",
     "lesquelles"}
)
_NAME_WORDS = frozenset({"name", "named", "called", "nom", "appelle", "appele", "appelait"})
_CUE_ORDER = (T.SCORE, T.MONEY, T.PERCENT, T.DURATION, T.DATE, T.NUMBER, T.PERSON, T.PLACE,
              T.ORGANISATION, T.TITLE)
_ENTITIES = frozenset({T.PERSON, T.PLACE, T.ORGANISATION, T.TITLE})
_MEASURES = frozenset({T.NUMBER, T.MONEY, T.PERCENT, T.DATE, T.DURATION})
# Nouns that name a type after "which"/"what" but are no cue alone ("the result of what").
_NOT_CUES = frozenset({"result", "results", "resultat", "resultats", "part", "body", "state"})
# An English article after the subject's first words opens a clause without "that".
_ARTICLES = frozenset({"the", "a", "an"})
_CLAUSE_WORDS = frozenset({"when", "where", "who", "why", "quand", "pourquoi"})
_QUESTION_WORDS = frozenset(
    {"what", "which", "how", "who", "whom", "whose", "when", "where", "why", "quel", "quelle",
     "quels", "quelles", "comment", "quoi", "que", "qu", "quand", "pourquoi", "combien",
     "estce"}  # "qu'est-ce que/qui": the tokenizer keeps the compound, not the elided "qu"
)
_FRENCH_COPULAS = frozenset({"est", "etait", "sont", "etaient", "fut", "furent", "sera", "ete"})
_FRENCH_HAVE = frozenset({"a", "ont", "avait", "avaient", "aura", "auront"})  # before "été"
# Words that open the complement of a subject ("the population of Jacksonville").
_COMPLEMENT_STARTS = frozenset(
    {"of", "in", "on", "at", "for", "to", "by", "from", "with", "according", "de", "d", "du",
     "des", "a", "au", "aux", "en", "pour", "par", "dans", "sur", "avec", "selon"}
)
# Words that end the subject's noun phrase by opening a clause ("what were Brookside's
# highest ratings before the Channel 4 soap went into decline": not the channel).
_CLAUSE_OPENERS = frozenset(
    {"before", "after", "since", "until", "while", "because", "although", "though", "when",
     "where", "who", "which", "that", "avant", "apres", "depuis", "pendant", "parce", "quand",
     "lorsque", "qui", "que", "dont"}
)
_AUXILIARIES = frozenset(
    {"do", "does", "did", "is", "are", "was", "were", "has", "have", "had", "can", "could",
     "will", "would", "should", "might", "may"}
)
_DO_AND_MODALS = frozenset(
    {"do", "does", "did", "can", "could", "will", "would", "should", "might", "may"}
)
# Keyword cues: a query of keywords holds no question word, only words like these.
_KEYWORD_CUES: dict[str, AnswerType] = {
    "when": T.DATE, "where": T.PLACE, "who": T.PERSON, "why": T.REASON, "quand": T.DATE,
    "pourquoi": T.REASON, "name": T.PERSON, "nom": T.PERSON, "long": T.DURATION,
    "sold": T.NUMBER, "vendus": T.NUMBER, "many": T.NUMBER,
}


def noun_type(word: str) -> AnswerType | None:
    """The answer type a folded noun names ("country" -> place, "airline" -> organisation)."""
    return _NOUNS.get(word)


# A "result" is a score only of a contest ("the result of the match", "le résultat en
# demi-finale"); of an election, a war or a volcano it is what came of it, of no type.
_CONTESTS = frozenset(
    "match matches game games final finals semifinal semifinals quarterfinal tie ties fixture "
    "fixtures derby playoff playoffs cup league championship tournament "
    "finale finales demi quart coupe ligue championnat tournoi".split()
)
_SCORE_NOUNS = frozenset({"score", "scores", "scoreline"})
# A prize won is an award ("what prize did she win", "quel prix obtient-il"), not a sum,
# unless a word of money says so ("prize money", "le montant du prix remporté").
_PRIZES = frozenset({"prize", "prizes", "prix"})
_WINNING = frozenset(
    "win wins won winning awarded receive received receives "
    "obtient obtenu obtenir remporte remporter gagne gagner recoit recu decerne".split()
)


def expected_type(words: Sequence[str], language: str | None = None) -> AnswerType:
    """The answer type a question's folded words ask for; `language` is its ISO code (None:
    unknown), which keeps one language's question words from being read in another's
    question ("comment" is the French "how", an English noun)."""
    kind = _read_type(words, language)
    if kind is T.SCORE and _SCORE_NOUNS.isdisjoint(words) and _CONTESTS.isdisjoint(words):
        return T.OTHER
    if (kind is T.MONEY and not _PRIZES.isdisjoint(words) and not _WINNING.isdisjoint(words)
            and "much" not in words and "combien" not in words):  # "how much": a sum
        nouns = _nouns_of(language)
        if not any((w in _MONEY_WORDS or nouns.get(w) is T.MONEY) and w not in _PRIZES
                   and w not in _WINNING for w in words):
            return T.OTHER
    return kind


def _read_type(words: Sequence[str], language: str | None) -> AnswerType:
    french = language in (None, "fr")
    english = language != "fr"
    nouns = _nouns_of(language)
    if french:
        words = _french_compounds(words)
    words = _race_times(words, french)
    n = len(words)
    asked = False  # whether a question word was seen: then only strong keyword cues count
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < n else ""
        if english:
            if word == "why" or (word == "what" and after in ("caused", "led", "prompted")):
                return T.REASON
            if word == "how" and after:
                kind = _after_how(after, words[i + 2 :], nouns)
                if kind is not None:
                    return kind
            # After a question word, "when", "where" and "who" open a clause ("what was
            # the tribe of the woman he married when he was 16?"): they ask nothing.
            if word == "when" and not asked:
                return T.DATE
            if word == "where" and not asked:
                return T.PLACE
        if french:
            if word == "pourquoi" or (word == "raison" and i and words[i - 1] == "quelle"):
                return T.REASON
            if word == "combien":
                return _after_combien(words[i + 1 :], nouns)
            if word == "quand" and not asked:
                return T.DATE
            if word == "ou" and i == 0:  # "où" leads its question; "ou" ("or") cannot
                return T.PLACE
            if word == "comme" and "estce" in words[:i]:
                # "qu'est-ce qu'il y a comme plaine ...": the noun after "comme" is asked for
                kind = _noun_after(words, i + 1, nouns)
                if kind is not None:
                    return kind
        if word in _WHICH:
            asked = True
            kind = _asked_about(words, i + 1, french and word.startswith("quel"), nouns)
            if kind is not None:
                return kind
        elif word in _NAME_WORDS and word not in ("called", "named"):
            kind = _noun_after(words, i + 1, nouns)  # "the name of the play"
            if kind is not None:
                # A name is never a measure: "the name of the fund", "comment s'appelle la
                # pension" ask what a thing is called.
                return T.OTHER if kind in _MEASURES else kind
        if english and word in _PERSON_WORDS and not asked:
            return T.PERSON
        if french and word == "qui" and (i == 0 or words[i - 1] in _BEFORE_QUI):
            return T.PERSON
        asked = asked or word in _QUESTION_WORDS
    if not asked and english and _yes_no(words):
        return T.OTHER  # "Did Norway join the EU in 1972?": a sentence answers, not a name
    return _keyword_type(words, nouns, entities=not asked)


def _french_compounds(words: Sequence[str]) -> Sequence[str]:
    """The words with French compound nouns of a type their head lacks read as one: "chiffre
    d'affaires" (turnover, a sum; "chiffre" alone is a number). The tokenizer drops the
    elided "d'"."""
    if "affaires" not in words:
        return words
    joined = list(words)
    for i in range(len(joined) - 1):
        if joined[i] == "chiffre" and joined[i + 1] == "affaires":
            joined[i] = "chiffredaffaires"
    return joined


def _race_times(words: Sequence[str], french: bool) -> Sequence[str]:
    """The words with a race's "time" read as "racetime", a duration: an English "time"
    after one of _RACE_QUALIFIERS, a French "temps" after "le", "son" or "meilleur" ("le
    temps de Radcliffe"; "combien de temps" is read by _after_combien)."""
    timed = [
        i for i, word in enumerate(words)
        if i and ((word in ("time", "times") and words[i - 1] in _RACE_QUALIFIERS)
                  or (french and word == "temps" and words[i - 1] in ("le", "son", "meilleur")))
    ]
    if not timed:
        return words
    read = list(words)
    for i in timed:
        read[i] = "racetime"
    return read


def _yes_no(words: Sequence[str]) -> bool:
    """Whether a question without a question word asks yes or no: it opens with an
    auxiliary ("is", "did", "can"), or "do"/"does"/"did" comes early ("In 1972, did Norway
    ..."); a query of keywords holds neither."""
    return bool(words) and (
        (words[0] in _AUXILIARIES and words[0] != "may")  # "May 2005 profits": the month
        or any(w in ("do", "does", "did") for w in words[1:4])
    )


def _after_how(
    word: str, rest: Sequence[str], nouns: dict[str, AnswerType]
) -> AnswerType | None:
    if word in _AUXILIARIES:  # "how did he describe": the manner, no typed answer
        return T.OTHER
    if word == "long" or word == "often" or word == "soon" or word == "quickly":
        return T.DURATION
    if word == "old":
        return T.NUMBER
    if word == "many":
        head = rest[0] if rest else ""
        if head in _UNITS_OF_TIME:
            return T.DURATION
        if head == "pounds" and rest[1:2] == ["of"]:
            return T.NUMBER  # a weight: "how many pounds of steam"
        return T.MONEY if head in _MONEY_WORDS else T.NUMBER
    if word == "much":
        if any(w in _MONEY_WORDS or nouns.get(w) is T.MONEY for w in rest):
            return T.MONEY
        if rest and rest[0] in _AUXILIARIES and not _SUM_VERBS.isdisjoint(rest):
            return T.MONEY
        if any(w in _PERCENT_WORDS for w in rest):
            return T.PERCENT
        return T.NUMBER
    if word in ("large", "big", "high", "far", "tall", "heavy", "fast"):
        return _noun_after(rest, 0, nouns, only=(T.MONEY,)) or T.NUMBER
    return None


def _after_combien(rest: Sequence[str], nouns: dict[str, AnswerType]) -> AnswerType:
    head = [w for w in rest[:3] if w not in ("de", "d", "des")]
    first = head[0] if head else ""
    if first == "temps" or first in _UNITS_OF_TIME:
        return T.DURATION
    if rest and rest[0] in ("de", "d", "des"):  # a noun is counted: it alone says what
        if first in _FRENCH_SUMS:
            return T.MONEY
        return T.PERCENT if first in _PERCENT_WORDS else T.NUMBER
    # French words only: the English "pays" would read a sum into "dans combien de pays".
    if any(w in _FRENCH_MONEY_WORDS or nouns.get(w) is T.MONEY for w in rest):
        return T.MONEY
    if not _SUM_VERBS.isdisjoint(rest):
        return T.MONEY  # "Combien a-t-il reçu ?" (a count, "combien de buts", returned above)
    if first in _PERCENT_WORDS:
        return T.PERCENT
    return T.NUMBER


def _asked_about(
    words: Sequence[str], start: int, french: bool, nouns: dict[str, AnswerType]
) -> AnswerType | None:
    """The type of what a "which"/"what"/"quel" asks about, or None to read on.

    "which country", "what date", "quelle entreprise": the noun that follows names it, and a
    noun of no type ("what injury", "quelle initiative") means an answer of no type. "what was
    the population of", "quel est le pays": the noun of the subject, before its complement.
    """
    following = words[start] if start < len(words) else ""
    if french and following in _FRENCH_HAVE and words[start + 1 : start + 2] == ["ete"]:
        start, following = start + 1, "ete"  # "quel a été le score": the copula's perfect
    if following in _DO_AND_MODALS:
        # "what did the bank raise": the noun after the auxiliary is the subject, and the
        # answer its object, of no type the wording tells; unless its verb deals in money
        # ("what did Google earn", "what did the company pay for Rover").
        if any(w in _MONEY_VERBS for w in words[start + 1 : start + 8]):
            return T.MONEY
        return None
    if following in _AUXILIARIES or following in _FRENCH_COPULAS:
        # The subject's noun before its complement ("the population (of Jacksonville)"); a
        # measure after a name of a thing is the head, the thing its modifier ("Japan's
        # total cinema box office takings", "the company's share price").
        head: AnswerType | None = None
        named = False
        for i in range(start + 1, min(len(words), start + 7)):
            if words[i] in _COMPLEMENT_STARTS or words[i] in _CLAUSE_OPENERS:
                if words[i] == "of" and head in _ENTITIES:
                    # An organisation's name may hold "of": a rate or a sum that ends the
                    # question is what it asks ("the Bank of England interest rate").
                    rest = [w for w in words[i + 1 :] if w not in _ARTICLES]
                    closing: AnswerType | None = (
                        nouns.get(rest[-1]) if 1 < len(rest) <= 4 else None)
                    if closing in (T.MONEY, T.PERCENT):
                        head = closing
                break
            if not french and words[i] in _ARTICLES and i > start + 1:
                break  # "what is the maximum suspension the athletes could receive"
            named = named or words[i] in _NAME_WORDS
            kind = nouns.get(words[i])
            if kind is not None and (head is None or (kind in _MEASURES
                                                      and head not in _MEASURES)):
                head = _noun_after(words, i, nouns)
        if head is None and not named and i > start + 1:
            # The subject's noun names no type ("what was the tribe of ...", "what is the
            # unproven assumption ascribed to the value of ..."): a cue word further on
            # belongs to its complement, not to what is asked.
            return T.OTHER
        return head
    if not following:
        return None
    if french:  # French adjectives mostly follow their noun: the head is the next word
        return nouns.get(following, T.OTHER)
    for i in range(start, min(len(words), start + 4)):
        if words[i] in _AUXILIARIES:
            break
        if nouns.get(words[i]) is not None:
            return _noun_after(words, i, nouns)
    return T.OTHER


def _noun_after(
    words: Sequence[str],
    start: int,
    nouns: dict[str, AnswerType],
    only: tuple[AnswerType, ...] | None = None,
) -> AnswerType | None:
    """The type of the noun a "which" asks about: the first typed noun within a few words after
    `start` (names and adjectives may come between: "which South African financier", "quel est
    le pays"), or the last of a run of them, the head of a compound ("party leader", "chip
    maker", "football federation president")."""
    end = min(len(words), start + 4)
    i = start
    while i < end:
        kind = nouns.get(words[i])
        if kind is not None and (only is None or kind in only):
            while i + 1 < len(words) and (following := nouns.get(words[i + 1])) is not None:
                kind, i = following, i + 1
            return kind
        i += 1
    return None


def _keyword_type(
    words: Sequence[str], nouns: dict[str, AnswerType], entities: bool
) -> AnswerType:
    """The type of a query from the strongest cue it holds. Names of things ("region",
    "phones") are cues only in a query of keywords (`entities`): in a question whose question
    word named no type ("what is the land used for"), they are its topic, not its answer."""
    found: set[AnswerType] = set()
    for word in words:
        if word in _NOT_CUES or (not entities and word in _CLAUSE_WORDS):
            continue  # in a question, a "when" the question word did not take opens a clause
        kind = _KEYWORD_CUES.get(word) or nouns.get(word)
        if kind is not None and (entities or kind not in _ENTITIES):
            found.add(kind)
    if T.REASON in found:
        return T.REASON
    named = found & _ENTITIES - {T.PERSON}
    if T.PERSON in found and named and any(w in _NAME_WORDS for w in words):
        found.discard(T.PERSON)  # "film name": the name of a film, not a person
    for kind in _CUE_ORDER:
        if kind in found:
            return kind
    return T.OTHER


# Words that stand between a question word and the noun it asks about, or are no noun.
_NOT_FOCUS = frozenset(
    "the a an this that these those its his her their le la les l un une des de du d ce cet "
    "cette ces son sa ses leur leurs s".split()
)


def question_focus(words: Sequence[str], language: str | None = None) -> str | None:
    """The noun naming what a question asks for, folded ("flights" in "how many flights",
    "designer" in "which designer made...", "takings" in "what were Japan's box office
    takings in 2005"), or None ("who", "when", "how much did it earn").

    A sentence that holds it says what the question asks about; one that does not, however
    many of the question's other words it repeats, may not ("three points clear" holds no
    attendance)."""
    french = language in (None, "fr")
    nouns = _nouns_of(language)
    n = len(words)
    for i, word in enumerate(words):
        if word == "how" and i + 1 < n and words[i + 1] in ("many", "much"):
            return _first_noun(words, i + 2, nouns, fallback=True)
        if french and word == "combien":
            start = i + 1 + (i + 1 < n and words[i + 1] in ("de", "d"))
            return _first_noun(words, start, nouns, fallback=True)
        if word in _WHICH:
            following = words[i + 1] if i + 1 < n else ""
            if following in _DO_AND_MODALS:
                return None
            if following in _AUXILIARIES or following in _FRENCH_COPULAS:
                head = None  # as in _asked_about: the first typed noun, or a later measure
                for j in range(i + 2, min(n, i + 8)):
                    if words[j] in _COMPLEMENT_STARTS:
                        break
                    kind = nouns.get(words[j])
                    if kind is not None and (head is None or (
                            kind in _MEASURES and nouns[head] not in _MEASURES)):
                        head = _first_noun(words, j, nouns, fallback=False)
                return head
            return _first_noun(
                words, i + 1, nouns, fallback=not (french and word.startswith("quel"))
            )
    return None


def _first_noun(
    words: Sequence[str], start: int, nouns: dict[str, AnswerType], fallback: bool
) -> str | None:
    """The first typed noun within a few words from `start` (the last of a run of them: the
    head of "chip maker"), else, with `fallback`, the first word that may be a noun."""
    end = min(len(words), start + 4)
    for i in range(start, end):
        if words[i] in nouns:
            while i + 1 < len(words) and words[i + 1] in nouns:
                i += 1
            return words[i]
    if fallback:
        for i in range(start, end):
            if words[i] in _AUXILIARIES or words[i] in _DO_AND_MODALS:
                return None
            if words[i] not in _NOT_FOCUS:
                return words[i]
    return None
