"""Provides every location briefing reads or writes: corpus, cache, data and evaluation folders."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "briefing"
# The installed package's folder. Data files are read beside the modules: briefing is never
# imported from a zip, and importlib.resources would add 12 ms to every start-up.
PACKAGE_DIR = Path(__file__).parent


def cache_dir() -> Path:
    """Where indexes are cached: `BRIEFING_CACHE_DIR`, else the platform's user cache folder."""
    override = os.environ.get("BRIEFING_CACHE_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs  # deferred: only needed once an index is opened

    return platformdirs.user_cache_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    """Where history and exports live: `BRIEFING_DATA_DIR`, else the platform's user data folder."""
    override = os.environ.get("BRIEFING_DATA_DIR")
    if override:
        return Path(override).expanduser()
    import platformdirs

    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def bundled_corpus() -> Path:
    """The five seed articles shipped inside the package (the repository's top-level `corpus/`).

    A wheel carries them as `briefing/bundled_corpus`; an editable install maps the package to
    the source tree, where the same folder is the repository's `corpus/` beside the package.
    """
    shipped = PACKAGE_DIR / "bundled_corpus"
    if shipped.is_dir():
        return shipped
    return PACKAGE_DIR.parent / "corpus"


def resolve_corpus(argument: str | os.PathLike[str] | None) -> Path:
    """The corpus to use: `--corpus`, then `BRIEFING_CORPUS`, then the bundled corpus."""
    if argument:
        return Path(argument).expanduser()
    from_env = os.environ.get("BRIEFING_CORPUS")
    if from_env:
        return Path(from_env).expanduser()
    return bundled_corpus()


def project_root() -> Path | None:
    """The source checkout holding pyproject.toml, when running from one."""
    here = Path(__file__).resolve().parent.parent
    return here if (here / "pyproject.toml").is_file() else None


def eval_dir() -> Path:
    """Evaluation data: `BRIEFING_EVAL_DIR`, else `../shared/eval` beside the repository root."""
    override = os.environ.get("BRIEFING_EVAL_DIR")
    if override:
        return Path(override).expanduser()
    root = project_root() or Path.cwd()
    return root.parent / "shared" / "eval"
