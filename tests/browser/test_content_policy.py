"""The Content-Security-Policy of every page (theme/partials/content-security-policy.html) in Chromium:
every kind of page and every feature works under it, light and dark, without one violation; no page
asks any host but the site's own; and a script or event handler that reached a page would not run."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_watch import BrowserProblems
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_accessibility import NOT_FOUND, PAGES, PRINCIPLE, site_url  # noqa: F401 (a fixture)
from test_drill import CHOICES, start
from test_search import wait_for_results

from support import serve

REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
    window.playbookViolation(`${location.pathname}: ${event.effectiveDirective} blocked ${event.blockedURI}`
        + ` (${event.sourceFile}:${event.lineNumber})`);
}, true);"""
"""Every violation the browser reports, in any page the window opens, handed to the test as it happens
(through a binding of the debugging protocol, which the policy does not govern)."""


@dataclass
class Recorder:
    """What one browser window did: the policy's violations and every request it made."""

    violations: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> None:
        context.expose_binding("playbookViolation", lambda _source, report: self.violations.append(report))
        context.add_init_script(REPORT_VIOLATIONS)
        # The context's requests include those of Pagefind's worker.
        context.on("request", lambda request: self.requests.append(request.url))


def window(browser: Browser, scheme: str = "light") -> tuple[Page, Recorder]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    recorder = Recorder()
    recorder.watch(context)
    return context.new_page(), recorder


@pytest.fixture
def windows(browser: Browser) -> Iterator[list[BrowserContext]]:
    contexts: list[BrowserContext] = []
    yield contexts
    for context in contexts:
        context.close()


def search_from_the_header(page: Page, query: str) -> None:
    page.locator("input.md-search__input").click()
    page.keyboard.type(query)
    wait_for_results(page, query)
    expect(page.locator(".md-search-result__link").first).to_be_visible()
    page.keyboard.press("Escape")


def off_site(requests: list[str], base_url: str) -> list[str]:
    """Requests to anything but the served origin. A `data:` address (the theme's icons, drawn as data:
    SVG images in its stylesheets) is no request to any host, and is left out."""
    origin = urlsplit(base_url)[:2]
    return [url for url in requests if urlsplit(url)[:2] != origin and urlsplit(url).scheme != "data"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_every_page_and_feature_works_under_the_policy_and_asks_only_the_site(
    browser: Browser,
    windows: list[BrowserContext],
    site_url: str,  # noqa: F811 (the fixture imported above)
    scheme: str,
    browser_problems: BrowserProblems,
) -> None:
    browser_problems.expect_not_found(site_url + NOT_FOUND)
    page, recorder = window(browser, scheme)
    windows.append(page.context)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    material_scheme = {"light": "default", "dark": "slate"}[scheme]
    for kind, address in PAGES.items():
        response = page.goto(site_url + address)
        assert response is not None and response.status == (404 if kind == "404" else 200), kind
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material_scheme)
        if kind == "home":  # search, typed into the header's box, and the palette toggle
            search_from_the_header(page, "too expensive")
            toggle = page.locator("[data-md-component=palette] label:visible")
            for title in ["Switch to dark mode", "Follow the system setting", "Switch to light mode"]:
                toggle.click()
                expect(toggle).to_have_attribute("title", title)
            expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material_scheme)
        elif kind == "principle":  # the copy-link buttons
            page.locator("#good-response .playbook-copy-link").click()
            expect(page.locator(".playbook-copy-status")).to_have_text("Link copied")
        elif kind == "onboarding path":  # a step read from the path is ticked
            page.locator(".playbook-path-steps a.playbook-path-step__link").first.click()
            expect(page.locator(".playbook-path-step--first-week")).to_be_visible()
            page.go_back()
            page.reload()
            # "Read", and drilled right or wrong when the drill, answered earlier in this window with its first
            # choice (shuffled), asked that step first.
            expect(page.locator(".playbook-path-tick").first).to_have_text(re.compile(r"^[✓✗] Read"))
        elif kind == "practice":  # the drill, answered
            start(page)
            page.locator(CHOICES).first.click()
            expect(page.locator(".playbook-drill__verdict")).to_be_visible()
        elif kind == "404":  # its own search box hands the words to the header's search
            page.get_by_role("searchbox", name="Search the playbook").fill(PRINCIPLE.title)
            page.keyboard.press("Enter")
            result = page.locator(f".md-search a[href*='principles/{PRINCIPLE.id}/']").first
            expect(result).to_be_visible()
    assert recorder.violations == []
    assert off_site(recorder.requests, site_url) == []
    assert any("/pagefind/" in url for url in recorder.requests)  # search did load its index


HOSTILE = (
    '<img src="no-such-image.png" onerror="document.body.dataset.pwned = \'handler\'">'
    "<script>document.body.dataset.pwned = 'script';</script>"
    '<p id="hostile-style" style="color: rgb(255, 0, 0)">styled</p>'
)
"""What the sanitizer removes from a contributor's page, as if it had not: an inline event handler, an
inline script and a style attribute."""


def test_the_policy_itself_blocks_inline_script_and_handlers(
    browser: Browser,
    windows: list[BrowserContext],
    site: Path,
    tmp_path: Path,
    browser_problems: BrowserProblems,
) -> None:
    copy = tmp_path / "site"
    shutil.copytree(site, copy)
    built = copy / "principles" / PRINCIPLE.id / "index.html"
    html = built.read_text(encoding="utf-8")
    assert "<article" in html
    built.write_text(html.replace("<h1", HOSTILE + "<h1", 1), encoding="utf-8")
    page, recorder = window(browser)
    windows.append(page.context)
    with serve(copy) as url:
        browser_problems.expect_not_found(url + f"principles/{PRINCIPLE.id}/no-such-image.png")
        for blocked in ["Executing inline event handler", "Executing inline script", "Applying inline style"]:
            browser_problems.expect(
                f"^console error: {blocked} violates .* Content Security Policy directive"
            )
        page.goto(url + f"principles/{PRINCIPLE.id}/")
        expect(page.locator("img[src='no-such-image.png']")).to_have_count(1)
        page.wait_for_load_state("load")  # the image has failed by now: its handler would have run
        assert page.evaluate("document.body.dataset.pwned") is None
        colour = page.evaluate("getComputedStyle(document.getElementById('hostile-style')).color")
        assert colour != "rgb(255, 0, 0)"
        # The page itself still works: its own scripts run.
        search_from_the_header(page, "angry customer")
    blocked = sorted({report.split(": ", 1)[1].split(" blocked")[0] for report in recorder.violations})
    assert blocked == ["script-src-attr", "script-src-elem", "style-src-attr"], recorder.violations


def test_live_reload_works_in_a_preview_without_a_violation(
    browser: Browser, windows: list[BrowserContext], project: Path, serve
) -> None:
    """`make serve` appends MkDocs' inline live-reload script to every page: the preview's policy lets
    inline <script> elements run, and nothing else (event handlers stay blocked)."""
    server = serve()
    page, recorder = window(browser)
    windows.append(page.context)
    page.goto(server.url + "principles/guide-dont-get/")
    policy = page.locator("meta[http-equiv='Content-Security-Policy']").get_attribute("content") or ""
    assert "script-src-elem 'self' 'unsafe-inline'; script-src-attr 'none'" in policy
    expect(page.locator("article h1")).to_contain_text("Guide, don\u2019t \u201cget\u201d")
    path = project / "principles" / "guide-dont-get.yml"
    path.write_text(path.read_text().replace('title: Guide, don\'t "get"', "title: Guide them there"))
    expect(page.locator("article h1")).to_contain_text("Guide them there", timeout=30_000)  # reloaded
    search_from_the_header(page, "angry customer")
    page.close()  # before the preview stops: its live-reload request, still waiting, would fail
    assert recorder.violations == []
    assert off_site(recorder.requests, server.url) == []
