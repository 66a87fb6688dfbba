"""A real headless Chromium (Debian's headless shell, never a downloaded build) against the built site
over HTTP."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_watch import WATCH, BrowserProblems
from playwright.sync_api import Browser, Page, Playwright, sync_playwright

from in_process import mkdocs_build, run_script_main
from support import (
    BEFORE_A_SERVER_STOPS,
    CHROMIUM,
    CHROMIUM_ARGS,
    ENGINE,
    PHONE,
    ROOT,
    build_site,
    copy_project,
    serve,
)

PAYLOAD_PRINCIPLE = ROOT / "tests" / "corpus" / "html-payloads.yml"
DOCS_PAYLOAD = """# Hostile docs page

What a hand-written page may still hold: <b title="alert('docs hover')">a title</b>,
<a href="https://example.com/docs-link">an HTML link</a> and [markdown link](https://example.com/docs-md).
Scripts, handlers, frames, script addresses and the site's own ids are refused before the build
(tests/test_page_markup.py, which also tests the sanitizer behind that rule on its own).
"""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in item.path.parts:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This playbook with a principle carrying every HTML and script payload (html-payloads, tagged
    `listening`) and a docs page carrying more (hostile/, in the nav), built by `mkdocs build --strict`
    (in this process; Zensical's way, support.build_site, under PLAYBOOK_ENGINE=zensical) once per test run, for the tests that open it and only read it."""
    project = copy_project(tmp_path_factory.mktemp("payloads") / "project")
    (project / "principles" / "html-payloads.yml").write_text(PAYLOAD_PRINCIPLE.read_text())
    (project / "docs" / "hostile.md").write_text(DOCS_PAYLOAD)
    config = project / "mkdocs.yml"
    nav = "  - Contributing: contributing.md\n"
    assert nav in config.read_text()
    config.write_text(config.read_text().replace(nav, nav + "  - Hostile: hostile.md\n"))
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    result = mkdocs_build(project) if ENGINE != "zensical" else build_site(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not CHROMIUM.exists():
        found = shutil.which("chromium-headless-shell")
        pytest.fail(
            f"{CHROMIUM} is missing{f' (found {found})' if found else ''}: "
            "run `make test`, which installs Debian's chromium-headless-shell package"
        )
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    WATCH.watch_every_context_of(browser)
    BEFORE_A_SERVER_STOPS.append(WATCH.leave)
    yield browser
    BEFORE_A_SERVER_STOPS.remove(WATCH.leave)
    browser.close()


@pytest.fixture(autouse=True)
def browser_problems() -> Iterator[BrowserProblems]:
    """Every test here fails at teardown on a console error, an uncaught error, a failed request or an
    error response in any window it opened (browser_watch.py), unless it declared that problem with
    `browser_problems.expect(pattern)` or `.expect_not_found(url)`; a declared problem that did not
    happen fails it too."""
    problems = BrowserProblems(WATCH.between)
    WATCH.between, WATCH.current = [], problems
    try:
        yield problems
        WATCH.deliver()
    finally:
        WATCH.current = None
    problems.check()


@pytest.fixture(scope="module")
def shared_desktop(browser: Browser) -> Iterator[Page]:
    """One desktop window for a whole module, for tests that only open pages and read them (a new window
    costs more than the check)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def desktop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()
