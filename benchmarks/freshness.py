"""Provides the freshness benchmark: index a large folder from scratch, then again after 1% changed.

    python benchmarks/freshness.py [--files 20000] [--changed 0.01] [--folder PATH]

The folder holds news-like files in three formats (85% .txt, 10% .md with front matter, 5%
saved .html pages), each a headline and four paragraphs of real sentences (XQuAD/PIAF from
the evaluation data when present, else the bundled corpus), seeded. Every step runs
`briefing index --json` as its own process with a private cache folder, as a user would:
wall time includes the interpreter start. It prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

PARAGRAPHS_PER_FILE = 4
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"«“(]?[A-ZÀ-ÖØ-Þ0-9])")


def _sentences() -> tuple[list[str], list[str]]:
    """(sentences, headlines) to draw from: the evaluation collections, else the seed corpus."""
    try:
        from speed_corpus import load_sources

        sources = load_sources()
        paragraphs = [p for s in sources for p in s.paragraphs]
        titles = [t for s in sources for t in s.titles]
    except (OSError, KeyError, ValueError):
        from briefing.paths import bundled_corpus

        paragraphs = [
            " ".join(block.split())
            for path in sorted(bundled_corpus().glob("*.txt"))
            for block in path.read_text(encoding="utf-8").split("\n\n")
            if len(block.split()) > 12
        ]
        titles = [p.split(".")[0][:80] for p in paragraphs]
    sentences = [s for p in paragraphs for s in _SENTENCE_END.split(p) if len(s.split()) > 4]
    return sentences, titles


def _file_text(kind: str, number: int, rng: random.Random, sentences: list[str],
               titles: list[str]) -> str:
    title = f"{rng.choice(titles)} {number}"
    paragraphs = [" ".join(rng.choices(sentences, k=rng.randint(2, 4)))
                  for _ in range(PARAGRAPHS_PER_FILE)]
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    if kind == "md":
        body = "\n\n".join(paragraphs[:2] + ["## Background"] + paragraphs[2:])
        return f"---\ntitle: {title}\ndate: {day}\n---\n{body}\n"
    if kind == "html":
        items = "".join(f"<p>{p}</p>\n" for p in paragraphs)
        return (
            f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
            f'<meta property="article:published_time" content="{day}T08:00:00Z"></head><body>'
            '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/tech">Tech</a></nav>'
            f"<article><h1>{title}</h1>\n{items}</article>"
            "<footer>Copyright Example News. All rights reserved.</footer></body></html>\n"
        )
    return f"{title}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_folder(folder: Path, count: int, seed: int = 0) -> list[Path]:
    """Write `count` files once (a marker file outside the corpus says it is done)."""
    marker = folder.with_name(folder.name + ".complete")
    if marker.exists() and marker.read_text() == str(count):
        return sorted(p for p in folder.rglob("*") if p.is_file())
    rng = random.Random(seed)
    sentences, titles = _sentences()
    paths = []
    for number in range(count):
        draw = rng.random()
        kind = "html" if draw < 0.05 else "md" if draw < 0.15 else "txt"
        path = folder / f"{number // 1000:02d}" / f"{number:05d}.{kind}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_file_text(kind, number, rng, sentences, titles), encoding="utf-8")
        paths.append(path)
    marker.write_text(str(count))
    return paths


def change_files(paths: list[Path], share: float, seed: int = 1) -> int:
    """Append a sentence to `share` of the files (a real content change, new mtime)."""
    rng = random.Random(seed)
    chosen = rng.sample(paths, max(1, round(len(paths) * share)))
    for number, path in enumerate(chosen):
        text = path.read_text(encoding="utf-8")
        addition = f"Update {number}: the ministry confirmed the figures on Friday."
        if path.suffix == ".html":
            text = text.replace("</article>", f"<p>{addition}</p></article>")
        else:
            text += f"\n{addition}\n"
        path.write_text(text, encoding="utf-8")
    return len(chosen)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_index(folder: Path, cache: Path, *extra: str) -> tuple[float, float, dict[str, object]]:
    """(wall seconds, CPU seconds of the process and its workers, its JSON report)."""
    environment = {**os.environ, "BRIEFING_CACHE_DIR": str(cache)}
    cpu = _children_cpu()
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "briefing", "index", "--json", "--corpus", str(folder), *extra],
        capture_output=True, text=True, env=environment, check=True,
    )
    wall = time.perf_counter() - started
    return wall, _children_cpu() - cpu, json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=20_000)
    parser.add_argument("--changed", type=float, default=0.01, help="share of files changed")
    parser.add_argument("--folder", type=Path, help="where to write the folder (reused)")
    args = parser.parse_args(argv)

    base = Path(tempfile.gettempdir()) / "briefing-freshness-bench"
    folder = args.folder or base / f"folder-{args.files}"
    paths = write_folder(folder, args.files)
    with tempfile.TemporaryDirectory(prefix="briefing-bench-cache-") as cache_name:
        cache = Path(cache_name)
        scratch_wall, scratch_cpu, scratch = run_index(folder, cache)
        warm_wall, warm_cpu, warm = run_index(folder, cache)
        changed = change_files(paths, args.changed)
        status_started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "briefing", "index", "--status", "--json", "--corpus",
             str(folder)],
            capture_output=True, env={**os.environ, "BRIEFING_CACHE_DIR": str(cache)},
            check=True,
        )
        status_wall = time.perf_counter() - status_started
        again_wall, again_cpu, again = run_index(folder, cache)
    share = f"{args.changed:.0%}"
    print(f"{args.files:,} files ({scratch['paragraphs']:,} paragraphs; "
          f"formats {scratch.get('formats')}), {os.cpu_count()} cores\n")
    print("| step | wall time | CPU time | files analysed |")
    print("|---|---:|---:|---:|")
    print(f"| index a {args.files:,}-file folder from scratch | {scratch_wall:.1f} s | "
          f"{scratch_cpu:.1f} s | {scratch['reindexed']:,} |")
    print(f"| index it again after {share} of its files changed ({changed:,} files) | "
          f"{again_wall:.1f} s | {again_cpu:.1f} s | {again['reindexed']:,} |")
    print(f"| (open it unchanged) | {warm_wall:.2f} s | {warm_cpu:.2f} s | "
          f"{warm['reindexed']:,} |")
    print(f"| (`index --status` after the change) | {status_wall:.2f} s | | 0 |")
    # The benchmark changes files: the next run starts from a freshly written folder.
    folder.with_name(folder.name + ".complete").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
