"""Keeps every test away from the developer's own cache, data and corpus settings: each test
has its own folders, module and session fixtures share the run's own, and the run fails if
the user's real ones changed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from briefing.paths import APP_NAME

if TYPE_CHECKING:
    from briefing import Library

REPO = Path(__file__).resolve().parents[1]
BUNDLED = REPO / "corpus"


def users_own_folders() -> list[Path]:
    """The cache and data folders briefing uses when no environment variable says otherwise."""
    import platformdirs

    return [platformdirs.user_cache_path(APP_NAME, appauthor=False),
            platformdirs.user_data_path(APP_NAME, appauthor=False)]


def folder_state(folder: Path) -> dict[str, tuple[int, int]] | None:
    """What a folder holds: (size, mtime) of every file and folder below it; None if missing.
    Folders' times count, so a file made and deleted again shows too."""
    if not folder.exists():
        return None
    state: dict[str, tuple[int, int]] = {".": (0, folder.stat().st_mtime_ns)}
    for path in folder.rglob("*"):
        try:
            info = path.lstat()
        except OSError:  # vanished while listed: the next look tells
            continue
        state[path.relative_to(folder).as_posix()] = (info.st_size, info.st_mtime_ns)
    return state


@pytest.fixture(scope="session", autouse=True)
def users_own_folders_untouched(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The whole run, module and session fixtures included, uses private cache and data
    folders; the run fails if the user's own ones changed meanwhile."""
    before = {folder: folder_state(folder) for folder in users_own_folders()}
    home = tmp_path_factory.mktemp("briefing-session")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(home / "cache"))
        patch.setenv("BRIEFING_DATA_DIR", str(home / "data"))
        patch.delenv("BRIEFING_CORPUS", raising=False)
        yield home
    changed = [str(folder) for folder, state in before.items() if folder_state(folder) != state]
    if changed:
        pytest.fail(f"the tests changed the user's own briefing folders: {', '.join(changed)}")


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
