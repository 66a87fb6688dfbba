"""A renamed principle's old address, opened in the browser, lands on the new page and section."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from support import serve


def test_an_old_address_with_a_section_lands_on_the_renamed_page(
    renamed_playbook: Path, desktop: Page
) -> None:
    """Lower your shields renamed drop-your-defences, the site built by the plugin (conftest.py)."""
    with serve(renamed_playbook / "site") as base_url:
        desktop.goto(base_url + "principles/lower-your-shields/#good-response")
        desktop.wait_for_url(re.compile(r"/principles/drop-your-defences/#good-response$"))
        expect(desktop.locator("article h1")).to_contain_text("Lower your shields")
        expect(desktop.locator("#good-response")).to_be_in_viewport()
