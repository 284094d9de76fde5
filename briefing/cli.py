"""Provides the `briefing` command line: `ask`, `search`, `index`, `brief` and the reader.

A client of the public API (`briefing.open`) and of briefing.output, nothing else. stdout
carries only results; every notice, warning and error goes to stderr, one line each. With
`--json`, every exit writes exactly one JSON object (one per line in batch mode), with
`"error"` set when there is one. Exit codes (for every command): 0 success, 1 nothing found,
2 bad input or usage, 130 interrupted, 70 internal error. The reader is imported only when
it is started, so `ask` never loads textual.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING, Any, NoReturn

import briefing
from briefing.output.help import SYNTAX_HELP

if TYPE_CHECKING:
    from rich.console import Console

    from briefing import AskResult, IndexReport, Library, QueryFilters, SearchResult

EXIT_OK, EXIT_NOTHING, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
COMMANDS = ("ask", "search", "index", "brief", "tui")

DESCRIPTION = (
    "Ask questions of a folder of news articles and get extractive answers: the best "
    "sentences of the articles themselves, highlighted and cited."
)
EPILOG = """\
exit codes: 0 answered / found, 1 nothing found (abstained), 2 bad input or usage,
            130 interrupted, 70 internal error (a bug: please report it).
corpus:     --corpus PATH (before or after the command), else $BRIEFING_CORPUS, else the
            bundled corpus.
cache:      $BRIEFING_CACHE_DIR, else the platform's user cache folder.
Run `briefing` with no command on a terminal to open the interactive reader.
"""
BATCH_EPILOG = """\
With no {what} and standard input not a terminal, reads one {noun} per line
(batch mode) and writes each result as soon as it is ready: with --json one JSON
object per line. Blank lines are skipped; a bad line gets a result with an "error".
Batch exit code: 2 if any line was bad, else 1 if any {noun} {failed}, else 0.

"""
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
        return os.get_terminal_size(sys.__stdout__.fileno()).columns or 80  # type: ignore[union-attr]
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
    parser = _Parser(prog="briefing", description=DESCRIPTION, epilog=EPILOG, formatter_class=_Raw)
    parser.add_argument("--version", action="version", version=f"briefing {briefing.__version__}")
    parser.add_argument(
        "--corpus", dest="main_corpus", metavar="PATH",
        help="folder (or single file) to read, for any command or the reader",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def corpus_option(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--corpus",
            metavar="PATH",
            help="folder (or single file) to read; default $BRIEFING_CORPUS or the bundled corpus",
        )

    def output_options(sub: argparse.ArgumentParser, color: bool = True) -> None:
        sub.add_argument("--json", action="store_true", help="print JSON instead of text")
        if color:
            sub.add_argument("--no-color", action="store_true", help="plain text, no colour")

    def syntax_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--no-syntax",
            action="store_true",
            help='read "quotes", -words and name:value filters as plain words',
        )
        sub.add_argument(
            "--sort",
            choices=briefing.SORTS,
            default=briefing.SORTS[0],
            help="order of the results: relevance (default) or date, newest first",
        )

    ask = commands.add_parser(
        "ask",
        help="answer a question with cited sentences from the corpus",
        description="Answer a question with the best sentences of the corpus, cited.",
        epilog=BATCH_EPILOG.format(what="QUESTION", noun="question", failed="went unanswered")
        + SYNTAX_HELP,
        formatter_class=_Raw,
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION", help="words of the question")
    # -n as well: the count option of search and brief.
    ask.add_argument("-k", "-n", dest="k", type=_positive, default=briefing.ANSWERS,
                     metavar="N", help=f"answers to show ({briefing.ANSWERS})")
    corpus_option(ask)
    output_options(ask)
    syntax_options(ask)

    search = commands.add_parser(
        "search",
        help="list the best-matching passages",
        description="List the passages that best match a query, best first.",
        epilog=BATCH_EPILOG.format(what="QUERY", noun="query", failed="found nothing")
        + SYNTAX_HELP,
        formatter_class=_Raw,
    )
    search.add_argument("query", nargs="*", metavar="QUERY", help="words of the query")
    search.add_argument("-n", type=_positive, default=briefing.RESULTS, metavar="N",
                        help=f"results ({briefing.RESULTS})")
    corpus_option(search)
    output_options(search)
    syntax_options(search)

    index = commands.add_parser(
        "index",
        help="build or refresh the cached index and say what it holds",
        description="Build (or refresh) the index cache of a corpus and print what it indexed.",
    )
    corpus_option(index)
    index.add_argument("--rebuild", action="store_true", help="rebuild from scratch")
    output_options(index, color=False)
    index.add_argument("--status", action="store_true", help=STATUS_HELP)

    brief = commands.add_parser(
        "brief",
        help="a one-screen briefing: central facts, key actors, conflicts",
        description=(
            "Print a one-screen briefing of the corpus: its most central facts, each with the "
            "sources that report it, the key actors, and where sources disagree."
        ),
    )
    brief.add_argument("topic", nargs="*", metavar="TOPIC",
                       help="brief only the passages matching it (search syntax applies)")
    brief.add_argument("-n", type=_positive, default=briefing.FACTS, metavar="N",
                       help=f"facts to show ({briefing.FACTS})")
    corpus_option(brief)
    output_options(brief)

    tui = commands.add_parser(
        "tui",
        help="open the interactive reader (the default on a terminal)",
        description=(
            "Open the interactive reader: the corpus briefing, questions with their answers "
            "and passages, and each source at the passage. Needs a terminal."
        ),
    )
    corpus_option(tui)
    return parser


def _error(message: str) -> None:
    from briefing.output.safe import visible  # messages name files: one safe line each

    print(f"briefing: error: {visible(message)}", file=sys.stderr, flush=True)


def _notice(message: str) -> None:
    from briefing.output.safe import visible

    print(f"briefing: {visible(message)}", file=sys.stderr, flush=True)


def _corpus(args: argparse.Namespace) -> str | None:
    """--corpus after the command, else before it."""
    return getattr(args, "corpus", None) or args.main_corpus


def _index(library: Library, *, rebuild: bool = False) -> IndexReport:
    """The library's index opened (built or refreshed), with a progress bar on a terminal;
    a build's skipped files and notices said once, on the run that indexes them."""
    from briefing.output.progress import index_progress

    with index_progress() as progress:
        report = library.index(rebuild=rebuild, progress=progress)
    if report.rebuilt:
        for item in report.skipped:
            _notice(f"skipped {item.path}: {item.reason}")
        for notice in report.notices:
            _notice(notice)
    return report


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


# What a command does with one question: its result and exit code.
Run = Callable[["Library", str], tuple[Any, int]]
# The result of a question that cannot be searched: (question, reason, filters, notes).
Refused = Callable[[str, str, "QueryFilters | None", tuple[str, ...]], Any]


def _run_queries(
    args: argparse.Namespace,
    words: list[str],
    run: Run,
    refused: Refused,
    show: Callable[[Any], None],
) -> int:
    """One question from the arguments, or a batch from stdin: returns the exit code.

    A question that cannot be searched is refused before any index is opened: in JSON as a
    result with its `error`, in text as one line on stderr (a batch shows it in its place).
    """
    from briefing import QuestionError

    if words:
        with briefing.open(_corpus(args), on_notice=_notice) as library:
            text = " ".join(words)
            try:
                library.check(text, syntax=not args.no_syntax)
            except QuestionError as error:
                _syntax_notes(error.notes)
                _error(str(error))
                if args.json:
                    show(refused(error.question, str(error), error.filters, error.notes))
                return EXIT_USAGE
            _index(library)
            result, code = run(library, text)
            _Reached.code = code
            show(result)
            return code
    if sys.stdin is None or sys.stdin.isatty():
        raise UsageError("give a question, or pipe one question per line on standard input")
    lines = _stdin_lines()
    first = next(lines, None)
    if first is None:
        raise UsageError("standard input holds no question")
    with briefing.open(_corpus(args), on_notice=_notice) as library:
        _index(library)
        library.warm_up()  # many questions: ranked with numpy, the fact tables read once
        # The answer caches grow to hundreds of thousands of tuples, which every full
        # collection walks; they hold no cycles, so collecting less often pays (4.7 -> 4.4 ms
        # a question at 100,000 paragraphs). Set back after, for a caller of main().
        threshold = gc.get_threshold()
        gc.set_threshold(50_000, 20, 100)
        try:
            worst = EXIT_OK
            for number, line in _chain(first, lines):
                if line is None:
                    _error(f"line {number} is not valid UTF-8")
                    result = refused("", f"line {number} is not valid UTF-8", None, ())
                    code = EXIT_USAGE
                else:
                    try:
                        result, code = run(library, line)
                    except QuestionError as error:
                        _syntax_notes(error.notes)
                        _error(f"line {number}: {error}")
                        result = refused(error.question, str(error), error.filters, error.notes)
                        code = EXIT_USAGE
                if code == EXIT_USAGE:
                    worst = EXIT_USAGE
                elif code == EXIT_NOTHING and worst == EXIT_OK:
                    worst = EXIT_NOTHING
                _Reached.code = worst
                show(result)
            return worst
        finally:
            gc.set_threshold(*threshold)


def _chain(
    first: tuple[int, str | None], rest: Iterator[tuple[int, str | None]]
) -> Iterator[tuple[int, str | None]]:
    yield first
    yield from rest


def _dump(obj: dict[str, Any]) -> None:
    from briefing.output.to_json import dumps

    sys.stdout.write(dumps(obj) + "\n")
    sys.stdout.flush()


@cache
def _terminal(no_color: bool) -> Console:
    """The Rich console of the plain output, made on first use: `--json` never imports Rich."""
    from briefing.output.plain import make_console

    return make_console(no_color=no_color)


# A batch line echoed in plain output is cut to this many characters.
ECHO_LIMIT = 200


def _echo(question: str) -> str:
    return question if len(question) <= ECHO_LIMIT else question[:ECHO_LIMIT] + "…"


def _printer(args: argparse.Namespace, batch: bool, as_json: Callable[[Any], dict[str, Any]],
             printed: Callable[[Console, Any], None], asked: Callable[[Any], str]
             ) -> Callable[[Any], None]:
    """How one result is shown: a JSON line, or text (after a `Q:` line in batch mode)."""

    def show(result: Any) -> None:
        if args.json:
            _dump(as_json(result))
            return
        console = _terminal(args.no_color)
        if batch:
            from rich.text import Text

            console.print(Text(f"Q: {_echo(asked(result))}", style="bold"))
        printed(console, result)
        if batch:
            console.print()
        sys.stdout.flush()

    return show


def _cmd_ask(args: argparse.Namespace) -> int:
    return _cmd_questions(args, asking=True)


def _cmd_search(args: argparse.Namespace) -> int:
    return _cmd_questions(args, asking=False)


def _cmd_questions(args: argparse.Namespace, *, asking: bool) -> int:
    """`ask` (asking) and `search`: what they differ in; _run_queries does the rest."""
    from briefing.output import to_json

    words: list[str] = args.question if asking else args.query

    def run(library: Library, text: str) -> tuple[AskResult | SearchResult, int]:
        syntax = not args.no_syntax
        if asking:
            asked = library.ask(text, k=args.k, syntax=syntax, sort=args.sort)
            _syntax_notes(asked.notes)
            return asked, EXIT_OK if asked.answered else EXIT_NOTHING
        found = library.search(text, n=args.n, syntax=syntax, sort=args.sort)
        _syntax_notes(found.notes)
        return found, EXIT_OK if found.results else EXIT_NOTHING

    def refused(text: str, problem: str, filters: QueryFilters | None,
                notes: tuple[str, ...]) -> AskResult | SearchResult:
        from briefing import AskResult, QueryFilters

        kept = filters or QueryFilters()
        if asking:
            return AskResult(question=text, answered=False, error=problem, filters=kept,
                             notes=notes)
        from briefing import SearchResult  # its module, only for a search

        return SearchResult(query=text, error=problem, filters=kept, notes=notes)

    def printed(console: Console, result: Any) -> None:
        from briefing.output.plain import print_ask, print_search

        (print_ask if asking else print_search)(console, result)

    def asked_of(result: Any) -> str:
        return str(result.question if asking else result.query)

    as_json = to_json.ask_json if asking else to_json.search_json
    show = _printer(args, not words, as_json, printed, asked_of)
    return _run_queries(args, words, run, refused, show)


def _syntax_notes(notes: tuple[str, ...]) -> None:
    from briefing.output.safe import strip_controls

    for note in notes:
        _notice(f"note: {strip_controls(note)}")


def _cmd_status(args: argparse.Namespace) -> int:
    """`index --status`: what changed since the last index, without indexing."""
    from briefing.output.safe import visible

    library = briefing.open(_corpus(args), on_notice=_notice)
    status = library.status()
    if args.json:
        from briefing.output.to_json import status_json

        _dump(status_json(status))
        return EXIT_OK
    print(f"Corpus: {visible(str(library.root.resolve()))}")
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
    from briefing.output.progress import index_progress
    from briefing.output.safe import visible

    if args.status:
        if args.rebuild:
            raise UsageError("--status only reports: it cannot be combined with --rebuild")
        return _cmd_status(args)
    with briefing.open(_corpus(args), on_notice=_notice) as library:
        with index_progress() as progress:
            report = library.index(rebuild=args.rebuild, progress=progress)
    stats = report.corpus
    if args.json:
        from briefing.output.to_json import index_json

        _dump(index_json(report))
        return EXIT_OK
    languages = ", ".join(f"{code}: {count}" for code, count in sorted(stats.languages.items()))
    print(f"Corpus: {visible(stats.root)}")
    print(
        f"Indexed {stats.documents} files, {stats.paragraphs} paragraphs ({languages or 'none'}) "
        f"in {report.seconds:.2f} s; {report.reindexed} analysed, {report.removed} removed."
    )
    for notice in stats.notices:  # what was read with a caveat: a notice, as everywhere
        _notice(f"notice: {notice}")
    for item in stats.skipped:
        print(f"  skipped {visible(item.path)}: {item.reason}")
    if not report.saved:
        print("  the cache could not be saved; see the notice above")
    return EXIT_OK


def _cmd_brief(args: argparse.Namespace) -> int:
    topic = " ".join(args.topic).strip() or None
    with briefing.open(_corpus(args), on_notice=_notice) as library:
        _index(library)
        try:
            result = library.brief(topic, n=args.n)
        except briefing.QuestionError as problem:  # bad input, as for a question
            _error(str(problem))
            if args.json:
                from briefing.output.to_json import failure_json

                _dump(failure_json("brief", str(problem)))
            return EXIT_USAGE
    _Reached.code = EXIT_OK if result.facts else EXIT_NOTHING
    if args.json:
        from briefing.output.to_json import brief_json

        _dump(brief_json(result))
    elif topic is not None and not result.facts:
        from briefing.output.brief import no_topic_facts
        from briefing.output.safe import visible

        print(no_topic_facts(repr(visible(topic)), result.passages or 0))
    else:
        from briefing.output.brief import print_brief

        print_brief(_terminal(args.no_color), result)
    return EXIT_OK if result.facts else EXIT_NOTHING


def _interactive() -> bool:
    return (sys.stdin is not None and sys.stdin.isatty()
            and sys.stdout is not None and sys.stdout.isatty())


def _cmd_tui(args: argparse.Namespace) -> int:
    if not _interactive():  # no terminal to draw on: say how to use it, at once
        build_parser().print_usage(sys.stderr)
        return EXIT_USAGE
    from briefing.tui.app import run_app  # the only place textual is imported

    return run_app(briefing.open(_corpus(args)).root)


def _command_of(arguments: list[str]) -> str | None:
    """The command named in raw arguments (for a failure before or while parsing them)."""
    return next((word for word in arguments if word in COMMANDS), None)


def _fail(arguments: list[str], args: argparse.Namespace | None, message: str,
          skipped: tuple[Any, ...] = ()) -> None:
    """One line on stderr; with --json, the command's usual result, empty, with the error."""
    _error(message)
    command = args.command if args is not None else _command_of(arguments)
    wants_json = getattr(args, "json", False) if args is not None else "--json" in arguments
    if wants_json and command in ("ask", "search", "index", "brief"):
        from briefing.output.to_json import failure_json

        words = getattr(args, "question", None) or getattr(args, "query", None) or []
        _dump(failure_json(command, message, asked=" ".join(words), skipped=skipped))


class _Reached:
    """The exit code a command has reached when it starts printing what it found: if its
    reader goes away meanwhile (`| head -2`), that is still the code, not a success."""

    code = EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Entry point of `briefing` and `python -m briefing`; returns the exit code."""
    arguments = sys.argv[1:] if argv is None else argv
    _Reached.code = EXIT_OK
    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        if hasattr(sys.stdout, "reconfigure"):
            sys.stdout.reconfigure(errors="replace")
        args = parser.parse_args(arguments)
        if args.command is None:  # `briefing` or `briefing --corpus PATH`: the reader
            if not _interactive():
                parser.print_usage(sys.stderr)
                return EXIT_USAGE
            args.command = "tui"
        handler = {
            "ask": _cmd_ask,
            "search": _cmd_search,
            "index": _cmd_index,
            "brief": _cmd_brief,
            "tui": _cmd_tui,
        }[args.command]
        return handler(args)
    except UsageError as error:
        _fail(arguments, args, str(error))
        return EXIT_USAGE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (e.g. `| head`): stop quietly, without a traceback at exit,
        # with the code of what the command found (an abstention stays 1).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _Reached.code
    except Exception as error:  # noqa: BLE001 - the last line of defence: one line, never a traceback
        if isinstance(error, briefing.BriefingError):
            _fail(arguments, args, str(error), getattr(error, "skipped", ()))
            return EXIT_USAGE
        if isinstance(error, OSError):
            where = getattr(error, "filename", None) or ""
            _fail(arguments, args, f"{error.strerror or error}: {where}".rstrip(": "))
            return EXIT_USAGE
        _fail(arguments, args, f"internal error, please report it: {type(error).__name__}: {error}")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
