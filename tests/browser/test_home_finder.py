"""The home page's finder on a phone (390x844), as a rep uses it mid-call: the field and the common
lines on the first screen, typing there opens the header's search with its results, a tap on a line
lands on the good response; and /customer-says/ by objection family with its A to Z index."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import Page, expect
from test_search import wait_for_results

SCREEN = {"width": 390, "height": 844}
TAP = 44
"""The least height of a tap target on a phone, in CSS pixels."""


def open_home(phone: Page, base_url: str) -> None:
    """The home page, loaded (its deferred scripts have run). Its address names no section, so Material
    has no close of the search box pending (test_search.search) and nothing needs waiting for."""
    assert phone.viewport_size == SCREEN
    phone.goto(base_url)
    assert urlsplit(phone.url).fragment == ""
    assert phone.evaluate("window.scrollY") == 0


def on_first_screen(phone: Page, selector: str) -> list[dict]:
    """The boxes of the visible elements matching `selector` that lie wholly on the first screen."""
    boxes = [box for box in (element.bounding_box() for element in phone.locator(selector).all()) if box]
    return [
        box
        for box in boxes
        if box["y"] >= 0 and box["y"] + box["height"] <= SCREEN["height"] and box["height"] > 0
    ]


def test_the_field_and_six_lines_are_on_the_first_screen_and_easy_to_tap(phone: Page, base_url: str) -> None:
    open_home(phone, base_url)
    field = phone.locator("article .playbook-finder__field")
    expect(field).to_be_visible()
    [field_box] = on_first_screen(phone, "article .playbook-finder__field")
    assert field_box["height"] >= TAP
    expect(phone.get_by_label("What did the customer say?")).to_have_count(1)
    lines = on_first_screen(phone, "article .playbook-finder__family li a")
    assert len(lines) >= 6
    assert all(box["height"] >= TAP for box in lines)
    assert all(
        box["height"] >= TAP for box in on_first_screen(phone, "article .playbook-finder__family li a")
    )
    # Grouped: a family's label above its lines.
    expect(phone.locator("article .playbook-finder__family h2").first).to_be_in_viewport()


def test_typing_in_the_finder_shows_the_results_in_the_header_search(phone: Page, base_url: str) -> None:
    open_home(phone, base_url)
    phone.locator("article .playbook-finder__field").click()
    phone.keyboard.type("too expensive")
    expect(phone.locator("#__search")).to_be_checked()  # the header's search is open
    header = phone.locator("header.md-header input.md-search__input")
    expect(header).to_be_focused()
    expect(header).to_have_value("too expensive")
    wait_for_results(phone, "too expensive")
    first = phone.locator(".md-search-result__link").first
    expect(first).to_be_visible()
    assert "/principles/guide-dont-get/" in (first.get_attribute("href") or "")


def test_a_tap_on_a_line_lands_on_its_good_response(phone: Page, base_url: str) -> None:
    open_home(phone, base_url)
    line = phone.locator("article .playbook-finder__family li a").first
    href = line.get_attribute("href") or ""
    assert href.endswith("/#good-response")
    line.click()
    phone.wait_for_url(f"**/{href}")
    expect(phone.locator("#good-response")).to_be_in_viewport()


def test_customer_says_shows_the_families_and_the_a_to_z_index(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "customer-says/")
    families = phone.locator("article h2[id^='tag-']")
    assert families.count() >= 3
    expect(families.first).to_be_visible()
    jump = phone.locator("article .playbook-customer-families a", has_text="A to Z")
    box = jump.bounding_box()
    assert box is not None and box["height"] >= TAP
    jump.click()
    phone.wait_for_url("**/customer-says/#a-to-z")
    expect(phone.locator("#a-to-z")).to_be_in_viewport()
    expect(phone.locator("article .playbook-customer-lines li").first).to_be_visible()
