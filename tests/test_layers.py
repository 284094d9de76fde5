"""The package's import contract, read from the source (every import counts: module level,
inside functions, under TYPE_CHECKING).

Stages, in the order data flows through them; a module may import its own stage and the
stages above it, never one below:

    base            models, reports, errors, paths, defaults: plain data and locations
    corpus          files, decoding, formats, paragraphs, sentences, languages, cleaning
    text            normalising, tokens, stopwords, stems, spelling, passages
    index           build, store, schema, freshness, metadata, fact tables
    query           question analysis, syntax, ranking, restriction, answers, highlights
    corroboration   grouping facts, conflicts, actors (reads the index)
    output          plain text, JSON, progress, styles
    api             briefing (the package root) and briefing.library
    front ends      cli, tui, __main__

The front ends go through the public API and output/ only. No import circle is allowed,
except TYPE_CHECKING-only imports inside tui/.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "briefing"

STAGES = ("base", "corpus", "text", "index", "query", "corroboration", "output", "api", "front")
BASE = {"briefing.models", "briefing.reports", "briefing.errors", "briefing.paths",
        "briefing.defaults"}
API = {"briefing", "briefing.library"}
FRONT = {"briefing.cli", "briefing.__main__"}


def stage_of(module: str) -> str:
    if module in BASE:
        return "base"
    if module in API:
        return "api"
    if module in FRONT or module.startswith("briefing.tui"):
        return "front"
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in STAGES:
        return parts[1]
    raise AssertionError(f"{module} belongs to no stage: add it to the contract")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(module: str, path: Path, known: set[str]) -> list[tuple[str, bool]]:
    """(imported briefing module, whether only under TYPE_CHECKING) of every import."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found: list[tuple[str, bool]] = []

    def visit(node: ast.AST, typing_only: bool) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.body:
                visit(child, True)
            for child in node.orelse:
                visit(child, typing_only)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == "briefing" or alias.name.startswith("briefing."):
                    found.append((alias.name, typing_only))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target == "briefing" or target.startswith("briefing."):
                for alias in node.names:
                    child = f"{target}.{alias.name}"
                    found.append((child if child in known else target, typing_only))
        for child in ast.iter_child_nodes(node):
            visit(child, typing_only)

    visit(tree, False)
    return found


def _graph(typing_too: bool) -> dict[str, set[str]]:
    modules = all_modules()
    known = set(modules)
    return {
        name: {target for target, typing_only in imports_of(name, path, known)
               if (typing_too or not typing_only) and target != name}
        for name, path in modules.items()
    }


def test_every_module_has_a_stage() -> None:
    for name in all_modules():
        stage_of(name)


def test_imports_point_up_the_stages() -> None:
    modules = all_modules()
    known = set(modules)
    wrong = []
    for name, path in modules.items():
        here = STAGES.index(stage_of(name))
        for target, _ in imports_of(name, path, known):
            if STAGES.index(stage_of(target)) > here:
                wrong.append(f"{name} ({stage_of(name)}) imports {target} ({stage_of(target)})")
    assert not wrong, "\n".join(wrong)


def test_front_ends_use_the_api_and_output_only() -> None:
    modules = all_modules()
    known = set(modules)
    wrong = []
    for name, path in modules.items():
        if stage_of(name) != "front":
            continue
        own = "briefing.tui" if name.startswith("briefing.tui") else name
        for target, _ in imports_of(name, path, known):
            allowed = (
                target == "briefing"
                or target.startswith("briefing.output")
                or target.startswith(own)
                or (name == "briefing.__main__" and target == "briefing.cli")
                # the command line starts the reader: one front end opening the other
                or (name == "briefing.cli" and target == "briefing.tui.app")
            )
            if not allowed:
                wrong.append(f"{name} imports {target}")
    assert not wrong, "\n".join(wrong)


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
                continue
            if child not in graph:
                continue
            if child not in index:
                index[child] = low[child] = counter
                counter += 1
                stack.append(child)
                on_stack.add(child)
                work.append((child, iter(sorted(graph[child]))))
            elif child in on_stack:
                low[node] = min(low[node], index[child])
    return found


def test_no_import_circles() -> None:
    """Runtime imports (in functions too) form no circle anywhere."""
    assert _cycles(_graph(typing_too=False)) == []


def test_type_checking_circles_only_inside_the_reader() -> None:
    circles = _cycles(_graph(typing_too=True))
    assert all(all(m.startswith("briefing.tui") for m in circle) for circle in circles), circles


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from briefing.index.store import IndexReader\n", "briefing.index.store"),
        ("def f():\n    from briefing.query import ranking\n", "briefing.query.ranking"),
        ("if TYPE_CHECKING:\n    from briefing.tui.app import App\n", "briefing.tui.app"),
    ],
)
def test_the_contract_reads_every_kind_of_import(
    tmp_path: Path, source: str, expected: str
) -> None:
    """The checker itself: a module-level, a function-level and a TYPE_CHECKING import."""
    path = tmp_path / "sample.py"
    path.write_text(source)
    known = {"briefing.query.ranking", "briefing.tui.app", "briefing.index.store"}
    assert [target for target, _ in imports_of("briefing.cli", path, known)] == [expected]
