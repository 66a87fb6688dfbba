"""The core's folders are its stages, and data flows one way through them; the core knows nothing of
MkDocs: another engine, or the Markdown export, is one more adapter over it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from support import ROOT

CORE = ROOT / "plugins" / "playbook" / "core"
ENGINE_PACKAGES = ("mkdocs", "material", "properdocs")
STAGES = ("sources", "model", "safety", "checks", "formats", "site")
"""The core's folders, lowest first: a module imports from its own stage or one before it, never after.
Files are read (sources) into the playbook's objects (model); the safety rules and the content checks
apply to what is read; the readers (formats) use both; the site is made from the result."""


def core_modules() -> list[Path]:
    return sorted(CORE.rglob("*.py"))


def module_name(module: Path) -> str:
    """`playbook.core.site.pages`; a script is `scripts.<name>` (it has no package to be relative to)."""
    if not module.is_relative_to(CORE.parent.parent):
        return f"{module.parent.name}.{module.stem}"
    parts = module.relative_to(CORE.parent.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(module: Path, source: str | None = None) -> list[tuple[str, list[str]]]:
    """Every module an import statement in `module` names, made absolute, with the names it takes."""
    package = module_name(module) if module.name == "__init__.py" else module_name(module).rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(source if source is not None else module.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, *([node.module] if node.module else [])])
            else:
                name = node.module or ""
            found.append((name, [alias.name for alias in node.names]))
    return found


def stage_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if parts[:2] == ["playbook", "core"] and len(parts) > 2 and parts[2] in STAGES else None


def upward_imports(module: Path, source: str | None = None) -> list[str]:
    """`module: name` for each import of a later stage than the module's own."""
    own = stage_of(module_name(module))
    if own is None:
        return []
    return [
        f"{module_name(module)}: {name}"
        for name, _ in imported(module, source)
        if (stage := stage_of(name)) is not None and STAGES.index(stage) > STAGES.index(own)
    ]


def private_imports(module: Path, source: str | None = None) -> list[str]:
    """Names starting with `_` taken from another module: one module reaching into another's insides."""
    return [
        f"{module_name(module)}: {name}.{taken}"
        for name, names in imported(module, source)
        if name.startswith("playbook.")
        for taken in names
        if taken.startswith("_")
    ]


def test_every_core_module_sits_in_a_stage_folder() -> None:
    loose = [module.name for module in CORE.glob("*.py") if module.name != "__init__.py"]
    assert loose == []
    assert sorted(
        folder.name for folder in CORE.iterdir() if folder.is_dir() and folder.name[0] != "_"
    ) == sorted(STAGES)
    assert all((CORE / stage / "__init__.py").is_file() for stage in STAGES)  # packaged, and walked by tests


def test_no_module_imports_a_later_stage() -> None:
    modules = core_modules()
    assert len(modules) > 40
    assert [found for module in modules for found in upward_imports(module)] == []


def test_no_module_reaches_into_another() -> None:
    modules = [*core_modules(), *(ROOT / "plugins" / "playbook" / "mkdocs").glob("*.py")]
    assert [found for module in modules for found in private_imports(module)] == []


def test_the_layout_checks_find_what_they_forbid() -> None:
    """Positive controls: the model importing an address, and a reader taking the loader's private name."""
    model = CORE / "model" / "principle.py"
    assert upward_imports(model, "from ..site.addresses import principle_url\n") == [
        "playbook.core.model.principle: playbook.core.site.addresses"
    ]
    assert upward_imports(model, "from ..sources.errors import InputProblem\n") == []
    reader = CORE / "formats" / "paths.py"
    assert private_imports(reader, "from .loader import _principle\n") == [
        "playbook.core.formats.paths: playbook.core.formats.loader._principle"
    ]


READERS = ("loader", "paths", "tag_vocabulary", "synonyms", "docs_pages")
"""The readers of formats/, one per kind of file: what they share lives beside them (schema_errors.py,
file_names.py, reference_syntax.py), not inside one of them."""


def reader_imports(module: Path, source: str | None = None) -> list[str]:
    if module.parent.name != "formats" or module.stem not in READERS:
        return []
    others = {f"playbook.core.formats.{reader}" for reader in READERS} - {module_name(module)}
    return [f"{module_name(module)}: {name}" for name, _ in imported(module, source) if name in others]


def test_no_reader_imports_another() -> None:
    assert all((CORE / "formats" / f"{reader}.py").is_file() for reader in READERS)
    assert [found for module in core_modules() for found in reader_imports(module)] == []
    paths = CORE / "formats" / "paths.py"
    assert reader_imports(paths, "from .loader import RESERVED_IDS\n") == [
        "playbook.core.formats.paths: playbook.core.formats.loader"
    ]


def test_every_stage_package_is_installed() -> None:
    """pyproject.toml lists packages one by one: a stage left out would be missing from a wheel."""
    listed = (ROOT / "pyproject.toml").read_text("utf-8")
    assert [stage for stage in STAGES if f'"playbook.core.{stage}"' not in listed] == []


def test_no_core_module_imports_an_engine() -> None:
    offending = [
        f"{module_name(module)}: {name}"
        for module in core_modules()
        for name, _ in imported(module)
        if name.split(".")[0] in ENGINE_PACKAGES
    ]
    assert core_modules(), CORE
    assert offending == []


def test_no_core_module_imports_the_adapter() -> None:
    offending = [
        f"{module_name(module)}: {name}"
        for module in core_modules()
        for name, _ in imported(module)
        if name.startswith("playbook.mkdocs")
    ]
    assert offending == []


def test_the_core_imports_with_no_engine_installed() -> None:
    """Indirect imports count too: every core module loads in a Python where mkdocs and material cannot."""
    blocked = "".join(f"sys.modules[{name!r}] = None\n" for name in ENGINE_PACKAGES)
    modules = [module_name(module) for module in core_modules()]
    script = f"import importlib, sys\n{blocked}for name in {modules!r}:\n    importlib.import_module(name)\n"
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert len(modules) > 40


def defined_names(module: Path) -> set[str]:
    """What `module` itself defines at its top level (not what it imports)."""
    names: set[str] = set()
    for node in ast.parse(module.read_text("utf-8")).body:
        if isinstance(node, ast.FunctionDef | ast.ClassDef):
            names.add(node.name)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names |= {target.id for target in targets if isinstance(target, ast.Name)}
    return names


def test_scripts_use_only_the_public_api() -> None:
    """scripts/ import from `playbook.core` and nowhere deeper: the stages can move inside it. (The
    MkDocs build scripts also use the MkDocs adapter, `playbook.mkdocs`.)"""
    scripts = sorted((ROOT / "scripts").glob("*.py"))
    deeper = [
        f"{script.name}: {name}"
        for script in scripts
        for name, _ in imported(script)
        if name.startswith("playbook.core.")
    ]
    assert deeper == []
    assert any(name == "playbook.core" for script in scripts for name, _ in imported(script))


def test_the_public_api_names_each_entry_point_where_it_is_defined() -> None:
    """No name works only because another module happens to import it (`display_path` from the loader)."""
    init = CORE / "__init__.py"
    borrowed = [
        f"{name}.{taken}"
        for name, names in imported(init)
        for taken in names
        if taken not in defined_names(CORE.parent.parent / Path(*name.split(".")).with_suffix(".py"))
    ]
    assert borrowed == []
    exported = [taken for _, names in imported(init) for taken in names]
    assert len(exported) > 20 and "display_path" in exported
    import playbook.core

    assert sorted(playbook.core.__all__) == sorted(exported)


def test_every_source_file_is_tracked_and_linted() -> None:
    """An ignore pattern for the built `site/` once matched core/site/ too: git left its new files out
    of commits and ruff skipped the folder. Every module of the package is in git and in ruff's list."""
    package = sorted(path.relative_to(ROOT).as_posix() for path in (CORE.parent).rglob("*.py"))
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", *package], cwd=ROOT, capture_output=True, text=True, check=False
    ).stdout.split()
    assert ignored == []
    ruff = Path(sys.executable).parent / "ruff"
    listed = subprocess.run(
        [str(ruff), "check", "--show-files", "."], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    linted = {
        Path(line.strip()).resolve().relative_to(ROOT).as_posix() for line in listed.splitlines() if line
    }
    assert [path for path in package if path not in linted] == []
    assert "plugins/playbook/core/site/pages.py" in package
