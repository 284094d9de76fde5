"""Provides the forms of a place's name: "Italy", "Italian", "Italians" and "italiennes" are one.

A question naming "Californians" is answered by a sentence about "California", and one about
"Korea" by a sentence on "the Korean government": whether a sentence or a paragraph holds the
question's names (briefing.query.evidence) counts every form. The groups are data
(gazetteer/name_forms.txt); plurals and French feminines are found by their endings.
"""

from __future__ import annotations

from functools import cache, lru_cache

from briefing.text.analyzer import analyzer_for

__all__ = ["form_terms", "forms_of", "group_of"]

# What a form may end with past its listed spelling: plurals ("italians", "anglais" stays as
# it is) and French feminines ("italienne", "francaise", "coreennes").
_ENDINGS = ("", "s", "e", "es", "ne", "nes")


@cache
def _groups() -> tuple[dict[str, int], tuple[tuple[str, ...], ...]]:
    from briefing.paths import PACKAGE_DIR

    path = PACKAGE_DIR / "query" / "gazetteer" / "name_forms.txt"
    groups: list[tuple[str, ...]] = []
    of: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        forms = tuple(line.split())
        for form in forms:
            of.setdefault(form, len(groups))
        groups.append(forms)
    return of, tuple(groups)


def group_of(surface: str) -> int | None:
    """The group of a folded word, if it is a form of a place's name, inflected or not."""
    of, _ = _groups()
    for ending in _ENDINGS:
        if surface.endswith(ending):
            found = of.get(surface[: len(surface) - len(ending)])
            if found is not None:
                return found
    return None


@lru_cache(maxsize=256)
def form_terms(surface: str, language: str | None) -> frozenset[str]:
    """The index terms, in `language`, of every form of the place a folded word names (itself
    included, each with its endings); empty when it names none."""
    stem = analyzer_for(language).stem
    return frozenset(map(stem, forms_of(surface)))


@lru_cache(maxsize=256)
def forms_of(surface: str) -> frozenset[str]:
    """Every form, with its endings, of the place a folded word names; empty when none."""
    group = group_of(surface)
    if group is None:
        return frozenset()
    _, groups = _groups()
    return frozenset(form + ending for form in groups[group] for ending in _ENDINGS)
