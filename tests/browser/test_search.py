"""Search as a rep uses it: type the customer's words in the search box, get the principle that
answers them first, press Enter, land on the section. Pagefind (plugins/playbook/core/site/search.py) under
Material's search box (assets/search.js), in Chromium, typed with the keyboard."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from test_accessibility import NO_VIOLATION, axe_violations_in_each_scheme

from support import ROOT, serve

# (what the rep types, the principle expected first): its result opens that principle's good response
REP_QUERIES = [
    ("too expensive", "guide-dont-get"),
    ("it's too expensive", "guide-dont-get"),
    ("it\u2019s too expensive", "guide-dont-get"),  # typographic apostrophe
    ("we cannot afford it", "guide-dont-get"),
    ("not ready to buy", "guide-dont-get"),
    ("they want a discount", "guide-dont-get"),
    ("Guide, don't get", "guide-dont-get"),  # its title, without the quotes
    ("stop pressuring me to sign", "guide-dont-get"),  # not "quit": the vocabulary reads it as churn
    ("pushy rep", "guide-dont-get"),
    ("competitor is cheaper", "guarantee-results-not-eagerness"),
    ("go the extra mile", "guarantee-results-not-eagerness"),
    ("why should I believe you", "guarantee-results-not-eagerness"),
    ("the vendor broke its promises", "guarantee-results-not-eagerness"),
    ("competitors", "guarantee-results-not-eagerness"),  # the playbook says "competitor"
    ("angry customer", "lower-your-shields"),
    ("customer is yelling at me", "lower-your-shields"),
    ("I want to escalate to your supervisor", "lower-your-shields"),
    ("customer says we're wrong", "respect-the-customers-view"),
    ("you\u2019re wrong", "respect-the-customers-view"),
    ("just send me a quote", "the-best-sale-can-be-no-sale"),
    ("upsell the premium packages", "the-best-sale-can-be-no-sale"),
]
# Queries with a word that appears nowhere in the playbook: a rep's words, not ours.
WORDS_NOWHERE = {
    "competitor is cheaper": "cheaper",
    "stop pressuring me to sign": "pressuring",
    "the vendor broke its promises": "broke",
    "upsell the premium packages": "upsell",
    "customer is yelling at me": "yelling",
    "I want to escalate to your supervisor": "supervisor",
    "pushy rep": "pushy",
}


@pytest.fixture(scope="module")
def searcher(browser: Browser) -> Iterator[Page]:
    """One desktop window for the queries below, kept between them: a query is typed into the search
    box of the page the last one left open (the home page first), so a run of queries that land on no
    section loads the page and Pagefind once. Search keeps nothing else between queries (no storage,
    no cookie), and each waits for the results of its own query."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def search(page: Page, base_url: str, query: str) -> Locator:
    """Enter `query` in the search box; returns the result links once they answer that query.

    A page of this site already open is searched where it is, scrolled back to its top. One that shows
    a section (its address ends in `#id`: a query landed there) is opened again without it first:
    Material closes the search box 125 ms after a page shows a section (its bundle:
    `merge(location$, target$).pipe(delay(125))`), and a page loaded without one has no such close
    pending, where waiting for it could only be a guess at the time. The query arrives in one input
    event, replacing the last one, as a paste would: a search per keystroke only costs time here.
    Typing key by key is checked by the keyboard and phone tests."""
    address = urlsplit(page.url)
    if not page.url.startswith(base_url):
        page.goto(base_url)
    elif address.fragment:
        page.goto(address._replace(fragment="").geturl())
    else:
        page.evaluate("() => { window.scrollTo(0, 0); document.activeElement.blur(); }")
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
    # The principles: not the vocabulary (_synonyms.yml), which exists to hold reps' words, nor the
    # contributor guide, which quotes it.
    sources = list((ROOT / "principles").glob("[!_]*.yml"))
    return " ".join(path.read_text(encoding="utf-8") for path in sources).lower()


def test_the_query_suite_has_enough_rep_words() -> None:
    assert len(REP_QUERIES) >= 15
    assert len(WORDS_NOWHERE) >= 5
    text = playbook_text()
    queries = {query for query, _ in REP_QUERIES}
    for query, word in WORDS_NOWHERE.items():
        assert query in queries
        assert word in query.lower().split() and word not in text, word


@pytest.mark.parametrize(("query", "principle_id"), REP_QUERIES)
def test_a_rep_query_finds_the_principle_first_and_lands_on_its_answer(
    searcher: Page, base_url: str, query: str, principle_id: str
) -> None:
    links = search(searcher, base_url, query)
    found = paths(links)
    assert found[0] == f"/principles/{principle_id}/", found
    assert len(found) == len(set(found)), "one result per page"
    first_other = next((index for index, path in enumerate(found) if "/principles/" not in path), len(found))
    assert all("/principles/" not in path for path in found[first_other:]), "a principle below a page"
    expect(links.first).to_contain_text("Say instead:")
    searcher.keyboard.press("Enter")
    searcher.wait_for_url(re.compile(rf"/principles/{principle_id}/#good-response$"))
    expect(searcher.locator("[id='good-response']")).to_be_in_viewport()


def test_shields_matches_no_other_principle_and_no_link_list(searcher: Page, base_url: str) -> None:
    # Previous / next, Related, Referenced by, tag chips and source lines are not indexed: the
    # other principles link to Lower your shields, yet none of them matches.
    found = paths(search(searcher, base_url, "shields"))
    assert [path for path in found if path.startswith("/principles/")] == ["/principles/lower-your-shields/"]
    assert found[0] == "/principles/lower-your-shields/"


def assert_search_finds_a_principle(page: Page, base_url: str) -> None:
    """The positive control of a test that a query finds no principle: in the same window, a query that
    does find one, so that "none found" cannot mean "search finds nothing at all"."""
    assert paths(search(page, base_url, "angry customer"))[:1] == ["/principles/lower-your-shields/"]


@pytest.mark.parametrize("query", ["enablement", "previous", "Edit this page"])  # owner: Sales enablement
def test_navigation_around_a_principle_is_not_indexed(searcher: Page, base_url: str, query: str) -> None:
    assert not [path for path in paths(search(searcher, base_url, query)) if path.startswith("/principles/")]
    assert_search_finds_a_principle(searcher, base_url)


def test_the_contributor_guide_stays_searchable(searcher: Page, base_url: str) -> None:
    # Below every principle, but found: "validate" is a word only the guide and the home page use.
    found = paths(search(searcher, base_url, "validate"))
    assert found[0] == "/contributing/"


def test_a_query_with_no_matching_word_returns_nothing(searcher: Page, base_url: str) -> None:
    links = search(searcher, base_url, "xyzzy qwertyuiop")
    expect(links).to_have_count(0)
    expect(searcher.locator(".md-search-result__meta")).to_have_text("No matching documents")
    assert_search_finds_a_principle(searcher, base_url)


def test_search_works_by_keyboard_and_loads_nothing_from_other_hosts(desktop: Page, base_url: str) -> None:
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
            assert set(markup) <= {"li", "a", "article", "div", "p", "span", "mark"}, markup
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


def test_a_principle_result_shows_the_line_it_matched_and_what_to_say_instead(
    searcher: Page, base_url: str
) -> None:
    first = search(searcher, base_url, "we cannot afford it").first
    expect(first.locator(".playbook-search-title")).to_contain_text("Guide, don")
    expect(first.locator(".playbook-search-heard")).to_have_text(
        re.compile(r"^.We can.t afford it this quarter\..$")
    )
    say = first.locator(".playbook-search-say")
    expect(say).to_have_text(
        re.compile(r"^Say instead: .That makes sense\. What will the budget review need")
    )
    assert len(say.inner_text()) <= len("Say instead: ") + 201


def test_a_query_matching_no_line_shows_the_summary(searcher: Page, base_url: str) -> None:
    first = search(searcher, base_url, "Guide, don't get").first
    expect(first.locator(".playbook-search-heard")).to_have_count(0)
    expect(first.locator(".playbook-search-summary")).to_contain_text(
        "Don\u2019t look for ways to get customers to act"
    )
    expect(first).to_contain_text("Say instead:")


def test_sections_of_one_principle_never_compete(searcher: Page, base_url: str) -> None:
    # "budget" is in its lines, situation and both responses: still one result, to its answer.
    found = paths(search(searcher, base_url, "budget review"))
    assert found.count("/principles/guide-dont-get/") == 1
    assert len(found) == len(set(found))


@pytest.mark.parametrize(
    ("query", "bare"),
    [
        ("what do I say when the customer says it\u2019s too expensive", "too expensive"),
        ("how do I handle they said we\u2019re wrong", "we're wrong"),
        ("what if the client says just send me a quote", "just send me a quote"),
    ],
)
def test_filler_words_change_nothing(searcher: Page, base_url: str, query: str, bare: str) -> None:
    """What a rep types around the customer's words ranks nothing: the results are those of the words."""
    plain = search(searcher, base_url, bare)
    expected = (paths(plain), plain.first.inner_text())
    padded = search(searcher, base_url, query)
    assert (paths(padded), padded.first.inner_text()) == expected


VOCABULARY = {"groups": [["angry", "irate"], ["taking our business elsewhere", "bail"]], "used": [1, 1]}
"""Words appearing nowhere in the playbook ("irate", "bail"), in groups with the playbook's own, listed
first and counted in `used` as the plugin publishes them (search widens only to those)."""


@pytest.fixture(scope="module")
def vocabulary_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The built site with a vocabulary of our own in search-vocabulary.json, served."""
    copy = tmp_path_factory.mktemp("vocabulary") / "site"
    shutil.copytree(site, copy)
    (copy / "search-vocabulary.json").write_text(json.dumps(VOCABULARY), encoding="utf-8")
    with serve(copy) as url:
        yield url


def test_a_word_of_the_vocabulary_finds_its_groups_principle(searcher: Page, vocabulary_url: str) -> None:
    assert "irate" not in playbook_text() and "bail" not in playbook_text()
    found = paths(search(searcher, vocabulary_url, "irate"))
    assert found[:1] == ["/principles/lower-your-shields/"], found


def test_a_phrase_of_the_vocabulary_matches_as_a_phrase(searcher: Page, vocabulary_url: str) -> None:
    links = search(searcher, vocabulary_url, "they might bail")
    assert paths(links)[:1] == ["/principles/lower-your-shields/"]
    expect(links.first.locator(".playbook-search-heard")).to_contain_text("taking our business elsewhere")


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
@pytest.mark.parametrize("how", ["Enter", "tap"])
def test_a_principle_result_lands_on_the_good_response_with_the_bad_one_above(
    browser: Browser, base_url: str, width: int, height: int, how: str
) -> None:
    phone = width < 960
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=phone, has_touch=phone
    )
    page = context.new_page()
    try:
        links = search(page, base_url, "too expensive")
        if how == "Enter":
            page.keyboard.press("Enter")
        else:
            links.first.tap() if phone else links.first.click()
        page.wait_for_url(re.compile(r"/principles/guide-dont-get/#good-response$"))
        good = page.locator("[id='good-response']")
        expect(good).to_be_in_viewport()
        place = page.evaluate(
            """() => ({
                header: document.querySelector("header.md-header").getBoundingClientRect().bottom,
                good: document.getElementById("good-response").getBoundingClientRect().top,
                bad: document.querySelector(".playbook-response--bad").getBoundingClientRect().top,
            })"""
        )
        assert place["header"] <= place["good"] < height / 4, place  # right under the header
        assert place["bad"] < 0, place  # the bad response starts above the screen
    finally:
        context.close()


def test_a_query_of_common_words_only_still_finds_pages(searcher: Page, base_url: str) -> None:
    # "customer" ranks nothing next to other words (every principle has one), but alone it still searches.
    found = paths(search(searcher, base_url, "the customer"))
    assert found and found[0].startswith("/principles/"), found
