"""Provides the evidence for each candidate sentence: the features the learned scorer weighs.

A question's candidate sentences are those of its best paragraphs. Each gets a row of
features (FEATURES, in that order): how much of the question's IDF mass it and its
neighbours hold, how close its matched words stand, the question's word pairs it repeats, its
paragraph's BM25 rank, where it stands in its article, and, for a question that expects a
typed value (briefing.query.answer_types), whether it holds a new candidate of that type
(briefing.query.candidates); and, for its paragraph, the question's numbers and names it lacks.
briefing.query.scorer weighs them; benchmarks/train_scorer.py learns the weights from the same
rows, so training and answering read the evidence through this one module.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, chain
from math import fsum
from operator import itemgetter
from typing import NamedTuple

from briefing.models import Paragraph
from briefing.query.answer_types import AnswerType
from briefing.query.name_forms import form_terms, forms_of
from briefing.query.question import INNER_CAPITAL, QueryWord, Question
from briefing.text.analyzer import Word, analyzer_for
from briefing.text.anaphors import ANAPHOR_REACH, anaphors
from briefing.text.normalize import fold
from briefing.text.passage import PASSAGES_KEPT, read_passage

# The features, in the order of the scorer's weights (briefing/query/scorer.json).
FEATURES = (
    "coverage",  # the share of the question's IDF mass the sentence holds (context at a discount)
    "carried_back",  # ... that the sentence before holds, when this one opens by pointing back
    "carried_over",  # ... that the paragraph before holds (its last sentence), when this one
    #                  opens the paragraph by pointing back: news writes a paragraph a sentence
    "previous",  # ... that the sentence before holds, otherwise
    "following",  # ... that the sentence after holds
    "paragraph_coverage",  # ... that its whole paragraph (and its title, section) holds
    "article_coverage",  # ... that the paragraphs read of its article hold together: a news
    #                      story's later paragraph is about what its lead names
    "words_held",  # the share of the question's words it holds, unweighted
    "rarest_held",  # it holds the question's rarest word
    "proximity",  # matched words over the span they occupy
    "phrases",  # the question's adjacent word pairs it repeats (a quarter each, at most 1)
    "relative_score",  # its paragraph's BM25 score over the best paragraph's
    "article_score",  # the best relative score among the paragraphs read of its article
    "top_paragraph",  # its paragraph ranks first
    "neighbour",  # its paragraph was read as the best one's neighbour in the article
    "first_sentence",  # it opens its paragraph
    "article_position",  # 1 / its paragraph's number in the file: the lead is near 1
    "short",  # fewer than SHORT_SENTENCE_WORDS words: a fragment is rarely a whole answer
    "length",  # log of its words, over log 100
    "typed",  # the question expects a typed value (the same for all its sentences)
    "fits",  # the question expects a typed value and the sentence holds a new one that fits
    "exact",  # ... of exactly the expected type
    "named_fits",  # fits, and the expected type is a name (person, place, organisation, title)
    "fits_in_paragraph",  # typed, and some sentence of its paragraph holds a fitting candidate
    "number_missing",  # the share of the question's numbers its paragraph and title lack
    "name_missing",  # the IDF share of the question's names, known to the folder, that its
    #                  paragraph and the paragraphs read of its article lack
    "unseen",  # the IDF share of question words the folder never holds
    "near",  # typed: 1 / (1 + the words between its nearest fitting candidate and a question
    #          word in it): "cancel 77 ... flights", not a number at the far end
    "new_share",  # the share of its content words the question lacks: a lead restates the
    #               question, a detail sentence adds to it
    "names_lacking",  # the IDF share of the question's names (known to the folder) that the
    #                   sentence itself (or the one it points back to) lacks
    "other_year",  # its paragraph or title names a year, and none of the question's
    "focus_held",  # it (or the sentence it points back to) holds the noun naming what the
    #                question asks for ("flights" of "how many flights"; briefing.query.
    #                answer_types.question_focus)
    "focus_in_paragraph",  # its paragraph, or the paragraphs read of its article, hold it
    "stand_in",  # names_lacking, when the sentence names someone or something else in their
    #              place ("Yahoo earned $187m" for Google's earnings; "Mr Ebbers could face
    #              ..." for Sullivan's sentence): a sentence about another, not the asked one
    "related",  # the IDF share of the question's words it lacks but holds a word of the same
    #             first RELATED_PREFIX letters of ("construite" for "construction")
    "borrowed",  # it opens by pointing back and holds no fitting candidate, and the sentence
    #              it points to holds one: shown together, theirs stand for its own ("Peyton
    #              Manning became ... He is also the oldest quarterback ...")
)

SHORT_SENTENCE_WORDS = 4
# Two words longer than this sharing their first this many letters are related (a verb and
# its noun: "construite", "construction"; "réalisé", "réalisation"), which French stems keep
# apart ("construit", "construct"); 5 letters would relate "constitution" too, and "electric"
# to "election". Chosen on the development splits (README, *Expected types and candidates*).
RELATED_PREFIX = 6
NEIGHBOUR_RANK = -1  # the rank given to a paragraph read as the best one's neighbour
PHRASE_LIMIT = 4
CONTEXT_CREDIT = 0.5
_NAMED = frozenset({AnswerType.PERSON, AnswerType.PLACE, AnswerType.ORGANISATION,
                    AnswerType.TITLE})
_LOG_100 = math.log(100.0)
_SURFACE = itemgetter(1)  # a Word's folded surface
_YEAR = re.compile(r"(?<![\d.,])(?:1[5-9]\d\d|20\d\d)(?![\d.,]\d)")

# A name made of letters and a number ("carbon-14", "A380", "F-16"), not an ordinal ("15th",
# "8eme") or a decade ("1700s").
_NUMBERED_NAME = re.compile(r"[^\W\d_]{1,}[-\u2010\u2011]?\d+|[^\W\d_]{2,}\d+[^\W\d_]*")

_ACRONYM = re.compile(r"[A-Z]{2,6}s?")
_NUMBER_RANGE = re.compile(r"\d+(?:[-\u2010\u2011\u2013/]\d+)+")
_RANGE_SEPARATOR = re.compile(r"[-\u2010\u2011\u2013/]")
JOINED_PART = 4  # the shortest word of two joined ones ("superbowl"; not "tel" + "egram")
_CAMEL = re.compile(r"[A-Z][a-z]+(?:[A-Z][a-z]+)+")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")


Candidates = tuple[tuple[str, int, int], ...]  # (type, start, end) in passage code points
KnownWords = Callable[[list[str]], set[str]]  # which of these words the folder holds

# The years an article names, by its source (the caller reads the file's paragraphs).
ArticleYears = Callable[[str], frozenset[str]]


class Evidence(NamedTuple):
    """One candidate sentence (or two, when it points back) and its features.

    A tuple: every sentence of the candidate paragraphs makes one.
    """

    doc_id: int
    paragraph: Paragraph
    passage: str
    start: int
    end: int
    coverage: float  # its own coverage (with the sentence it points back to, if shown with it)
    features: tuple[float, ...]
    candidates: tuple[tuple[str, int, int], ...]  # fitting candidates: (type, start, end) in
    #                                               passage code points


@dataclass(frozen=True, slots=True)
class QuestionCues:
    """What the evidence reads from the question itself, computed once per question."""

    surfaces: frozenset[str]  # its folded words, and those its typos were corrected to
    phrases: frozenset[tuple[str, str]]  # adjacent word pairs, not both stopwords
    phrase_words: frozenset[str]  # the words of its pairs that are not stopwords
    expected: AnswerType
    typed: bool  # the expected type has candidates (not `reason` or `other`)
    numbers: frozenset[str]  # its numbers and years, folded ("2005", "5-0" reads "50")
    years: frozenset[str]  # those of its numbers that are years
    ahead: bool  # it asks about what is to come ("Who will Henman face in the 2005 Open?")
    names: tuple[int, ...]  # indexes of its words written as names that the folder holds
    # A name's earlier words -> its last ("Sol" -> "Campbell"): news calls a person by the
    # surname after the first mention, so a sentence naming "Campbell" names "Sol Campbell".
    surnames: dict[int, int]
    unseen_names: tuple[str, ...]  # names (and numbers) the whole folder never mentions
    unseen: float  # the IDF share of words the folder holds nowhere
    variants: frozenset[str]  # the terms its words are searched by, in every language
    prefixes: tuple[tuple[int, str], ...]  # (index, first RELATED_PREFIX letters) of its
    #                                        longer words that are not numbers
    focus: int | None  # the index among its words of the noun naming what it asks for
    country: bool  # it asks for a country ("Which countries...", "Quel pays..."): a place
    #                candidate must be one (not "the state of Texas")
    age: bool = False  # it asks how old: only an age or a length of time answers it
    # Its pairs as repeated_pairs() looks for them: each word closed by NUL, which no word holds.
    pair_needles: tuple[str, ...] = ()

    @classmethod
    def of(cls, question: Question, known_words: KnownWords | None = None) -> QuestionCues:
        """The cues of a question; `known_words`, the index's vocabulary lookup, lets a name
        written as two of the folder's words joined pass for known ("Superbowl")."""
        from briefing.query.candidates import FITS, asks_age

        analyzer = analyzer_for(question.language)
        surfaces = question.surfaces
        phrases = frozenset(
            (a, b)
            for a, b in zip(surfaces, surfaces[1:], strict=False)
            if not (analyzer.is_question_stopword(a) and analyzer.is_question_stopword(b))
        )
        phrase_words = frozenset(
            word for pair in phrases for word in pair if not analyzer.is_question_stopword(word)
        )
        expected = question.expected or AnswerType.OTHER
        numbers = frozenset(
            surface for surface, _, _, _ in question.tokens if _is_number(surface)
        )
        names, unseen_names = _names(question, known_words)
        surnames = _surnames(question, names)
        focus = _focus(question)
        corrected = (word for w in question.words for word in w.corrected_to)
        return cls(
            frozenset((*surfaces, *corrected)),
            phrases,
            phrase_words,
            expected,
            bool(FITS[expected]),
            numbers,
            frozenset(n for n in numbers if _YEAR.fullmatch(n)),
            _asks_ahead(surfaces),
            names,
            surnames,
            unseen_names,
            unseen_share(question),
            question.all_variants,
            tuple((i, w.surface[:RELATED_PREFIX]) for i, w in enumerate(question.words)
                  if len(w.surface) > RELATED_PREFIX and w.surface.isalpha()),
            focus,
            expected is AnswerType.PLACE and focus is not None
            and question.words[focus].surface in _COUNTRY_NOUNS,
            asks_age(surfaces),
            tuple(sorted(f"\0{a}\0{b}\0" for a, b in phrases)),
        )

    def phrase_terms(self, language: str | None) -> frozenset[str]:
        """The terms of phrase_words in a paragraph of `language`: a sentence whose terms hold
        none of them repeats no pair of the question."""
        return _stemmed(self.phrase_words, language)


@lru_cache(maxsize=64)
def _stemmed(words: frozenset[str], language: str | None) -> frozenset[str]:
    """The terms of some folded words in `language` (a question's, for each of its candidate
    paragraphs' languages)."""
    stem = analyzer_for(language).stem
    return frozenset(stem(word) for word in words)


def _focus(question: Question) -> int | None:
    """The index among the question's searched words of its focus noun, if it is one."""
    from briefing.query.answer_types import question_focus

    focus = question_focus(question.surfaces, question.language)
    if focus is None:
        return None
    return next((i for i, word in enumerate(question.words) if word.surface == focus), None)


def _is_number(surface: str) -> bool:
    """A number or a year as the tokenizer folds it ("2005", "1.0", "14:30"; not "15th")."""
    return surface[:1].isdigit() and all(c.isdigit() or c in ".,:/" for c in surface)


def _names(
    question: Question, known_words: KnownWords | None = None
) -> tuple[tuple[int, ...], tuple[str, ...]]:
    """The question's words written as names (a capital past its first word, a capital inside
    a word that opens in lowercase: "iPhone", or digits within letters: "carbon-14"), split
    into those the folder holds (indexes into `words`) and those it never mentions, nor
    anything it was corrected to; its numbers the folder never holds count with the latter
    ("2008"). `known_words` (the index's vocabulary lookup), when given, tells a name that is
    two of the folder's words written as one ("Superbowl")."""
    first = question.tokens[0][1] if question.tokens else 0
    held = {word.surface: word.known or word.in_context for word in question.words}
    typed_at = {surface: (start, end) for surface, start, end, _ in question.tokens}
    # Compounds the folder holds or that were translated ("Royaume-Uni": "UK"): their parts
    # are no names of their own ("Royaume").
    found_compounds = [
        typed_at[w.surface] for w in question.words
        if (w.known or w.in_context or w.corrected_to) and w.surface in typed_at
    ]
    text = question.syntax.text
    known: list[int] = []
    unseen: list[str] = []
    for index, word in enumerate(question.words):
        span = typed_at.get(word.surface)
        if span is None:
            continue
        typed = text[span[0] : span[1]]
        named = (
            (typed[:1].isupper() and span[0] != first)
            or INNER_CAPITAL.fullmatch(typed) is not None
            or _NUMBERED_NAME.fullmatch(typed) is not None
            or _is_number(word.surface)
        )
        if not named:
            continue
        # A misspelt name corrected to one the folder holds is known ("Deepsek"); a numbered
        # one is not known by its parts ("carbon-14" is not "carbon" and "14").
        numbered = _NUMBERED_NAME.fullmatch(typed) is not None
        if word.known or word.in_context or (word.corrected_to and not numbered):
            known.append(index)
        elif any(a <= span[0] and span[1] <= b and (a, b) != span for a, b in found_compounds):
            continue  # a part of a compound the folder holds ("Royaume" of "Royaume-Uni")
        elif _function_word(word.surface):
            # An index holds no function words: a title's "An" or "To" (asked in French of
            # English news) may be the folder's all the same.
            continue
        elif _ACRONYM.fullmatch(typed) or (
            _CAMEL.fullmatch(typed) and _in_two_words(typed, question.language, known_words)
        ):
            # An acronym the folder may spell out ("UMC": the United Methodist Church), a
            # name it may write in two words ("UserDatagram"): only the scorer weighs them.
            continue
        elif _NUMBER_RANGE.fullmatch(typed) and all(
            held.get(part, False) for part in _RANGE_SEPARATOR.split(typed)
        ):
            continue  # a season or a score whose numbers the folder holds ("1930-31", "24-10")
        elif known_words is not None and _joined(word.surface, known_words):
            continue  # two words the folder holds, written as one ("Superbowl")
        elif known_words is not None and known_words(sorted(forms_of(word.surface))):
            continue  # a place the folder names in another form ("Koreans": "Korea")
        else:
            unseen.append(typed)
    return tuple(known), tuple(unseen)


def _function_word(surface: str) -> bool:
    """Whether a folded word is a function word of a language questions are translated
    between (briefing.text.translation): one an index does not hold."""
    from briefing.text.translation import LANGUAGES

    return any(analyzer_for(code).is_stopword(surface) for code in LANGUAGES)


def _in_two_words(typed: str, language: str | None, known_words: KnownWords | None) -> bool:
    """Whether the folder may write a CamelCase name as its words: each a word it holds, and
    none a function word ("User Datagram"; "WeChat" is no "we chat", "MySpace" no "my space")."""
    parts = [part.lower() for part in _CAMEL_PART.findall(typed)]
    if any(analyzer_for(language).is_stopword(part) for part in parts):
        return False
    return known_words is None or len(known_words(parts)) == len(set(parts))


def _surnames(question: Question, names: tuple[int, ...]) -> dict[int, int]:
    """Each name word followed, past one space, by another name word -> the last word of that
    run ("Sol Campbell", "Andrea Arnold", "Laura Ashley": the first -> the last)."""
    name_at = {question.words[i].surface: i for i in names}  # a name word's index
    text = question.syntax.text
    linked: dict[int, int] = {}
    run: list[int] = []
    last_end = -1
    for surface, start, end, _ in question.tokens:
        index = name_at.get(surface)
        if index is not None and run and text[last_end:start] == " ":
            run.append(index)
        else:
            linked.update((i, run[-1]) for i in run[:-1] if i != run[-1])
            run = [index] if index is not None else []
        last_end = end
    linked.update((i, run[-1]) for i in run[:-1] if i != run[-1])
    return linked


def _named_by_word(cues: QuestionCues, index: int, held: set[int]) -> bool:
    """Whether the question words `held` name its name `index`: itself or its surname."""
    return index in held or cues.surnames.get(index, -1) in held


def name_held(
    cues: QuestionCues, index: int, held: set[int], terms: frozenset[str], language: str | None,
    words: Sequence[QueryWord],
) -> bool:
    """Whether a sentence (`held`: the question words it holds, `terms`: its own) names the
    question's name `index`: itself, its surname, or another form of a place's name
    ("Californians" by "California")."""
    if _named_by_word(cues, index, held):
        return True
    forms = form_terms(words[index].surface, language)
    return bool(forms) and not forms.isdisjoint(terms)


def _joined(surface: str, known_words: KnownWords) -> bool:
    """Whether a word is two words of the folder's written as one, each of at least
    JOINED_PART letters ("superbowl": "super" and "bowl")."""
    splits = [(surface[:i], surface[i:])
              for i in range(JOINED_PART, len(surface) - JOINED_PART + 1)]
    if not splits:
        return False
    found = known_words([part for pair in splits for part in pair])
    return any(left in found and right in found for left, right in splits)


def unseen_share(question: Question) -> float:
    """The share of the question's IDF mass in words the corpus holds nowhere."""
    unseen = sum(w.idf for w in question.words if not (w.known or w.in_context))
    return unseen / (question.total_idf or 1.0)


def words_of(question: Question) -> dict[str, list[int]]:
    """Each searched term -> the indexes of the question words it stands for."""
    found: dict[str, list[int]] = {}
    for index, word in enumerate(question.words):
        for variant in word.variants:
            found.setdefault(variant, []).append(index)
    return found


@dataclass(slots=True)
class _Sentence:
    """One sentence of a passage, with the question words it holds."""

    start: int
    end: int
    words: tuple[Word, ...]  # start and end relative to their chunk (briefing.text.passage)
    chunks: tuple[str, ...]  # its scanner chunks, in order (each gives one or more words)
    terms: frozenset[str]
    matched: dict[int, int]  # query word index -> the first of its positions among `words`
    points_back: bool
    content: int  # how many of its terms are not its language's stopwords


class _Read(NamedTuple):
    """What read_sentences() needs of one sentence whatever the question: its place, words,
    chunks, terms (and their order), whether it opens by pointing back, its content terms."""

    start: int
    end: int
    words: tuple[Word, ...]
    chunks: tuple[str, ...]
    terms: frozenset[str]
    order: tuple[str, ...]
    points_back: bool
    content: int


@lru_cache(maxsize=PASSAGES_KEPT)
def _read(passage: str, language: str | None) -> tuple[_Read, ...]:
    """The sentences of a passage as read_sentences() needs them, read once per passage."""
    read = read_passage(passage, language)
    pointers = anaphors(language)
    function_terms = stop_terms(language)
    return tuple(
        _Read(
            start, end, inside, chunks, terms, order,
            # The first sentence may point back too, to the paragraph before (carried_over).
            not pointers.isdisjoint(map(_SURFACE, inside[:ANAPHOR_REACH])),
            len(terms - function_terms),
        )
        for (start, end), inside, chunks, terms, order in zip(
            read.sentences, read.words, read.chunks, read.terms, read.term_order, strict=True
        )
    )


def read_sentences(
    passage: str, language: str | None, searched: dict[str, list[int]]
) -> list[_Sentence]:
    """The sentences of a passage with the question words each holds."""
    terms_searched = searched.keys()
    sentences: list[_Sentence] = []
    for start, end, inside, chunks, terms, order, points_back, content in _read(
        passage, language
    ):
        matched: dict[int, int] = {}
        for term in terms_searched & terms:  # most often none, or a few
            position = order.index(term)
            for index in searched[term]:
                if position < matched.get(index, position + 1):
                    matched[index] = position
        sentences.append(
            _Sentence(start, end, inside, chunks, terms, matched, points_back, content)
        )
    return sentences


def proximity(matched: dict[int, int]) -> float:
    """Matched words over the span they occupy: 1.0 when they stand side by side."""
    if len(matched) < 2:
        return 0.0
    first = min(matched.values())
    last = max(matched.values())
    return min(1.0, len(matched) / (last - first + 1))


def repeated_pairs(words: tuple[Word, ...], cues: QuestionCues) -> int:
    """How many of the question's word pairs the sentence repeats (at most PHRASE_LIMIT)."""
    # Each pair searched in the words joined by NUL: twice as fast as the set of the sentence's
    # pairs, and it is asked of every sentence holding a word of a pair.
    joined = "\0" + "\0".join(map(_SURFACE, words)) + "\0"
    return min(PHRASE_LIMIT, sum(map(joined.__contains__, cues.pair_needles)))


def paragraph_evidence(
    doc_id: int,
    paragraph: Paragraph,
    passage: str,
    rank: int,
    relative_score: float,
    question: Question,
    context: frozenset[str],
    cues: QuestionCues,
    sentences: list[_Sentence],
    carried_in: set[int],
    article_held: set[int],
    article_score: float,
    covered_only: bool = False,
) -> list[Evidence]:
    """The evidence of every sentence of one candidate paragraph (`passage`: its cleaned
    text, `sentences`: read_sentences of it), ranked `rank` (0: best) with `relative_score`
    of the best paragraph's BM25 score; `carried_in`: the question words the last sentence
    of the paragraph before it in its article holds (empty when that one was not read);
    `article_held`, the question words the paragraphs read of its article hold, and
    `article_score` the best relative score among them. `covered_only`: only the sentences
    whose coverage is above 0 (those that can answer; the others only make weak passages),
    the same evidence of each."""
    language = paragraph.language
    if not sentences:
        return []
    words = question.words
    total = question.total_idf or 1.0
    idf = [w.idf for w in words]

    # Words the paragraph's title, section or source line holds count, at a discount, for
    # every sentence in it: "according to Arirang News" is answered by Arirang's paragraphs.
    # A word found only in metadata (never in any paragraph) can only be matched there:
    # full credit; a word the sentence could have held but does not: half.
    def credit(word: QueryWord) -> float:
        return word.idf * (CONTEXT_CREDIT if word.known else 1.0)

    in_context = {i for i, w in enumerate(words) if w.variants & context}
    context_credit = {i: credit(words[i]) for i in in_context}

    def coverage(held: set[int]) -> float:
        # fsum: exact whatever the order a set of indexes is walked in (it varies with the
        # order they were added), so the same question gives the same features, bit for bit.
        if not context_credit:
            return fsum([idf[i] for i in held]) / total
        return fsum([*(idf[i] for i in held),
                     *(context_credit[i] for i in in_context - held)]) / total

    helds = [set(sentence.matched) for sentence in sentences]
    # Each sentence's own coverage and start first: a sentence pointing back is shown with
    # the one it points to ("It is the county seat of Duval County" needs the one naming it).
    placed: list[tuple[float, float, int]] = []  # (its coverage, with the one it points to,
    #                                              where it is shown from)
    fitting: dict[int, Candidates] = {}  # each sentence's fitting candidates, found once

    def fitting_of(index: int) -> Candidates:
        if index not in fitting:
            fitting[index] = _fitting(sentences[index], passage, cues)
        return fitting[index]

    borrowed: set[int] = set()  # the sentences whose candidates are the one's before
    for index, sentence in enumerate(sentences):
        held = helds[index]
        own = coverage(held) if held or in_context else 0.0
        pointing = bool(index) and sentence.points_back  # to the sentence before, in it
        borrows = pointing and cues.typed and bool(held) and (
            not fitting_of(index) and bool(fitting_of(index - 1)))
        if pointing and (helds[index - 1] - held or borrows):
            placed.append((own, coverage(held | helds[index - 1]), sentences[index - 1].start))
            if borrows:
                borrowed.add(index)
        else:
            placed.append((own, own, sentence.start))
    if covered_only:
        wanted = [index for index, (_, shown, _) in enumerate(placed) if shown > 0]
        if not wanted:
            return []
    else:
        wanted = list(range(len(sentences)))
    held_anywhere: set[int] = set().union(*helds)
    paragraph_coverage = coverage(held_anywhere)
    article_coverage = coverage(held_anywhere | article_held)
    number_missing = _numbers_missing(cues, passage, paragraph, language)
    name_missing = _names_missing(cues, question, held_anywhere | in_context | article_held,
                                  passage, language)

    phrase_terms = cues.phrase_terms(language) if cues.phrases else frozenset()
    if cues.typed:
        found: dict[int, Candidates] = {
            index: fitting_of(index - 1 if index in borrowed else index) for index in wanted
        }
        # Whether any sentence of the paragraph holds one: the others are read only while
        # none has been found.
        fits_in_paragraph = float(any(found.values()) or any(
            fitting_of(index) for index in range(len(sentences)) if index not in found
        ))
    else:
        found = {}
        fits_in_paragraph = 0.0
    other_year = float(_other_year(cues, passage, paragraph))
    function_terms = stop_terms(language)
    asked_terms = cues.variants
    names = [i for i in cues.names if i not in in_context]
    focus = cues.focus
    focus_in_paragraph = float(focus is not None and (
        focus in held_anywhere or focus in article_held or focus in in_context))
    named = cues.expected in _NAMED
    expected = cues.expected
    typed = float(cues.typed)
    rarest = max(range(len(words)), key=lambda i: idf[i]) if words else -1
    count_words = len(words) or 1
    focus_in_context = focus is not None and focus in in_context
    prefixes = cues.prefixes
    # The features every sentence of the paragraph shares, in FEATURES order around its own.
    shared_scores = (relative_score, max(relative_score, article_score), float(rank == 0),
                     float(rank == NEIGHBOUR_RANK))
    position = 1.0 / max(1, paragraph.number)
    missing = (number_missing, name_missing, cues.unseen)
    empty: set[int] = set()
    last = len(sentences) - 1
    made: list[Evidence] = []
    for index in wanted:
        sentence = sentences[index]
        held = helds[index]
        previous = helds[index - 1] if index else empty
        following = helds[index + 1] if index < last else empty
        points_back = sentence.points_back
        # fsum of nothing is 0.0: the empty sums are skipped, the features are the same.
        earlier = previous - held
        before = fsum([idf[i] for i in earlier]) / total if earlier else 0.0
        if index == 0 and points_back and carried_in:
            carried = carried_in - held
            over = fsum([idf[i] for i in carried]) / total if carried else 0.0
        else:
            over = 0.0
        later = following - held - previous if following else empty
        after = fsum([idf[i] for i in later]) / total if later else 0.0
        own, shown_coverage, start = placed[index]
        pairs = (
            repeated_pairs(sentence.words, cues) / PHRASE_LIMIT
            if not phrase_terms.isdisjoint(sentence.terms)
            else 0.0
        )
        count = len(sentence.words)
        candidates = found.get(index, ())
        if candidates:
            fits = 1.0
            exact = float(any(kind == expected for kind, _, _ in candidates))
            # A borrowed candidate stands where the sentence points back: at its start.
            near = _nearness(sentence, passage, language, candidates if index not in borrowed
                             else (("", sentence.start, sentence.start + 1),))
        else:
            fits = exact = near = 0.0
        # Its content terms the question lacks: those it holds of the question are few.
        content = sentence.content
        new_share = (
            (content - len((asked_terms & sentence.terms) - function_terms)) / content
            if content
            else 0.0
        )
        shown = held | previous if points_back else held
        if names:
            said = sentence.terms if not (points_back and index) else (
                sentence.terms | sentences[index - 1].terms)
            lacking = fsum([idf[i] for i in names
                            if not name_held(cues, i, shown, said, language, words)]) / total
        else:
            lacking = 0.0
        stand_in = lacking if lacking and _names_another(
            passage, sentence.start, sentence.end, cues.surfaces) else 0.0
        focus_held = float(focus is not None and (focus in shown or focus_in_context))
        related = 0.0
        if prefixes:
            starts = {surface[:RELATED_PREFIX] for _, surface, _, _ in sentence.words
                      if len(surface) > RELATED_PREFIX}
            alike = [idf[i] for i, start in prefixes if i not in held and start in starts]
            if alike:
                related = fsum(alike) / total
        features = (
            own,
            before if points_back else 0.0,
            over,
            0.0 if points_back else before,
            after,
            paragraph_coverage,
            article_coverage,
            len(held) / count_words,
            float(rarest in held),
            proximity(sentence.matched),
            pairs,
            *shared_scores,
            float(index == 0),
            position,
            float(count < SHORT_SENTENCE_WORDS),
            math.log(max(1, count)) / _LOG_100,
            typed,
            fits,
            exact,
            fits if named else 0.0,
            fits_in_paragraph,
            *missing,
            near,
            new_share,
            lacking,
            other_year,
            focus_held,
            focus_in_paragraph,
            stand_in,
            related,
            float(index in borrowed),
        )
        made.append(Evidence(
            doc_id, paragraph, passage, start, sentence.end, shown_coverage, features, candidates
        ))
    return made


# A capitalised word past a sentence's first: a name, unless a function word or a month.
_INNER_CAPITALISED = re.compile(r"(?<=[\s(“\"'‘])[A-Z][\w'’\-]*")


def _names_another(passage: str, start: int, end: int, asked: frozenset[str]) -> bool:
    """Whether a sentence names, past its first word, something the question does not."""
    from briefing.query.candidates import not_a_name

    for match in _INNER_CAPITALISED.finditer(passage, start + 1, end):
        word = match.group().rstrip("'’").removesuffix("'s").removesuffix("’s")
        folded = word.lower() if word.isascii() else fold(word)
        if len(folded) > 1 and folded not in asked and not not_a_name(folded):
            return True
    return False


# The nouns a question names a country by (its focus): a place it asks for must be one.
_COUNTRY_NOUNS = frozenset({"country", "countries", "nation", "nations", "pays"})
# An article that may open a country's name in a sentence ("the United States", "l'Italie")
# and is no part of it in the gazetteer; a whole word ("Lesotho" keeps its "Les").
_ARTICLE = re.compile(r"^(?:(?:the|la|le|les)\s+|l')")


def is_country(text: str) -> bool:
    """Whether a span of text names a country or territory (gazetteer/countries.txt)."""
    from briefing.query.candidates import countries

    return _ARTICLE.sub("", fold(text)) in countries()


def _fitting(sentence: _Sentence, passage: str, cues: QuestionCues) -> Candidates:
    """A sentence's candidates that fit the expected type and do not restate the question,
    as (type, start, end) in passage code points; for a question asking for a country, only
    the places that are countries (briefing/query/gazetteer/countries.txt)."""
    from briefing.query.candidates import find_candidates

    start = sentence.start
    text = passage[start : sentence.end]
    return tuple(
        (c.type.value, start + c.start, start + c.end)
        for c in find_candidates(text, cues.surfaces, cues.expected, cues.age)
        if not cues.country or is_country(text[c.start : c.end])
    )


def _nearness(
    sentence: _Sentence, passage: str, language: str | None, candidates: Candidates
) -> float:
    """1 / (1 + the words between the nearest of the sentence's fitting candidates and a
    question word it holds); 0 when it holds none."""
    if not sentence.matched:
        return 0.0
    from bisect import bisect_right

    from briefing.text.tokenize import chunk_places

    start = sentence.start
    places = [base for base, _ in chunk_places(passage[start : sentence.end], sentence.chunks)]
    # The word count up to the end of each chunk ("medium-distance" is one chunk of three
    # words): a word's chunk is the first whose count passes its position.
    ends = list(accumulate(map(len, map(analyzer_for(language).chunk_words, sentence.chunks))))
    asked = sorted({bisect_right(ends, position) for position in sentence.matched.values()})
    best = 0.0
    for _, a, b in candidates:
        first = bisect_right(places, a - start) - 1
        last = bisect_right(places, b - start - 1) - 1
        gap = min(
            first - q - 1 if q < first else q - last - 1 if q > last else 0 for q in asked
        )
        best = max(best, 1.0 / (1.0 + max(0, gap)))
    return best


def _other_year(cues: QuestionCues, passage: str, paragraph: Paragraph) -> bool:
    """Whether the paragraph or its title names a year and none of the question's."""
    if not cues.years:
        return False
    here = years_in(passage)
    if paragraph.title:
        here |= years_in(paragraph.title)
    return bool(here) and here.isdisjoint(cues.years)


@cache
def stop_terms(language: str | None) -> frozenset[str]:
    """The terms of a language's stopwords: what a sentence's content words are not."""
    analyzer = analyzer_for(language)
    return frozenset(analyzer.stem(word) for word in analyzer.stopwords)


def _numbers_missing(
    cues: QuestionCues, passage: str, paragraph: Paragraph, language: str | None
) -> float:
    """The share of the question's numbers and years that neither the paragraph nor its
    article's title holds."""
    if not cues.numbers:
        return 0.0
    read = read_passage(passage, language)
    held = set(map(_SURFACE, chain.from_iterable(read.words)))
    if paragraph.title:
        title = read_passage(paragraph.title, language)
        held.update(map(_SURFACE, chain.from_iterable(title.words)))
    # An ordinal holds its number: "the 36th anniversary" for "36 years since".
    held.update(found.group(1) for surface in list(held) if (found := _ORDINAL.fullmatch(surface)))
    return sum(number not in held for number in cues.numbers) / len(cues.numbers)


# A folded ordinal: "36th", "1st", "2nd", "3rd"; French "1er", "1re", "2e", "3eme", "21eme".
_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th|er|re|e|eme|ieme)")


# What marks a question about what is to come: English and French future forms ("will",
# "is due to", "is to be held", "va", "sera").
_AHEAD_WORDS = frozenset(
    "will shall wont va vont sera seront aura auront devra devront ira iront".split()
)
_AHEAD_PAIRS = frozenset({("due", "to"), ("going", "to")})
_PRESENT = frozenset({"is", "are"})
_PAST = frozenset({"was", "were", "did", "had"})


def _asks_ahead(surfaces: tuple[str, ...]) -> bool:
    """Whether a question's folded words ask about what is to come: a future form, or "to be"
    in a question in the present ("Where is the ceremony to be held?", not "Who was the first
    to be elected?")."""
    pairs = set(zip(surfaces, surfaces[1:], strict=False))
    return (
        not _AHEAD_WORDS.isdisjoint(surfaces)
        or not _AHEAD_PAIRS.isdisjoint(pairs)
        or (("to", "be") in pairs and not _PRESENT.isdisjoint(surfaces)
            and _PAST.isdisjoint(surfaces))
    )


def year_conflict(
    cues: QuestionCues, passage: str, paragraph: Paragraph, article_years: ArticleYears
) -> bool:
    """Whether a year of the question is in neither the paragraph nor its whole article while
    the article names other years: it tells of another year ("earnings in 2005" asked of an
    article on 2004's). An article that names no year at all may well be of the asked one
    ("the Australian Open" for "the 2005 Australian Open"), and so may one written before the
    year a question about what is to come asks about ("Who will Henman face in the first
    round of the 2005 Australian Open?" of a story of December 2004 that names past years).
    `article_years` reads the years of a file (only asked when the paragraph and its title
    lack one)."""
    if not cues.years or cues.ahead:
        return False
    here = set(_YEAR.findall(passage))
    if paragraph.title:
        here.update(_YEAR.findall(paragraph.title))
    if cues.years <= here:
        return False
    named = article_years(paragraph.source)
    return bool(cues.years - named - here) and bool(named - cues.years)


def years_in(text: str) -> frozenset[str]:
    """The years a text names (1500-2099, not inside a longer number)."""
    return frozenset(_YEAR.findall(text))


def _names_missing(
    cues: QuestionCues,
    question: Question,
    held: set[int],
    passage: str,
    language: str | None,
) -> float:
    """The IDF share of the question's names (that the folder holds) that the paragraph
    lacks; a name counts as held by its surname ("Campbell" for "Sol Campbell") and in
    another form of it (_another_form_held: "Italian" for "Italy")."""
    missing = [i for i in cues.names if not _named_by_word(cues, i, held)]
    if not missing:
        return 0.0
    words = question.words
    read = read_passage(passage, language)
    surfaces = set(map(_SURFACE, chain.from_iterable(read.words)))
    lacking = 0.0
    for index in missing:
        name = words[index].surface
        if not _another_form_held(name, surfaces):
            lacking += words[index].idf
    return lacking / (question.total_idf or 1.0)


def _another_form_held(name: str, surfaces: set[str]) -> bool:
    """Whether the passage names the place `name` names in another form ("Italian" for
    "Italy", "Californians" for "California"): one of its forms (briefing.query.name_forms),
    or a gazetteer word sharing all but its last letter."""
    from briefing.query.candidates import place_forms

    if not forms_of(name).isdisjoint(surfaces):
        return True
    stem = name[: max(4, len(name) - 1)]
    if len(name) < 4:
        return False
    forms = place_forms()
    return any(
        surface.startswith(stem) and surface in forms and (name in forms)
        for surface in surfaces
    )
