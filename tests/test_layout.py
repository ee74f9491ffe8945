"""The code's shape, checked so that a change that tangles it fails here: no import cycles in api/, each room
holding what its name says, and api/ free of the admin area and the indexer that build on it."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXCHANGE_FORMATS = ("hsds", "meeting_guide", "csv", "import")


def modules(package: str) -> dict[str, Path]:
    """Every module of a top-level package, by dotted name (a package by its __init__)."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported(path: Path, known: dict[str, Path]) -> set[str]:
    """The modules a file imports anywhere (function bodies too), except for type checking alone."""
    tree = ast.parse(path.read_text())
    typing_only = {id(node) for block in ast.walk(tree) if isinstance(block, ast.If)
                   and ast.unparse(block.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                   for node in ast.walk(block)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # "from a import b" imports module a.b when b is one, else the name b from module a.
            for alias in node.names:
                names.add(f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in known else node.module)
    return names


def import_graph(package: str) -> dict[str, set[str]]:
    known = modules(package)
    return {name: {other for other in imported(path, known) if other in known and other != name}
            for name, path in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan's algorithm, iterative)."""
    index, low, on_stack, stack, groups, counter = {}, {}, set(), [], [], 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, edges = work[-1]
            step = next(edges, None)
            if step is None:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
            elif step not in index:
                index[step] = low[step] = counter
                counter += 1
                stack.append(step)
                on_stack.add(step)
                work.append((step, iter(sorted(graph[step]))))
            elif step in on_stack:
                low[node] = min(low[node], index[step])
    return groups


def is_blueprint_idiom(group: list[str]) -> bool:
    """A resource package and its own resources module: Flask's convention (the module imports the blueprint)."""
    return len(group) == 2 and group[0].startswith("api.resources.") and group[1] == f"{group[0]}.resources"


def test_api_modules_import_no_circle():
    tangles = [group for group in cycles(import_graph("api")) if not is_blueprint_idiom(group)]
    assert tangles == []


def test_the_cycle_check_sees_a_circle_through_a_function_body():
    graph = {"api.models.a": {"api.models.b"}, "api.models.b": {"api.models.c"}, "api.models.c": {"api.models.a"},
             "api.resources.x": {"api.resources.x.resources"}, "api.resources.x.resources": {"api.resources.x"}}
    found = cycles(graph)
    assert ["api.models.a", "api.models.b", "api.models.c"] in found
    assert [group for group in found if not is_blueprint_idiom(group)] == [["api.models.a", "api.models.b",
                                                                            "api.models.c"]]
    body_import = ROOT / "tests" / "test_layout.py"
    assert "pytest" in imported(body_import, {"pytest": body_import})


@pytest.mark.parametrize("package", ["api", "admin", "indexer", "seeds"])
def test_no_file_repeats_its_package_name_as_a_prefix(package):
    repeated = [str(path.relative_to(ROOT)) for path in (ROOT / package).rglob("*.py")
                if path.stem.startswith(f"{path.parent.name}_")]
    assert repeated == []


def test_domain_operations_hold_no_exchange_format():
    named_after_a_format = [path.name for path in (ROOT / "api" / "services").glob("*.py")
                            if path.stem.startswith(EXCHANGE_FORMATS)]
    assert named_after_a_format == []


def test_api_never_imports_the_admin_area_or_the_indexer():
    # The `lantern` command (api/cli) is the one place that assembles the whole product: the app, the admin area
    # mounted on it and the indexer's threads. Nothing else in api/ may reach outwards.
    outward = {name: sorted(other for other in imported(path, {}) if other.split(".")[0] in ("admin", "indexer"))
               for name, path in modules("api").items() if name.split(".")[:2] != ["api", "cli"]}
    assert {name: found for name, found in outward.items() if found} == {}


def test_admin_and_indexer_never_import_each_other():
    crossing = [name for package, other in (("admin", "indexer"), ("indexer", "admin"))
                for name, path in modules(package).items()
                if any(imported_name.split(".")[0] == other for imported_name in imported(path, {}))]
    assert crossing == []
