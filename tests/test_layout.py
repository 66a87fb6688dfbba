"""The core knows nothing of MkDocs: another engine, or the Markdown export, is one more adapter over it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support import ROOT

CORE = ROOT / "plugins" / "playbook" / "core"
ENGINE_PACKAGES = ("mkdocs", "material", "properdocs")


def core_modules() -> list[Path]:
    return sorted(CORE.glob("*.py"))


def imported_names(module: Path) -> list[str]:
    """Every module name an import statement in `module` names, absolute or relative."""
    names = []
    for node in ast.walk(ast.parse(module.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            names.append("." * node.level + (node.module or ""))
    return names


def test_no_core_module_imports_an_engine() -> None:
    offending = [
        f"{module.name}: {name}"
        for module in core_modules()
        for name in imported_names(module)
        if name.split(".")[0] in ENGINE_PACKAGES
    ]
    assert core_modules(), CORE
    assert offending == []


def test_no_core_module_imports_the_adapter() -> None:
    offending = [
        f"{module.name}: {name}"
        for module in core_modules()
        for name in imported_names(module)
        if name.startswith("..mkdocs") or name.startswith("playbook.mkdocs")
    ]
    assert offending == []


def test_the_core_imports_with_no_engine_installed() -> None:
    """Indirect imports count too: every core module loads in a Python where mkdocs and material cannot."""
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in ENGINE_PACKAGES)
    modules = [f"playbook.core.{module.stem}" for module in core_modules() if module.stem != "__init__"]
    script = f"import importlib, sys\n{blocked}for name in {modules!r}:\n    importlib.import_module(name)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 20
