"""Which sentence pairs are one fact, and which disagree: the rules on small examples."""

from __future__ import annotations

import itertools
import math

import numpy as np

from briefing.corroboration.anchors import analyse
from briefing.corroboration.candidates import CANDIDATE_FLOOR, FeatureIndex, candidate_pairs
from briefing.corroboration.conflicts import detail as detail_conflict
from briefing.corroboration.grouping import node_features
from briefing.corroboration.similarity import (
    different_agents,
    disagree,
    feature_weights,
    similarity,
    weighted,
)
from tests.corroboration.bundled_sentences import bundled_files, bundled_sentences


def _pair(x: str, lx: str, y: str, ly: str):  # type: ignore[no-untyped-def]
    a, b = analyse(x, lx), analyse(y, ly)
    weights = feature_weights([a, b, analyse("The weather was fine on the coast.", "en")])
    return a, b, similarity(weighted(a, weights), weighted(b, weights), weights)


def test_a_translation_is_as_alike_as_a_copy() -> None:
    _, _, score = _pair(
        "In January, Italy's data protection authority ordered DeepSeek to block its chatbot.",
        "en",
        "En janvier, l'autorité italienne de protection des données a ordonné à DeepSeek de "
        "bloquer son chatbot.",
        "fr",
    )
    assert score > 0.7


def test_list_substitution_is_a_conflict_with_both_labels() -> None:
    a, b, score = _pair(
        "This week, Australia and Taiwan banned DeepSeek from government devices.",
        "en",
        "DeepSeek has been banned from government computers in Australia and Japan.",
        "en",
    )
    found = detail_conflict(a, b, *( "This week, Australia and Taiwan banned DeepSeek from "
                                     "government devices.",
                                     "DeepSeek has been banned from government computers in "
                                     "Australia and Japan."), score)
    assert found is not None
    assert [side[1] for side in found] == ["Australia and Taiwan", "Australia and Japan"]
    assert disagree(a, b)


def test_the_same_event_with_another_value_is_one_conflict() -> None:
    first = "More than five million households have signed up for broadband, BT said."
    second = "More than six million households have signed up for broadband, BT said."
    a, b, score = _pair(first, "en", second, "en")
    found = detail_conflict(a, b, first, second, score)
    assert found is not None
    (key_a, label_a, start, end), (key_b, label_b, _, _) = found
    assert (label_a, label_b) == ("five million", "six million")
    assert first[start:end] == "five million"
    assert key_a != key_b and disagree(a, b)


def test_different_events_with_different_dates_are_no_conflict() -> None:
    january = "Sales rose 5% in January, the company said."
    december = "Sales rose 9% in December, the company said."
    a, b, score = _pair(january, "en", december, "en")
    assert detail_conflict(a, b, january, december, score) is None
    earlier = "In 2003, the firm sold 20,000 cars in Europe."
    later = "In 2004, the firm sold 25,000 cars in Europe."
    c, d, score = _pair(earlier, "en", later, "en")
    assert detail_conflict(c, d, earlier, later, score) is None


def test_different_ministries_doing_the_same_thing_do_not_conflict() -> None:
    environment = "On Thursday, the Ministry of Environment blocked DeepSeek on its computers."
    industry = "On Wednesday, the Ministry of Industry blocked DeepSeek on its computers."
    a, b, score = _pair(environment, "en", industry, "en")
    assert score > 0.4  # alike enough that only the actors tell them apart
    assert different_agents(a, b)
    assert detail_conflict(a, b, environment, industry, score) is None
    defense = "The defense ministry has restricted access to DeepSeek on its computers."
    foreign = "The foreign ministry has restricted access to DeepSeek on its computers."
    c, d, score = _pair(defense, "en", foreign, "en")
    assert disagree(c, d) and detail_conflict(c, d, defense, foreign, score) is None


def test_candidate_pairs_skip_a_feature_in_too_many_sentences() -> None:
    # 3,000 sentences that all share one name, and pairs that share a rarer one.
    count = 3000
    features = [frozenset({"n:everywhere", f"n:rare{i // 2}"}) for i in range(count)]
    index = FeatureIndex.build(features)
    files = [frozenset({i}) for i in range(count)]
    pairs = candidate_pairs(index, index.usable(index.counts()), files)
    assert len(pairs) == count // 2
    assert np.all(pairs[:, 0] // 2 == pairs[:, 1] // 2)


def test_sentences_of_one_file_are_never_paired() -> None:
    features = [frozenset({"n:rare", "n:other"})] * 3
    index = FeatureIndex.build(features)
    pairs = candidate_pairs(index, index.usable(index.counts()),
                            [frozenset({0}), frozenset({0}), frozenset({1})])
    assert pairs.tolist() == [[0, 2], [1, 2]]


def test_candidate_pairs_hold_every_pair_alike_enough_on_real_sentences() -> None:
    """On the bundled corpus's sentences (two files saying one thing are common there), every
    pair whose exact weighted overlap reaches the floor is a candidate, and every candidate
    shares a usable feature and no file: the sums made in numpy lose no pair."""
    texts = bundled_sentences()
    anchors = [analyse(text, language) for language, text in texts]
    index = FeatureIndex.build([node_features(a) for a in anchors])
    usable = index.usable(index.counts())
    files = [frozenset({file}) for file in bundled_files()]
    pairs = {tuple(pair) for pair in candidate_pairs(index, usable, files).tolist()}
    rare = index.weights > 0
    features = [set(index.ids[index.pointers[n] : index.pointers[n + 1]].tolist())
                for n in range(index.nodes)]
    weight, free = index.weights.tolist(), index.free.tolist()
    total, total_free = index.totals(rare)
    wanted = set()
    for i, j in itertools.combinations(range(index.nodes), 2):
        shared = features[i] & features[j]
        if files[i] & files[j] or not any(usable[f] for f in shared):
            continue
        together = math.fsum(weight[f] for f in shared if rare[f])
        across = math.fsum(weight[f] for f in shared if rare[f] and free[f])
        dice = 2 * together / (total[i] + total[j]) if total[i] + total[j] else 0.0
        dice_across = (2 * across / (total_free[i] + total_free[j])
                       if total_free[i] + total_free[j] else 0.0)
        if max(dice, dice_across) >= CANDIDATE_FLOOR + 1e-9:
            wanted.add((i, j))
    assert len(wanted) > 50
    assert wanted <= pairs
    for i, j in pairs:
        assert not files[i] & files[j] and any(usable[f] for f in features[i] & features[j])


def test_shared_numbers_alone_are_no_fact_in_any_language() -> None:
    """Across languages only names, concepts and values are compared: three small numbers in
    common made a French sentence on a virus's genome "reported by" an English one on prime
    numbers (a folder of Wikipedia articles in both languages)."""
    from briefing.corroboration.similarity import corroborates

    genome = ("De plus, le génome Coxsackie possède deux NTR, qui sont des régions "
              "non-transcrites, aux extrémités 5’ et 3’.")
    primes = ("For example, 5 is prime because 1 and 5 are its only positive integer factors, "
              "whereas 6 is composite because it has the divisors 2 and 3 in addition to 1 and 6.")
    a, b = analyse(genome, "fr"), analyse(primes, "en")
    weights = feature_weights([a, b])
    assert not corroborates(weighted(a, weights), weighted(b, weights), weights)
    # Values with a name in common still make one fact across languages.
    french = "Samsung a vendu 5 millions de téléphones en Corée en 2004."
    english = "Samsung sold 5 million phones in Korea in 2004."
    c, d = analyse(french, "fr"), analyse(english, "en")
    weights = feature_weights([c, d])
    assert corroborates(weighted(c, weights), weighted(d, weights), weights)


def test_shares_of_different_things_are_no_conflict() -> None:
    """A percentage or a sum measures what the words before it name: retail sales that fell
    1% and earnings that rose 4.3%, both in an ONS release on December, are two facts; two
    outlets' restated earnings, $5bn and $4.4bn, are one fact told two ways."""
    sales = ("Retail sales dropped by 1% on the month in December, after a 0.6% rise in "
             "November, the Office for National Statistics (ONS) said.")
    earnings = ("Average earnings rose by 4.3% in the year to December up from November's "
                "4.2%, the Office for National Statistics (ONS) added.")
    a, b, score = _pair(sales, "en", earnings, "en")
    assert detail_conflict(a, b, sales, earnings, max(score, 0.6)) is None
    first = ("The other main US mortgage firm Freddie Mac restated earnings by $5bn (£2.6bn) "
             "last year after a probe of its books.")
    second = ("Freddie Mac, the country's other largest mortgage firm, was forced to restate "
              "its earnings by $4.4bn last year and pay a $125m fine after an investigation "
              "of its books.")
    c, d, score = _pair(first, "en", second, "en")
    found = detail_conflict(c, d, first, second, max(score, 0.6))
    assert found is not None
    assert [side[1] for side in found] == ["$5bn", "$4.4bn"]
