"""Provides the measure of typo correction across languages (issue 15, item 5).

Usage: python -m benchmarks.corrections [EVAL_DIR]

Over the English BBC folder (bbc/corpus, indexed under $BRIEFING_CACHE_DIR):
- every word of the PIAF development questions (French) that the folder does not hold goes
  through correct_word() as a question's unknown word does, with and without the question's
  language: how many French words become English ones, and how many of those were valid
  French words (pyspellchecker's French list);
- the misspelt questions of bbc_qa_dev.json and misspelt names in French questions: whether
  the intended word is still found;
- the cost of the language check: correct_word() per unknown word, with the word list loaded.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from benchmarks.evaldata import load_squad
from briefing.index.opening import open_index
from briefing.paths import eval_dir
from briefing.query.question import _correctable, correct_word
from briefing.text.analyzer import analyzer_for
from briefing.text.lexicon import is_word_of
from briefing.text.question_language import written_in
from briefing.text.tokenize import tokenize

# bbc_qa_dev.json's misspelt words and the words the folder holds (its `misspelt` questions),
# and French questions about the folder's people with their names misspelt.
INTENDED = {
    "nucleer": "nuclear",
    "borrusia": "borussia",
    "blackader": "blackadder",
    "glasow": "glasgow",
    "apperance": "appearance",
    "henmann": "henman",
    "broadbnd": "broadband",
}
FRENCH_NAMES = [
    ("Qui entraîne Mourino ?", "mourino", "mourinho"),
    ("Qui a battu Borrusia Dortmund ?", "borrusia", "borussia"),
    ("Quand Henmann a-t-il joué à Melbourne ?", "henmann", "henman"),
    ("Où joue Thierry Hanry ?", "hanry", "henry"),
    ("Qui poursuit Bruce Wilis en justice ?", "wilis", "willis"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("eval_dir", nargs="?", type=Path, default=None)
    args = parser.parse_args()
    root = args.eval_dir or eval_dir()
    reader, _ = open_index(root / "bbc" / "corpus")
    french = analyzer_for("fr")
    piaf = load_squad(root / "piaf" / "piaf-v1.0.json", "piaf").split("dev")
    unknown: dict[str, tuple[str, str]] = {}  # folded word -> (as typed, question language)
    for question in piaf:
        tokens = tokenize(question.text)
        language = written_in([t.surface for t in tokens], reader.languages, question.text)
        language = language or "fr"
        for token in tokens:
            typed = question.text[token.start : token.end]
            if (
                _correctable(token.surface)
                and not french.is_question_stopword(token.surface)
                and token.surface not in unknown
            ):
                unknown[token.surface] = (typed, language)
    absent = sorted(set(unknown) - reader.known_words(unknown))
    is_word_of(["maison"], "fr")  # load the word list outside the timings
    blind = language_aware = valid_blind = valid_aware = 0
    start = time.perf_counter()
    for word in absent:
        if correct_word(reader, word):
            blind += 1
            valid_blind += bool(is_word_of([word, unknown[word][0]], "fr"))
    blind_time = time.perf_counter() - start
    start = time.perf_counter()
    for word in absent:
        typed, language = unknown[word]
        named = typed[:1].isupper()
        if correct_word(reader, word, language, typed, named):
            language_aware += 1
            valid_aware += bool(is_word_of([word, typed], "fr"))
    aware_time = time.perf_counter() - start
    print(f"PIAF dev questions: {len(piaf)}; distinct correctable words the BBC folder lacks: "
          f"{len(absent)}")
    print(f"{'':<28} {'corrected':>9} {'of them French words':>20} {'ms/word':>8}")
    print(f"{'without the language':<28} {blind:>9} {valid_blind:>20} "
          f"{blind_time / max(1, len(absent)) * 1e3:>8.2f}")
    print(f"{'with the language (fr)':<28} {language_aware:>9} {valid_aware:>20} "
          f"{aware_time / max(1, len(absent)) * 1e3:>8.2f}")
    found = sum(
        INTENDED[w] in correct_word(reader, w, "en", w, False) for w in INTENDED
    )
    print(f"bbc_qa_dev misspelt words corrected to the folder's word: {found}/{len(INTENDED)}")
    names = 0
    for question, typo, intended in FRENCH_NAMES:
        language = written_in([t.surface for t in tokenize(question)], reader.languages, question)
        typed = next(t for t in question.split() if t.lower().startswith(typo[:4]))
        got = correct_word(reader, typo, language, typed, True)
        names += bool(got) and got[0] == intended
        print(f"  {question!r}: {typo} -> {got}")
    print(f"misspelt names in French questions corrected: {names}/{len(FRENCH_NAMES)}")
    import tempfile

    from briefing.text import lexicon

    with tempfile.TemporaryDirectory() as cache:
        timings = []
        for _ in range(2):  # the first reads pyspellchecker's list and writes it to the cache
            lexicon._lexicons.clear()
            start = time.perf_counter()
            is_word_of(["maison"], "fr", Path(cache))
            timings.append((time.perf_counter() - start) * 1e3)
    print(f"loading the French word list: {timings[0]:.0f} ms from the package (and writing it "
          f"to the cache), {timings[1]:.1f} ms from the cache")

if __name__ == "__main__":
    main()
