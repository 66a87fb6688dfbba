"""The playbook with the network off (README, "Offline"): one visit to the home page stores the site
through the service worker (plugins/playbook/core/site/offline.py, templates/service-worker.js.jinja,
assets/offline.js); then, offline, a page never opened, the drill, "When the customer says…", the 404
page and search all work, and a second build replaces the stored copy whole once the reader reloads.
The site is published under a sub-path (/playbook/), as a project site is, with its `site_url` saying so
(the 404 page's addresses are absolute: under a sub-path, they need it)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from browser_watch import BrowserProblems
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_drill import CHOICES
from test_search import search

from support import build_site, copy_project, serve

SUB_PATH = "playbook/"
NEVER_OPENED = "guarantee-results-not-eagerness"
RENAMED = "lower-your-shields"
CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def cache_names(page: Page) -> list[str]:
    return page.evaluate("() => caches.keys()")


def stored_offline(context: BrowserContext, url: str) -> Page:
    """A new window that visits `url` once and waits until the worker stored the site and controls it."""
    page = context.new_page()
    page.goto(url)
    page.wait_for_function(CONTROLLED)  # activated: its install stored every file first
    return page


def open_offline(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.from_service_worker, url


def test_one_visit_then_everything_works_offline_and_a_new_build_replaces_it(
    browser: Browser, tmp_path: Path, browser_problems: BrowserProblems
) -> None:
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(f"site_url: https://playbook.example.com/{SUB_PATH}\n" + config.read_text())
    site = tmp_path / "served" / SUB_PATH
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    worker = (site / "sw.js").read_text()
    install = json.loads(re.search(r"const BUILD = (.*);", worker)[1])["install"]
    assert any(path.startswith("pagefind/fragment/") for path in install)  # Pagefind's files, after indexing
    with serve(tmp_path / "served") as server:
        url = server + SUB_PATH
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        page = stored_offline(context, url)
        scope = page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.scope)")
        assert scope == url
        assert len(cache_names(page)) == 1

        context.set_offline(True)
        open_offline(page, f"{url}principles/{NEVER_OPENED}/")
        expect(page.locator("h1")).to_contain_text("Guarantee results, not eagerness")
        open_offline(page, f"{url}practice/")
        page.get_by_role("button", name="Start").click()
        page.locator(CHOICES).first.click()
        expect(page.locator(".playbook-drill__verdict")).to_be_visible()
        open_offline(page, f"{url}customer-says/")
        expect(page.locator("h1")).to_contain_text("When the customer says")
        missing = f"{url}no-such-page/"
        browser_problems.expect_not_found(missing)  # the worker's answer: its stored 404 page
        response = page.goto(missing)
        assert response is not None and response.status == 404 and response.from_service_worker
        expect(page.locator("h1")).to_contain_text("Page not found")
        open_offline(page, url)
        links = search(page, url, "too expensive")
        expect(links.first).to_be_visible()
        context.set_offline(False)

        source = project / "principles" / f"{RENAMED}.yml"
        source.write_text(source.read_text().replace("title: Lower your shields\n", "title: Shields down\n"))
        result = build_site(project, site)
        assert result.returncode == 0, result.stderr
        page.goto(f"{url}principles/{RENAMED}/")  # still the stored build: one build per page
        expect(page.locator("h1")).to_contain_text("Lower your shields")
        page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.update())")
        reload = page.get_by_role("button", name="Reload")
        expect(page.get_by_text("A new version of the playbook is ready.")).to_be_visible()
        with page.expect_navigation():
            reload.click()
        expect(page.locator("h1")).to_contain_text("Shields down")
        assert len(cache_names(page)) == 1  # the earlier build's cache is gone
        context.set_offline(True)
        open_offline(page, f"{url}principles/{NEVER_OPENED}/")
        expect(page.locator(f"a[href$='{RENAMED}/']").first).to_have_text("Shields down")
        context.close()
