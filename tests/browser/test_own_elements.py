"""Our scripts trust only their own elements and the site's own origin, and each page loads only what it
uses (assets/site.js, theme/main.html): markup a page's contributor might slip in cannot start a drill,
make a link run a script, or point search at another host, and sites sharing one origin keep their own
progress. Built pages are altered in a copy of the site to stand for what a hand-written page could hold."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from browser_watch import BrowserProblems
from playwright.sync_api import Browser, Page, expect

from support import serve

BASE = ["offline.js", "playbook.css", "site.js"]  # base styles; site.js with search (core/site/bundles.py)
PRINCIPLE = "principles/guide-dont-get/"
PRINCIPLE_PAGE = ["principle.css", "principle.js"]  # with paths and the Don't / Do marks
DRILL_DATA = re.compile(r'(<script[^>]* id="playbook-drill-data"[^>]*>)(.*?)(</script>)', re.S)
OWN_ASSET = re.compile(r"/assets/playbook/([^/]+)$")
"""One of plugins/playbook/assets/ (the theme's own scripts sit in a folder below)."""
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{.*?"base": )"[^"]*"')
ARTICLE = '<article class="md-content__inner md-typeset">'


@pytest.fixture(scope="module")
def site_copy(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site, for the tests below to alter."""
    return Path(shutil.copytree(site, tmp_path_factory.mktemp("altered") / "site"))


@pytest.fixture
def window(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def assets_loaded(page: Page, url: str) -> list[str]:
    """The names of our stylesheets and scripts the page at `url` asks for."""
    names: list[str] = []

    def record(request) -> None:
        own = OWN_ASSET.search(urlsplit(request.url).path)
        if own:
            names.append(own[1])

    page.on("request", record)
    page.goto(url, wait_until="load")
    page.remove_listener("request", record)
    return sorted(names)


@pytest.mark.parametrize(
    ("address", "own"),
    [
        ("", ["finder.css", "finder.js", "offline-save.js"]),  # the finder (core/site/finder.py)
        ("customer-says/", ["finder.css"]),
        (PRINCIPLE, PRINCIPLE_PAGE),
        ("practice/", ["practice.css", "practice.js"]),
        ("paths/first-week/", ["paths.css", "paths.js"]),  # with the Don't / Do marks in print
        ("practice/role-play/", ["role-play.css", "role-play.js"]),
        ("do-dont/", ["comparisons.css"]),
        ("tags/", ["comparisons.css"]),
        ("contributing/", ["comparisons.css", "keyboard-scroll.js"]),
        ("404.html", ["not-found.js"]),
    ],
)  # fmt: skip
def test_each_page_loads_only_what_it_uses(window: Page, base_url: str, address: str, own: list[str]) -> None:
    assert assets_loaded(window, base_url + address) == sorted(BASE + own)
    scripts = window.locator("script[src*='assets/playbook/']:not([src*='/theme/'])")
    assert all(scripts.evaluate_all("scripts => scripts.map(script => script.defer)"))


def test_a_drill_written_into_another_page_never_starts(site_copy: Path, window: Page) -> None:
    data = DRILL_DATA.search((site_copy / "practice" / "index.html").read_text())
    assert data is not None
    page_file = site_copy / "contributing" / "index.html"
    html = page_file.read_text()
    assert ARTICLE in html
    planted = f'<div class="playbook-drill"><p>Not a drill.</p></div>{data[0]}'
    page_file.write_text(html.replace(ARTICLE, ARTICLE + planted, 1))
    with serve(site_copy) as base_url:
        assert "practice.js" not in assets_loaded(window, base_url + "contributing/")
        expect(window.locator(".playbook-drill")).to_have_text("Not a drill.")
        assert window.locator(".playbook-drill__status, .playbook-drill button").count() == 0
        assert "practice.js" in assets_loaded(window, base_url + "practice/")  # the drill's own page


def test_a_drill_links_only_to_addresses_on_the_site(site_copy: Path, window: Page) -> None:
    page_file = site_copy / "practice" / "index.html"
    found = DRILL_DATA.search(page_file.read_text())
    assert found is not None
    data = json.loads(found[2])
    hostile = [
        "javascript:alert(document.domain)",
        "https://example.com/x/",
        "//example.com/y/",
        "data:text/html,x",
    ]
    principles = [content for name, content in data["files"].items() if name.startswith("principle/")]
    kept = principles[0]  # one address stays as built, and stays a link
    for principle, address in zip(principles[1:], hostile * len(principles), strict=False):
        principle["good_response_url"] = address
    text = json.dumps(data).replace("</", "<\\/")
    page_file.write_text(DRILL_DATA.sub(lambda match: match[1] + text + match[3], page_file.read_text()))
    hrefs: list[str] = []
    with serve(site_copy) as base_url:
        window.goto(base_url + "practice/")
        window.get_by_role("button", name="Start").click()
        for index in range(len(principles)):
            window.locator(".playbook-drill__choice").first.click()
            expect(window.locator(".playbook-drill__verdict")).to_be_visible()
            hrefs += window.locator(".playbook-drill a").evaluate_all("links => links.map(link => link.href)")
            last = index + 1 == len(principles)
            window.get_by_role("button", name="See your score" if last else "Next question").click()
        expect(window.locator(".playbook-drill h2")).to_contain_text("Your score")
        hrefs += window.locator(".playbook-drill a").evaluate_all("links => links.map(link => link.href)")
        assert hrefs and all(href.startswith(base_url) for href in hrefs), hrefs
        assert base_url + kept["good_response_url"] in hrefs  # from the site's root


def test_search_reads_only_the_themes_own_configuration(
    site_copy: Path, window: Page, browser_problems: BrowserProblems
) -> None:
    """An element with the configuration's id ahead of the theme's own names another base. (The build
    refuses such an id, test_page_markup.py; this page has one as if it had not.) Material's own bundle
    reads it, finds no `features` in it and throws; our search does not follow it."""
    browser_problems.expect(
        r"^uncaught error: Cannot read properties of undefined \(reading 'includes'\) .*"
        r" at \S+ \(http://127\.0\.0\.1:\d+/assets/javascripts/bundle\.\w+\.min\.js:\d+:\d+\)$"
    )
    with serve(site_copy) as base_url:
        other = base_url.replace("127.0.0.1", "localhost")
        page_file = site_copy / "index.html"
        html = page_file.read_text()
        body = re.search(r"<body[^>]*>", html)
        assert body is not None
        fake = f'<div id="__config" hidden>{{"base": "{other}"}}</div>'
        page_file.write_text(html.replace(body[0], body[0] + fake, 1))
        requests: list[str] = []
        window.on("request", lambda request: requests.append(request.url))
        window.goto(base_url)
        window.locator("input.md-search__input").click()
        window.keyboard.type("angry customer")
        window.wait_for_function(
            "() => document.querySelector('.md-search-result').dataset.query === 'angry customer'"
        )
        expect(window.locator(".md-search-result__link").first).to_be_visible()
        assert [url for url in requests if not url.startswith(base_url)] == []


def test_search_never_loads_code_from_another_origin(site_copy: Path, window: Page) -> None:
    """Even the theme's own configuration cannot send search to another origin."""
    with serve(site_copy) as base_url:
        other = base_url.replace("127.0.0.1", "localhost")  # the same server, another origin
        page_file = site_copy / "paths" / "index.html"
        html = page_file.read_text()
        assert CONFIG_BASE.search(html)
        page_file.write_text(CONFIG_BASE.sub(lambda match: f'{match[1]}"{other}"', html, count=1))
        requests: list[str] = []
        window.on("request", lambda request: requests.append(request.url))
        window.goto(base_url + "paths/")
        window.locator("input.md-search__input").click()
        window.keyboard.type("angry customer")
        unavailable = window.locator(".md-search-result").get_attribute("data-unavailable")
        expect(window.locator(".md-search-result__meta")).to_have_text(unavailable or "")
        assert [url for url in requests if "pagefind" in url] == []


def test_two_sites_on_one_origin_keep_their_own_progress(
    site: Path, tmp_path_factory: pytest.TempPathFactory, window: Page
) -> None:
    host = tmp_path_factory.mktemp("one-origin")
    for name in ("a", "b"):
        shutil.copytree(site, host / name)
    progress = ".playbook-path-progress"
    with serve(host) as origin:
        window.goto(origin + "a/" + PRINCIPLE)  # read on site a
        window.goto(origin + "a/practice/")
        window.get_by_role("button", name="Start").click()
        window.locator(".playbook-drill__choice").first.click()
        window.goto(origin + "a/paths/first-week/")
        expect(window.locator(progress)).not_to_have_text("0 of 5 steps read or drilled in this browser")
        window.goto(origin + "b/paths/first-week/")
        expect(window.locator(progress)).to_have_text("0 of 5 steps read or drilled in this browser")
        window.goto(origin + "b/practice/")
        expect(window.get_by_role("heading", name="Choose what to drill")).to_be_visible()
        keys = window.evaluate("Object.keys(localStorage)")
        assert sorted(key for key in keys if "playbook" in key) == [
            "/a/.playbook.drill",
            "/a/.playbook.practised",
            "/a/.playbook.read",
            "/a/.playbook.review",
        ]


def test_a_stored_scope_named_like_an_object_property_is_not_a_tag(
    site: Path, base_url: str, window: Page
) -> None:
    ids = [item["id"] for item in json.loads((site / "practice.json").read_text())["principles"]]
    for scope in ("tag:__proto__", "tag:constructor", "tag:toString"):
        stored = {"scope": scope, "order": ids, "flips": [False] * len(ids), "results": []}
        window.goto(base_url + "practice/")
        window.evaluate("value => localStorage.setItem('/.playbook.drill', value)", json.dumps(stored))
        window.reload()
        expect(window.get_by_role("heading", name=f"Question 1 of {len(ids)}")).to_be_visible()
        expect(window.locator(".playbook-drill__score")).to_have_text("Drill · 0 right so far")
        assert "undefined" not in window.locator(".playbook-drill").inner_text()
