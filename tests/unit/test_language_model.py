"""The language model kept uncompressed in the cache folder classifies as py3langid does."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from briefing.corpus import language
from briefing.corpus.language import _classify_batch, _encode, _get_identifier
from briefing.corpus.language_model import ModelTables, load_tables

BUNDLED = Path(__file__).resolve().parents[2] / "corpus"
TEXTS = [
    block.strip()
    for path in sorted(BUNDLED.glob("*.txt"))
    for block in path.read_text(encoding="utf-8").split("\n")
    if block.strip()
] + ["", "ab", "SHOUTING IN CAPITALS", "東京は日本の首都です。", "Der Hund schläft im Garten."]


def _classified(tables: ModelTables) -> list[tuple[str, float]]:
    return [_classify_batch(tables, [_encode(text)])[0] for text in TEXTS]


def _model_folder(cache: Path) -> Path:
    (folder,) = (cache / "models").iterdir()
    return folder


def test_the_cached_model_classifies_as_py3langid(tmp_path: Path) -> None:
    identifier = _get_identifier()
    expected = [identifier.classify(text) for text in TEXTS]
    written = load_tables(_get_identifier, tmp_path)  # built, then written
    folder = _model_folder(tmp_path)
    mapped = load_tables(_fail, tmp_path)  # mapped: the compressed model is not read
    assert isinstance(mapped.weights, np.memmap) and mapped.weights.dtype == np.float16
    assert _classified(written) == _classified(mapped) == expected
    assert _classified(mapped.dense()) == expected
    assert sorted(p.name for p in folder.iterdir()) == [
        "classes.json", "feature.npy", "next_state.npy", "prior.npy", "row.npy", "weights.npy"
    ]
    assert [p.name for p in (tmp_path / "models").iterdir()] == [folder.name]  # no temporary


def _fail() -> object:
    raise AssertionError("the compressed model was loaded although the cache holds it")


@pytest.mark.parametrize("damage", ["truncated", "classes", "missing"])
def test_a_damaged_cached_model_is_rebuilt(tmp_path: Path, damage: str) -> None:
    load_tables(_get_identifier, tmp_path)
    folder = _model_folder(tmp_path)
    if damage == "truncated":
        weights = folder / "weights.npy"
        weights.write_bytes(weights.read_bytes()[: 1 << 20])
    elif damage == "classes":
        (folder / "classes.json").write_text('["en", "fr"]', encoding="utf-8")
    else:
        (folder / "row.npy").unlink()
    with pytest.raises((OSError, ValueError)):
        ModelTables.load(folder)
    identifier = _get_identifier()
    assert _classified(load_tables(_get_identifier, tmp_path)) == [
        identifier.classify(text) for text in TEXTS
    ]
    assert _classified(ModelTables.load(folder)) == _classified(load_tables(_fail, tmp_path))


def test_a_writer_killed_mid_write_leaves_nothing_after_the_next(tmp_path: Path) -> None:
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    models = tmp_path / "models"
    abandoned = models / f".py3langid-0.4.0-0123456789abcdef.{dead.stdout.strip()}.beef.tmp"
    alive = models / f".py3langid-0.4.0-0123456789abcdef.{os.getpid()}.cafe.tmp"
    for folder in (abandoned, alive):
        folder.mkdir(parents=True)
        (folder / "weights.npy").write_bytes(b"partial")
    load_tables(_get_identifier, tmp_path)
    assert not abandoned.exists() and alive.exists()


def test_a_cache_that_cannot_be_written_still_classifies(tmp_path: Path) -> None:
    (tmp_path / "models").write_text("a file where the folder would go", encoding="utf-8")
    tables = load_tables(_get_identifier, tmp_path)
    identifier = _get_identifier()
    assert _classified(tables) == [identifier.classify(text) for text in TEXTS]
    assert (tmp_path / "models").is_file()


def test_a_build_maps_the_model_from_its_cache_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    from briefing.index.opening import open_index

    corpus = tmp_path / "corpus"
    shutil.copytree(BUNDLED, corpus)
    cache = tmp_path / "cache"
    monkeypatch.setattr(language, "_tables", None)
    open_index(corpus, cache=cache)  # the first build writes the model
    assert _model_folder(cache).name.startswith("py3langid-")
    monkeypatch.setattr(language, "_tables", None)
    monkeypatch.setattr(language, "_classified", 0)  # a fresh process: the weights stay mapped
    monkeypatch.setattr(language, "_get_identifier", _fail)
    changed = next(corpus.glob("001_*.txt"))
    changed.write_text(changed.read_text("utf-8") + "\nSeoul said more on Friday.\n", "utf-8")
    _, report = open_index(corpus, cache=cache)  # the next maps it
    assert report.reindexed == 1
    assert language._tables is not None and isinstance(language._tables.weights, np.memmap)


def test_a_new_copy_replaces_another_versions(tmp_path: Path) -> None:
    older = tmp_path / "models" / "py3langid-0.3.0-0123456789abcdef"
    older.mkdir(parents=True)
    (older / "weights.npy").write_bytes(b"an older model")
    kept = tmp_path / "models" / "notes.txt"
    kept.write_text("not a model", encoding="utf-8")
    load_tables(_get_identifier, tmp_path)
    assert not older.exists() and kept.exists()
    assert len([p for p in (tmp_path / "models").iterdir() if p.is_dir()]) == 1
