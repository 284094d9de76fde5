"""Typo correction stays in the question's language and close in spelling (issue 15, item 5).

French questions are analysed as French: their function words are not searched, and a French
word is never "corrected" into an English one; a misspelt name is still corrected to the name
the folder holds, in any language.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.index.opening import open_index
from briefing.index.store import IndexReader
from briefing.paths import eval_dir
from briefing.query.evidence import QuestionCues
from briefing.query.question import analyse, correct_word
from briefing.text.lexicon import is_word_of
from briefing.text.question_language import written_in
from briefing.text.spelling import close_spelling, same_root
from briefing.text.tokenize import tokenize

BBC = eval_dir() / "bbc" / "corpus"
# Real English news that holds the words a French question's words sit close to ("pursuit",
# "ex-chat"), and the names misspelt below.
ENGLISH_NEWS = (
    "Actor Bruce Willis is suing Revolution Studios over an injury he said he suffered. "
    "Police said the pursuit ended near the bridge.\n\n"
    "Chelsea manager Jose Mourinho said his side would beat Borussia Dortmund. "
    "The ex-chat show host was in a chat with the justice minister.\n"
)


Asked = tuple[tuple[str, ...], dict[str, tuple[str, ...]]]


def _asked(reader: IndexReader, question: str) -> Asked:
    """The words searched and the corrections made (typed -> replacements)."""
    query = analyse(reader, question)
    return query.searched_terms, {c.original: c.replacements for c in query.corrections}


@pytest.fixture
def english_folder(tmp_path: Path) -> IndexReader:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(ENGLISH_NEWS, encoding="utf-8")
    reader, _ = open_index(folder)
    return reader


def _one_story(tmp_path: Path, text: str) -> IndexReader:
    """The index of a folder holding one story."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "story.txt").write_text(text, encoding="utf-8")
    reader, _ = open_index(folder)
    return reader


@pytest.fixture(scope="module")
def bbc_reader(tmp_path_factory: pytest.TempPathFactory) -> IndexReader:
    """The BBC articles that hold the words at stake: the same vocabulary around them as the
    whole folder's, at a fortieth of the build."""
    if not BBC.is_dir():
        pytest.skip("no BBC evaluation folder")
    folder = tmp_path_factory.mktemp("bbc")
    needles = ("pursuit", "ex-chat", "Bruce Willis", "Borussia", "Mourinho")
    for path in sorted(BBC.rglob("*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        if any(n in text for n in needles):
            target = folder / path.parent.name / path.name
            target.parent.mkdir(exist_ok=True)
            shutil.copy(path, target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(folder.parent / "bbc-cache"))
        reader, _ = open_index(folder)
    return reader


def test_a_correction_stays_close_in_spelling() -> None:
    assert not close_spelling("wechat", "chat")  # a shorter word it merely contains
    assert not close_spelling("wechat", "exchat")  # two edits in a six-letter word
    assert not close_spelling("unsafely", "safely")
    assert not close_spelling("flim", "lim")  # "film" with two letters swapped, not "lim"
    assert not close_spelling("scar", "car")  # a letter more before a word: another word
    for typo, word in [
        ("deepsek", "deepseek"),
        ("mourino", "mourinho"),
        ("henmann", "henman"),  # one letter fewer is a typo, not a shorter word
        ("ffilm", "film"),  # ... and so is a key hit twice at the start
        ("flim", "film"),
        ("borrusia", "borussia"),  # two edits in a long word
        ("goverment", "government"),
        ("recieve", "receive"),  # two neighbours swapped: one edit
    ]:
        assert close_spelling(typo, word), (typo, word)


def test_a_question_is_in_the_language_of_its_function_words() -> None:
    def language(question: str, shares: dict[str, int] | None = None) -> str | None:
        return written_in([t.surface for t in tokenize(question)], shares, question)

    assert language("Qui poursuit Bruce Willis en justice ?", {"en": 10_000}) == "fr"
    assert language("Quelle est la population de cette ville ?") == "fr"
    assert language("Is WeChat banned in Korea?", {"en": 90}) == "en"
    assert language("Wer hat das Spiel gewonnen?") == "de"
    assert language("¿Quién ganó el partido?") == "es"
    assert language("deepsek chatbot italy") is None
    # An elided French article or pronoun tells French, in keywords too; a name does not.
    assert language("cartes d'identité", {"en": 10_000}) == "fr"
    assert language("prix de l'euro") == "fr"  # "de" alone: French or Spanish
    assert language("O'Brien goals") is None and language("L'Oreal profits") is None


def test_word_lists_tell_a_language_s_words() -> None:
    assert is_word_of(["poursuit"], "fr") is True
    assert is_word_of(["Économie"], "fr") and is_word_of(["economie"], "fr")  # accents folded
    assert is_word_of(["mourino"], "fr") is False
    assert is_word_of(["poursuit"], "en") is False
    assert is_word_of(["poursuit"], "da") is None  # no list: the caller decides


def _folded_list(language: str) -> frozenset[str]:
    """A pyspellchecker list as the set of its words' folds, read the plain way."""
    import gzip
    import json
    from importlib import resources

    from briefing.text.normalize import fold

    data = resources.files("spellchecker") / "resources" / f"{language}.json.gz"
    return frozenset(fold(word) for word in json.loads(gzip.decompress(data.read_bytes())))


@pytest.mark.parametrize("language", ["en", "fr", "de", "ru"])
def test_a_sorted_word_list_holds_what_the_set_of_its_words_holds(language: str) -> None:
    """Bisection over the written list (briefing.text.lexicon.SortedWords) finds every word,
    and words one edit away from them (most not words) exactly as the set does."""
    import random

    from briefing.text.lexicon import SortedWords
    from briefing.text.normalize import fold

    exact = _folded_list(language)
    listed = SortedWords.of(exact)
    chosen = random.Random(language).sample(sorted(exact), 3000)
    assert all(word in listed for word in chosen)
    near = [
        fold(variant)
        for word in chosen
        for variant in (word[:-1], word + "e", word[1:], word.replace("e", "é"), word + "\n")
    ]
    assert [word in listed for word in near] == [word in exact for word in near]
    assert any(word not in exact for word in near)  # the comparison saw misses too
    assert "" not in listed and min(exact) in listed and max(exact) in listed


def test_without_pyspellchecker_no_list_is_at_hand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from importlib import resources

    from briefing.text import lexicon

    def missing(package: str) -> object:
        raise ModuleNotFoundError(f"No module named {package!r}")

    monkeypatch.setattr(lexicon, "_lexicons", {})
    monkeypatch.setattr(resources, "files", missing)
    assert lexicon.is_word_of(["poursuit"], "fr", tmp_path) is None  # the caller decides
    assert not (tmp_path / "lexicons").exists()


def test_a_word_list_is_read_from_the_cache_once_written_there(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gzip

    from briefing.text import lexicon

    cache = tmp_path / "cache"
    monkeypatch.setattr(lexicon, "_lexicons", {})
    assert lexicon.is_word_of(["poursuit"], "fr", cache) is True
    written = list((cache / "lexicons").iterdir())
    assert [path.name[:3] for path in written] == ["fr-"]  # no temporary file left
    # A new process reads the written list, not pyspellchecker's.
    monkeypatch.setattr(lexicon, "_lexicons", {})

    def unreadable(data: bytes) -> bytes:
        raise AssertionError("the shipped list was read again")

    monkeypatch.setattr(gzip, "decompress", unreadable)
    assert lexicon.is_word_of(["Économie"], "fr", cache) is True
    assert lexicon.is_word_of(["mourino"], "fr", cache) is False
    monkeypatch.undo()

    # A damaged copy is written again, and a killed writer's temporary file removed; a cache
    # that cannot be written is done without.
    import subprocess
    import sys

    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True).stdout.strip()
    abandoned = written[0].with_name(f".{written[0].name}.{gone}.0badc0de.tmp")
    abandoned.write_bytes(b"\nhalf")
    written[0].write_bytes(b"not a list")
    monkeypatch.setattr(lexicon, "_lexicons", {})
    assert lexicon.is_word_of(["poursuit"], "fr", cache) is True
    assert written[0].read_bytes().startswith(b"\n") and not abandoned.exists()
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setattr(lexicon, "_lexicons", {})
    assert lexicon.is_word_of(["poursuit"], "fr", blocked) is True
    assert lexicon.is_word_of(["mourino"], "fr", blocked) is False
    assert sorted(path.name for path in tmp_path.iterdir()) == ["blocked", "cache"]


def test_french_words_are_not_corrected_into_english(
    english_folder: IndexReader, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.paths import cache_dir
    from briefing.text import lexicon

    monkeypatch.setattr(lexicon, "_lexicons", {})  # read now, as a new process would
    searched, corrections = _asked(english_folder, "Qui poursuit Bruce Willis en justice ?")
    # Translated (see test_a_french_question_searches_english_news_by_its_translations),
    # never corrected.
    assert corrections["poursuit"] == ("sued",) and "pursuit" not in searched
    # A French word without a translation is not corrected into English either: "justicier"
    # is one edit from "justice", but a word of French (the French list says so).
    searched, corrections = _asked(english_folder, "Qui est le justicier de Bruce Willis ?")
    assert "justicier" not in corrections and "justice" not in searched
    # The French list it read is kept in the index's cache folder, and nowhere else.
    assert english_folder.cache == cache_dir()
    assert [p.name[:3] for p in (cache_dir() / "lexicons").iterdir()] == ["fr-"]
    # The same word typed in an English question is a typo of an English word.
    _, corrections = _asked(english_folder, "Who ended the poursuit?")
    assert corrections["poursuit"] == ("pursuit",)


def test_a_misspelt_name_is_corrected_in_a_question_of_any_language(
    english_folder: IndexReader,
) -> None:
    for question, typed in [
        ("Qui est Mourino ?", "Mourino"),
        ("Who is Mourino?", "Mourino"),
        ("mourino chelsea", "mourino"),
    ]:
        assert _asked(english_folder, question)[1] == {typed: ("mourinho",)}
    assert _asked(english_folder, "Qui a battu Borrusia Dortmund ?")[1] == {
        "battu": ("beat",),  # translated (test_a_french_question_searches_english_news...)
        "Borrusia": ("borussia",),
    }


def test_a_word_of_the_question_s_language_becomes_only_another_form_of_itself(
    tmp_path: Path,
) -> None:
    reader = _one_story(
        tmp_path,
        "The thrust of the engines rose by a parentage of ten. It was unnecessary, said "
        "Mr Hague, as the convoy drove forty kilometres.\n",
    )
    # Words of English, misread as other words the folder holds: left as typed (unseen).
    for question, typed in [
        ("How far can one trust the engines?", "trust"),
        ("What percentage did the engines rise by?", "percentage"),
    ]:
        searched, corrections = _asked(reader, question)
        assert typed not in corrections, question
        assert typed in searched
        assert "thrust" not in searched and "parentage" not in searched
    # The same words with another ending are the folder's form of them.
    searched, corrections = _asked(reader, "Was it unnecessarily long after 40 kilometers?")
    assert corrections == {"unnecessarily": ("unnecessary",), "kilometers": ("kilometres",)}
    # A name is corrected though it spells a word ("vague"); a word no list holds, too.
    assert _asked(reader, "What did Mr Vague say?")[1] == {"Vague": ("hague",)}
    assert _asked(reader, "How far did the convoy drive in kilometeres?")[1] == {
        "kilometeres": ("kilometres",)
    }
    assert same_root("unnecessarily", "unnecessary") and same_root("calculee", "calcule")
    assert not same_root("trust", "thrust") and not same_root("sang", "san")
    assert not same_root("contiennent", "continent")


def test_a_word_is_not_cut_down_to_a_word_it_contains(corpus_copy: Path) -> None:
    reader, _ = open_index(corpus_copy)
    searched, corrections = _asked(reader, "Is WeChat banned in Korea?")
    assert corrections == {} and "wechat" in searched and "chat" not in searched
    assert correct_word(reader, "wechat") == ()


def test_french_stopwords_of_a_french_question_are_not_searched(corpus_copy: Path) -> None:
    reader, _ = open_index(corpus_copy)
    searched, _ = _asked(reader, "Quelle est la population de cette ville ?")
    assert searched == ("population", "ville")
    searched, corrections = _asked(reader, "deepsek chatbot italy")
    assert corrections == {"deepsek": ("deepseek",)}


def test_the_measure_after_how_is_not_searched(corpus_copy: Path) -> None:
    # "long" of "how long" says a duration is asked; the answer says "for six months".
    reader, _ = open_index(corpus_copy)
    searched, _ = _asked(reader, "How long will the DeepSeek ban last?")
    assert searched == ("deepseek", "ban", "last")
    searched, _ = _asked(reader, "How often do officials check the long-term data?")
    assert "often" not in searched and "officials" in searched
    # Not after "how", "long" is a word like any other.
    assert "long" in _asked(reader, "Was DeepSeek banned for a long time?")[0]


def test_bbc_poursuit_is_translated_not_corrected(bbc_reader: IndexReader) -> None:
    query = analyse(bbc_reader, "Qui poursuit Bruce Willis en justice ?")
    assert [(c.original, c.translated) for c in query.corrections] == [("poursuit", True)]
    assert {"lawsuit", "sue", "bruce", "willis", "justice"} <= set(query.searched_terms)
    assert "pursuit" not in query.searched_terms and "poursuit" not in query.searched_terms


def test_bbc_wechat_is_left_as_typed(bbc_reader: IndexReader) -> None:
    searched, corrections = _asked(bbc_reader, "Is WeChat banned in Korea?")
    assert corrections == {} and "wechat" in searched


def test_bbc_misspelt_names_become_the_folder_s_names(bbc_reader: IndexReader) -> None:
    assert _asked(bbc_reader, "Who is Jose Mourino?")[1] == {"Mourino": ("mourinho",)}
    assert _asked(bbc_reader, "Qui entraîne Mourino ?")[1] == {"Mourino": ("mourinho",)}
    assert _asked(bbc_reader, "Which team beat Borrusia Dortmund 5-0?")[1] == {
        "Borrusia": ("borussia",)
    }


def test_a_tie_on_shared_function_words_goes_to_the_question_s_letters() -> None:
    # "que", "de", "la" are French and Spanish stopwords alike; "é" is French.
    words = [t.surface for t in tokenize("Que signifie le mot « épée » ?")]
    assert written_in(words, {"en": 100}, "Que signifie le mot « épée » ?") == "fr"
    words = [t.surface for t in tokenize("¿Qué significa la palabra «niño»?")]
    assert written_in(words, {"en": 100}, "¿Qué significa la palabra «niño»?") == "es"


def test_a_hyphenated_compound_is_searched_as_the_parts_the_folder_holds(
    english_folder: IndexReader,
) -> None:
    # The folder lacks "josemourinho": its parts, searched as words of their own, are all
    # that is searched. Searched as the compound too, each would count twice in the ranking
    # and in a sentence's coverage (Cranfield's "fin-body combination": MAP@100 0.294 where
    # 0.296 without).
    question = analyse(english_folder, "Who is Jose-Mourinho's rival?")
    assert [w.surface for w in question.words] == ["jose", "mourinho", "rival"]
    assert question.corrections == ()
    assert {"jose", "mourinho"} <= set(question.searched_terms)


def test_a_name_compound_with_every_word_misspelt_goes_by_its_corrected_words(
    english_folder: IndexReader,
) -> None:
    question = analyse(english_folder, "Did Borusia-Dortmnd win?")
    assert {c.original: c.replacements for c in question.corrections} == {
        "Borusia": ("borussia",), "Dortmnd": ("dortmund",)
    }
    assert [w.surface for w in question.words][:2] == ["borusia", "dortmnd"]
    assert QuestionCues.of(question, english_folder.known_words).unseen_names == ()
    # A word the folder never holds, in a compound or not, is still a name it never mentions.
    question = analyse(english_folder, "Did Borusia-Quuxon win?")
    assert "Quuxon" in QuestionCues.of(question, english_folder.known_words).unseen_names


def test_a_compound_the_folder_holds_is_searched_beside_its_parts(
    english_folder: IndexReader,
) -> None:
    question = analyse(english_folder, "Which ex-chat show host?")
    assert [w.surface for w in question.words][:3] == ["exchat", "ex", "chat"]
    assert question.corrections == ()


def test_a_french_question_searches_english_news_by_its_translations(
    english_folder: IndexReader,
) -> None:
    query = analyse(english_folder, "Qui poursuit Bruce Willis en justice ?")
    (correction,) = query.corrections
    assert correction.translated and correction.text == "poursuit → sued (translated)"
    # "justice" is written alike in both languages: searched as typed, no translation shown.
    assert query.searched_terms == ("sued", "bruce", "willis", "justice")
    # The inverted pronoun of a French question is no searched word ("seront-elles").
    searched, _ = _asked(english_folder, "Quand les blessures seront-elles guéries ?")
    assert "injury" in searched and not {"serontelles", "seront", "elles"} & set(searched)


def test_translations_come_from_the_bilingual_list() -> None:
    from briefing.text.translation import translations

    assert "sue" in translations("poursuit", "fr", "en")  # an irregular form, listed
    assert "score" in translations("marquait", "fr", "en")  # by its stem: "marquer"
    assert translations("etatsunis", "fr", "en")[:2] == ("united", "states")  # "États-Unis"
    assert "poursuivre" in translations("sued", "en", "fr")  # and back
    assert translations("poursuit", "fr", "fr") == ()
    assert translations("poursuit", "de", "en") == ()
    assert translations("willis", "fr", "en") == ()  # a name: searched as typed
    # A short stem two meanings share translates as neither: "partir" (to leave) is no
    # "party" ("parti") and no "share" ("part"); listed forms of those still are.
    assert translations("partir", "fr", "en") == ()
    assert "party" in translations("parti", "fr", "en")
    # A word of a phrase is no translation of it: "mises" (of "mise en garde") is no warning.
    assert translations("mises", "fr", "en") == ()
    # The cities French names otherwise, as the corroboration glossary's; a listed form.
    assert translations("bagdad", "fr", "en") == ("baghdad",)
    assert translations("caire", "fr", "en") == ("cairo",)
    assert "kill" in translations("tuees", "fr", "en") and "mayor" in translations(
        "maire", "fr", "en")


def test_a_word_in_capitals_is_searched_though_it_spells_a_function_word(
    english_folder: IndexReader,
) -> None:
    # "CES" (the show) is no French "ces", "WHO" no English "who"; a question all in
    # capitals still leaves its function words out.
    assert "ces" in analyse(english_folder, "Quelles sont les dates du salon CES ?").searched_terms
    assert "who" in analyse(english_folder, "What is the WHO warning about?").searched_terms
    assert "who" not in analyse(english_folder, "WHO SUED REVOLUTION STUDIOS?").searched_terms


def test_a_title_or_a_compound_in_a_french_question_names_nothing_unseen(
    tmp_path: Path,
) -> None:
    # A French question of English news: the English title's "An" is not translated into
    # "year", and neither it nor "To", which the index does not hold (function words), nor
    # "Royaume" of "Royaume-Uni" (translated "UK"), is a name the folder never mentions,
    # which withheld every answer (the hard rule).
    reader = _one_story(
        tmp_path,
        "U2 have sold 8 million copies of How To Dismantle An Atomic Bomb, 2 million in the UK."
        "\n\nThe year ended with the band on tour.\n")
    query = analyse(
        reader, "Combien d'exemplaires de How To Dismantle An Atomic Bomb au Royaume-Uni ?")
    assert "year" not in query.searched_terms and "uk" in query.searched_terms
    assert QuestionCues.of(query, reader.known_words).unseen_names == ()


def test_a_verb_with_its_pronouns_is_searched_as_the_verb(tmp_path: Path) -> None:
    # A French question of English news: "compte-t-il" was searched as "il" (the folder holds
    # "Il Divo"), and "entrera-t-elle" as a word the folder never holds, beside the verb.
    reader = _one_story(
        tmp_path,
        "Turkcell counted 25 million subscribers in Turkey, and Il Divo sold a million albums."
        "\n\nThe Mental Capacity Bill will come into force in 2007.\n")
    query = analyse(reader, "Combien d'abonnés Turkcell compte-t-il en Turquie ?")
    assert "il" not in query.searched_terms and "counted" in query.searched_terms
    assert not any(w.surface == "comptetil" for w in query.words)
    query = analyse(reader, "Quand la loi entrera-t-elle en vigueur ?")
    assert not any(w.surface == "entreratelle" for w in query.words)
    # A compound of two words stays one: "Kilroy-Silk" is a name, not a verb and a pronoun.
    query = analyse(reader, "Qui est Kilroy-Silk ?")
    assert any(w.surface == "kilroysilk" for w in query.words)


def test_a_folder_holding_the_question_s_language_is_searched_as_typed(
    corpus_copy: Path,
) -> None:
    # The bundled folder holds a French article: "bloqué" is searched as the French word it
    # writes, not also as "block" in the English ones, and "suspendu", which it does not
    # write, is not searched as "ban" either (see question.py: off-topic questions found
    # answers that way).
    reader, _ = open_index(corpus_copy)
    query = analyse(reader, "Pourquoi DeepSeek a-t-il été bloqué ?")
    assert query.corrections == () and query.searched_terms == ("deepseek", "bloque")
    searched, corrections = _asked(reader, "Quand DeepSeek a-t-il été suspendu ?")
    assert "ban" not in searched and "suspendu" not in corrections


def test_french_keywords_search_english_news_by_their_translations(tmp_path: Path) -> None:
    # "cartes d'identité" has no function word but its elision: it is French, so English
    # news is searched for "cards" and "identity"/"ID", not for "cart".
    reader = _one_story(
        tmp_path,
        "The government says ID cards will be issued from 2008.\n\nShoppers pushed a cart "
        "through the new identity checks at the store.\n")
    query = analyse(reader, "cartes d'identité")
    assert query.language == "fr"
    assert {c.original for c in query.corrections if c.translated} == {"cartes", "identité"}
    assert "cart" not in query.searched_terms and {"cards", "id"} <= set(query.searched_terms)
