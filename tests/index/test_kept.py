"""Kept: lookups read once, None values included, bounded by starting a new dict."""

from __future__ import annotations

from briefing.index.kept import Kept


def test_only_missing_keys_are_read_and_none_is_a_value() -> None:
    asked: list[list[str]] = []

    def read(keys: list[str]) -> dict[str, int | None]:
        asked.append(keys)
        return {key: (None if key == "none" else len(key)) for key in keys if key != "gone"}

    kept: Kept[str, int | None] = Kept(10)
    assert kept.many(["a", "bb", "none", "gone", "a"], read) == {"a": 1, "bb": 2, "none": None}
    assert kept.many(["bb", "none", "ccc"], read) == {"bb": 2, "none": None, "ccc": 3}
    assert asked == [["a", "bb", "none", "gone"], ["ccc"]]
    assert kept.one("dddd", lambda: 4) == 4 and kept.one("dddd", lambda: 0) == 4
    assert sorted(kept) == ["a", "bb", "ccc", "dddd", "none"]


def test_past_the_limit_a_new_dict_starts_and_the_old_one_stays_whole() -> None:
    kept: Kept[int, int] = Kept(3)
    kept.many([1, 2, 3], lambda keys: {k: k * 10 for k in keys})
    before = kept._values  # noqa: SLF001 (what a lookup on another thread holds)
    assert kept.many([4, 1], lambda keys: {k: k * 100 for k in keys}) == {4: 400, 1: 100}
    assert len(kept) == 2 and before == {1: 10, 2: 20, 3: 30}
    for key in range(10):
        kept.one(key, lambda: 0)
        assert len(kept) <= 3
