"""Fixtures shared by every test: the repository's built site and principles, a project to break."""

from __future__ import annotations

import inspect
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from playbook.core.formats.loader import load_principles
from playbook.core.model.principle import Principle

from in_process import build_site_and_export
from support import ROOT, Server, build_site, copy_project, principle_count, rename, start_mkdocs_serve

SLOW_FIXTURES = {"site", "serve", "base_url", "browser", "payload_site"}
"""Fixtures that run a subprocess build, `mkdocs serve` or Chromium: a test using one is `slow`."""
SLOW_CALLS = re.compile(r"\bsubprocess\.(?:run|Popen|call|check_call|check_output)\b|\bsync_playwright\b")
"""What starts a process: called by a test, a fixture it uses, or a helper of tests/ they call."""
BUILDS = re.compile(r"\b(?:mkdocs_build|build_site_and_export|export_playbook)\(")
"""What builds a whole playbook in the test process (half a second and more): a test that builds its own,
itself or through a helper or a fixture of its own, is `slow`; one that reads a build a module or session
fixture shares is `make check`'s."""
TESTS = Path(__file__).parent
CHECK_TIER = os.environ.get("PLAYBOOK_TIER") == "check"
"""`make check`: the tests not marked `slow`. They start no Python, engine or browser process (Pagefind,
which every in-process build runs, is fine); a test that does fails and says to mark it."""
ENGINE_PROGRAMS = ("python", "mkdocs", "properdocs", "zensical", "chrom")


def calls(function: Callable[..., Any], pattern: re.Pattern[str], seen: set[Any]) -> bool:
    """Whether `function`, or a function of tests/ it names (followed through), has a call `pattern` finds."""
    if function in seen or not Path(function.__code__.co_filename).is_relative_to(TESTS):
        return False
    if function.__name__ == "_check_tier_starts_no_process":  # the guard below names what it stops
        return False
    seen.add(function)
    if pattern.search(inspect.getsource(function)):
        return True
    codes, names = [function.__code__], set()
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes += [constant for constant in code.co_consts if inspect.iscode(constant)]
    named = (function.__globals__.get(name) for name in names)
    return any(calls(other, pattern, seen) for other in named if inspect.isfunction(other))


def is_slow(item: pytest.Item) -> bool:
    """A test is `slow` (left to `make test`) if it drives Chromium, uses a fixture that builds or serves
    in a process, starts a process itself or through a helper or fixture, builds a playbook of its own
    (BUILDS), or is marked so by hand; every other test is `make check`'s."""
    if "browser" in item.path.parts or item.get_closest_marker("slow"):
        return True
    if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    info = getattr(item, "_fixtureinfo", None)
    definitions = info.name2fixturedefs.values() if info else ()
    test = getattr(item, "function", None)
    fixtures = [fixture for each in definitions for fixture in each]
    functions = [test, *(fixture.func for fixture in fixtures)]
    seen: set[Any] = set()
    if any(calls(function, SLOW_CALLS, seen) for function in functions if inspect.isfunction(function)):
        return True
    own = [test, *(fixture.func for fixture in fixtures if fixture.scope == "function")]
    seen = set()
    return any(calls(function, BUILDS, seen) for function in own if inspect.isfunction(function))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(autouse=True)
def _check_tier_starts_no_process(monkeypatch: pytest.MonkeyPatch) -> None:
    if not CHECK_TIER:
        return
    start = subprocess.Popen.__init__

    def only_pagefind(self: subprocess.Popen, args: Any, *rest: Any, **options: Any) -> None:
        program = Path(str(args[0] if isinstance(args, list | tuple) else args)).name
        if program.startswith(ENGINE_PROGRAMS):
            raise AssertionError(
                f"`make check` starts no process ({program}): mark the test @pytest.mark.slow"
            )
        start(self, args, *rest, **options)

    monkeypatch.setattr(subprocess.Popen, "__init__", only_pagefind)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/pages/ from the templates (tests/test_golden_pages.py); review the diff",
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of this repository's site sources (config, docs, principles) to build or break, with the
    test principle's tag (`listening`, support.VALID_PRINCIPLE) declared in its tag vocabulary."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's playbook, built once per test run by `mkdocs build --strict` (or the engine
    under test: support.build_site)."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site_dir)
    assert result.returncode == 0, result.stderr
    return site_dir


@pytest.fixture(scope="session")
def renamed_playbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project where Lower your shields was renamed drop-your-defences (support.rename), built by the
    plugin into site/, and exported by scripts/export_markdown.py into export/, built there by plain
    MkDocs into export/site/. Its mkdocs.yml leaves out md_in_html and tables: the plugin adds them, the
    export must list them itself. Built once per test run, for tests that only read it."""
    project = copy_project(tmp_path_factory.mktemp("renamed") / "project")
    rename(project, "lower-your-shields", "drop-your-defences")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - md_in_html\n", "").replace("  - tables\n", ""))
    build_site_and_export(project)
    return project


@pytest.fixture(scope="session")
def principles() -> list[Principle]:
    """This repository's principles, in index order: one per principle file, never none, so a test that
    checks each of them in a loop checks something."""
    loaded = load_principles(ROOT / "principles", root=ROOT)
    assert len(loaded) == principle_count() > 0
    return loaded


@pytest.fixture
def serve(project: Path) -> Iterator[Callable[..., Server]]:
    servers: list[Server] = []

    def start_server(*arguments: str) -> Server:
        servers.append(start_mkdocs_serve(project, *arguments))
        return servers[-1]

    yield start_server
    for server in servers:
        server.process.terminate()
        server.process.wait(timeout=20)
