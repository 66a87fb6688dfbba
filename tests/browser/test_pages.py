"""Every generated page, opened in Chromium: no console error, no failed request, readable layout."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from playbook.core.formats.loader import load_principles

from support import ROOT, principle_count

PRINCIPLES = load_principles(ROOT / "principles", root=ROOT)
TAGS = sorted({tag for principle in PRINCIPLES for tag in principle.tags})
SITE_PAGES = [
    "",
    "principles/",
    "tags/",
    "do-dont/",
    "customer-says/",
    "paths/",
    "paths/first-week/",
    "practice/",
    "practice/role-play/",
    "contributing/",
    *(f"principles/{principle.id}/" for principle in PRINCIPLES),
    *(f"tags/{tag}/" for tag in TAGS),
]


def test_every_page_is_in_the_built_site(site: Path) -> None:
    built = {
        path.parent.relative_to(site).as_posix() + "/"
        for path in site.rglob("index.html")
        if path.parent != site and not path.parent.name.startswith("search")
    }
    assert built == {url for url in SITE_PAGES if url}


@pytest.mark.parametrize("url", SITE_PAGES)
def test_page_loads_without_console_errors_or_failed_requests(
    shared_desktop: Page, base_url: str, url: str
) -> None:
    """conftest.browser_problems fails it on a console error or a failed request."""
    desktop = shared_desktop
    desktop.goto(base_url + url)  # "load": every stylesheet, script and image the page names is in
    expect(desktop.locator("article h1")).to_be_visible()
    # A headless browser shows no tab, so it never asks for the favicon: the page asks for it instead.
    favicon = desktop.evaluate(
        """async () => {
            const response = await fetch(document.querySelector("link[rel~='icon']").href);
            return [response.status, response.headers.get("content-type")];
        }"""
    )
    assert favicon == [200, "image/png"]


def response_boxes(page: Page) -> tuple[dict, dict]:
    bad = page.locator(".playbook-response--bad").bounding_box()
    good = page.locator(".playbook-response--good").bounding_box()
    assert bad is not None and good is not None
    return bad, good


def test_responses_sit_side_by_side_on_a_desktop(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + f"principles/{PRINCIPLES[0].id}/")
    bad, good = response_boxes(desktop)
    assert good["x"] >= bad["x"] + bad["width"]  # good to the right of bad
    assert abs(good["y"] - bad["y"]) < 2  # on the same row


def test_responses_stack_at_phone_width(phone: Page, base_url: str) -> None:
    phone.goto(base_url + f"principles/{PRINCIPLES[0].id}/")
    bad, good = response_boxes(phone)
    assert good["y"] >= bad["y"] + bad["height"]  # good below bad
    assert abs(good["x"] - bad["x"]) < 2
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling


def pdf_pages(page: Page) -> int:
    return len(PdfReader(io.BytesIO(page.pdf(format="A4", print_background=True))).pages)


def test_the_do_dont_page_prints_on_one_a4_page(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "do-dont/")
    assert desktop.locator(".playbook-do-dont tbody tr").count() == len(PRINCIPLES) == principle_count()
    assert pdf_pages(desktop) == 1


def test_print_hides_the_site_chrome_and_shows_link_targets(desktop: Page, base_url: str) -> None:
    principle = next(p for p in PRINCIPLES if p.source.url)
    desktop.goto(base_url + f"principles/{principle.id}/")
    desktop.emulate_media(media="print")
    for chrome in [
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".md-search",
    ]:
        expect(desktop.locator(chrome).first).to_be_hidden()
    after = desktop.locator(".playbook-source a[href^='http']").evaluate(
        "link => getComputedStyle(link, '::after').content"
    )
    assert principle.source.url in after
    assert (
        desktop.locator(".playbook-response").first.evaluate(
            "element => getComputedStyle(element).breakInside"
        )
        == "avoid"
    )
    assert pdf_pages(desktop) <= 3
