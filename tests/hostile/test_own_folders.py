"""The tests never touch the user's own cache and data folders: module fixtures (the known
leak) get the run's private folders, and the guard that fails the run sees any change."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefing.paths import cache_dir, data_dir
from tests.conftest import folder_state, users_own_folders


@pytest.fixture(scope="module")
def module_folders() -> tuple[Path, Path]:
    """Where a module-scoped fixture (built before any test's own fixtures) would write."""
    return cache_dir(), data_dir()


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def test_a_module_fixture_writes_into_the_runs_own_folders(
    module_folders: tuple[Path, Path],
) -> None:
    for folder in module_folders:
        assert not any(_inside(folder, own) for own in users_own_folders())
        assert "briefing-session" in str(folder)


def test_each_test_has_its_own_folders(module_folders: tuple[Path, Path]) -> None:
    assert cache_dir() != module_folders[0] and data_dir() != module_folders[1]
    assert not any(_inside(cache_dir(), own) for own in users_own_folders())


def test_the_guard_sees_a_file_added_changed_or_made_and_removed(tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    assert folder_state(folder) is None
    (folder / "indexes").mkdir(parents=True)
    (folder / "indexes" / "a.sqlite").write_bytes(b"index")
    before = folder_state(folder)
    assert before == folder_state(folder)
    time.sleep(0.05)  # past the file system's clock tick
    (folder / "indexes" / "b.tmp").write_bytes(b"")
    (folder / "indexes" / "b.tmp").unlink()
    assert folder_state(folder) != before
    before = folder_state(folder)
    time.sleep(0.05)
    (folder / "indexes" / "a.sqlite").write_bytes(b"other")
    assert folder_state(folder) != before
