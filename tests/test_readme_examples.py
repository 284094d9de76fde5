"""Every pasted terminal session in the README is what a fresh run prints today
(benchmarks/readme_sessions.py reads them, and rewrites them with --write)."""

from __future__ import annotations

import pytest

from benchmarks.readme_sessions import README, fresh, sessions


def _sessions() -> list[list[tuple[str, list[str]]]]:
    return [steps for _, _, steps in sessions(README.read_text(encoding="utf-8"))]


def test_the_readme_has_sessions() -> None:
    assert len(_sessions()) >= 3


@pytest.mark.parametrize("number", range(len(_sessions())))
def test_a_readme_session_is_what_a_fresh_run_prints(number: int, tmp_path: object) -> None:
    steps = _sessions()[number]
    assert fresh(steps, str(tmp_path)) == steps
