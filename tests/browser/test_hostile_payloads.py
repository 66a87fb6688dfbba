"""A principle carrying every HTML and script payload, opened in Chromium: nothing runs, text stays text."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from in_process import mkdocs_build, run_script_main
from support import ROOT, serve

PAYLOAD_PRINCIPLE = ROOT / "tests" / "corpus" / "html-payloads.yml"
DOCS_PAYLOAD = """# Hostile docs page

<script>alert('docs script')</script>

<div onclick="alert('docs click')" onmouseover="alert('docs hover')">Hover me</div>

<a href="javascript:alert('docs link')">docs link</a> and [markdown link](javascript:alert('docs md')).

<iframe src="https://example.com"></iframe>
"""
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
    "hostile/",
]


@pytest.fixture
def hostile_site(project: Path) -> Path:
    text = PAYLOAD_PRINCIPLE.read_text()
    (project / "principles" / "html-payloads.yml").write_text(text)
    (project / "docs" / "hostile.md").write_text(DOCS_PAYLOAD)
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    result = mkdocs_build(project, strict=False)  # not strict: the hostile docs page is outside the nav
    assert result.returncode == 0, result.stderr
    return project / "site"


def test_no_payload_runs_and_contributor_text_is_shown_as_text(
    hostile_site: Path, desktop: Page, page_problems
) -> None:
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site) as base_url:
        for url in PAGES:
            desktop.goto(base_url + url, wait_until="networkidle")
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
            assert shown in text
        assert (
            desktop.locator("article .playbook-response--bad a", has_text="Click me").get_attribute("href")
            is None
        )
        # The practice block's choices are the rendered responses read as text: answering runs nothing.
        practise = desktop.locator("article .playbook-practise")
        for choice in practise.locator(".playbook-practise__choice").all():
            choice.click()
        choices = practise.locator(".playbook-practise__choices")
        assert "<a href='javascript:alert(1)'>raw link</a>" in choices.inner_text()
        assert "Click me" in choices.inner_text() and "or this" in choices.inner_text()
        assert choices.locator(":not(button, span)").count() == 0  # text only, no link or markup
        for link in practise.locator("a:not([href])").all():  # in the answer, shown once answered
            link.click(timeout=2000)
        assert desktop.evaluate(UNSAFE_ELEMENTS) == []
        desktop.goto(base_url + "customer-says/")
        assert (
            "<script>alert('customer')</script> It's too expensive."
            in desktop.locator("article").inner_text()
        )
    assert dialogs == []
    assert page_problems.console_errors == []
    assert page_problems.failed_requests == []
