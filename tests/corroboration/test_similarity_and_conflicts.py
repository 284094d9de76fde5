"""Which sentence pairs are one fact, and which disagree: the rules on small examples."""

from __future__ import annotations

import numpy as np

from briefing.corroboration import grouping
from briefing.corroboration.anchors import analyse
from briefing.corroboration.conflicts import detail_conflict
from briefing.corroboration.grouping import candidate_pairs
from briefing.corroboration.similarity import (
    different_agents,
    disagree,
    feature_weights,
    similarity,
    weighted,
)


def _pair(x: str, lx: str, y: str, ly: str):  # type: ignore[no-untyped-def]
    a, b = analyse(x, lx, set()), analyse(y, ly, set())
    weights = feature_weights([a, b, analyse("The weather was fine on the coast.", "en", set())])
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
    assert [label for _, label in found] == ["Australia and Taiwan", "Australia and Japan"]
    assert disagree(a, b)


def test_a_planted_number_disagreement_across_languages() -> None:
    english = "Floods in Lyon killed 12 people on Tuesday, the prefecture said."
    french = "Les inondations à Lyon ont fait 15 morts mardi, selon la préfecture."
    a, b, score = _pair(english, "en", french, "fr")
    found = detail_conflict(a, b, english, french, score)
    assert found is not None
    (key_a, label_a), (key_b, label_b) = found
    assert (key_a, key_b) == ("number:count:12", "number:count:15")
    assert label_a.startswith("12") and label_b.startswith("15")


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


def test_candidate_pairs_stay_within_the_budget(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # 3,000 sentences that all share one common word, and pairs that share a rare one.
    count = 3000
    features = [
        frozenset({"s:en:common", f"n:rare{i // 2}"}) for i in range(count)
    ]
    weights = {f: 1.0 for items in features for f in items}
    monkeypatch.setattr(grouping, "PAIR_BUDGET", 10_000)
    pairs = candidate_pairs(features, weights)
    # The common word (4.5 million pairs) is too frequent to block on: only the rare pairs.
    assert len(pairs) == count // 2
    assert np.all(pairs[:, 0] // 2 == pairs[:, 1] // 2)
    monkeypatch.setattr(grouping, "PAIR_BUDGET", 10_000_000)
    monkeypatch.setattr(grouping, "MAX_NEIGHBOURS", 2)
    monkeypatch.setattr(grouping, "SCORED_PAIRS", 0)
    assert len(candidate_pairs(features, weights)) <= 2 * count
