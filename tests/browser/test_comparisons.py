"""Comparison pages, indexes and the contributor guide in real Chromium at phone and tablet widths,
and the Do / Don't sheet in print: nothing scrolls sideways, nothing is cut off, Don't and Do are
marked by a label and an icon as well as colour."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader

from playbook.core.formats.loader import load_principles
from playbook.core.formats.tag_vocabulary import read_tag_vocabulary

from support import ROOT, principle_count

PRINCIPLES = load_principles(ROOT / "principles", root=ROOT)
VOCABULARY = read_tag_vocabulary(ROOT / "principles", ROOT)[0]
TAG = "trust"
TAGGED = [principle for principle in PRINCIPLES if TAG in principle.tags]
PAGES = ["do-dont/", f"tags/{TAG}/", "contributing/", "tags/", "principles/"]
WIDTHS = [320, 390, 768]
CARD_WIDTH = 719  # below 720 px rows are cards

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const cut = [];
  let measured = 0;
  for (const element of document.querySelectorAll('article td, article th, article p, article li, article pre')) {
    const box = element.getBoundingClientRect();
    if (box.width > 0) measured += 1;
    if (box.width > 0 && (box.left < -0.5 || box.right > width + 0.5)) cut.push(element.textContent.slice(0, 40));
  }
  // A table that scrolls inside its wrapper hides its right-hand cells until the reader scrolls it.
  const scrolled = [...document.querySelectorAll('article .md-typeset__scrollwrap, article table')]
    .filter(element => element.scrollWidth > element.clientWidth + 1)
    .map(element => element.className || element.tagName);
  return {scrollWidth: document.documentElement.scrollWidth, width, measured, cut, scrolled};
}"""


@pytest.fixture(scope="module", params=WIDTHS, ids=[f"{width}px" for width in WIDTHS])
def narrow(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    """One window per width for the module: the tests only open pages and measure them."""
    context = browser.new_context(viewport={"width": request.param, "height": 844}, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", PAGES)
def test_nothing_scrolls_sideways_and_no_cell_is_cut_off(narrow: Page, base_url: str, url: str) -> None:
    narrow.goto(base_url + url)
    found = narrow.evaluate(OVERFLOW)
    assert found["measured"] > 0  # "nothing cut off" is about elements that are there
    assert found["scrollWidth"] <= found["width"]
    assert found["cut"] == []
    assert found["scrolled"] == []


def card_parts(page: Page) -> list[list[str]]:
    """The visible label of every part of every row, in order."""
    return page.locator("article .playbook-comparison tbody tr").evaluate_all(
        """rows => rows.map(row => [...row.querySelectorAll('td')].map(cell => {
             const label = cell.querySelector('.playbook-cell-label');
             return label && label.offsetParent !== null ? label.textContent : '';
           }))"""
    )


@pytest.mark.parametrize(
    ("url", "count", "why"), [("do-dont/", principle_count(), True), (f"tags/{TAG}/", len(TAGGED), False)]
)
def test_rows_become_labelled_cards_below_720_px(
    narrow: Page, base_url: str, url: str, count: int, why: bool
) -> None:
    narrow.goto(base_url + url)
    width = narrow.viewport_size["width"]
    rows = narrow.locator("article .playbook-comparison tbody tr")
    assert rows.count() == count > 0
    header = narrow.locator("article .playbook-comparison thead")
    parts = ["", "Situation", "Don\u2019t say", "Say instead", *(["Why it works"] if why else [])]
    if width <= CARD_WIDTH:
        assert header.is_hidden()
        assert card_parts(narrow) == [parts] * count
        boxes = [rows.nth(index).bounding_box() for index in range(count)]
        for above, below in itertools.pairwise(boxes):
            assert below["y"] >= above["y"] + above["height"]  # one card under the other
        cells = rows.first.locator("td")
        assert len({round(cells.nth(index).bounding_box()["x"]) for index in range(cells.count())}) <= 2
    else:
        assert header.is_visible()
        assert card_parts(narrow) == [[""] * len(parts)] * count
        assert narrow.locator("article .playbook-comparison thead th").all_inner_texts() == [
            "Principle",
            "Situation",
            "Don\u2019t say",
            "Say instead",
            *(["Why it works"] if why else []),
        ]


MARK_STYLE = """mark => {
  const icon = getComputedStyle(mark, '::before');
  return {
    text: mark.textContent, color: getComputedStyle(mark).color, display: icon.display,
    width: parseFloat(icon.width), mask: icon.maskImage || icon.webkitMaskImage,
    background: icon.backgroundColor, printColorAdjust: icon.printColorAdjust,
  };
}"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_dont_and_do_carry_a_label_and_an_icon(desktop: Page, base_url: str, media: str) -> None:
    desktop.goto(base_url + "do-dont/")
    desktop.emulate_media(media=media)
    dont, do = (
        desktop.locator(f"article thead .playbook-mark--{kind}").evaluate(MARK_STYLE)
        for kind in ("dont", "do")
    )
    assert (dont["text"], do["text"]) == ("Don\u2019t say", "Say instead")
    for mark in (dont, do):
        assert mark["display"] == "inline-block" and mark["width"] >= 10
        assert "svg" in mark["mask"]
        assert mark["background"] == mark["color"]  # the icon is drawn in the label's colour
        assert mark["printColorAdjust"] == "exact"  # and printed even without background graphics
    assert dont["mask"] != do["mask"] and dont["color"] != do["color"]


def printed_sizes(pdf: bytes) -> list[float]:
    """The size in points of every piece of text as printed: its font size scaled by the text and
    page transforms, so a sheet Chromium shrinks to fit the paper shows as smaller."""
    sizes: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes.append(size * math.hypot(tm[0], tm[1]) * math.hypot(cm[0], cm[1]))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_the_do_dont_sheet_prints_on_one_a4_page_in_8_pt_or_larger(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "do-dont/")
    pdf = desktop.pdf(format="A4", print_background=False)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    sizes = printed_sizes(pdf)
    assert len(sizes) > 100 and min(sizes) >= 7.98  # 8 pt, as measured on paper (to rounding)
    desktop.emulate_media(media="print")
    sizes = desktop.locator("article .playbook-do-dont td, article .playbook-do-dont th").evaluate_all(
        "cells => cells.map(cell => parseFloat(getComputedStyle(cell).fontSize))"
    )
    assert len(sizes) == 6 * 5 and min(sizes) >= 8 * 96 / 72  # 8 pt in CSS pixels
    assert desktop.locator("article .playbook-do-dont thead").is_visible()
    assert desktop.locator("article .playbook-do-dont .playbook-cell-label").first.is_hidden()


def test_do_dont_uses_the_width_of_a_laptop_in_readable_text(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "do-dont/")
    table = desktop.locator("article .playbook-do-dont table")
    assert table.bounding_box()["width"] > 900  # of 1280: no empty third on the right
    expect(desktop.locator(".md-sidebar--secondary")).to_be_hidden()
    sizes = table.locator("td, th").evaluate_all(
        "cells => cells.map(cell => parseFloat(getComputedStyle(cell).fontSize))"
    )
    assert min(sizes) >= 15


def test_the_field_reference_keeps_field_names_whole_on_a_phone(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "contributing/")
    names = phone.locator("article .playbook-field-reference tbody td:first-child code")
    assert names.count() >= 15
    lines = names.evaluate_all("codes => codes.map(code => [code.textContent, code.getClientRects().length])")
    assert [name for name, rects in lines if rects != 1] == []  # one line box each: no break inside


def test_code_blocks_scroll_inside_themselves_and_take_keyboard_focus(phone: Page, base_url: str) -> None:
    phone.goto(base_url + "contributing/")
    blocks = phone.locator("article pre > code").evaluate_all(
        """codes => codes.map(code => ({
             scrolls: code.scrollWidth > code.clientWidth, overflow: getComputedStyle(code).overflowX,
             focusable: code.tabIndex >= 0,
             inside: code.getBoundingClientRect().right <= document.documentElement.clientWidth,
           }))"""
    )
    assert any(block["scrolls"] for block in blocks)  # the problem lines are longer than a phone
    for block in blocks:
        assert block["inside"]
        if block["scrolls"]:
            assert block["overflow"] == "auto" and block["focusable"]


def test_tag_chips_are_at_least_24_px_square_and_show_labels(phone: Page, base_url: str) -> None:
    principle = PRINCIPLES[0]
    phone.goto(base_url + f"principles/{principle.id}/")
    chips = phone.locator("article .playbook-tags a")
    assert chips.all_inner_texts() == [VOCABULARY[tag].label for tag in principle.tags]
    for index in range(chips.count()):
        box = chips.nth(index).bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


def test_a_card_below_a_phones_screen_is_laid_out_only_when_it_comes_near(
    browser: Browser, base_url: str
) -> None:
    """content-visibility: auto on each card (comparisons.css): the last card of Do / Don't is skipped
    until it is scrolled to, so a long tag page costs a phone no layout for the cards it does not show."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(base_url + "do-dont/")
    shown = "row => row.firstElementChild.checkVisibility({contentVisibilityAuto: true})"
    rows = phone.locator(".playbook-cards tbody tr")
    assert rows.first.evaluate(shown) is True
    assert rows.last.evaluate(shown) is False
    rows.last.scroll_into_view_if_needed()
    phone.wait_for_function(
        "() => document.querySelector('.playbook-cards tbody tr:last-child td')"
        ".checkVisibility({contentVisibilityAuto: true})"
    )
    context.close()
