"""Packaging: the wheel carries the bundled corpus; the one-shot path stays light."""

from __future__ import annotations

import ast
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


def _loaded_when_warm(tmp_path: Path, arguments: list[str], modules: tuple[str, ...],
                      stdin: bytes | None = None) -> list[str]:
    """Which of `modules` a `briefing` command loads on a warm cache (a first run builds it,
    which loads much more)."""
    code = (
        "import sys, io, contextlib\n"
        "from briefing.cli import main\n"
        f"if {stdin!r} is not None: sys.stdin = io.TextIOWrapper(io.BytesIO({stdin!r}))\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    main({arguments!r})\n"
        f"print([m for m in {modules!r} if m in sys.modules])\n"
    )
    for _ in range(2):
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path
        )
    return ast.literal_eval(done.stdout.strip().splitlines()[-1])


def test_ask_imports_neither_textual_nor_rank_bm25(tmp_path: Path) -> None:
    """`briefing ask` must stay light: no TUI framework, no rank-bm25 (multiprocessing)."""
    heavy = ("textual", "rank_bm25", "multiprocessing")
    assert _loaded_when_warm(tmp_path, ["ask", "Which ministry blocked DeepSeek?"], heavy) == []


def test_ask_json_does_not_import_rich_or_the_build(tmp_path: Path) -> None:
    """`ask --json` on a warm cache loads what the answer needs: no Rich, no file readers, no
    search or briefing result classes, no index build, and no numpy for a question whose
    postings are short (they are added up in Python, briefing.query.ranking)."""
    heavy = ("rich", "briefing.corpus.paragraphs", "briefing.corpus.language", "lxml",
             "briefing.reports", "shutil", "numpy", "briefing.index.build")
    question = ["ask", "--json", "Which ministry blocked DeepSeek?"]
    assert _loaded_when_warm(tmp_path, question, heavy) == []


def test_a_batch_ranks_with_numpy(tmp_path: Path) -> None:
    """Questions on stdin load numpy once: every question after is a few array additions."""
    batch = b"Which ministry blocked DeepSeek?\nWho is Kim?\n"
    assert _loaded_when_warm(tmp_path, ["ask", "--json"], ("numpy",), batch) == ["numpy"]
