"""Provides the key actors of a corpus: the people, organisations and places it names.

Mentions come from the anchors (capitalised names and glossary countries, cities and
organisations): a contraction ("I'm"), a pronoun, a number or a sentence's first word that
general text writes in lower case ("One", "Analysts") is never one. "South Korea", "South
Korea’s" and "Corée du Sud" are one actor through the glossary, as "London" and "Londres" are,
"Kakao Corp" and "Kakao" through the company-form rule, and an acronym defined in parentheses
("Personal Information Protection Commission (PIPC)") is its name. A surname alone ("Blair",
as in "Mr Blair") is the full name ("Tony Blair") when one full name ending so has at least
SURNAME_SHARE of the folder's mentions of such names, is itself common (FULL_NAME_SHARE: "In
December Microsoft ..." once does not make every "Microsoft" "December Microsoft"), and is
written in at least half the files that write the surname alone (SURNAME_FILES: "IEP de Paris"
in one article is not "Paris"). A plural is its singular ("Tories" and "Tory", "Liberal
Democrats" and "Liberal Democrat"), an abbreviation the name it shortens ("Lib Dems", "Liberal
Democrats"), and an acronym followed by common words only is the acronym's organisation ("BBC
News", "BBC One": the BBC).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from operator import itemgetter

import numpy as np

from briefing.corroboration.anchors import WORK_NOUNS, city_names
from briefing.corroboration.glossary import glossary
from briefing.corroboration.reference import reference
from briefing.corroboration.state import NodeInfos, distinct, gather_rows
from briefing.query.candidates import not_a_name, place_forms
from briefing.text.normalize import fold

SURNAME_SHARE = 0.9
# The full name must have at least this share of the surname's own mentions: a person named
# in full once in ten mentions at least (BBC: "Tony Blair" 183, "Blair" 343), not a company
# preceded once by a capitalised word ("December Microsoft" 1, "Microsoft" 235).
FULL_NAME_SHARE = 0.1
# A news article names a person in full before it says the surname alone: the full name must
# be written in at least this share of the files that write the short one alone. Of the
# folder-wide merges the two rules above made, those under it were mostly other things of
# the same last word (BBC: "Amazon" as "US-based Amazon" 0/13 files, "Gordon" as "Craig
# Gordon" 0/14, "Rwanda" as "Hotel Rwanda" 1/4, "Charles" as "Ray Charles" 4/12; 120 PIAF
# articles: "Paris" as "IEP de Paris" 1/15, "Dieu" as "Honneur de Dieu" 0/6), those above it
# people ("Blair" 101/119, "Kennedy" 25/26, "Mourinho" 13/14). Lost below it: "Prescott"
# (3/9) and "Clinton" (2/5) stay actors of their own beside the full names.
SURNAME_FILES = 0.5
# A plural and its singular name one actor when this share of the files of the rarer form
# also hold the other: on BBC, party names share 20-66% ("Liberal Democrat(s)", "Tory",
# "Tories"), first names and surnames ending in s (William, Williams; Robert, Roberts) none.
PLURAL_SHARED_FILES = 0.15
# An acronym the folder writes in the plural at least this often is a common noun's ("DVDs",
# "MPs", "PCs"), not an actor's: in the BBC folder the 40 acronyms written in the plural are
# all things or roles (MPs 201 times, PCs 109, DVDs 64, ... MGs, a car, once), and the
# organisations' (BBC, IBM, EU, NHS, IMF) never are. Twice, so that one odd plural does not
# unmake an organisation.
PLURAL_ACRONYM_MENTIONS = 2
# A name the folder writes right after a work's noun at least this often is a work's title
# ("the movie The Aviator", "biopic Ray"): in the BBC folder the names written so twice or
# more are all titles (The Aviator 10 times, Ray 7, The Sea Inside 4, ...) but "Oscar" ("best
# film Oscar"), no actor either. Twice, as for plurals: one odd "film" before a name in a
# caption does not unmake a person.
WORK_MENTIONS = 2


@dataclass(frozen=True, slots=True)
class FoundActor:
    key: str
    name: str
    sources: tuple[str, ...]
    mentions: int


def _aliases(infos: NodeInfos) -> np.ndarray:
    """Per string id: the name key an acronym key stands for, where the folder defines that
    acronym one way only; else the id itself."""
    alias = np.arange(len(infos.strings), dtype=np.int64)
    if len(infos.alias_acronyms):
        width = len(infos.strings)
        pairs = distinct(infos.alias_acronyms.astype(np.int64) * width + infos.alias_names)
        acronyms, names = pairs // width, pairs % width
        acronym_ids, counts = np.unique(acronyms, return_counts=True)
        single = acronym_ids[counts == 1]
        alias[single] = names[np.searchsorted(acronyms, single)]
    return alias


def _common_or_works(infos: NodeInfos, occurs: np.ndarray) -> np.ndarray:
    """The string ids of the names that are a common noun's or a work's: the acronyms written
    in the plural PLURAL_ACRONYM_MENTIONS times or more (the no-actor mentions "DVDs" of key
    "n:DVD") and the names written after a work's noun WORK_MENTIONS times or more ("movie The
    Aviator" of "n:aviator"), each mention counted as often as its sentence occurs (`occurs`,
    per mention)."""
    marked = np.flatnonzero(~infos.mention_actors & (occurs > 0))
    if not len(marked):
        return marked
    strings = infos.strings
    plurals: Counter[int] = Counter()
    works: Counter[int] = Counter()
    for index, key, text in zip(marked.tolist(), infos.mention_keys[marked].tolist(),
                                infos.mention_texts[marked].tolist(), strict=True):
        written = strings[text]
        if written == strings[key][2:] + "s":
            plurals[key] += int(occurs[index])
        elif written.split(" ", 1)[0] in WORK_NOUNS:
            works[key] += int(occurs[index])
    found = {k for k, n in plurals.items() if n >= PLURAL_ACRONYM_MENTIONS}
    found.update(k for k, n in works.items() if n >= WORK_MENTIONS)
    return np.array(sorted(found), dtype=infos.mention_keys.dtype)


def _surnames(mentions: Counter[str], files: Callable[[str], set[int]]) -> dict[str, str]:
    """Single-word name key -> the full name it stands for, where the folder is clear."""
    endings: dict[str, dict[str, int]] = {}
    for key, times in mentions.items():
        short = _surname_key(key)
        if short is not None and short in mentions:
            endings.setdefault(short, {})[key] = times
    found: dict[str, str] = {}
    for short, names in endings.items():
        # The first of the commonest, as Counter.most_common(1) picks it.
        name, times = max(names.items(), key=itemgetter(1))
        if (times >= SURNAME_SHARE * sum(names.values())
                and times >= FULL_NAME_SHARE * mentions[short]
                and len(files(name) & files(short)) >= SURNAME_FILES * len(files(short))):
            found[short] = name
    return found


# Words that open a place's or a body's name of two words, not a person's ("Greater London",
# "New Labour", "North Wales").
_NAME_QUALIFIERS = frozenset(
    "greater new old north south east west central upper lower inner outer northern southern "
    "eastern western great little royal st saint port mount lake fort".split()
)


def _surname_key(key: str) -> str | None:
    """The key of the surname of a person's name of two words ("n:gordon brown" ->
    "n:brown"), or None when the key is no such name: its first word is a place, a people's
    adjective, a month or day, a function word or a place's qualifier ("Welsh Labour",
    "December Microsoft", "Greater London"), or its last a place ("Bank of England")."""
    if not key.startswith("n:") or key.count(" ") != 1:
        return None
    given, last = key[2:].split(" ")
    places = place_forms()
    if (not last[:1].isalpha() or given in _NAME_QUALIFIERS or not_a_name(given)
            or fold(given) in places or fold(last) in places):
        return None
    return "n:" + last


def _named_in_full(strings: list[str], keys: np.ndarray, mention_nodes: np.ndarray,
                   node_files: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Per mention, the full name its files give a surname written alone, or -1.

    A news article names a person in full before it says the surname alone: in the files
    that write one full name ending in "Brown" ("Gordon Brown"), "Brown" and "Mr Brown" are
    that person, whatever the folder's other Browns (the folder-wide rule of _surnames needs
    one full name to hold nine in ten mentions: BBC's "Brown" is Gordon in 64 of the 88
    files that write it alone, Wes, Dan or Craig in others). A mention of a sentence that
    several files hold needs them all to agree. `keys`: each mention's key (string id),
    after the folder-wide merges."""
    lowercase = reference().lowercase
    found = np.full(len(keys), -1, dtype=np.int64)
    short_of: dict[int, int] = {}  # full name key -> its surname key, both mentioned
    ids = {strings[k]: k for k in np.unique(keys).tolist()}
    for key, k in ids.items():
        short = ids.get(_surname_key(key) or "")
        # Not after a common word either, within a file: "House of Commons" is "Commons".
        if short is not None and key[2 : key.index(" ")] not in lowercase:
            short_of[k] = short
    if not short_of:
        return found
    surname = np.full(len(strings), -1, dtype=np.int64)
    surname[list(short_of)] = list(short_of.values())
    bounds, files = node_files
    # (file, surname, full name) for every file that writes a full name.
    full = np.flatnonzero(surname[keys] >= 0)
    full_bounds, positions = gather_rows(bounds, mention_nodes[full])
    counts = np.diff(full_bounds)
    full_keys = np.repeat(keys[full], counts)
    file_surnames = files[positions] * len(strings) + surname[full_keys]
    triples = distinct(file_surnames * len(strings) + full_keys)
    pair_of, full_of = triples // len(strings), triples % len(strings)
    # Only the pairs of a file and a surname with one full name.
    single = np.concatenate((pair_of[1:] != pair_of[:-1], [True])) & np.concatenate(
        ([True], pair_of[1:] != pair_of[:-1]))
    pair_of, full_of = pair_of[single], full_of[single]
    alone = np.flatnonzero(np.isin(keys, np.fromiter(set(short_of.values()), np.int64)))
    if not len(alone) or not len(pair_of):
        return found
    alone_bounds, positions = gather_rows(bounds, mention_nodes[alone])
    wanted = files[positions] * len(strings) + np.repeat(keys[alone], np.diff(alone_bounds))
    at = np.minimum(np.searchsorted(pair_of, wanted), len(pair_of) - 1)
    named = np.where(pair_of[at] == wanted, full_of[at], -1)
    first = np.minimum.reduceat(named, alone_bounds[:-1])
    last = np.maximum.reduceat(named, alone_bounds[:-1])
    found[alone] = np.where(first == last, first, -1)
    return found


def _singular(word: str) -> str:
    """An English or French plural's singular, near enough to compare: "tories" -> "tory"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word[-1] in "sx" and word[-2] not in "su":
        return word[:-1]
    return word


def _forms(mentions: Counter[str], files: Callable[[str], set[int]]) -> dict[str, str]:
    """Name key -> the key of the commoner form of one name: a plural and its singular written
    in the same articles ("Tories", "Tory": PLURAL_SHARED_FILES), an acronym's divisions named
    by common words ("BBC News" -> "BBC"); and an abbreviated name written in the same articles
    as the name it shortens -> that name ("Lib Dems" -> "Liberal Democrats")."""
    lowercase = reference().lowercase
    found: dict[str, str] = {}
    singulars: dict[str, list[str]] = {}
    for key in mentions:
        if not key.startswith("n:"):
            continue
        # Only a last word ending so has a singular other than itself (_singular): the rest
        # are their own singular, joined below to the plurals that reduce to them.
        if key[-1] in "sx":
            words = key[2:].split(" ")
            singulars.setdefault(" ".join([*words[:-1], _singular(words[-1])]), []).append(key)
        if " " in key:
            first, *rest = key[2:].split(" ")
            acronym = "n:" + first
            if (first.isupper() and acronym in mentions
                    and all(word in lowercase for word in rest)):
                found[key] = acronym
    for singular, keys in singulars.items():
        itself = "n:" + singular
        if itself[-1] not in "sx" and itself in mentions:
            keys.append(itself)
    for keys in singulars.values():
        if len(keys) < 2:
            continue
        commonest = max(keys, key=lambda k: (mentions[k], k))
        for key in keys:
            if key == commonest:
                continue
            these, those = files(key), files(commonest)
            if len(these & those) >= PLURAL_SHARED_FILES * min(len(these), len(those)):
                found[key] = commonest
    for short, full in _abbreviations(mentions):
        short, full = found.get(short, short), found.get(full, full)
        if short == full or mentions[full] < mentions[short]:
            # The rarer never absorbs the commoner: "New York-based" (folded "new yorkbased")
            # begins with "New York" but is no name of it.
            continue
        these, those = files(short), files(full)
        if len(these & those) >= PLURAL_SHARED_FILES * min(len(these), len(those)):
            found[short] = full
    resolved: dict[str, str] = {}
    for key in found:
        target, seen = found[key], {key}
        while target in found and target not in seen:  # a plural of an abbreviation, ...
            seen.add(target)
            target = found[target]
        resolved[key] = target
    return resolved


# A word of a name shortened to at most this share of the word it stands for, and to at least
# ABBREVIATED_LETTERS letters, abbreviates it ("Lib" for "Liberal", "Dem" for "Democrat"; not
# "York" for "Yorker", two thirds of it).
ABBREVIATED_SHARE = 0.6
ABBREVIATED_LETTERS = 3


def _abbreviations(mentions: Counter[str]) -> list[tuple[str, str]]:
    """(abbreviated name key, full name key) of names of as many words, each word of the first
    the same as the second's or its beginning, at least one shortened: "Lib Dems" and "Liberal
    Democrats" (compared in the singular). A compound folds into one word ("York-based" reads
    "yorkbased"), so the full name must also be the commoner (_forms)."""
    # An abbreviation's words are its name's words or their first ABBREVIATED_LETTERS letters
    # at least, so only names whose words begin alike are compared (a bucket of them); the
    # pairs come in the order of comparing every two names of the same initials (the first
    # initials met first, then the names in order), the same pairs: the BBC folder's 164,886
    # comparisons are 820.
    rank: dict[tuple[str, ...], int] = {}  # initials -> the order they were met in
    buckets: dict[tuple[str, ...], list[tuple[int, int, str, list[str]]]] = {}
    for index, key in enumerate(mentions):
        if key.startswith("n:") and " " in key:
            words = key[2:].split(" ")
            words[-1] = _singular(words[-1])
            if all(words):
                initials = rank.setdefault(tuple(w[0] for w in words), len(rank))
                buckets.setdefault(tuple(w[:ABBREVIATED_LETTERS] for w in words), []).append(
                    (initials, index, key, words))
    found: list[tuple[int, int, int, str, str]] = []
    for names in buckets.values():
        for initials, short_at, short_key, short in names:
            for _, full_at, full_key, full in names:
                if short_key != full_key and _abbreviates(short, full):
                    found.append((initials, short_at, full_at, short_key, full_key))
    found.sort()
    return [(short_key, full_key) for _, _, _, short_key, full_key in found]


def _abbreviates(short: list[str], full: list[str]) -> bool:
    shortened = False
    for word, whole in zip(short, full, strict=True):
        if word == whole:
            continue
        if not (whole.startswith(word) and len(word) >= ABBREVIATED_LETTERS
                and len(word) <= ABBREVIATED_SHARE * len(whole)):
            return False
        shortened = True
    return shortened


@dataclass(frozen=True, slots=True)
class _Tally:
    """Mentions counted per key (a string id), the keys in order of their first mention (the
    order the Counters of a loop over the nodes would have: it breaks the ties)."""

    keys: np.ndarray  # string ids, by first mention
    slot: np.ndarray  # per mention counted: its key's place in `keys`
    times: np.ndarray  # per key: its mentions (each counted as often as its sentence occurs)
    file_bounds: np.ndarray  # per key: its files are files[file_bounds[k]:file_bounds[k+1]]
    files: np.ndarray  # distinct, sorted

    def file_set(self, slot: int) -> set[int]:
        return set(self.files[self.file_bounds[slot] : self.file_bounds[slot + 1]].tolist())


def _tally(keys: np.ndarray, times: np.ndarray, node_files: tuple[np.ndarray, np.ndarray],
           nodes: np.ndarray, width: int) -> _Tally:
    """Count mentions (each of key keys[i], in sentence nodes[i], occurring times[i] times)
    per key, with the files of each key's sentences."""
    found, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")
    place = np.empty(len(order), dtype=np.int64)
    place[order] = np.arange(len(order))
    slot = place[inverse.ravel()]
    totals = np.zeros(len(order), dtype=np.int64)
    np.add.at(totals, slot, times)
    bounds, files = node_files
    file_bounds, positions = gather_rows(bounds, nodes)
    pairs = distinct(np.repeat(slot, np.diff(file_bounds)) * width + files[positions])
    key_bounds = np.searchsorted(pairs // width, np.arange(len(order) + 1))
    return _Tally(found[order], slot, totals, key_bounds, pairs % width)


def rank_actors(
    infos: NodeInfos,
    nodes: np.ndarray,
    files: np.ndarray,
    sources: Sequence[str],
    main_language: str | None,
    limit: int,
) -> list[FoundActor]:
    """The `limit` actors named by the most files (then most often), best first.

    `nodes[i]` and `files[i]` are the sentence (a row of `infos`) and the file (an index
    into `sources`) of each occurrence of a sentence. Counted in numpy over the flat mention
    columns: a loop over every mention of every sentence cost a quarter of a second on BBC.
    """
    strings = infos.strings
    nodes = np.asarray(nodes, dtype=np.int64)
    count = len(infos)
    occurs = np.bincount(nodes, minlength=count)[:count]
    width = len(sources) or 1
    pairs = distinct(nodes * width + np.asarray(files, dtype=np.int64))
    node_files = (np.searchsorted(pairs // width, np.arange(count + 1)), pairs % width)
    mention_nodes = np.repeat(np.arange(count), np.diff(infos.mention_bounds))
    counted_mentions = infos.mention_actors & (occurs[mention_nodes] > 0)
    not_actors = _common_or_works(infos, occurs[mention_nodes])
    if len(not_actors):
        counted_mentions &= ~np.isin(infos.mention_keys, not_actors)
    mention_nodes = mention_nodes[counted_mentions]
    mention_keys = infos.mention_keys[counted_mentions].astype(np.int64)
    mention_texts = infos.mention_texts[counted_mentions].astype(np.int64)
    times = occurs[mention_nodes]

    alias = _aliases(infos)
    known = alias[mention_keys]
    first = _tally(known, times, node_files, mention_nodes, width)
    first_keys = [strings[k] for k in first.keys.tolist()]
    counted = Counter(dict(zip(first_keys, first.times.tolist(), strict=True)))
    slot_of = {key: slot for slot, key in enumerate(first_keys)}
    forms = _forms(counted, lambda key: first.file_set(slot_of[key]))
    merged: Counter[str] = Counter()
    for key, times_named in counted.items():
        merged[forms.get(key, key)] += times_named
    spelt: dict[str, list[str]] = {}  # merged key -> the keys counted under it
    for key in counted:
        spelt.setdefault(forms.get(key, key), []).append(key)

    def merged_files(key: str) -> set[int]:  # asked of the few surnames' names only
        return set().union(*(first.file_set(slot_of[k]) for k in spelt.get(key, ())))

    surnames = _surnames(merged, merged_files)
    # Every key counted, to what it resolves to (forms' and surnames' targets are keys
    # counted, so they have ids among first.keys).
    resolve = np.arange(len(strings), dtype=np.int64)
    id_of = dict(zip(first_keys, first.keys.tolist(), strict=True))
    for key in forms.keys() | surnames.keys():  # the others resolve to themselves
        target = forms.get(key, key)
        target = surnames.get(target, target)
        if target != key:
            resolve[id_of[key]] = id_of[target]
    resolved = resolve[known]
    written_in_full = _named_in_full(strings, resolved, mention_nodes, node_files)
    resolved = np.where(written_in_full >= 0, resolve[np.maximum(written_in_full, 0)], resolved)
    final = _tally(resolved, times, node_files, mention_nodes, width)

    file_counts = np.diff(final.file_bounds)
    # Only the actors that can make the first `limit` are named (a name is a vote over its
    # spellings): those ranked at or above the limit-th by files and mentions, ties kept.
    if 0 < limit <= len(final.keys):
        ranked = np.lexsort((-final.times, -file_counts))[limit - 1]
        most_files, most_times = file_counts[ranked], final.times[ranked]
        named = (file_counts > most_files) | (
            (file_counts == most_files) & (final.times >= most_times))
    else:
        named = np.ones(len(final.keys), dtype=bool)
    spellings = _spellings(infos, final, mention_keys, mention_texts, mention_nodes, times,
                           named, main_language)
    terms, cities = glossary(), city_names()
    found: list[FoundActor] = []
    for slot in np.flatnonzero(named).tolist():
        key = strings[int(final.keys[slot])]
        if key.startswith("c:"):
            name = terms.concept(key[2:]).name
        elif key in cities:  # named in English, as the glossary's countries are
            name = cities[key]
        else:
            # The commonest spelling, in the corpus's main language when it has one.
            name = spellings.get(slot, key[2:])
        places = final.files[final.file_bounds[slot] : final.file_bounds[slot + 1]].tolist()
        listed = tuple(sorted(sources[i] for i in places))
        found.append(FoundActor(key, name, listed, int(final.times[slot])))
    found.sort(key=lambda a: (-len(a.sources), -a.mentions, a.name.casefold()))
    return found[:limit]


def _spellings(
    infos: NodeInfos,
    tally: _Tally,
    mention_keys: np.ndarray,
    mention_texts: np.ndarray,
    mention_nodes: np.ndarray,
    times: np.ndarray,
    named: np.ndarray,
    main_language: str | None,
) -> dict[int, str]:
    """Per key named (a slot of `tally`): its spelling in the corpus's main language first,
    then the commonest, then the first written; only mentions written as that very key
    count (not an alias, form or surname resolved to it). The mention columns are those
    counted (rank_actors)."""
    own = (tally.keys[tally.slot] == mention_keys) & named[tally.slot]
    if not own.any():
        return {}
    if main_language is None:
        main = -1
    else:
        main = infos.strings.index(main_language) if main_language in infos.strings else -2
    slots = tally.slot[own]
    main_first = (infos.languages[mention_nodes[own]] == main).astype(np.int64)
    texts = mention_texts[own]
    # One row per (key, in the main language, spelling): its mentions, its first place.
    combined = (slots * 2 + main_first) * len(infos.strings) + texts
    rows, first, inverse = np.unique(combined, return_index=True, return_inverse=True)
    totals = np.zeros(len(rows), dtype=np.int64)
    np.add.at(totals, inverse.ravel(), times[own])
    row_slots, row_main, row_texts = slots[first], main_first[first], texts[first]
    best = np.lexsort((first, -totals, -row_main, row_slots))
    chosen = best[np.r_[True, row_slots[best][1:] != row_slots[best][:-1]]]
    return {int(row_slots[i]): infos.strings[int(row_texts[i])] for i in chosen}
