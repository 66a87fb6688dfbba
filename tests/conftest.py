"""Fixtures shared by every test: the repository's built site and principles, a project to break."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from playbook.core.loader import load_principles
from playbook.core.model import Principle

from in_process import build_site_and_export
from support import ROOT, Server, copy_project, rename, run_mkdocs, start_mkdocs_serve


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
    """This repository's playbook, built once per test run by `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    result = run_mkdocs(ROOT, "build", "--strict", "--site-dir", str(site_dir))
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
    """This repository's principles, in index order."""
    return load_principles(ROOT / "principles", root=ROOT)


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
