"""Layers point down: the import rules of ARCHITECTURE.md, read from the source so a new import cannot slip past."""
import ast
from pathlib import Path

import pytest

from practice import ROOT

PACKAGE = ROOT / "practice"
# The app factory composes every layer, the web layer included: it sits above them all.
COMPOSITION_ROOT = PACKAGE / "__init__.py"
FLASK = ("flask", "flask_sqlalchemy", "flask_migrate", "flask_wtf", "flask_login", "flask_limiter", "werkzeug",
         "wtforms")
DATABASE = ("sqlalchemy", "alembic", "practice.extensions", "practice.models")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(path: Path) -> str:
    """The package a relative import in `path` starts from."""
    return module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]


def imports_of(path: Path) -> set[str]:
    return imported_names(path.read_text(encoding="utf-8"), package_of(path))


def imported_names(source: str, package: str) -> set[str]:
    """Every module `source` imports, at the top or inside a function; `from a import b` counts as a and a.b."""
    tree = ast.parse(source)
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def reaches(names: set[str], targets: tuple[str, ...]) -> set[str]:
    return {n for n in names if any(n == t or n.startswith(t + ".") for t in targets)}


def modules_under(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_the_rule_reader_sees_every_form_of_import():
    names = imported_names("import flask\nfrom practice import web\nfrom ..models import Answer\n"
                           "def f():\n    from sqlalchemy.orm import Session\n", package="practice.audio")
    assert reaches(names, ("practice.web",)) == {"practice.web"}
    assert reaches(names, FLASK) == {"flask"}
    assert reaches(names, DATABASE) == {"practice.models", "practice.models.Answer", "sqlalchemy.orm",
                                        "sqlalchemy.orm.Session"}


def test_nothing_below_the_web_layer_imports_it():
    offenders = {module_name(path): sorted(reaches(imports_of(path), ("practice.web",)))
                 for path in modules_under(PACKAGE)
                 if PACKAGE / "web" not in path.parents and path != COMPOSITION_ROOT}
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_app_factory_imports_the_web_layer_only_when_it_builds_an_app():
    """`import practice` (which every module of the package runs first) must not load the web layer."""
    tree = ast.parse(COMPOSITION_ROOT.read_text(encoding="utf-8"))
    top_level = ast.Module(body=[node for node in tree.body if isinstance(node, ast.Import | ast.ImportFrom)],
                           type_ignores=[])
    assert reaches(imported_names(ast.unparse(top_level), "practice"), ("practice.web",)) == set()
    assert "practice.web" in reaches(imports_of(COMPOSITION_ROOT), ("practice.web",))


@pytest.mark.parametrize("layer", ["audio", "speech", "checks"])
def test_pure_and_edge_layers_import_neither_flask_nor_the_database(layer):
    offenders = {module_name(path): sorted(reaches(imports_of(path), FLASK + DATABASE))
                 for path in modules_under(PACKAGE / layer)}
    assert {name: found for name, found in offenders.items() if found} == {}
