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


def test_the_usage_block_names_every_command_and_option() -> None:
    """The README's usage block lists every command the parser has and each of its options
    (read from the parser itself, so a new option without a line here fails)."""
    import argparse

    from briefing.cli import build_parser

    text = README.read_text(encoding="utf-8")
    block = text.split("## Usage", 1)[1].split("```", 2)[1]
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for name, command in commands.choices.items():
        assert f"briefing {name}" in block, name
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help"):
                    assert option in block, (name, option)
