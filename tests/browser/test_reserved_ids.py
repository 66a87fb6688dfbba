"""Titles that would make the theme's or our scripts' ids, opened in Chromium: search and the palette
toggle keep working, with no console error.

Toc's slug of `__Config!` is `__config`: before headings got their ids from addresses.heading_id, a
principle, path or tag titled that way put an `<h1 id="__config">` above Material's own
`<script id="__config">`, and the theme's bundle read its configuration from the heading and threw.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from in_process import mkdocs_build, run_script_main
from support import ROOT, principle_text, serve

TITLES = {"config": "__Config!", "drill-data": "Playbook drill data", "header": "md-header"}
RESERVED_HEADING_IDS = """() => [...document.querySelectorAll("article :is(h1, h2, h3, h4, h5, h6)[id]")]
    .map(heading => heading.id).filter(id => /^(__|playbook-|md-)/i.test(id))"""


def write_titled_sources(project: Path) -> None:
    """A principle, a tag and an onboarding path for each title."""
    with (project / "principles" / "_tags.yml").open("a", encoding="utf-8") as vocabulary:
        for slug, title in TITLES.items():
            vocabulary.write(f"{slug}:\n  label: {json.dumps(title)}\n  description: About {slug}.\n")
    first_week = (ROOT / "principles" / "_paths" / "first-week.yml").read_text()
    for slug, title in TITLES.items():
        text = principle_text(
            f"titled-{slug}",
            **{
                "title: Listen before you answer": f"title: {json.dumps(title)}",
                "tags: [listening]": f"tags: [{slug}]",
            },
        )
        (project / "principles" / f"titled-{slug}.yml").write_text(text)
        path = first_week.replace("id: first-week", f"id: path-{slug}").replace(
            "title: First week", f"title: {json.dumps(title)}"
        )
        (project / "principles" / "_paths" / f"path-{slug}.yml").write_text(path)
    assert run_script_main("update_published.py", cwd=project).returncode == 0


@pytest.fixture
def titled_site(project: Path) -> Iterator[str]:
    write_titled_sources(project)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    with serve(project / "site") as base_url:
        yield base_url


def palette(page: Page) -> str:
    """The palette Material applied: system (auto), light or dark."""
    return page.locator("body").get_attribute("data-md-color-media") or ""


def test_titles_that_slug_to_the_sites_own_ids_leave_search_and_the_palette_working(
    titled_site: str, desktop: Page
) -> None:
    urls = [
        f"{kind}/{prefix}{slug}/"
        for slug in TITLES
        for kind, prefix in (("principles", "titled-"), ("paths", "path-"), ("tags", ""))
    ]
    for url in urls:
        desktop.goto(titled_site + url)

        before = palette(desktop)
        desktop.locator("[data-md-component=palette] label:visible").click(timeout=5000)
        expect(desktop.locator("body")).not_to_have_attribute("data-md-color-media", before)

        desktop.locator("input.md-search__input").click()
        desktop.keyboard.type("customer")
        expect(desktop.locator(".md-search-result__item").first).to_be_visible(timeout=15_000)
        heading = desktop.locator("article h1")
        assert heading.evaluate("h1 => h1.firstChild.textContent") in TITLES.values(), url
        assert desktop.evaluate(RESERVED_HEADING_IDS) == [], url
        assert desktop.evaluate('document.getElementById("__config").tagName') == "SCRIPT", url
        assert (heading.get_attribute("id") or "").startswith("title-"), url  # the same id in the export
