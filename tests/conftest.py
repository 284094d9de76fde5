"""Keeps every test away from the developer's own cache, data and corpus settings."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from briefing import Library

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "corpus"


@pytest.fixture(autouse=True)
def isolated_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("briefing-home")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(home / "data"))
    monkeypatch.delenv("BRIEFING_CORPUS", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return home


@pytest.fixture
def corpus_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(BUNDLED, target)
    return target


def run_cli(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `python -m briefing ARGS` in a subprocess with this test's environment."""
    environment = dict(os.environ)
    environment.update(env or {})
    data = stdin.encode() if isinstance(stdin, str) else stdin
    completed = subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        input=data if data is not None else b"",
        capture_output=True,
        env=environment,
        timeout=120,
        check=False,
    )
    return subprocess.CompletedProcess(
        completed.args,
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
    )


def open_library(
    corpus: Path | None = None,
    *,
    rebuild: bool = False,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int | None], None] | None = None,
) -> Library:
    """`briefing.open(corpus)` with its index opened at once (built if need be), as the
    command line does before it asks anything."""
    import briefing

    library = briefing.open(corpus, on_notice=notify)
    library.index(rebuild=rebuild, progress=progress)
    return library
