"""The Markdown export, built by plain MkDocs with no playbook plugin: a renamed principle's old address,
opened in the browser, still lands on the new page and section."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from support import serve


def test_an_old_address_in_the_export_lands_on_the_renamed_page(
    renamed_playbook: Path, desktop: Page
) -> None:
    """Lower your shields renamed drop-your-defences, exported and built by plain MkDocs (conftest.py)."""
    with serve(renamed_playbook / "export" / "site") as base_url:
        desktop.goto(base_url + "principles/lower-your-shields/#good-response")
        desktop.wait_for_url(re.compile(r"/principles/drop-your-defences/#good-response$"))
        expect(desktop.locator("article h1")).to_contain_text("Lower your shields")
        expect(desktop.locator("#good-response")).to_be_in_viewport()
