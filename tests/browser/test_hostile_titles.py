"""Titles and descriptions the theme writes outside the article, opened in Chromium: text, never markup.

Material writes a page's title raw in the header, nav and footer, through `striptags` into <title>,
and its description raw into <meta content>. Hostile principle titles and summaries, and a hostile
docs page front matter, must show there as harmless text (see playbook/theme_values.py) while the
article's own heading shows what was written (with typographic quotes, as every page text).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from playbook.core.site.theme_text import typographic_quotes
from playbook.mkdocs.theme_values import theme_text

from in_process import mkdocs_build, run_script_main
from support import principle_text
from support import serve as serve_static

PAYLOADS = {
    "tag": "</title><img src=x onerror=alert(1)>",
    "entity": "&lt;img src=x onerror=alert(2)&gt;",
    "double": '" onmouseover="alert(3)',
    "single": "' autofocus onfocus='alert(4)",
}
SHOWN_IN_ARTICLE = {  # what a reader sees in the article: Markdown shows an entity as its character
    "tag": "</title><img src=x onerror=alert(1)>",
    "entity": "<img src=x onerror=alert(2)>",
    "double": '" onmouseover="alert(3)',
    "single": "' autofocus onfocus='alert(4)",
}
HEADINGS = {name: f"Section {name} {payload.replace('<', '&lt;')}" for name, payload in PAYLOADS.items()}
"""Docs page headings, for the toc (raw HTML in a docs page is cleaned by nh3, tested elsewhere)."""
DOCS_TITLE = "Docs " + " ".join(PAYLOADS.values())
DOCS_DESCRIPTION = "About " + " ".join(PAYLOADS.values())
DOCS_PAGE = f"""---
title: {json.dumps(DOCS_TITLE)}
description: {json.dumps(DOCS_DESCRIPTION)}
---

# Docs page heading

{"".join(f"## {heading}{chr(10)}{chr(10)}Text.{chr(10)}{chr(10)}" for heading in HEADINGS.values())}
"""
ON_ATTRIBUTES = """() => [...document.querySelectorAll("*")]
    .filter(element => [...element.attributes].some(attribute => attribute.name.toLowerCase().startsWith("on")))
    .map(element => element.outerHTML.slice(0, 120))"""
SITE_NAME = "Sales Playbook"


def principle_title(name: str) -> str:
    return f"Theme {name} {PAYLOADS[name]}"


def principle_summary(name: str) -> str:
    return f"Summary {name} {PAYLOADS[name]}"


def write_hostile_sources(project: Path) -> None:
    """A principle per payload and a docs page carrying all of them, every one of them in the nav,
    with Material's prev/next footer on."""
    for name in PAYLOADS:
        text = principle_text(
            f"theme-{name}",
            **{
                "title: Listen before you answer": f"title: {json.dumps(principle_title(name))}",
                "summary: Let the customer finish before you reply.": f"summary: {json.dumps(principle_summary(name))}",
            },
        )
        (project / "principles" / f"theme-{name}.yml").write_text(text)
    (project / "docs" / "theme-values.md").write_text(DOCS_PAGE)
    config = project / "mkdocs.yml"
    extra_nav = "".join(f"  - principles/theme-{name}.md\n" for name in PAYLOADS)
    settings = config.read_text()
    settings = settings.replace(
        "  - Contributing: contributing.md\n",
        f"  - Contributing: contributing.md\n  - theme-values.md\n{extra_nav}",
    )
    settings = settings.replace(
        "    - content.action.edit\n", "    - content.action.edit\n    - navigation.footer\n"
    )
    config.write_text(settings)
    assert run_script_main("update_published.py", cwd=project).returncode == 0


@pytest.fixture
def hostile_site(project: Path) -> Iterator[str]:
    write_hostile_sources(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve_static(project / "site") as base_url:
        yield base_url


def pages() -> list[tuple[str, str, str, str]]:
    """(url, title as written, description as written, article heading as shown)."""
    found = [
        (f"principles/theme-{name}/", principle_title(name), principle_summary(name), f"Theme {name} {shown}")
        for name, shown in SHOWN_IN_ARTICLE.items()
    ]
    return [*found, ("theme-values/", DOCS_TITLE, DOCS_DESCRIPTION, "Docs page heading")]


def assert_theme_values_are_text(desktop: Page, url: str, title: str, description: str, heading: str) -> None:
    assert desktop.evaluate(ON_ATTRIBUTES) == [], url
    assert desktop.title() == f"{theme_text(title)} - {SITE_NAME}"
    description_content = desktop.locator('meta[name="description"]').get_attribute("content")
    assert description_content == theme_text(description)
    expect(desktop.locator('[data-md-component="header-topic"]')).to_have_text(theme_text(title))
    shown = desktop.locator("article h1").evaluate("h1 => h1.firstChild.textContent")
    assert shown == typographic_quotes(heading)


def test_hostile_titles_and_descriptions_show_as_text_in_every_place(
    hostile_site: str, desktop: Page
) -> None:
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url, title, description, heading in pages():
        desktop.goto(hostile_site + url)
        desktop.locator("body").hover()
        desktop.keyboard.press("Tab")
        assert_theme_values_are_text(desktop, url, title, description, heading)
        nav = desktop.locator(".md-nav--primary").inner_text()
        for _, other_title, _, _ in pages():
            assert theme_text(other_title) in nav, url
        footer = desktop.locator(".md-footer").inner_text()
        assert any(theme_text(other) in footer for _, other, _, _ in pages() if other != title), url

    toc = desktop.locator(
        ".md-sidebar--secondary .md-nav--secondary"
    ).inner_text()  # the docs page, opened last
    for heading in HEADINGS.values():
        assert theme_text(heading) in toc

    desktop.goto(hostile_site)
    desktop.locator("input.md-search__input").click()
    desktop.keyboard.type("onerror")
    hit = desktop.locator(".md-search-result__item", has_text="Theme tag").first
    expect(hit).to_be_visible(timeout=15_000)
    assert "</title><img src=x onerror=alert(1)>" in hit.locator(".playbook-search-title").inner_text()
    assert desktop.evaluate(ON_ATTRIBUTES) == []
    assert dialogs == []


def test_mkdocs_serve_hands_the_theme_the_same_text(project: Path, serve, desktop: Page) -> None:
    write_hostile_sources(project)
    server = serve()
    server.wait_for("the hostile page", lambda: server.get("theme-values/")[0] == 200)
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for url, title, description, heading in pages():
        status, served = server.get(url)
        head = served.split("</head>", 1)[0]
        assert status == 200 and "<img" not in head and 'content="' + theme_text(description) + '"' in head
        desktop.goto(server.url + url, wait_until="load")
        assert_theme_values_are_text(desktop, url, title, description, heading)
    assert dialogs == []
