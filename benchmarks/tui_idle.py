"""Provides the reader's idle-CPU benchmark: what an open, untouched reader costs on a terminal.

Run `python -m benchmarks.tui_idle [--corpus PATH] [--seconds 60]` from the repository root.
It indexes the corpus first (so the build is not measured), starts `briefing tui` on a real
terminal (a detached tmux session, or a bare pseudo-terminal when tmux is missing or with
`--pty`), waits until the reader has settled (corpus open, briefing shown, warm-up done), then
reads the process's CPU time (utime + stime of every thread, /proc/PID/stat) over the window.
The folder is watched meanwhile, as it always is: its stat walks are part of the figure.
Linux only (/proc).
"""

from __future__ import annotations

import argparse
import os
import pty
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from briefing.paths import bundled_corpus

TICKS = os.sysconf("SC_CLK_TCK")
SETTLE_SECONDS = 1.0  # a window this long with under 2% CPU means the start-up is over
SETTLE_LIMIT = 120.0  # give up waiting for a quiet reader after this long
SIZE = (100, 30)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process, all its threads included."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime: fields 14 and 15


def _command(corpus: Path) -> list[str]:
    return [sys.executable, "-m", "briefing", "tui", "--corpus", str(corpus)]


@contextmanager
def in_tmux(corpus: Path, env: dict[str, str]) -> Iterator[int]:
    """The reader in a detached tmux session (a full terminal emulator); yields its pid."""
    name = f"briefing-idle-{os.getpid()}"
    width, height = SIZE
    env_args = [
        arg
        for key in ("BRIEFING_CACHE_DIR", "BRIEFING_DATA_DIR")
        for arg in ("-e", f"{key}={env[key]}")
    ]
    subprocess.run(
        [
            "tmux",
            "new-session",
            "-d",
            "-s",
            name,
            "-x",
            str(width),
            "-y",
            str(height),
            *env_args,
            *_command(corpus),
        ],
        check=True,
        env=env,
    )
    try:
        shown = subprocess.run(
            ["tmux", "display-message", "-p", "-t", name, "#{pane_pid}"],
            check=True,
            capture_output=True,
            text=True,
        )
        yield int(shown.stdout.strip())
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], check=False, capture_output=True)


@contextmanager
def in_pty(corpus: Path, env: dict[str, str]) -> Iterator[int]:
    """The reader on a bare pseudo-terminal whose output is read and dropped; yields its pid."""
    import fcntl
    import termios

    primary, secondary = pty.openpty()
    width, height = SIZE
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    process = subprocess.Popen(
        _command(corpus),
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=dict(env, TERM="xterm-256color"),
        start_new_session=True,
    )
    os.close(secondary)

    def drain() -> None:
        while True:
            try:
                if not os.read(primary, 65536):
                    return
            except OSError:
                return

    threading.Thread(target=drain, daemon=True).start()
    try:
        yield process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)
        os.close(primary)


def settle(pid: int) -> float:
    """Wait until the reader has been quiet for a moment; returns the seconds it took."""
    started = time.monotonic()
    time.sleep(2.0)  # imports and the first frames
    while time.monotonic() - started < SETTLE_LIMIT:
        before = cpu_seconds(pid)
        time.sleep(SETTLE_SECONDS)
        if cpu_seconds(pid) - before < 0.02 * SETTLE_SECONDS:
            return time.monotonic() - started
    raise SystemExit(f"the reader did not settle within {SETTLE_LIMIT:.0f} s")


def measure(corpus: Path, seconds: float, terminal: str) -> tuple[float, float]:
    """(share of one core used while idle, seconds it took to settle)."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, BRIEFING_CACHE_DIR=f"{home}/cache", BRIEFING_DATA_DIR=f"{home}/data")
        subprocess.run(
            [sys.executable, "-m", "briefing", "index", "--corpus", str(corpus)],
            env=env,
            check=True,
            capture_output=True,
        )
        runner = in_tmux if terminal == "tmux" else in_pty
        with runner(corpus, env) as pid:
            settled = settle(pid)
            before, started = cpu_seconds(pid), time.monotonic()
            time.sleep(seconds)
            used, elapsed = cpu_seconds(pid) - before, time.monotonic() - started
    return used / elapsed, settled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, default=None, help="folder to read (default: the bundled articles)"
    )
    parser.add_argument("--seconds", type=float, default=60.0, help="length of the idle window")
    parser.add_argument("--pty", action="store_true", help="a bare pseudo-terminal instead of tmux")
    args = parser.parse_args()
    corpus = args.corpus or bundled_corpus()
    terminal = "pty" if args.pty or shutil.which("tmux") is None else "tmux"
    share, settled = measure(corpus, args.seconds, terminal)
    files = sum(1 for path in corpus.rglob("*") if path.is_file())
    print(
        f"| idle reader, {corpus.name} ({files:,} files), {terminal}, {args.seconds:.0f} s "
        f"| CPU, % of one core |"
    )
    print("|---|---:|")
    print(
        f"| after settling ({settled:.0f} s): question box focused, folder watched "
        f"| {share * 100:.2f} |"
    )


if __name__ == "__main__":
    main()
