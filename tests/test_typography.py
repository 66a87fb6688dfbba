"""Typographic quotes in every text a page shows, in the plugin's site and in the Markdown export's.

The YAML keeps its straight quotes (`Guide, don't "get"`); the pages show it with typographic quotes in the
tab, the heading, the responses, the customer lines, and leave code, addresses and attributes as written.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from in_process import build_site_and_export
from support import copy_project, page

TITLE = "Guide, don\N{RIGHT SINGLE QUOTATION MARK}t \N{LEFT DOUBLE QUOTATION MARK}get\N{RIGHT DOUBLE QUOTATION MARK}"
CODE = '`say "now" or never`'
STORY_LINE = f'Reps called it the {CODE} close, and [[lower-your-shields|"shields"]] says why.'


@pytest.fixture(scope="module")
def typography_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This playbook with a code span and a reference in Guide, don't "get"'s story, built by the plugin
    into site/, exported into export/ and built there by plain MkDocs into export/site/. Its mkdocs.yml
    lists no typography extension: the plugin adds it, and the export must list it itself."""
    project = copy_project(tmp_path_factory.mktemp("typography") / "project")
    source = project / "principles" / "guide-dont-get.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("story: |\n", f"story: |\n  {STORY_LINE}\n\n", 1), encoding="utf-8")
    assert "smarty" not in (project / "mkdocs.yml").read_text(encoding="utf-8")
    build_site_and_export(project)
    return project


@pytest.mark.parametrize("site_dir", ["site", "export/site"])
def test_every_text_of_a_principle_page_uses_typographic_quotes(
    typography_project: Path, site_dir: str
) -> None:
    document = page(typography_project / site_dir, "principles/guide-dont-get/")
    assert document.title.get_text().startswith(TITLE)
    assert document.h1.get_text().startswith(TITLE)
    good = document.select_one(".playbook-response--good .playbook-says").get_text(" ", strip=True)
    assert good.startswith("\N{LEFT DOUBLE QUOTATION MARK}That makes sense.")
    assert good.endswith("that meeting.\N{RIGHT DOUBLE QUOTATION MARK}")
    bad = document.select_one(".playbook-response--bad .playbook-says").get_text(" ", strip=True)
    assert (
        "I can\N{RIGHT SINGLE QUOTATION MARK}t promise it\N{RIGHT SINGLE QUOTATION MARK}ll come back" in bad
    )
    lines = [item.get_text(strip=True) for item in document.select(".playbook-customer-says li")]
    assert "It\N{RIGHT SINGLE QUOTATION MARK}s too expensive." in lines
    summary = document.select_one(".playbook-summary").get_text()
    assert summary.startswith("Don\N{RIGHT SINGLE QUOTATION MARK}t look for ways")
    # Code keeps its straight quotes, and every other text of the article is typographic.
    assert [code.get_text() for code in document.select(".playbook-story code")] == [CODE.strip("`")]
    article = document.select_one("article")
    for code in article.select("code, pre, script"):
        code.decompose()
    assert not re.findall(r".{0,20}['\"].{0,20}", article.get_text())
    # A reference with quotes in its text still links its principle.
    reference = document.select_one('.playbook-story a[href$="lower-your-shields/"]')
    assert reference is not None
    assert reference.get_text() == "\N{LEFT DOUBLE QUOTATION MARK}shields\N{RIGHT DOUBLE QUOTATION MARK}"
