"""The package's shape: areas that import only what lies below them, no import cycles, one home
for every rule (docs/architecture.md draws the same picture)."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "outreach"

#: What each area may import, besides itself and the shared root modules (ROOT).
ROOT = {"outreach", "outreach.errors", "outreach.models", "outreach.runtime", "outreach.identity",
        "outreach.store", "outreach.profile", "outreach.geo", "outreach.wording", "outreach.files", "outreach.sheetguard"}
MAY_IMPORT = {
    # the readers: bytes to rows; they may apply a rule owned by a domain module, never the reverse
    "imports": {"groups.schedule"},
    "companies": set(),
    "linkedin": {"imports", "companies"},
    "targets": {"imports", "companies"},
    "groups": {"imports", "workbook"},
    "workbook": set(),
    "plan": {"companies", "targets", "groups", "workbook"},
    "graph": {"plan"},
    "sample": set(),
    "cli": {"*"},
}
#: Modules of the shared root may import only one another.
ROOT_MAY_IMPORT: set[str] = set()


READERS = PACKAGE.parent / "imports"  # installed as outreach.imports (outreach/imports links here)


def module_name(path: Path) -> str:
    if path.is_relative_to(READERS):
        parts = ["outreach", "imports", *path.relative_to(READERS).with_suffix("").parts]
    else:
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules() -> dict[str, ast.Module]:
    # rglob does not follow the outreach/imports link: walk the readers' folder itself
    paths = sorted(PACKAGE.rglob("*.py")) + sorted(READERS.rglob("*.py"))
    return {module_name(p): ast.parse(p.read_text("utf-8")) for p in paths}


def test_the_readers_are_walked_too():
    assert "outreach.imports.tabular" in MODULES and "outreach.imports.linkedin.messages" in MODULES


def project_imports(tree: ast.Module, name: str) -> list[tuple[str, ast.stmt]]:
    """(imported project module, the statement) for every import in the module, at any depth."""
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{name}: relative import (use outreach.…)")
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module.split(".")[0] == "outreach":
                for alias in node.names:  # "from outreach.plan import scoring" names a module
                    sub = f"{node.module}.{alias.name}"
                    out.append((sub if sub in MODULES else node.module, node))
        elif isinstance(node, ast.Import):
            out.extend((a.name, node) for a in node.names if a.name.split(".")[0] == "outreach")
    return out


MODULES = modules()


def area(module: str) -> str:
    if module == "outreach.__main__":
        return "cli"  # python -m outreach runs the CLI
    if module in ROOT:
        return "root"
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "root"


def test_every_area_imports_only_what_lies_below_it():
    wrong = []
    for name, tree in MODULES.items():
        mine = area(name)
        allowed = MAY_IMPORT.get(mine, ROOT_MAY_IMPORT)
        for target, _ in project_imports(tree, name):
            theirs = area(target)
            if theirs in ("root", mine) or "*" in allowed:
                continue
            if theirs in allowed or any(target.startswith(f"outreach.{a}") for a in allowed):
                continue
            wrong.append(f"{name} imports {target}")
    assert not wrong, "imports against the layering (docs/architecture.md):\n" + "\n".join(wrong)


def test_no_import_cycles():
    graph = nx.DiGraph()
    for name, tree in MODULES.items():
        for target, _ in project_imports(tree, name):
            if target != name and target in MODULES and target != "outreach":
                graph.add_edge(name, target)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import cycles: {cycles[:5]}"


# Function-local imports of the project's own modules, outside the CLI (whose commands import
# the library inside the command, so that `outreach --help` loads none of it): each one must
# defer a heavy third-party library, never dodge a cycle.
DEFERRED_FOR_A_HEAVY_LIBRARY = {
    # the messages readers bring numpy and pyarrow, which only the process reading messages.csv needs
    ("outreach.imports.linkedin.export", "outreach.imports.linkedin.messages"),
    ("outreach.imports.linkedin.export", "outreach.imports.linkedin.coded"),
}


def test_project_imports_are_at_the_top_outside_the_cli():
    local = set()
    for name, tree in MODULES.items():
        if area(name) == "cli":
            continue
        top = {id(node) for node in tree.body}
        checking = [n for n in tree.body if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test)]
        for node in checking:
            top.update(id(n) for n in ast.walk(node))
        for target, node in project_imports(tree, name):
            if id(node) not in top:
                local.add((name, target))
    assert local <= DEFERRED_FOR_A_HEAVY_LIBRARY, sorted(local - DEFERRED_FOR_A_HEAVY_LIBRARY)


def test_only_the_cli_imports_click():
    users = [name for name, tree in MODULES.items() if area(name) != "cli"
             and any(isinstance(n, (ast.Import, ast.ImportFrom)) and "click" in
                     ([a.name.split(".")[0] for a in n.names] if isinstance(n, ast.Import)
                      else [(n.module or "").split(".")[0]])
                     for n in ast.walk(tree))]
    assert users == []


@pytest.mark.parametrize("package", sorted(p for p in MODULES if (PACKAGE.parent / p.replace(".", "/")).is_dir()))
def test_every_area_says_what_lives_there_and_imports_nothing(package):
    tree = MODULES[package]
    assert ast.get_docstring(tree), f"{package}/__init__.py needs a docstring saying what lives there"
    if package not in ("outreach", "outreach.cli"):  # the CLI's __init__ registers its commands
        assert not [n for n in tree.body if isinstance(n, (ast.Import, ast.ImportFrom))], (
            f"{package}/__init__.py imports: importing one module of an area must not load the rest")


def definitions(name: str) -> list[str]:
    return [module for module, tree in MODULES.items() for node in tree.body
            if (isinstance(node, (ast.FunctionDef, ast.ClassDef)) and node.name == name)
            or (isinstance(node, (ast.Assign, ast.AnnAssign)) and name in
                [t.id for t in (node.targets if isinstance(node, ast.Assign) else [node.target])
                 if isinstance(t, ast.Name)])]


@pytest.mark.parametrize("rule", [
    "TIER_RANK", "tie_strength", "parse_day", "person_node", "target_node", "owner_node",
    "company_node", "parse_node", "outreach_key", "review_key", "parse_review_key",
])
def test_each_rule_is_defined_once(rule):
    assert len(definitions(rule)) == 1, definitions(rule)


def test_no_public_name_is_defined_twice():
    """Two public classes or functions of one name are two rules waiting to drift apart."""
    seen: dict[str, list[str]] = {}
    for module, tree in MODULES.items():
        if area(module) in ("cli", "sample"):
            continue  # command functions and the generator's builders are not rules
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.ClassDef)) and not node.name.startswith("_"):
                seen.setdefault(node.name, []).append(module)
    twice = {name: where for name, where in seen.items() if len(where) > 1}
    assert not twice, twice
