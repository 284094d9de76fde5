"""Provides translations(): a question word's words in the other language of news, from
bilingual.txt.

A French question asked of English news ("Qui poursuit Bruce Willis en justice ?") shares
only its names with the text; its other words ("poursuit", "justice") search nothing, or an
English look-alike. With the words of bilingual.txt (English | French, one meaning per line)
it also searches "sue" and "lawsuit". A word matches a form of its own language by its
folded spelling or its Snowball stem; the forms of the other side are returned folded, to
be stemmed and searched as the question's own words are.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from briefing.text.analyzer import analyzer_for
from briefing.text.normalize import fold

__all__ = ["LANGUAGES", "translations"]

LANGUAGES = ("en", "fr")  # the columns of bilingual.txt, in order
# A stem this short may stand for unrelated words ("part": "partir", "parti", "part"); the
# longer ones of the list's words that give two meanings are one word's senses ("gagner":
# win and earn) or a name and its people ("japon": Japan, Japanese), both worth searching.
SHORT_STEM = 4


@lru_cache(maxsize=1)
def _lines() -> tuple[tuple[tuple[str, ...], ...], ...]:
    """Each meaning's folded words, one tuple per language (LANGUAGES order)."""
    text = resources.files("briefing.text").joinpath("bilingual.txt").read_text("utf-8")
    found = []
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        sides = line.split("|")
        if len(sides) != len(LANGUAGES):
            raise ValueError(f"bilingual.txt: not 'english | french': {raw!r}")
        found.append(tuple(
            # Hyphens dropped, as the tokenizer joins a compound's parts ("etatsunis").
            tuple(dict.fromkeys(fold(word.strip()).replace("-", "")
                                for word in side.split(",") if word.strip()))
            for side in sides
        ))
    return tuple(found)


@lru_cache(maxsize=len(LANGUAGES))
def _keys(language: str) -> dict[str, tuple[int, ...]]:
    """Folded word or stem of `language` -> the lines that hold it."""
    column = LANGUAGES.index(language)
    analyzer = analyzer_for(language)
    keys: dict[str, list[int]] = {}
    for number, sides in enumerate(_lines()):
        for word in sides[column]:
            for key in dict.fromkeys((word, "~" + analyzer.stem(word))):
                keys.setdefault(key, []).append(number)
    return {key: tuple(lines) for key, lines in keys.items()}


def translations(surface: str, language: str | None, target: str) -> tuple[str, ...]:
    """The folded words of `target` that bilingual.txt gives for the folded word `surface`
    of `language`, in the list's order; () for a language pair it lacks or a word it lacks."""
    if language == target or language not in LANGUAGES or target not in LANGUAGES:
        return ()
    keys = _keys(language)
    column = LANGUAGES.index(target)
    every = _lines()
    lines = keys.get(surface)
    if lines is None:
        stem = analyzer_for(language).stem(surface)
        lines = keys.get("~" + stem, ())
        if len(stem) <= SHORT_STEM and _meanings(lines, column) > 1:
            # A short stem two meanings share is evidence of neither: "partir" (to leave)
            # stems as "parti" (party) and "part" (share) do.
            return ()
    return tuple(dict.fromkeys(word for line in lines for word in every[line][column]))


def _meanings(lines: tuple[int, ...], column: int) -> int:
    """How many meanings some lines of the list give in `column`: lines that share a word
    are one meaning ("lose, losing" and "defeat, lose, lost, loss")."""
    every = _lines()
    groups: list[set[str]] = []
    for line in lines:
        words = set(every[line][column])
        joined = [group for group in groups if not group.isdisjoint(words)]
        for group in joined:
            words |= group
            groups.remove(group)
        groups.append(words)
    return len(groups)
