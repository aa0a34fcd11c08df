"""The package's layering, read from its imports: no cycles, the front ends (cli/ and
service/) call the library only through narrator.api, no stage imports a front end, engines
and publishers never import each other, and only the episode store names ``episode.json``.
Imports made only for type checking count like any other: a cycle through them is a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "narrator"
FRONT_ENDS = ("narrator.cli", "narrator.service")
# What a front end may import besides itself: the API, the types it takes and returns, and
# the template loader (user folder first) that the editor renders its own pages with.
API = ("narrator.api", "narrator.errors", "narrator.settings", "narrator.models", "narrator.support.templates")


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


MODULES = _modules()


def _owner(name: str) -> str | None:
    """The narrator module that ``name`` (a module or a name in one) lives in."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(module: str) -> set[str]:
    path, package = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    targets = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")[: None if package else -1]
                base = base[: len(base) - node.level + 1]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            names = [f"{prefix}.{a.name}" for a in node.names] or [prefix]
        else:
            continue
        targets |= {t for t in map(_owner, names) if t and t != module}
    return targets


GRAPH = {module: _imports(module) for module in MODULES}


def test_the_import_graph_is_read():
    assert "narrator.api" in GRAPH["narrator.cli.narrate"]
    assert "narrator.text.tables" in GRAPH["narrator.text.normalise"]
    assert "narrator.episodes.check" in GRAPH["narrator.api.narrating"]  # imported only for type checking


def test_no_import_cycles():
    # Tarjan's strongly connected components: any with two modules or more is a cycle.
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in GRAPH[node]:
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for module in GRAPH:
        if module not in index:
            visit(module)
    assert cycles == []


def test_no_stage_imports_a_front_end():
    offenders = [(m, t) for m, targets in GRAPH.items() for t in targets
                 if not m.startswith(FRONT_ENDS) and m != "narrator.__main__" and t.startswith(FRONT_ENDS)]  # fmt: skip
    assert offenders == []


def test_front_ends_call_only_the_api():
    offenders = [(m, t) for m, targets in GRAPH.items() if m.startswith(FRONT_ENDS) for t in targets
                 if not t.startswith(FRONT_ENDS + API) and t != "narrator"]  # fmt: skip
    assert offenders == []


@pytest.mark.parametrize(("one", "other"), [("narrator.synth.engines", "narrator.publish"),
                                            ("narrator.publish", "narrator.synth.engines")])  # fmt: skip
def test_engines_and_publishers_never_import_each_other(one, other):
    assert [(m, t) for m, targets in GRAPH.items() if m.startswith(one) for t in targets if t.startswith(other)] == []


def test_the_service_imports_nothing_below_the_api_but_what_it_renders():
    # The API, its errors and settings, the records it lists, and the editor's templates.
    allowed = ("narrator.service", "narrator.api", "narrator.errors", "narrator.settings", "narrator.models",
               "narrator.support.templates")  # fmt: skip
    offenders = [(m, t) for m, targets in GRAPH.items() if m.startswith("narrator.service") for t in targets
                 if not t.startswith(allowed)]  # fmt: skip
    assert offenders == []


STORE = "narrator.episodes.store"
#: Modules that still name the record file themselves, each to go through the store.
NAMES_THE_RECORD: set[str] = set()  # modules allowed to, with the reason: none


def _names_the_record(module: str) -> list[str]:
    """Where ``module`` spells the record's file name (as a string, or the store's
    ``METADATA`` constant) instead of asking the store; docstrings and messages don't count."""
    tree = ast.parse(MODULES[module][0].read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            if node.value.split("/")[-1] == "episode.json":
                found.append(f"line {node.lineno}: {node.value!r}")
        elif "METADATA" in (getattr(node, "id", None), getattr(node, "attr", None), getattr(node, "name", None)):
            found.append(f"line {getattr(node, 'lineno', '?')}: METADATA")
    return found


def test_only_the_episode_store_names_episode_json():
    offenders = {m: found for m in MODULES if m != STORE and (found := _names_the_record(m))}
    assert set(offenders) - NAMES_THE_RECORD == set(), offenders
    assert set(NAMES_THE_RECORD) <= set(offenders), "an exception that no longer names the file: drop it"
