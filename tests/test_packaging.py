"""Packaging: the wheel carries the bundled corpus; the one-shot path stays light."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED, REPO


@pytest.mark.slow
def test_wheel_holds_the_five_articles(tmp_path: Path) -> None:
    pytest.importorskip("build")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("briefing-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n.rsplit("/", 1)[1] for n in names if n.startswith("briefing/bundled_corpus/"))
    assert shipped == sorted(p.name for p in BUNDLED.glob("*.txt"))
    assert len(shipped) == 5


def test_bundled_corpus_is_found_from_any_directory(tmp_path: Path) -> None:
    code = "from briefing.paths import bundled_corpus; print(bundled_corpus())"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True
    )
    folder = Path(done.stdout.strip())
    assert len(list(folder.glob("*.txt"))) == 5


def test_ask_imports_neither_textual_nor_rank_bm25(tmp_path: Path) -> None:
    """`briefing ask` must stay light: no TUI framework, no rank-bm25 (multiprocessing)."""
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['ask', 'Which ministry blocked DeepSeek?'])\n"  # builds the cache
        "heavy = [m for m in ('textual', 'rank_bm25', 'multiprocessing') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert warm.stdout.strip().splitlines()[-1] == "[]"


def test_ask_json_does_not_import_rich_or_the_build(tmp_path: Path) -> None:
    """`ask --json` on a warm cache loads what the answer needs: no Rich, no file readers, no
    search or briefing result classes."""
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['ask', '--json', 'Which ministry blocked DeepSeek?'])\n"
        "heavy = ('rich', 'briefing.corpus.paragraphs', 'briefing.text.language', 'lxml',\n"
        "         'briefing.reports', 'shutil')\n"
        "print([m for m in heavy if m in sys.modules])\n"
    )
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, cwd=tmp_path)
    warm = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert warm.stdout.strip().splitlines()[-1] == "[]"
