"""Search as a rep uses it: type the customer's words in the search box, get the principle that
answers them first, press Enter, land on the section. Pagefind (plugins/playbook/core/search.py) under
Material's search box (assets/search.js), in Chromium, typed with the keyboard."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_accessibility import NO_VIOLATION, axe_violations_in_each_scheme

from support import ROOT, serve

# (what the rep types, the principle expected first, the section its result lands on)
REP_QUERIES = [
    ("too expensive", "guide-dont-get", "customer-says"),
    ("it's too expensive", "guide-dont-get", "customer-says"),
    ("it\u2019s too expensive", "guide-dont-get", "customer-says"),  # typographic apostrophe
    ("we cannot afford it", "guide-dont-get", "customer-says"),
    ("not ready to buy", "guide-dont-get", "customer-says"),
    ("they want a discount", "guide-dont-get", "story"),
    ("Guide, don't get", "guide-dont-get", "guide-dont-get"),  # its title, without the quotes
    ("quit pressuring me to sign", "guide-dont-get", "customer-says"),
    ("pushy rep", "guide-dont-get", "customer-says"),
    ("competitor is cheaper", "guarantee-results-not-eagerness", "customer-says"),
    ("go the extra mile", "guarantee-results-not-eagerness", "customer-says"),
    ("why should I believe you", "guarantee-results-not-eagerness", "customer-says"),
    ("the vendor broke its promises", "guarantee-results-not-eagerness", "customer-says"),
    ("competitors", "guarantee-results-not-eagerness", "customer-says"),  # the playbook says "competitor"
    ("angry customer", "lower-your-shields", "lower-your-shields"),
    ("customer is yelling at me", "lower-your-shields", "customer-says"),
    ("I want to escalate to your supervisor", "lower-your-shields", "customer-says"),
    ("customer says we're wrong", "respect-the-customers-view", "customer-says"),
    ("you\u2019re wrong", "respect-the-customers-view", "customer-says"),
    ("just send me a quote", "the-best-sale-can-be-no-sale", "customer-says"),
    ("upsell the premium packages", "the-best-sale-can-be-no-sale", "customer-says"),
]
# Queries with a word that appears nowhere in the playbook: a rep's words, not ours.
WORDS_NOWHERE = {
    "competitor is cheaper": "cheaper",
    "quit pressuring me to sign": "pressuring",
    "the vendor broke its promises": "broke",
    "upsell the premium packages": "upsell",
    "customer is yelling at me": "yelling",
    "I want to escalate to your supervisor": "supervisor",
    "pushy rep": "pushy",
}


@pytest.fixture(scope="module")
def searcher(browser: Browser) -> Iterator[Page]:
    """One desktop window for the queries below, kept between them: a query is typed into the search
    box of the page the last one landed on (the home page first), so a run of queries for one
    principle loads the page and Pagefind once. Search keeps nothing else between queries (no storage,
    no cookie), and each waits for the results of its own query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(HASH_CHANGE_TIME)
    yield context.new_page()
    context.close()


HASH_CHANGE_TIME = (
    "addEventListener('hashchange', () => { window.playbookHashChangedAt = performance.now(); });"
)
MATERIAL_CLOSED_SEARCH = """() => performance.now() > 200 + Math.max(window.playbookHashChangedAt || 0,
    performance.getEntriesByType("navigation")[0].domContentLoadedEventEnd)"""
"""Material closes the search box 125 ms after the page loads with a section in its address, or the
section changes (its bundle: `merge(location$, target$).pipe(delay(125))`): a box opened before then
would close under the query."""


def search(page: Page, base_url: str, query: str) -> Locator:
    """Enter `query` in the search box; returns the result links once they answer that query.

    A page of this site already open is searched where it is, scrolled back to its top and without
    its section in the address, so that landing on a section of the same page is seen again. The
    query arrives in one input event, replacing the last one, as a paste would: a search per
    keystroke only costs time here. Typing key by key is checked by the keyboard and phone tests."""
    if page.url.startswith(base_url):
        page.wait_for_function(MATERIAL_CLOSED_SEARCH, polling=50)
        page.evaluate(
            """() => { history.replaceState(null, "", location.pathname); window.scrollTo(0, 0);
                document.activeElement.blur(); }"""
        )
    else:
        page.goto(base_url)
    if page.viewport_size and page.viewport_size["width"] < 960:  # Material's phone and tablet header
        page.locator("label.md-header__button[for='__search']").click()
    else:
        page.locator("input.md-search__input").click()
    expect(page.locator("#__search")).to_be_checked()  # the search box is open
    page.keyboard.press("Control+A")  # the last query, if any, is replaced
    page.keyboard.insert_text(query)
    wait_for_results(page, query)
    return page.locator(".md-search-result__link")


def wait_for_results(page: Page, query: str) -> None:
    """Results are shown as each key is typed: wait for those of the whole query."""
    page.wait_for_function(
        "query => document.querySelector('.md-search-result').dataset.query === query",
        arg=query,
        timeout=15_000,
    )


def paths(links: Locator) -> list[str]:
    return [urlsplit(href).path for href in (link.get_attribute("href") or "" for link in links.all())]


def playbook_text() -> str:
    sources = [*(ROOT / "principles").glob("*.yml"), *(ROOT / "docs").rglob("*.md")]
    return " ".join(path.read_text(encoding="utf-8") for path in sources).lower()


def test_the_query_suite_has_enough_rep_words() -> None:
    assert len(REP_QUERIES) >= 15
    assert len(WORDS_NOWHERE) >= 5
    text = playbook_text()
    queries = {query for query, _, _ in REP_QUERIES}
    for query, word in WORDS_NOWHERE.items():
        assert query in queries
        assert word in query.lower().split() and word not in text, word


@pytest.mark.parametrize(("query", "principle_id", "section"), REP_QUERIES)
def test_a_rep_query_finds_the_principle_first_and_lands_on_its_section(
    searcher: Page, base_url: str, query: str, principle_id: str, section: str
) -> None:
    links = search(searcher, base_url, query)
    found = paths(links)
    assert found[0] == f"/principles/{principle_id}/", found
    first_other = next((index for index, path in enumerate(found) if "/principles/" not in path), len(found))
    assert all("/principles/" not in path for path in found[first_other:]), "a principle below a page"
    searcher.keyboard.press("Enter")
    searcher.wait_for_url(re.compile(rf"/principles/{principle_id}/#{section}$"))
    expect(searcher.locator(f"[id='{section}']")).to_be_in_viewport()


def test_shields_matches_no_other_principle_and_no_link_list(searcher: Page, base_url: str) -> None:
    # Previous / next, Related, Referenced by, tag chips and source lines are not indexed: the
    # other principles link to Lower your shields, yet none of them matches.
    found = paths(search(searcher, base_url, "shields"))
    assert [path for path in found if path.startswith("/principles/")] == ["/principles/lower-your-shields/"]
    assert found[0] == "/principles/lower-your-shields/"


@pytest.mark.parametrize("query", ["Referenced", "previous", "Edit this page"])
def test_navigation_around_a_principle_is_not_indexed(searcher: Page, base_url: str, query: str) -> None:
    assert not [path for path in paths(search(searcher, base_url, query)) if path.startswith("/principles/")]


def test_the_contributor_guide_stays_searchable(searcher: Page, base_url: str) -> None:
    # Below every principle, but found: "validate" is a word only the guide and the home page use.
    found = paths(search(searcher, base_url, "validate"))
    assert found[0] == "/contributing/"


def test_a_query_with_no_matching_word_returns_nothing(searcher: Page, base_url: str) -> None:
    links = search(searcher, base_url, "xyzzy qwertyuiop")
    expect(links).to_have_count(0)
    expect(searcher.locator(".md-search-result__meta")).to_have_text("No matching documents")


def test_search_works_by_keyboard_and_loads_nothing_from_other_hosts(
    desktop: Page, base_url: str, page_problems
) -> None:
    hosts: set[str] = set()
    desktop.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    desktop.goto(base_url)
    dialog = desktop.get_by_role("dialog", name="Search")
    expect(dialog).to_have_count(1)
    desktop.keyboard.press("/")  # Material's shortcut still opens search
    expect(desktop.locator("input.md-search__input")).to_be_focused()
    desktop.keyboard.type("angry customer")
    wait_for_results(desktop, "angry customer")
    desktop.keyboard.press("ArrowDown")
    expect(desktop.locator(".md-search-result__link").first).to_be_focused()
    desktop.keyboard.press("ArrowUp")
    expect(desktop.locator("input.md-search__input")).to_be_focused()
    desktop.keyboard.press("Escape")
    expect(desktop.locator("#__search")).not_to_be_checked()
    assert hosts == {urlsplit(base_url).netloc}
    assert page_problems.console_errors == []
    assert page_problems.failed_requests == []


def test_the_phone_search_button_opens_the_box(phone: Page, base_url: str) -> None:
    phone.goto(base_url)
    phone.locator("label.md-header__button[for='__search']").click()
    expect(phone.locator("input.md-search__input")).to_be_focused()
    phone.keyboard.type("too expensive")
    wait_for_results(phone, "too expensive")
    expect(phone.locator(".md-search-result__link").first).to_be_visible()


def test_payloads_stay_text_in_search_results(payload_site: Path, desktop: Page) -> None:
    """The payloads of principles/html-payloads.yml and docs/hostile.md (conftest.payload_site)."""
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(payload_site) as base_url:
        for query in ["alert customer", "onerror listen", "script summary"]:
            links = search(desktop, base_url, query)
            assert "/principles/html-payloads/" in paths(links), query
            results = desktop.locator(".md-search-result__list")
            markup = results.evaluate(
                "list => [...list.querySelectorAll('*')].map(element => element.tagName.toLowerCase())"
            )
            assert set(markup) <= {"li", "a", "article", "div", "p", "mark"}, markup
            assert "alert(" in results.inner_text()
    assert dialogs == []


@pytest.mark.parametrize("width", [390, 1280])
def test_the_open_results_pass_axe(browser: Browser, base_url: str, width: int) -> None:
    """Light and dark on one open result list (axe_violations_in_each_scheme)."""
    context = browser.new_context(viewport={"width": width, "height": 844}, color_scheme="light")
    page = context.new_page()
    try:
        search(page, base_url, "too expensive")
        assert axe_violations_in_each_scheme(page) == NO_VIOLATION
    finally:
        context.close()
