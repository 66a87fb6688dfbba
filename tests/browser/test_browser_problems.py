"""The check every browser test gets (conftest.browser_problems): run by pytest on tests written to
fail it, in windows made every way a test makes them, and on one that declares what it provokes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TESTS = Path(__file__).parent.parent

CONFTEST = f"""
import importlib.util

spec = importlib.util.spec_from_file_location("browser_conftest", {str(Path(__file__).parent / "conftest.py")!r})
browser_conftest = importlib.util.module_from_spec(spec)
spec.loader.exec_module(browser_conftest)
playwright, browser = browser_conftest.playwright, browser_conftest.browser
browser_problems = browser_conftest.browser_problems
"""

CHECKED = '''
import pytest

BROKEN = "http://playbook.test/"


def broken_site(route):
    """A site answering every address with 404, and refusing its script."""
    if route.request.url.endswith(".js"):
        route.abort()
    else:
        route.fulfill(status=404, content_type="text/html", body="<script src='gone.js'></script>")


def test_a_console_error_in_a_window_of_a_new_context(browser):
    context = browser.new_context()
    context.new_page().evaluate("console.error('logged on purpose')")
    context.close()


def test_an_uncaught_error_in_a_page_of_its_own(browser):
    page = browser.new_page()
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('thrown on purpose'); })")
    page.close()


def test_a_popup_with_a_missing_page_and_a_refused_script(browser):
    context = browser.new_context()
    context.route(BROKEN + "**", broken_site)
    opener = context.new_page()
    with opener.expect_popup() as popup:
        opener.evaluate("url => window.open(url)", BROKEN + "missing/")
    popup.value.wait_for_load_state()
    context.close()


def test_a_declared_problem_that_did_not_happen(browser, browser_problems):
    browser_problems.expect("console error: never logged")
    browser.new_page().evaluate("console.log('not an error')")


def test_declared_problems_that_happened_pass(browser, browser_problems):
    browser_problems.expect(r"http://playbook\\.test/missing/\\)?$")  # its response, and the console's line
    browser_problems.expect(r"http://playbook\\.test/missing/gone\\.js")  # the request, and the console's line
    page = browser.new_page()
    page.route(BROKEN + "**", broken_site)
    page.goto(BROKEN + "missing/")
    page.close()
'''


def test_the_check_fails_each_problem_and_each_declaration_that_did_not_happen(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_checked.py").write_text(CHECKED)
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:xdist", "-q", "-rE"],
        cwd=tmp_path,
        env={
            **os.environ,
            "PYTHONPATH": os.pathsep.join(map(str, [TESTS, TESTS / "browser"])),
            "COLUMNS": "200",
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = result.stdout
    assert result.returncode == 1, output + result.stderr
    assert "5 passed, 4 errors" in output, output  # a teardown's error counts besides the test
    errors = output.split("short test summary info")[1]
    for test, problem in [
        ("a_console_error_in_a_window_of_a_new_context", "console error: logged on purpose (about:blank)"),
        ("an_uncaught_error_in_a_page_of_its_own", "uncaught error: thrown on purpose (about:blank)"),
        ("a_popup_with_a_missing_page_and_a_refused_script", "response 404: http://playbook.test/missing/"),
        (
            "a_declared_problem_that_did_not_happen",
            "expected, but did not happen: console error: never logged",
        ),
    ]:
        assert f"ERROR test_checked.py::test_{test} - Failed: problems in the browser" in errors, output
        assert problem in output.split(f"at teardown of test_{test} _")[1].split(" at teardown of ")[0], test
    popup = output.split("at teardown of test_a_popup_with_a_missing_page_and_a_refused_script _")[1]
    assert "request failed: http://playbook.test/missing/gone.js net::ERR_FAILED" in popup


def test_no_page_outlives_the_server_it_was_served_from(tmp_path: Path, browser) -> None:
    """A page still open on a site whose server a test stops could go on fetching from it (the offline
    worker registers and stores the site in the background) and report a failure no reader would meet:
    every such page goes to a blank page first (support.serve, browser_watch.leave)."""
    from support import serve

    (tmp_path / "index.html").write_text("<title>here</title><p>here</p>")
    page = browser.new_page()
    other = browser.new_page()
    with serve(tmp_path) as url:
        page.goto(url)
        assert page.title() == "here"
    assert page.url == "about:blank" and other.url == "about:blank"
    page.context.close()
    other.context.close()
