"""Provides py3langid's model as numpy arrays, mapped from the cache folder once written there.

py3langid ships its model xz-compressed: decompressing 68 MB and building the identifier takes
about half a second, which is most of an update after one changed file. So the arrays the
batch classifier uses (briefing.corpus.language) are written once, uncompressed, as plain
`.npy` files (nothing pickled) in `<cache>/models/`, and later memory-mapped: the walk and the
scoring touch only the pages they need. The folder's name holds py3langid's version and the
model file's size and time, so an upgrade writes a new one; it is written in a temporary
folder and renamed, so a reader never sees a partial model, and a damaged one is rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

# Bump when the stored arrays change meaning: older folders are then ignored.
CACHE_FORMAT = 1
_ARRAYS = ("next_state", "row", "feature", "weights", "prior")
_TEMPORARY = ".tmp"
_PREFIX = "py3langid-"  # every copy's folder name starts so (then version and digest)


class ModelTables:
    """The identifier's automaton and naive-Bayes weights, as the batch classifier reads them.

    `weights` are float16 as py3langid ships them; `dense()` gives them as float32, which
    gathers several times faster (float16 -> float32 is exact, and is what numpy's
    mixed-type product computes with), for callers that classify many texts.
    """

    def __init__(
        self,
        next_state: Any,
        row: Any,
        feature: Any,
        weights: Any,
        prior: Any,
        classes: list[str],
    ) -> None:
        self.next_state = next_state  # uint32: deduplicated 256-entry rows of next states
        self.row = row  # int32 per state: its row's offset in next_state (row number << 8)
        self.feature = feature  # int32 per state: the feature it emits, -1 for none
        self.weights = weights  # per feature, per class
        self.prior = prior  # per class
        self.classes = classes
        self.feature_bits = int(len(weights)).bit_length()
        first: dict[str, int] = {}
        # py3langid's alias pairs: a label listed twice (a script variant) adds to the first.
        self.alias_pairs: list[tuple[int, int]] = []
        for i, label in enumerate(classes):
            if label in first:
                self.alias_pairs.append((first[label], i))
            else:
                first.setdefault(label, i)

    @classmethod
    def from_identifier(cls, identifier: Any) -> ModelTables:
        import numpy as np

        return cls(
            np.frombuffer(identifier.tk_nextmove, dtype=np.uint32),
            np.asarray(identifier.tk_row, dtype=np.int32) << 8,
            np.asarray(identifier.tk_output, dtype=np.int32),
            np.asarray(identifier.nb_ptc),
            np.asarray(identifier.nb_pc),
            [str(label) for label in identifier.nb_classes],
        )

    def dense(self) -> ModelTables:
        """These tables with float32 weights held in memory."""
        import numpy as np

        if self.weights.dtype == np.float32 and not isinstance(self.weights, np.memmap):
            return self
        weights = np.asarray(self.weights, dtype=np.float32)
        return ModelTables(self.next_state, self.row, self.feature, weights, self.prior,
                           self.classes)

    def save(self, folder: Path) -> None:
        """Write the tables into `folder` (created; it must not exist)."""
        import numpy as np

        folder.mkdir(parents=True)
        for name in _ARRAYS:
            np.save(folder / f"{name}.npy", np.ascontiguousarray(getattr(self, name)),
                    allow_pickle=False)
        (folder / "classes.json").write_text(json.dumps(self.classes), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> ModelTables:
        """The tables written by save(), memory-mapped; ValueError when they do not fit."""
        import numpy as np

        arrays = {
            name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            for name in _ARRAYS
        }
        classes = json.loads((folder / "classes.json").read_text(encoding="utf-8"))
        states = len(arrays["row"])
        weights, prior = arrays["weights"], arrays["prior"]
        fits = (
            isinstance(classes, list)
            and all(isinstance(label, str) for label in classes)
            and arrays["next_state"].dtype == np.uint32
            and arrays["row"].dtype == np.int32
            and arrays["feature"].dtype == np.int32
            and len(arrays["feature"]) == states
            and weights.ndim == 2
            and weights.shape[1] == len(prior) == len(classes)
            and states > 0
            and int(arrays["row"].max()) + 256 <= len(arrays["next_state"])
            and int(arrays["feature"].max()) < len(weights)
        )
        if not fits:
            raise ValueError(f"a damaged language model in {folder}")
        # Small per-state arrays are read whole: the walk indexes them at every byte.
        return cls(arrays["next_state"], np.array(arrays["row"]), np.array(arrays["feature"]),
                   weights, np.array(prior), classes)


def load_tables(identifier: Any, cache: Path | None) -> ModelTables:
    """The tables of py3langid's model: mapped from `cache` when it holds them, else built
    from `identifier()` (which loads the compressed model) and written there for next time."""
    folder = _cached_folder(cache) if cache is not None else None
    if folder is not None:
        with contextlib.suppress(OSError, ValueError):
            return ModelTables.load(folder)
    tables = ModelTables.from_identifier(identifier())
    if folder is not None:
        _write(tables, folder)
    return tables


def _cached_folder(cache: Path) -> Path | None:
    """Where this py3langid's model is kept in `cache`; None when its file cannot be found."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        from py3langid.langid import MODEL_DIR, MODEL_FILE

        model = Path(MODEL_DIR) / MODEL_FILE
        stat = model.stat()
        installed = version("py3langid")
    except (ImportError, OSError, PackageNotFoundError):
        return None
    key = f"{CACHE_FORMAT}\0{installed}\0{model}\0{stat.st_size}\0{stat.st_mtime_ns}"
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()
    return cache / "models" / f"{_PREFIX}{installed}-{digest}"


def _write(tables: ModelTables, folder: Path) -> None:
    """Write the tables to `folder` atomically; any failure leaves nothing behind."""
    parent = folder.parent
    temporary = parent / f".{folder.name}.{os.getpid()}.{secrets.token_hex(4)}{_TEMPORARY}"
    try:
        parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(parent)
        with contextlib.suppress(FileNotFoundError):  # a damaged copy: replaced
            shutil.rmtree(folder)
        tables.save(temporary)
        os.rename(temporary, folder)  # fails if another process has just written it: fine
        # Another py3langid's copy (an upgrade's predecessor) would only take up space.
        for other in parent.glob(f"{_PREFIX}*"):
            if other != folder and other.is_dir() and not other.is_symlink():
                shutil.rmtree(other, ignore_errors=True)
    except OSError:  # a read-only or full cache: the model is used from memory this time
        pass
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _remove_abandoned(parent: Path) -> None:
    """Temporary folders of writers that no longer run (killed mid-write)."""
    for entry in parent.glob(f".*{_TEMPORARY}"):
        try:
            pid = int(entry.name.split(".")[-3])
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(entry, ignore_errors=True)
        except (ValueError, IndexError, OSError):
            continue
