"""Provides the speed and memory benchmark: briefing beside plain rank-bm25 and bm25s.

Usage: python -m benchmarks.speed [--sizes 1000 10000 100000] [--repeat 2] [--work DIR]

For each size it writes (once, seeded) a corpus of that many paragraphs of real XQuAD and PIAF
sentences (benchmarks/speed_corpus.py), then measures, each tool in its own process:
- build: `briefing index --rebuild` (wall time of the whole command, detection and stemming
  included) against bm25s's tokenise + index + save (its own timer, imports and file reading
  left out) and rank-bm25's tokenise + BM25Okapi(); peak memory is the largest process's
  maximum resident set (and, for briefing, its worker processes summed, sampled);
- per question: (wall of one process answering 201 questions from stdin - wall of one
  answering 1) / 200, same questions; p50/p95 from the gaps between streamed answers;
  rank-bm25 is timed in process, get_scores alone;
- one-shot: a fresh `briefing ask --json QUESTION` on the warm cache against a bm25s process
  that loads its index and answers one question (median of 5);
- start-up on the bundled corpus against `python -c "import numpy, rich.console"`;
- typo correction over a vocabulary of 100,000 distinct words.
Timings are the best of --repeat runs, as the machine may be shared. If a build leaves the
corroboration tables (briefing.corroboration) out, they are computed into the index after it,
timed on their own ("+ facts"): without them every question would compute them.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from benchmarks.speed_corpus import load_sources, questions, write_corpus

REPO = Path(__file__).resolve().parents[1]
PEERS = Path(__file__).resolve().with_name("speed_peers.py")
QUESTIONS = 201
RANK_BM25_QUESTIONS = {1_000: 200, 10_000: 100, 100_000: 30}
BUNDLED_QUESTION = "Which ministry blocked DeepSeek on military computers?"


@dataclass
class Run:
    """One child process: wall seconds, CPU seconds, largest resident set, summed tree peak."""

    wall: float
    cpu: float
    peak_mb: float
    tree_peak_mb: float
    stdout: str
    gaps: list[float] = field(default_factory=list)  # seconds between streamed output lines


def _tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (from /proc), in MB."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        stack.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def run(command: list[str], stdin: str = "", env: dict[str, str] | None = None) -> Run:
    """Run a command with its stdin, timing each line of its output as it arrives."""
    with tempfile.TemporaryFile() as feed:
        feed.write(stdin.encode("utf-8"))
        feed.seek(0)
        started = time.perf_counter()
        process = subprocess.Popen(
            command, stdin=feed, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env
        )
        peak = [0.0]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.1):
                peak[0] = max(peak[0], _tree_rss_mb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        lines: list[bytes] = []
        stamps: list[float] = []
        assert process.stdout is not None
        for line in process.stdout:
            stamps.append(time.perf_counter())
            lines.append(line)
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        done.set()
        sampler.join()
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{command[:4]} exited with {process.returncode}")
    gaps = [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    return Run(
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        max(peak[0], usage.ru_maxrss / 1024),
        b"".join(lines).decode("utf-8", "replace"),
        gaps,
    )


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda r: r.wall)


def _size_mb(path: Path) -> float:
    if path.is_file():
        return path.stat().st_size / 1e6
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


def _briefing(*args: str) -> list[str]:
    return [sys.executable, "-m", "briefing", *args]


def _env(cache: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["BRIEFING_CACHE_DIR"] = str(cache)
    env.pop("BRIEFING_CORPUS", None)
    return env


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def add_facts(corpus: Path, cache: Path) -> float | None:
    """Compute the corroboration tables into the index if the build did not; seconds, or None."""
    code = (
        "import sqlite3, sys, time\n"
        "from pathlib import Path\n"
        "from briefing.index.schema import index_path\n"
        "try:\n"
        "    from briefing.corroboration.tables import precompute\n"
        "    from briefing.index.fact_tables import has_tables\n"
        "except ImportError:\n"
        "    print('none'); sys.exit(0)\n"
        "c = sqlite3.connect(index_path(Path(sys.argv[1])))\n"
        "if has_tables(c, 'main'):\n"
        "    print('none'); sys.exit(0)\n"
        "t = time.perf_counter()\n"
        "precompute(c); c.commit()\n"
        "print(time.perf_counter() - t)\n"
    )
    done = run([sys.executable, "-c", code, str(corpus)], env=_env(cache))
    text = done.stdout.strip()
    return None if text == "none" else float(text)


@dataclass
class SizeResult:
    paragraphs: int
    words: int
    briefing_build_s: float = 0.0
    briefing_build_cpu_s: float = 0.0
    briefing_build_peak_mb: float = 0.0
    briefing_build_tree_mb: float = 0.0
    briefing_cache_mb: float = 0.0
    briefing_facts_s: float | None = None
    briefing_one_shot_s: float = 0.0
    briefing_question_ms: float = 0.0
    briefing_p50_ms: float = 0.0
    briefing_p95_ms: float = 0.0
    briefing_answer_peak_mb: float = 0.0
    bm25s_build_s: float = 0.0
    bm25s_build_process_s: float = 0.0
    bm25s_build_cpu_s: float = 0.0
    bm25s_build_peak_mb: float = 0.0
    bm25s_cache_mb: float = 0.0
    bm25s_one_shot_s: float = 0.0
    bm25s_question_ms: float = 0.0
    bm25s_p50_ms: float = 0.0
    bm25s_p95_ms: float = 0.0
    bm25s_answer_peak_mb: float = 0.0
    rank_bm25_build_s: float = 0.0
    rank_bm25_build_peak_mb: float = 0.0
    rank_bm25_p50_ms: float = 0.0
    rank_bm25_p95_ms: float = 0.0
    rank_bm25_mean_ms: float = 0.0


def measure_size(size: int, work: Path, repeat: int, asked: list[str]) -> SizeResult:
    corpus = write_corpus(work / f"corpus-{size}", size)
    words = sum(len(p.read_text("utf-8").split()) for p in corpus.glob("*.txt"))
    result = SizeResult(size, words)
    cache = work / f"cache-{size}"
    batch = "\n".join(asked) + "\n"
    one = asked[0] + "\n"
    say = lambda text: print(f"  [{size:,}] {text}", file=sys.stderr, flush=True)  # noqa: E731

    say("briefing index --rebuild")
    builds = [
        run(_briefing("index", "--rebuild", "--corpus", str(corpus)), env=_env(cache))
        for _ in range(repeat)
    ]
    chosen = best(builds)
    result.briefing_build_s = chosen.wall
    result.briefing_build_cpu_s = chosen.cpu
    result.briefing_build_peak_mb = max(b.peak_mb for b in builds)
    result.briefing_build_tree_mb = max(b.tree_peak_mb for b in builds)
    index = next(p for p in (cache / "indexes").glob("*.sqlite") if ".documents-" not in p.name)
    result.briefing_cache_mb = _size_mb(index)
    say("corroboration tables")
    result.briefing_facts_s = add_facts(corpus, cache)

    say("bm25s build")
    peer_index = work / f"bm25s-{size}"
    bm25s_builds = []
    for _ in range(repeat):
        shutil.rmtree(peer_index, ignore_errors=True)
        bm25s_builds.append(
            run([sys.executable, str(PEERS), "bm25s-build", str(corpus), str(peer_index)])
        )
    chosen = min(bm25s_builds, key=lambda r: json.loads(r.stdout)["seconds"])
    result.bm25s_build_s = json.loads(chosen.stdout)["seconds"]
    result.bm25s_build_process_s = chosen.wall
    result.bm25s_build_cpu_s = chosen.cpu
    result.bm25s_build_peak_mb = max(b.peak_mb for b in bm25s_builds)
    result.bm25s_cache_mb = _size_mb(peer_index)

    say("questions")
    ask = _briefing("ask", "--json", "--corpus", str(corpus))
    peer_ask = [sys.executable, str(PEERS), "bm25s-ask", str(peer_index)]
    run(ask, one, _env(cache))  # warm the file cache
    many = [run(ask, batch, _env(cache)) for _ in range(repeat)]
    single = [run(ask, one, _env(cache)) for _ in range(repeat)]
    result.briefing_question_ms = (best(many).wall - best(single).wall) / (len(asked) - 1) * 1e3
    result.briefing_p50_ms = _percentile(best(many).gaps, 0.5) * 1e3
    result.briefing_p95_ms = _percentile(best(many).gaps, 0.95) * 1e3
    result.briefing_answer_peak_mb = max(r.peak_mb for r in many)
    run(peer_ask, one)
    many = [run(peer_ask, batch) for _ in range(repeat)]
    single = [run(peer_ask, one) for _ in range(repeat)]
    result.bm25s_question_ms = (best(many).wall - best(single).wall) / (len(asked) - 1) * 1e3
    result.bm25s_p50_ms = _percentile(best(many).gaps, 0.5) * 1e3
    result.bm25s_p95_ms = _percentile(best(many).gaps, 0.95) * 1e3
    result.bm25s_answer_peak_mb = max(r.peak_mb for r in many)

    say("one-shot")
    shots = [run([*ask, asked[0]], env=_env(cache)).wall for _ in range(5)]
    result.briefing_one_shot_s = statistics.median(shots)
    result.bm25s_one_shot_s = statistics.median(run(peer_ask, one).wall for _ in range(5))

    say("rank-bm25")
    count = RANK_BM25_QUESTIONS.get(size, 30)
    plain = run([sys.executable, str(PEERS), "rank-bm25", str(corpus), str(count)], batch)
    report = json.loads(plain.stdout)
    timings = [t * 1e3 for t in report["timings"]]
    result.rank_bm25_build_s = report["build"]
    result.rank_bm25_build_peak_mb = plain.peak_mb
    result.rank_bm25_p50_ms = _percentile(timings, 0.5)
    result.rank_bm25_p95_ms = _percentile(timings, 0.95)
    result.rank_bm25_mean_ms = statistics.fmean(timings)
    return result


def measure_start_up(work: Path) -> dict[str, float]:
    """A warm one-shot answer on the bundled corpus against the import floor (medians of 7)."""
    from briefing.paths import bundled_corpus

    cache = work / "cache-bundled"
    env = _env(cache)
    run(_briefing("index", "--corpus", str(bundled_corpus())), env=env)
    add_facts(bundled_corpus(), cache)
    ask = _briefing("ask", "--json", "--corpus", str(bundled_corpus()), BUNDLED_QUESTION)
    floor = [sys.executable, "-c", "import numpy, rich.console"]
    run(ask, env=env)
    ours, theirs = [], []
    for _ in range(7):
        ours.append(run(ask, env=env).wall)
        theirs.append(run(floor).wall)
    return {"briefing_s": statistics.median(ours), "floor_s": statistics.median(theirs)}


def _vocabulary(count: int, seed: int) -> list[str]:
    """`count` distinct words: the eval collections' own, then blends of two of them."""
    import re

    words: set[str] = set()
    for source in load_sources():
        for paragraph in source.paragraphs:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]{4,}", paragraph))
    real = sorted(words)
    rng = random.Random(seed)
    blended = set(real)
    while len(blended) < count:
        a, b = rng.choice(real), rng.choice(real)
        blended.add(a[: max(2, len(a) // 2)] + b[len(b) // 2 :])
    return sorted(blended)[:count] if len(real) >= count else sorted(blended)


def _typo(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("swap", "drop", "change"))
    if kind == "swap":
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + rng.choice("aeioulnrst") + word[i + 1 :]


def measure_typos(work: Path, count: int = 100_000, seed: int = 3) -> dict[str, float]:
    """Question analysis with typos against a vocabulary of `count` distinct words (in process)."""
    from briefing.index.opening import open_index
    from briefing.query.question import analyse
    from briefing.text.analyzer import analyzer_for

    folder = work / f"typo-vocabulary-{count}"
    vocabulary = [w for w in _vocabulary(count, seed) if not analyzer_for("en").is_stopword(w)]
    if not (folder / ".complete").exists():
        folder.mkdir(parents=True, exist_ok=True)
        rows = [" ".join(vocabulary[i : i + 12]) + "." for i in range(0, len(vocabulary), 12)]
        for number in range(0, len(rows), 500):
            (folder / f"{number:06d}.txt").write_text("\n\n".join(rows[number : number + 500]))
        (folder / ".complete").write_text("")
    os.environ["BRIEFING_CACHE_DIR"] = str(work / "cache-typos")
    reader, _ = open_index(folder)
    (distinct,) = reader.connection.execute("SELECT COUNT(*) FROM words").fetchone()
    rng = random.Random(seed)
    known = set(vocabulary)
    candidates = [w for w in vocabulary if 6 <= len(w) <= 12]

    def question(typos: int) -> str:
        picked = rng.sample(candidates, 5)
        for i in range(typos):
            wrong = _typo(picked[i], rng)
            while wrong in known:
                wrong = _typo(picked[i], rng)
            picked[i] = wrong
        return " ".join(picked)

    timings: dict[str, float] = {"vocabulary": float(distinct)}
    for typos in (1, 5):
        cold, warm = [], []
        for _ in range(20):
            text = question(typos)
            reader.close()
            reader, _ = open_index(folder)  # a fresh reader: a one-shot question's cost
            start = time.perf_counter()
            analyse(reader, text)
            cold.append(time.perf_counter() - start)
            start = time.perf_counter()
            analyse(reader, text)
            warm.append(time.perf_counter() - start)
        timings[f"{typos}_typo_cold_ms"] = statistics.median(cold) * 1e3
        timings[f"{typos}_typo_warm_ms"] = statistics.median(warm) * 1e3
    reader.close()
    return timings


def machine() -> dict[str, str]:
    def output(*command: str) -> str:
        try:
            return subprocess.run(command, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "?"

    return {
        "date": time.strftime("%Y-%m-%d"),
        "uname": output("uname", "-a"),
        "cores": output("nproc"),
        "memory": output("free", "-h").splitlines()[1] if output("free", "-h") else "?",
        "python": platform.python_version(),
        "load": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def table(results: list[SizeResult]) -> str:
    lines = [
        "| paragraphs | tool | build s | build peak MB | cache MB | one-shot s "
        "| per question ms | p50 / p95 ms | answering peak MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        size = f"{r.paragraphs:,}"
        facts = f" (+{r.briefing_facts_s:.1f} facts)" if r.briefing_facts_s else ""
        lines.append(
            f"| {size} | briefing | {r.briefing_build_s:.1f}{facts} | "
            f"{r.briefing_build_peak_mb:.0f} ({r.briefing_build_tree_mb:.0f} with workers) | "
            f"{r.briefing_cache_mb:.0f} | {r.briefing_one_shot_s:.2f} | "
            f"{r.briefing_question_ms:.1f} | {r.briefing_p50_ms:.1f} / {r.briefing_p95_ms:.1f} | "
            f"{r.briefing_answer_peak_mb:.0f} |"
        )
        lines.append(
            f"| {size} | bm25s | {r.bm25s_build_s:.1f} | {r.bm25s_build_peak_mb:.0f} | "
            f"{r.bm25s_cache_mb:.0f} | {r.bm25s_one_shot_s:.2f} | {r.bm25s_question_ms:.1f} | "
            f"{r.bm25s_p50_ms:.1f} / {r.bm25s_p95_ms:.1f} | {r.bm25s_answer_peak_mb:.0f} |"
        )
        lines.append(
            f"| {size} | rank-bm25 | {r.rank_bm25_build_s:.1f} | {r.rank_bm25_build_peak_mb:.0f}"
            f" | - | - | {r.rank_bm25_mean_ms:.1f} (get_scores) | "
            f"{r.rank_bm25_p50_ms:.1f} / {r.rank_bm25_p95_ms:.1f} | - |"
        )
    return "\n".join(lines)


def targets(r: SizeResult, start_up: dict[str, float], typos: dict[str, float]) -> str:
    def line(name: str, value: str, ratio: float, limit: float, below: bool = True) -> str:
        met = ratio <= limit if below else ratio >= limit
        bound = "at most" if below else "at least"
        return f"- {name}: {value}, {ratio:.2f}x ({bound} {limit}x): {'met' if met else 'NOT met'}"

    speedup = r.rank_bm25_mean_ms / r.briefing_question_ms if r.briefing_question_ms else 0.0
    return "\n".join(
        [
            f"Targets at {r.paragraphs:,} paragraphs:",
            line(
                "per question vs bm25s",
                f"{r.briefing_question_ms:.1f} ms vs {r.bm25s_question_ms:.1f} ms",
                r.briefing_question_ms / r.bm25s_question_ms,
                1.5,
            ),
            line(
                "per question vs rank-bm25 get_scores (speed-up)",
                f"{r.briefing_question_ms:.1f} ms vs {r.rank_bm25_mean_ms:.1f} ms",
                speedup,
                30,
                below=False,
            ),
            line(
                "build vs bm25s tokenise+index+save",
                f"{r.briefing_build_s:.1f} s vs {r.bm25s_build_s:.1f} s",
                r.briefing_build_s / r.bm25s_build_s,
                2.5,
            ),
            line(
                "build peak memory vs bm25s",
                f"{r.briefing_build_peak_mb:.0f} MB vs {r.bm25s_build_peak_mb:.0f} MB",
                r.briefing_build_peak_mb / r.bm25s_build_peak_mb,
                2.0,
            ),
            line(
                "answering peak memory vs bm25s",
                f"{r.briefing_answer_peak_mb:.0f} MB vs {r.bm25s_answer_peak_mb:.0f} MB",
                r.briefing_answer_peak_mb / r.bm25s_answer_peak_mb,
                2.0,
            ),
            line(
                "one-shot ask vs bm25s load + 1 question",
                f"{r.briefing_one_shot_s:.2f} s vs {r.bm25s_one_shot_s:.2f} s",
                r.briefing_one_shot_s / r.bm25s_one_shot_s,
                1.0,
            ),
            line(
                "start-up on the bundled corpus vs import numpy, rich.console",
                f"{start_up['briefing_s']:.2f} s vs {start_up['floor_s']:.2f} s",
                start_up["briefing_s"] / start_up["floor_s"],
                1.5,
            ),
            f"- typo correction, {typos['vocabulary']:,.0f} distinct words, 5-word question: "
            f"1 typo {typos['1_typo_cold_ms']:.1f} ms cold / {typos['1_typo_warm_ms']:.1f} ms "
            f"warm; 5 typos {typos['5_typo_cold_ms']:.1f} / {typos['5_typo_warm_ms']:.1f} ms "
            f"(target under 10 ms)",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=2, help="runs per timing (the best)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "briefing-speed")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    # Byte-compile once, as an installed package is: an unwritable bytecode cache would
    # otherwise add the compilation of every module to each one-shot timing.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "briefing")], check=False)
    asked = questions(QUESTIONS)
    results = [measure_size(size, args.work, args.repeat, asked) for size in args.sizes]
    print("  start-up", file=sys.stderr)
    start_up = measure_start_up(args.work)
    print("  typos", file=sys.stderr)
    typos = measure_typos(args.work)
    about = machine()
    print(f"{about['date']}, {about['uname']}, {about['cores']} cores, Python {about['python']}")
    print(f"memory: {about['memory']}; load average at the end: {about['load']}")
    print()
    print(table(results))
    print()
    print(targets(results[-1], start_up, typos))
    if args.json:
        payload = {
            "machine": about,
            "sizes": [asdict(r) for r in results],
            "start_up": start_up,
            "typos": typos,
        }
        args.json.write_text(json.dumps(payload, indent=2))


if __name__ == "__main__":
    main()
