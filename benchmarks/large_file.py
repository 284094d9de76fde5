"""Provides the large-input benchmark: time and peak memory for a 50 MB single-line file.

Prints a Markdown table: reading and cutting the file into paragraphs (briefing.corpus), then
a full `briefing index` of it, each in a fresh interpreter whose peak RSS (workers included)
is its own. The file is generated (varied sentences on one line), never committed.

    python benchmarks/large_file.py [--megabytes 50]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Each runs in its own interpreter and prints {"seconds", "before", "peak"} in bytes.
HIGH_WATER = """
import sys

def high_water() -> int:
    '''This process's peak RSS in bytes: VmHWM, which (unlike ru_maxrss) restarts at exec.'''
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024
"""
READ_AND_SPLIT = HIGH_WATER + """
import json, time
from pathlib import Path
from briefing.corpus.reading import load_document
path = Path(sys.argv[1])
before = high_water()
started = time.perf_counter()
document = load_document(path, path)
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "before": before, "peak": high_water(),
                  "passages": len(document.paragraphs)}))
"""
INDEX = HIGH_WATER + """
import contextlib, io, json, resource, time
from briefing.cli import main
before = high_water()
started = time.perf_counter()
with contextlib.redirect_stdout(io.StringIO()):
    code = main(["index", "--rebuild", "--corpus", sys.argv[1]])
seconds = time.perf_counter() - started
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # the largest worker
scale = 1 if sys.platform == "darwin" else 1024
print(json.dumps({"seconds": seconds, "before": before, "peak": high_water(),
                  "workers": workers * scale, "code": code}))
"""


def _measure(script: str, path: Path, cache: Path) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BRIEFING_CACHE_DIR": str(cache)},
    )
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=int, default=50)
    args = parser.parse_args()
    from tests.hostile.test_large_files import MARKER, single_line

    mb = 1 << 20
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "corpus" / "single-line.txt"
        path.parent.mkdir()
        path.write_text(single_line(args.megabytes * mb, MARKER), encoding="utf-8")
        size = path.stat().st_size
        cache = Path(folder) / "cache"
        split = _measure(READ_AND_SPLIT, path, cache)
        index = _measure(INDEX, path.parent, cache)
    print(f"A {size / mb:.0f} MB file on one line (peak RSS of a fresh interpreter):\n")
    print("| step | seconds | peak RSS | growth over the interpreter | growth / file size |")
    print("|---|---:|---:|---:|---:|")
    for label, row in (("read + cut into paragraphs", split), ("`briefing index` (all)", index)):
        growth = row["peak"] - row["before"]
        print(
            f"| {label} | {row['seconds']:.1f} | {row['peak'] / mb:.0f} MB | "
            f"{growth / mb:.0f} MB | {growth / size:.1f}x |"
        )
    if index.get("workers"):
        print(f"\nThe index's largest worker process peaked at {index['workers'] / mb:.0f} MB.")


if __name__ == "__main__":
    main()
