"""Provides the `briefing` command line: `ask`, `search`, `index`, `brief` and the TUI.

stdout carries only results; every notice, warning and error goes to stderr, one line each.
Exit codes (for every command): 0 success, 1 nothing found, 2 bad input or usage,
130 interrupted. The TUI is imported only when it is started, so `ask` never loads textual.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

from briefing import __version__
from briefing.query.syntax import SYNTAX_HELP

if TYPE_CHECKING:
    from rich.console import Console

    from briefing.library import Engine

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130

DESCRIPTION = (
    "Ask questions of a folder of news articles and get extractive answers: the best "
    "sentences of the articles themselves, highlighted and cited."
)
EPILOG = """\
exit codes: 0 answered / found, 1 nothing found (abstained), 2 bad input or usage,
            130 interrupted, 70 internal error (a bug: please report it).
corpus:     --corpus PATH, else $BRIEFING_CORPUS, else the bundled corpus.
cache:      $BRIEFING_CACHE_DIR, else the platform's user cache folder.
Run `briefing` with no arguments on a terminal to open the interactive reader.
"""
ASK_EPILOG = """\
With no QUESTION and standard input not a terminal, reads one question per line
(batch mode) and writes each result as soon as it is ready: with --json one JSON
object per line. Blank lines are skipped; a bad line gets a result with an "error".
Batch exit code: 2 if any line was bad, else 1 if any question went unanswered, else 0.

""" + SYNTAX_HELP
STATUS_HELP = "list the files new, changed or removed since the last index; index nothing"


class UsageError(Exception):
    """Bad command-line usage: a one-line message and exit code 2."""


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size() finds it, without importing shutil
    (and with it bz2, lzma and zlib: 4 ms of every start-up)."""
    try:
        return int(os.environ["COLUMNS"]) or 80
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80
    except (AttributeError, ValueError, OSError):
        return 80


class _Wrapping(argparse.HelpFormatter):
    def __init__(self, prog: str, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("width", _columns() - 2)  # what HelpFormatter would use
        super().__init__(prog, *args, **kwargs)


class _Raw(_Wrapping, argparse.RawDescriptionHelpFormatter):
    """Descriptions and epilogs kept as written (examples), help at the terminal's width."""


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one line on stderr and exit code 2, never a traceback."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Wrapping)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {text}")
    return value


def build_parser() -> _Parser:
    parser = _Parser(
        prog="briefing",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_Raw,
    )
    parser.add_argument("--version", action="version", version=f"briefing {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def corpus_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--corpus",
            metavar="PATH",
            help="folder (or single file) to read; default $BRIEFING_CORPUS or the bundled corpus",
        )

    def syntax_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--no-syntax",
            action="store_true",
            help='read "quotes", -words and name:value filters as plain words',
        )
        sub.add_argument(
            "--sort",
            choices=("relevance", "date"),
            default="relevance",
            help="order of the results: relevance (default) or date, newest first",
        )

    ask = commands.add_parser(
        "ask",
        help="answer a question with cited sentences from the corpus",
        description="Answer a question with the best sentences of the corpus, cited.",
        epilog=ASK_EPILOG,
        formatter_class=_Raw,
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION", help="words of the question")
    ask.add_argument("-k", type=_positive, default=3, metavar="N", help="answers to show (3)")
    corpus_option(ask)
    ask.add_argument("--json", action="store_true", help="print JSON instead of text")
    ask.add_argument("--no-color", action="store_true", help="plain text, no colour")
    syntax_options(ask)

    search = commands.add_parser(
        "search",
        help="list the best-matching passages",
        description="List the passages that best match a query, best first.",
        epilog=ASK_EPILOG.replace("question", "query"),
        formatter_class=_Raw,
    )
    search.add_argument("query", nargs="*", metavar="QUERY", help="words of the query")
    search.add_argument("-n", type=_positive, default=10, metavar="N", help="results (10)")
    corpus_option(search)
    search.add_argument("--json", action="store_true", help="print JSON instead of text")
    search.add_argument("--no-color", action="store_true", help="plain text, no colour")
    syntax_options(search)

    index = commands.add_parser(
        "index",
        help="build or refresh the cached index and say what it holds",
        description="Build (or refresh) the index cache of a corpus and print what it indexed.",
    )
    corpus_option(index)
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    index.add_argument("--json", action="store_true", help="print JSON instead of text")
    index.add_argument("--status", action="store_true", help=STATUS_HELP)

    brief = commands.add_parser(
        "brief",
        help="a one-screen briefing: central facts, key actors, conflicts",
        description=(
            "Print a one-screen briefing of the corpus: its most central facts, each with the "
            "sources that report it, the key actors, and where sources disagree."
        ),
    )
    brief.add_argument("-n", type=_positive, default=8, metavar="N", help="facts to show (8)")
    corpus_option(brief)
    brief.add_argument("--json", action="store_true", help="print JSON instead of text")
    brief.add_argument("--no-color", action="store_true", help="plain text, no colour")

    tui = commands.add_parser("tui", help="open the interactive reader (the default)")
    corpus_option(tui)
    return parser


def _error(message: str) -> None:
    from briefing.corpus.sanitize import visible  # messages name files: one safe line each

    print(f"briefing: error: {visible(message)}", file=sys.stderr, flush=True)


def _notice(message: str) -> None:
    from briefing.corpus.sanitize import visible

    print(f"briefing: {visible(message)}", file=sys.stderr, flush=True)


def _open_engine(corpus: str | None, *, rebuild: bool = False) -> Engine:
    from briefing.library import Engine
    from briefing.output.progress import index_progress
    from briefing.paths import resolve_corpus

    with index_progress() as progress:
        engine = Engine.open(
            resolve_corpus(corpus), rebuild=rebuild, notify=_notice, progress=progress
        )
    report = engine.report
    if report.rebuilt:
        for item in report.skipped:
            _notice(f"skipped {item.path}: {item.reason}")
        for notice in report.notices:
            _notice(notice)
    return engine


def _stdin_lines() -> Iterator[tuple[int, str | None]]:
    """Non-blank stdin lines as (line number, text); text is None when it does not decode."""
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        text = text.rstrip("\r\n")
        if text.strip():
            yield number, text


def _run_queries(
    args: argparse.Namespace,
    words: list[str],
    run: Callable[[Engine, str], tuple[Any, int]],
    bad_line: Callable[[str, str], Any],
    printer: Callable[[Any], None],
) -> int:
    """One query from the arguments, or a batch from stdin: returns the exit code."""
    from briefing.corpus.sanitize import strip_controls
    from briefing.library import question_error

    if words:
        text = " ".join(words)
        # Judged as the engine will read it: without control characters.
        problem = question_error(strip_controls(text))
        if problem:
            _error(problem)
            return EXIT_USAGE
        engine = _open_engine(args.corpus)
        result, code = run(engine, text)
        if code == EXIT_USAGE and not args.json:
            _error(result.error)  # refused by the engine: one line on stderr, as above
            return code
        printer(result)
        return code
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give a question, or pipe one question per line on standard input")
    lines = _stdin_lines()
    first = next(lines, None)
    if first is None:
        raise UsageError("standard input holds no question")
    engine = _open_engine(args.corpus)
    from briefing.query.ranking import load_arrays

    load_arrays()  # a batch ranks with numpy: loaded once, cheaper than Python loops after
    # The answer caches grow to hundreds of thousands of tuples, which every full collection
    # walks; they hold no cycles, so collecting less often pays (4.7 -> 4.4 ms a question at
    # 100,000 paragraphs). Set back after, for a caller that runs main() in its own process.
    threshold = gc.get_threshold()
    gc.set_threshold(50_000, 20, 100)
    try:
        return _answer_lines(engine, _chain(first, lines), run, bad_line, printer)
    finally:
        gc.set_threshold(*threshold)


def _answer_lines(
    engine: Engine,
    lines: Iterator[tuple[int, str | None]],
    run: Callable[[Engine, str], tuple[Any, int]],
    bad_line: Callable[[str, str], Any],
    printer: Callable[[Any], None],
) -> int:
    """Answer each stdin line in turn; the batch exit code (see ASK_EPILOG)."""
    from briefing.corpus.sanitize import strip_controls
    from briefing.library import question_error

    worst = EXIT_OK
    for number, text in lines:
        if text is None:
            printer(bad_line("", f"line {number} is not valid UTF-8"))
            worst = EXIT_USAGE
            continue
        problem = question_error(strip_controls(text))
        if problem:
            printer(bad_line(text, problem))
            worst = EXIT_USAGE
            continue
        result, code = run(engine, text)
        printer(result)
        if code == EXIT_USAGE:
            worst = EXIT_USAGE
        elif code == EXIT_NOTHING and worst == EXIT_OK:
            worst = EXIT_NOTHING
    return worst


def _chain(first: tuple[int, str | None], rest: Iterator[tuple[int, str | None]]):  # type: ignore[no-untyped-def]
    yield first
    yield from rest


# What json.dumps writes for a control character other than newline and tab (one regex
# search: four substring scans of a 10 kB result cost 45 us).
_ESCAPED_CONTROL = re.compile(r"\\(?:u00|[rbf])")


def _dump(obj: dict[str, Any]) -> None:
    text = json.dumps(obj, ensure_ascii=False, check_circular=False)  # plain trees of dicts
    # Walking every string is only paid for when the output would carry a control character
    # (escaped by json, or raw: C1, DEL, bidi): almost never, as the engine cleans its text.
    if not text.isprintable() or _ESCAPED_CONTROL.search(text):
        text = json.dumps(_printable(obj), ensure_ascii=False)
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def _printable(value: Any) -> Any:
    """Every string of a JSON result with any control character left shown as an escape.

    The engine cleans what it returns; this keeps `jq -r` into a terminal safe whatever a
    field holds (names keep their characters visible, so a script can still tell them apart).
    """
    from briefing.corpus.sanitize import visible

    if isinstance(value, str):
        return visible(value, lines=True)
    if isinstance(value, dict):
        return {key: _printable(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable(item) for item in value]
    return value


@cache
def _terminal(no_color: bool) -> Console:
    """The Rich console of the plain output, made on first use: `--json` never imports Rich."""
    from briefing.output.plain import make_console

    return make_console(no_color=no_color)


# A batch line echoed in plain output is cut to this many characters.
ECHO_LIMIT = 200


def _echo(question: str) -> str:
    return question if len(question) <= ECHO_LIMIT else question[:ECHO_LIMIT] + "…"


def _cmd_ask(args: argparse.Namespace) -> int:
    from briefing.models import AskResult
    from briefing.output.to_json import ask_json

    batch = not args.question

    def run(engine: Engine, question: str) -> tuple[AskResult, int]:
        result = engine.ask(question, k=args.k, syntax=not args.no_syntax, sort=args.sort)
        _syntax_notes(result.notes)
        if result.error:
            return result, EXIT_USAGE
        return result, EXIT_OK if result.answered else EXIT_NOTHING

    def bad_line(question: str, problem: str) -> AskResult:
        from briefing.corpus.sanitize import strip_controls

        return AskResult(question=strip_controls(question), answered=False, error=problem)

    def show(result: AskResult) -> None:
        if args.json:
            _dump(ask_json(result))
            return
        from briefing.output.plain import print_ask

        console = _terminal(args.no_color)
        if batch:
            from rich.text import Text

            console.print(Text(f"Q: {_echo(result.question)}", style="bold"))
        print_ask(console, result)
        if batch:
            console.print()
        sys.stdout.flush()

    return _run_queries(args, args.question, run, bad_line, show)


def _cmd_search(args: argparse.Namespace) -> int:
    from briefing.output.to_json import search_json
    from briefing.reports import SearchResult

    batch = not args.query

    def run(engine: Engine, query: str) -> tuple[SearchResult, int]:
        result = engine.search(query, n=args.n, syntax=not args.no_syntax, sort=args.sort)
        _syntax_notes(result.notes)
        if result.error:
            return result, EXIT_USAGE
        return result, EXIT_OK if result.results else EXIT_NOTHING

    def bad_line(query: str, problem: str) -> SearchResult:
        from briefing.corpus.sanitize import strip_controls

        return SearchResult(query=strip_controls(query), error=problem)

    def show(result: SearchResult) -> None:
        if args.json:
            _dump(search_json(result))
            return
        from briefing.output.plain import print_search

        console = _terminal(args.no_color)
        if batch:
            from rich.text import Text

            console.print(Text(f"Q: {_echo(result.query)}", style="bold"))
        print_search(console, result)
        if batch:
            console.print()
        sys.stdout.flush()

    return _run_queries(args, args.query, run, bad_line, show)


def _syntax_notes(notes: tuple[str, ...]) -> None:
    from briefing.corpus.sanitize import strip_controls

    for note in notes:
        _notice(f"note: {strip_controls(note)}")


def _cmd_status(args: argparse.Namespace) -> int:
    """`index --status`: what changed since the last index, without indexing."""
    from briefing.corpus.sanitize import visible
    from briefing.errors import CorpusError
    from briefing.index.freshness import folder_status, stored_index
    from briefing.paths import resolve_corpus

    root = resolve_corpus(args.corpus)
    if not root.exists():
        raise CorpusError(f"corpus not found: {root}")
    reader = stored_index(root)
    try:
        status = folder_status(root, reader)
    finally:
        if reader is not None:
            reader.close()
    if args.json:
        _dump({"indexed": status.indexed, "files": status.files, "new": list(status.new),
               "changed": list(status.changed), "removed": list(status.removed)})
        return EXIT_OK
    print(f"Corpus: {visible(str(root.resolve()))}")
    if not status.indexed:
        print(f"Not indexed yet: {status.files} files to index.")
    elif status.up_to_date:
        print(f"Up to date: no file changed since the last index ({status.files} files).")
    else:
        print(f"Since the last index: {len(status.new)} new, {len(status.changed)} changed, "
              f"{len(status.removed)} removed (`briefing index` brings it up to date).")
    for label, paths in (("new", status.new), ("changed", status.changed),
                         ("removed", status.removed)):
        for path in paths:
            print(f"  {label:<8} {visible(path)}")
    return EXIT_OK


def _cmd_index(args: argparse.Namespace) -> int:
    from briefing.corpus.sanitize import visible
    from briefing.library import Engine
    from briefing.output.progress import index_progress
    from briefing.paths import resolve_corpus

    if args.status:
        if args.rebuild:
            raise UsageError("--status only reports: it cannot be combined with --rebuild")
        return _cmd_status(args)
    with index_progress() as progress:
        engine = Engine.open(
            resolve_corpus(args.corpus), rebuild=args.rebuild, notify=_notice, progress=progress
        )
    report = engine.report
    stats = engine.stats
    if args.json:
        _dump(
            {
                "files": stats.documents,
                "paragraphs": stats.paragraphs,
                "languages": stats.languages,
                "reindexed": report.reindexed,
                "removed": report.removed,
                "skipped": [{"path": s.path, "reason": s.reason} for s in stats.skipped],
                "seconds": round(report.seconds, 3),
                "saved": report.saved,
                "formats": _formats(engine),
            }
        )
        return EXIT_OK
    languages = ", ".join(f"{code}: {count}" for code, count in sorted(stats.languages.items()))
    print(f"Corpus: {visible(stats.root)}")
    print(
        f"Indexed {stats.documents} files, {stats.paragraphs} paragraphs ({languages or 'none'}) "
        f"in {report.seconds:.2f} s; {report.reindexed} analysed, {report.removed} removed."
    )
    for notice in stats.notices:
        print(f"  note: {visible(notice)}")
    for item in stats.skipped:
        print(f"  skipped {visible(item.path)}: {item.reason}")
    if not report.saved:
        print("  the cache could not be saved; see the notice above")
    return EXIT_OK


def _formats(engine: Engine) -> dict[str, int]:
    """How many indexed files of each format ("text", "markdown", "html", "pdf")."""
    from briefing.corpus.formats import format_of

    counts: dict[str, int] = {}
    for record in engine.reader.files():
        kind = format_of(record.path)
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def _cmd_brief(args: argparse.Namespace) -> int:
    briefing = _open_engine(args.corpus).brief(args.n)
    if args.json:
        from briefing.output.to_json import brief_json

        _dump(brief_json(briefing))
    else:
        from briefing.output.brief import print_brief

        print_brief(_terminal(args.no_color), briefing)
    return EXIT_OK if briefing.facts else EXIT_NOTHING


def _cmd_tui(args: argparse.Namespace) -> int:
    from briefing.paths import resolve_corpus
    from briefing.tui.app import run_app  # the only place textual is imported

    return run_app(resolve_corpus(args.corpus))


def main(argv: list[str] | None = None) -> int:
    """Entry point of `briefing` and `python -m briefing`; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    try:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")  # type: ignore[union-attr]
        args = parser.parse_args(arguments)
        if args.command is None:
            interactive = sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()
            if not interactive:
                parser.print_usage(sys.stderr)
                return EXIT_USAGE
            args = parser.parse_args(["tui"])
        handler = {
            "ask": _cmd_ask,
            "search": _cmd_search,
            "index": _cmd_index,
            "brief": _cmd_brief,
            "tui": _cmd_tui,
        }[args.command]
        return handler(args)
    except UsageError as error:
        _error(str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, without a traceback at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        from briefing.errors import CorpusError

        if isinstance(error, CorpusError):
            _error(str(error))
            return EXIT_USAGE
        if isinstance(error, OSError):
            where = getattr(error, "filename", None) or ""
            _error(f"{error.strerror or error}: {where}".rstrip(": "))
            return EXIT_USAGE
        _error(f"internal error, please report it: {type(error).__name__}: {error}")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
