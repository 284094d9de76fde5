"""Provides the TUI tests' fixtures: private cache and data folders, a fixed corpus, helpers."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from briefing.paths import bundled_corpus
from briefing.tui.app import BriefingApp
from briefing.tui.screens.main import MainScreen
from briefing.tui.widgets.question import QuestionInput
from tests.conftest import open_library

CORPUS_NAME = "korea-deepseek"  # shown in the header, so fixed for stable snapshots


@pytest.fixture(scope="session")
def seed_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled articles, copied once into a folder with a fixed name."""
    folder = tmp_path_factory.mktemp("corpora") / CORPUS_NAME
    shutil.copytree(bundled_corpus(), folder)
    return folder


@pytest.fixture(scope="session")
def warm_cache(seed_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus indexed once; each test starts from its own copy (a warm start)."""
    folder = tmp_path_factory.mktemp("warm-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("BRIEFING_CACHE_DIR", str(folder))
        open_library(seed_corpus).close()
    return folder


@pytest.fixture(autouse=True)
def private_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm_cache: Path) -> None:
    """Each test has its own cache and data folders and no stray settings."""
    shutil.copytree(warm_cache, tmp_path / "cache")
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("BRIEFING_DATA_DIR", str(tmp_path / "data"))
    for name in ("BRIEFING_CORPUS", "EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_app(seed_corpus: Path) -> Callable[..., BriefingApp]:
    def make(corpus: Path | None = None) -> BriefingApp:
        return BriefingApp(corpus or seed_corpus)

    return make


async def wait_for(pilot: Pilot, condition: Callable[[], object], timeout: float = 15.0) -> None:
    """Let the app run until `condition()` is true (workers finish in their own time)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.02)


async def ready(pilot: Pilot) -> MainScreen:
    app: BriefingApp = pilot.app  # type: ignore[assignment]
    await wait_for(pilot, lambda: app.stats is not None)
    return app.main


async def ask(pilot: Pilot, question: str) -> MainScreen:
    """Type-free asking: set the box's text, press enter, wait for the answer to show."""
    main = await ready(pilot)
    box = main.query_one(QuestionInput)
    box.focus()
    box.value = question
    before = main.outcome
    await pilot.press("enter")
    await wait_for(pilot, lambda: main.outcome is not before)
    await pilot.pause()
    return main
