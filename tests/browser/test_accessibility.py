"""axe-core inside the real page, on every kind of page, light and dark, phone and desktop: no
violation of any impact under the WCAG 2.2 AA rules and axe's best practices. Also the palettes
themselves (system setting, toggle, print) and the 404 page a reader gets for an unknown address."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path

import pytest
from browser_watch import BrowserProblems
from playwright.sync_api import Browser, BrowserContext, Page, expect

from playbook.core.formats.loader import load_principles

from support import ROOT

AXE_SCRIPT = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
AXE_RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
"""WCAG 2.0-2.2 A and AA, and the best practices (landmarks, heading order, one main, ...)."""

PRINCIPLE = load_principles(ROOT / "principles", root=ROOT)[0]
TAG = sorted(PRINCIPLE.tags)[0]
NOT_FOUND = "principles/no-such-principle/"
"""An unknown address two folders deep: the 404 page's links and styles must work from any depth."""

PAGES = {
    "home": "",
    "principles index": "principles/",
    "principle": f"principles/{PRINCIPLE.id}/",
    "tags overview": "tags/",
    "tag": f"tags/{TAG}/",
    "do / don't": "do-dont/",
    "practice": "practice/",  # the start screen; test_drill.py checks a question and its answer
    "role-play": "practice/role-play/?tag=trust",  # filtered: the filter, its status, the cards
    "customer says": "customer-says/",
    "onboarding paths": "paths/",
    "onboarding path": "paths/first-week/",
    "contributing": "contributing/",
    "404": NOT_FOUND,
}
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
SCHEMES = {"light": "default", "dark": "slate"}
"""The reader's system setting, and the Material scheme the page must then show."""


class NotFoundHandler(SimpleHTTPRequestHandler):
    """A static host as readers meet it: an unknown address gets the site's 404.html, status 404."""

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(NotFoundHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def reader(browser: Browser) -> Iterator[Callable[..., Page]]:
    """A new browser window with a viewport and a system colour setting."""
    contexts: list[BrowserContext] = []

    def open_window(viewport: str = "desktop", scheme: str = "light") -> Page:
        contexts.append(
            browser.new_context(
                viewport=VIEWPORTS[viewport],
                color_scheme=scheme,
                is_mobile=viewport == "phone",
                has_touch=viewport == "phone",
            )
        )
        return contexts[-1].new_page()

    yield open_window
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def window(browser: Browser) -> Iterator[Callable[[str], Page]]:
    """One browser window per viewport, kept for the whole module: the checks that use it only open
    pages and read them, so nothing one page does can change the next."""
    pages: dict[str, Page] = {}

    def open_window(viewport: str) -> Page:
        if viewport not in pages:
            context = browser.new_context(
                viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone", has_touch=viewport == "phone"
            )
            pages[viewport] = context.new_page()
        return pages[viewport]

    yield open_window
    for page in pages.values():
        page.context.close()


def axe_violations(page: Page) -> list[str]:
    """axe's violations only: passes and incomplete checks are not collected (the slow part of a run).
    Colours are read once every transition has ended (the header title fades when the page scrolls)."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        # Evaluated by the browser's debugging protocol: a <script> tag of axe would be an inline script,
        # which the pages' Content-Security-Policy blocks.
        page.evaluate(AXE_SCRIPT)
    page.evaluate(
        """async () => await Promise.all(document.getAnimations()
            .filter((animation) => animation.effect.getTiming().iterations !== Infinity)
            .map((animation) => animation.finished.catch(() => null)))"""
    )
    results = page.evaluate(
        """async (tags) => await axe.run(
            document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})""",
        AXE_RULES,
    )
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + "; ".join(
            " ".join(node["target"]) + ": " + (node.get("failureSummary") or "").replace("\n", " ")
            for node in violation["nodes"][:3]
        )
        for violation in results["violations"]
    ]


def axe_violations_in_each_scheme(page: Page) -> dict[str, list[str]]:
    """axe on the page as it is, under a light and then a dark system setting. Material follows the
    setting live, and the page it shows is the one a reader opening it in that setting gets (same
    attributes, same DOM): one load serves both."""
    violations = {}
    for scheme, material_scheme in SCHEMES.items():
        page.emulate_media(color_scheme=scheme)
        # The page shows the palette of the reader's system setting, so axe checks the right colours.
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", material_scheme)
        violations[scheme] = axe_violations(page)
    return violations


NO_VIOLATION = {scheme: [] for scheme in SCHEMES}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("kind", PAGES)
def test_axe_finds_no_violation(
    window: Callable[[str], Page], site_url: str, kind: str, viewport: str, browser_problems: BrowserProblems
) -> None:
    """Light and dark in one load (axe_violations_in_each_scheme)."""
    if kind == "404":
        browser_problems.expect_not_found(site_url + NOT_FOUND)
    page = window(viewport)
    page.emulate_media(color_scheme="light")
    response = page.goto(site_url + PAGES[kind])  # "load": every script has run, no request follows
    assert response is not None and response.status == (404 if kind == "404" else 200)
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION


def scheme(page: Page) -> str:
    return page.locator("body").get_attribute("data-md-color-scheme") or ""


def test_the_palette_follows_the_system_until_the_reader_picks_one(
    reader: Callable[..., Page], site_url: str
) -> None:
    page = reader("phone", "dark")
    page.goto(site_url)
    assert scheme(page) == "slate"
    toggle = page.locator("[data-md-component=palette] label:visible")
    expect(toggle).to_have_attribute("title", "Switch to light mode")
    toggle.tap()
    assert scheme(page) == "default"
    expect(toggle).to_have_attribute("title", "Switch to dark mode")
    page.goto(site_url + "do-dont/")  # the choice holds on every page
    assert scheme(page) == "default"
    toggle.tap()
    assert scheme(page) == "slate"
    expect(toggle).to_have_attribute("title", "Follow the system setting")
    toggle.tap()  # back to the system setting
    page.emulate_media(color_scheme="light")
    page.reload()
    assert scheme(page) == "default"
    # The toggle's icons are drawn inline: nothing is fetched for them.
    assert page.locator("[data-md-component=palette] label svg").count() == 3


def test_the_palette_toggle_works_from_the_keyboard(reader: Callable[..., Page], site_url: str) -> None:
    page = reader("desktop", "dark")
    page.goto(site_url)
    page.get_by_role("radio", name="Switch to light mode").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
    expect(page.get_by_role("radio", name="Switch to dark mode")).to_be_focused()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"


def test_a_dark_reader_prints_dark_text_on_white(reader: Callable[..., Page], site_url: str) -> None:
    page = reader("desktop", "dark")
    page.goto(site_url + PAGES["principle"])
    page.emulate_media(media="print", color_scheme="dark")
    colours = page.evaluate(
        """() => [...document.querySelectorAll('body, article, article h1, article p a, .playbook-response')]
            .map((element) => [getComputedStyle(element).color, getComputedStyle(element).backgroundColor])"""
    )
    assert colours[0][1] == "rgb(255, 255, 255)"
    for colour, _background in colours:
        assert contrast_on_white(colour) >= 4.5, colours  # dark text on the white sheet


def contrast_on_white(css_colour: str) -> float:
    """WCAG contrast ratio of a computed `rgb()`/`rgba()` colour, laid over white, against white."""
    parts = [float(part) for part in css_colour[css_colour.index("(") + 1 : -1].split(",")]
    alpha = parts[3] if len(parts) == 4 else 1.0
    channels = [(alpha * value + (1 - alpha) * 255) / 255 for value in parts[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("address", ["nowhere", NOT_FOUND, f"tags/{TAG}/old/deeper/page.html"])
def test_an_unknown_address_gets_a_404_page_whose_links_work(
    reader: Callable[..., Page], site_url: str, address: str, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect_not_found(site_url + address)
    page = reader("phone")
    response = page.goto(site_url + address)
    assert response is not None and response.status == 404
    expect(page.locator("article h1")).to_have_text("Page not found")
    expect(page.get_by_role("search").get_by_role("searchbox", name="Search the playbook")).to_be_visible()
    article = page.locator("article")
    for name in ["Principles", "When the customer says…", "Do / Don\u2019t"]:
        link = article.get_by_role("link", name=name, exact=True)
        target = page.context.new_page()
        landed = target.goto(link.evaluate("(link) => link.href"))
        assert landed is not None and landed.status == 200, name
        expect(target.locator("article h1").first).to_contain_text(name)
        target.close()
    # The styles and scripts load too: the page is laid out by the theme, not bare HTML.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") != "static"


def test_the_404_search_box_searches_the_playbook(
    reader: Callable[..., Page], site_url: str, browser_problems: BrowserProblems
) -> None:
    browser_problems.expect_not_found(site_url + NOT_FOUND)
    page = reader("phone")
    page.goto(site_url + NOT_FOUND)
    page.get_by_role("searchbox", name="Search the playbook").fill(PRINCIPLE.title)
    page.keyboard.press("Enter")
    result = page.locator(f".md-search a[href*='principles/{PRINCIPLE.id}/']").first
    expect(result).to_be_visible()
