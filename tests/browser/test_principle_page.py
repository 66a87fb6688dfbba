"""A principle page at the moment of the call, in Chromium: the answer on the first screens, a jump
bar and copy-link buttons on phones, and a print that keeps each response whole."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from playbook.core.formats.loader import load_principles
from playbook.core.site.theme_text import typographic_quotes

from support import ROOT

PRINCIPLES = load_principles(ROOT / "principles", root=ROOT)
TOP_OF = "id => document.getElementById(id).getBoundingClientRect().top + window.scrollY"


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


@pytest.fixture
def touch_phone(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, device_scale_factor=2
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("principle", PRINCIPLES, ids=lambda principle: principle.id)
def test_the_good_response_starts_on_the_second_phone_screen_at_the_latest(
    phone: Page, base_url: str, principle
) -> None:
    phone.goto(base_url + f"principles/{principle.id}/")
    assert phone.evaluate(TOP_OF, "good-response") < 1300
    expect(phone.locator(".playbook-jump")).to_be_visible()
    for link in phone.locator(".playbook-jump a").all():
        assert phone.locator(link.get_attribute("href")).count() == 1
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.parametrize("principle", PRINCIPLES, ids=lambda principle: principle.id)
def test_both_responses_start_on_the_first_desktop_screen(laptop: Page, base_url: str, principle) -> None:
    laptop.goto(base_url + f"principles/{principle.id}/")
    for box in laptop.locator(".playbook-response").all():
        assert box.bounding_box()["y"] < 800
    assert laptop.evaluate(TOP_OF, "good-response") < 800
    expect(laptop.locator(".playbook-jump")).to_be_hidden()  # the table of contents is shown here


def test_the_jump_bar_leads_to_the_good_response(touch_phone: Page, base_url: str) -> None:
    touch_phone.goto(base_url + "principles/lower-your-shields/")
    touch_phone.locator(".playbook-jump a", has_text="Say instead").tap()
    expect(touch_phone).to_have_url(base_url + "principles/lower-your-shields/#good-response")
    expect(touch_phone.locator("#good-response")).to_be_in_viewport()


def test_a_tap_on_the_copy_button_copies_the_section_address(touch_phone: Page, base_url: str) -> None:
    touch_phone.goto(base_url + "principles/lower-your-shields/")
    buttons = touch_phone.locator("article h2[id] .playbook-copy-link")
    assert buttons.count() == touch_phone.locator("article h2[id]").count() >= 6
    button = touch_phone.locator("#good-response .playbook-copy-link")
    expect(button).to_have_accessible_name("Copy link to The good response")
    box = button.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24  # WCAG 2.2 target size
    button.tap()
    status = touch_phone.get_by_role("status").and_(touch_phone.locator(".playbook-copy-status"))
    expect(status).to_have_text("Link copied")
    address = base_url + "principles/lower-your-shields/#good-response"
    assert touch_phone.evaluate("navigator.clipboard.readText()") == address
    # By keyboard too: focus the situation's button and press Enter.
    touch_phone.locator("#situation .playbook-copy-link").focus()
    touch_phone.keyboard.press("Enter")
    expect(status).to_have_text("Link copied")
    assert touch_phone.evaluate("navigator.clipboard.readText()") == address.replace(
        "good-response", "situation"
    )


def test_a_printed_principle_keeps_each_response_whole_and_leaves_out_navigation(
    desktop: Page, base_url: str
) -> None:
    principle = next(principle for principle in PRINCIPLES if principle.related)
    desktop.goto(base_url + f"principles/{principle.id}/")
    pages = [
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(desktop.pdf(format="A4", print_background=True))).pages
    ]
    for heading, why in [("The bad response", "Why it fails:"), ("The good response", "Why it works:")]:
        [start] = [number for number, text in enumerate(pages) if heading in text]
        assert why in pages[start], f"{heading} is split across pages"
    printed = " ".join(pages)
    assert typographic_quotes(principle.title) in printed
    for left_out in ["Related principles", "Referenced by", "Say instead", "Previous and next"]:
        assert left_out not in printed
    desktop.emulate_media(media="print")
    assert desktop.locator("article h1").evaluate("h1 => getComputedStyle(h1).color") == "rgb(0, 0, 0)"
    for hidden in [".playbook-jump", ".playbook-related", ".playbook-tags", ".playbook-pager"]:
        expect(desktop.locator(hidden)).to_be_hidden()


VISIBLE_LINK_ICONS = """heading => [...heading.querySelectorAll('.playbook-copy-link, .headerlink')].filter(icon => {
  const box = icon.getBoundingClientRect(), style = getComputedStyle(icon);
  return box.width > 1 && box.height > 1 && style.visibility !== 'hidden' && parseFloat(style.opacity) > 0;
}).map(icon => icon.className)"""


@pytest.mark.parametrize("width", [390, 1280])
def test_a_target_heading_shows_one_link_icon_and_keeps_its_permalink(
    browser: Browser, base_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.goto(base_url + "principles/lower-your-shields/#good-response")
    heading = page.locator("h2#good-response")
    heading.hover()
    assert heading.evaluate(VISIBLE_LINK_ICONS) == ["playbook-copy-link"]
    # The permalink stays for the keyboard and a screen reader's list of links: it shows when focused.
    permalink = heading.locator(".headerlink")
    assert permalink.get_attribute("href") == "#good-response"
    permalink.focus()
    assert heading.evaluate(VISIBLE_LINK_ICONS) == ["playbook-copy-link", "headerlink"]
    context.close()


TAP_TARGETS = {
    "principles/guide-dont-get/?path=first-week": [
        ".playbook-jump a",
        ".playbook-tags a",
        "h2 .playbook-copy-link",
        ".playbook-pager a",
        ".playbook-path-step.is-current a",
    ],
    "paths/first-week/": [".playbook-path-steps a.playbook-path-step__link"],
}


@pytest.mark.parametrize("url", TAP_TARGETS)
def test_tap_targets_are_44_px_tall_on_a_phone(phone: Page, base_url: str, url: str) -> None:
    phone.goto(base_url + url)
    for selector in TAP_TARGETS[url]:
        targets = phone.locator("article " + selector)
        assert targets.count() >= 1, selector
        heights = targets.evaluate_all("links => links.map(link => link.getBoundingClientRect().height)")
        assert min(heights) >= 44, (selector, heights)
    for selector in {".playbook-jump a", ".playbook-tags a"} & set(TAP_TARGETS[url]):
        sizes = phone.locator("article " + selector).evaluate_all(
            "links => links.map(link => parseFloat(getComputedStyle(link).fontSize))"
        )
        assert min(sizes) >= 15, (selector, sizes)
