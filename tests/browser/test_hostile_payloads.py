"""A principle carrying every HTML and script payload, opened in Chromium: nothing runs, text stays text."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from playbook.core.site.theme_text import typographic_quotes

from support import serve

UNSAFE_ELEMENTS = """() => [...document.querySelectorAll("article, article *")].filter(element =>
    ["SCRIPT", "IFRAME", "OBJECT", "EMBED"].includes(element.tagName.toUpperCase())
    || [...element.attributes].some(attribute => attribute.name.startsWith("on"))
    || /^\\s*(javascript|data|vbscript):/i.test(element.getAttribute("href") || element.getAttribute("src") || "")
).map(element => element.outerHTML.slice(0, 120))"""
PAGES = [
    "principles/html-payloads/",
    "principles/",
    "tags/listening/",
    "do-dont/",
    "customer-says/",
    "practice/",
    "practice/role-play/",
    "hostile/",
]


def test_no_payload_runs_and_contributor_text_is_shown_as_text(payload_site: Path, desktop: Page) -> None:
    """The payloads in principles/html-payloads.yml and docs/hostile.md (conftest.payload_site)."""
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(payload_site) as base_url:
        for url in PAGES:
            desktop.goto(base_url + url)
            article = desktop.locator("article")
            article.hover()
            for link in desktop.locator("article a:not([href]):visible").all():
                link.click(timeout=2000)  # a neutralised link: clicking it must do nothing
            assert desktop.evaluate(UNSAFE_ELEMENTS) == [], url

        desktop.goto(base_url + "principles/html-payloads/")
        text = desktop.locator("article").inner_text()
        for shown in [
            "<img src=x onerror=alert('title')> Listen",
            "\"><script>alert('summary')</script>",
            "Before <script>alert('story')</script> after.",
            "<svg onload=alert('svg')></svg>",
            "<b onclick=\"alert('click')\">bold handler</b>",
            "<svg onload=alert('takeaway')>",
            "<a href='javascript:alert(1)'>raw link</a>",
            "<script>alert('customer')</script> It's too expensive.",
        ]:
            assert typographic_quotes(shown) in text  # quotes typographic, as in all page text
        assert (  # a script address is refused at input (text_addresses.py); a web address stays
            desktop.locator("article .playbook-response--bad a", has_text="Click me").get_attribute("href")
            == "https://example.com/click"
        )
        assert desktop.evaluate(UNSAFE_ELEMENTS) == []
        desktop.goto(base_url + "customer-says/")
        assert (
            typographic_quotes("<script>alert('customer')</script> It's too expensive.")
            in desktop.locator("article").inner_text()
        )
    assert dialogs == []
