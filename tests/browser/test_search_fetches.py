"""What one search fetches, counted in Chromium: keys typed before a pause in typing search nothing,
and result data (Pagefind's fragments) is loaded only for the results shown (assets/search.js, issue
20: at most 300 KB a search at 5,000 principles, measured by scripts/bench.py --search-bytes). The
page's clock is Playwright's, moved on by the test: no test here waits on real time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, Request

from support import PHONE

PAUSE_MS = 300  # search.js PAUSE: a search starts once typing pauses this long
SHOWN = 6  # search.js SHOWN: the results a search shows, and loads the data of


@pytest.fixture
def phone_with_clock(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(**PHONE)  # a new context: nothing cached
    page = context.new_page()
    page.clock.install()
    yield page
    context.close()


def fragment_requests(page: Page) -> list[str]:
    requests: list[str] = []

    def record(request: Request) -> None:
        if "/pagefind/fragment/" in request.url:
            requests.append(request.url)

    page.on("request", record)
    return requests


def type_and_pause(page: Page, base_url: str, query: str) -> list[str]:
    """Open the phone's search, type `query` key by key, check that no result data was fetched while
    typing, then let the pause pass and wait for the results; returns the fragments fetched."""
    page.goto(base_url)
    page.locator("label.md-header__button[for='__search']").click()
    fetched = fragment_requests(page)
    page.keyboard.type(query)
    assert fetched == [], "keys typed before a pause fetched result data"
    page.clock.run_for(PAUSE_MS + 1)
    page.wait_for_function(
        "query => document.querySelector('.md-search-result').dataset.query === query", arg=query
    )
    return fetched


def shown(page: Page) -> int:
    return page.locator(".md-search-result__list > li").count()


def test_typing_fetches_result_data_only_for_the_results_shown(phone_with_clock: Page, base_url: str) -> None:
    fetched = type_and_pause(phone_with_clock, base_url, "angry customer yelling")
    assert 0 < shown(phone_with_clock) <= SHOWN
    assert len(fetched) == len(set(fetched)) == shown(phone_with_clock)


def test_a_search_finding_more_than_it_shows_loads_only_those_shown(
    phone_with_clock: Page, base_url: str
) -> None:
    # Words every page holds: more pages are found than shown.
    fetched = type_and_pause(phone_with_clock, base_url, "the customer")
    count = phone_with_clock.locator(".md-search-result__meta").inner_text()
    assert shown(phone_with_clock) == SHOWN and str(SHOWN) not in count.split()[0], count
    assert len(set(fetched)) == SHOWN
