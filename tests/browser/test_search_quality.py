"""The fast subset of the search benchmark (tests/search_queries.yml, `fast: true`), typed key by key
into the header search of the built site on a 390x844 phone: the first result is the principle that
answers the rep's moment, and it shows that principle's "Say instead" (the opening of its good
response). The full set runs in scripts/search_eval.py, which this test shares its steps with."""

from __future__ import annotations

import runpy
from collections.abc import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page

from support import PHONE, ROOT

EVAL = runpy.run_path(str(ROOT / "scripts" / "search_eval.py"), run_name="search_eval")
FAST = [query for query in EVAL["load_queries"]() if query.fast]
words = EVAL["words"]


def good_response_opening(principle_id: str, count: int = 6) -> list[str]:
    data = yaml.safe_load((ROOT / "principles" / f"{principle_id}.yml").read_text(encoding="utf-8"))
    return words(data["good_response"]["says"])[:count]


@pytest.fixture(scope="module")
def phone_search(browser: Browser, base_url: str) -> Iterator[Page]:
    """One phone window for the queries below, its header search opened once: each query replaces the
    last one in the box, typed key by key, and waits for the results of its own query."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    EVAL["open_search"](page, base_url)
    yield page
    context.close()


def test_the_fast_subset_is_large_enough() -> None:
    assert len(FAST) >= 20


@pytest.mark.parametrize("query", FAST, ids=[query.text for query in FAST])
def test_a_rep_query_shows_the_answering_principle_first_with_what_to_say(phone_search: Page, query) -> None:
    EVAL["type_query"](phone_search, query.text)
    found = EVAL["result_ids"](phone_search)
    assert found and found[0] in query.expect, f"{query.text!r}: expected {query.expect}, got {found[:3]}"
    first = phone_search.locator(".md-search-result__list > li").first
    text = first.inner_text()
    assert "Say instead" in text, f"{query.text!r}: the first result shows no 'Say instead': {text!r}"
    opening = good_response_opening(found[0])
    shown = " ".join(words(text.split("Say instead", 1)[1]))
    assert " ".join(opening) in shown, f"{query.text!r}: 'Say instead' is not the good response's opening"
