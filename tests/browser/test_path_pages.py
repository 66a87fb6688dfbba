"""Onboarding paths in Chromium, as a new hire uses them: open a step from the path, see "Step N of 5",
come back to ticks that survive a reload, and print the path as a handout."""

from __future__ import annotations

import io
import json

from playwright.sync_api import Page, expect
from pypdf import PdfReader

STEPS = [
    "respect-the-customers-view",
    "guide-dont-get",
    "lower-your-shields",
    "guarantee-results-not-eagerness",
    "the-best-sale-can-be-no-sale",
]


def test_steps_read_or_drilled_are_ticked_and_stay_ticked_after_a_reload(
    desktop: Page, base_url: str
) -> None:
    desktop.goto(base_url + "paths/first-week/")
    expect(desktop.locator(".playbook-path-progress")).to_have_text(
        "0 of 5 steps read or drilled in this browser"
    )
    assert desktop.locator(".playbook-path-tick").count() == 0

    desktop.locator(".playbook-path-steps a.playbook-path-step__link").nth(1).click()
    desktop.wait_for_url("**/principles/guide-dont-get/?path=first-week")
    banner = desktop.locator(".playbook-path-step--first-week")
    expect(banner).to_be_visible()
    expect(banner).to_have_text("Step 2 of 5 in First week · Next: Lower your shields")
    assert desktop.locator("#good-response").count() == 1  # the anchors are the principle's own
    desktop.locator(".playbook-path-step--first-week a", has_text="Lower your shields").click()
    desktop.wait_for_url("**/principles/lower-your-shields/?path=first-week")
    expect(desktop.locator(".playbook-path-step--first-week")).to_contain_text("Step 3 of 5")
    assert json.loads(desktop.evaluate("localStorage.getItem('/.playbook.read')")) == [
        "guide-dont-get",
        "lower-your-shields",
    ]
    # A drill (helper P3's page, or the practice block) records its answers here.
    desktop.evaluate(
        "localStorage.setItem('/.playbook.practised',"
        " JSON.stringify({'the-best-sale-can-be-no-sale': false, 'lower-your-shields': true}))"
    )

    desktop.goto(base_url + "paths/first-week/")
    desktop.reload()
    items = desktop.locator(".playbook-path-steps li")
    expect(items.nth(1).locator(".playbook-path-tick")).to_have_text("✓ Read")
    expect(items.nth(2).locator(".playbook-path-tick")).to_have_text("✓ Read, drilled right")
    expect(items.nth(4).locator(".playbook-path-tick")).to_have_text("✗ Drilled wrong")  # no tick for a miss
    assert items.nth(0).locator(".playbook-path-tick").count() == 0
    expect(desktop.locator(".playbook-path-progress")).to_have_text(
        "3 of 5 steps read or drilled in this browser"
    )
    assert desktop.context.cookies() == []


def test_a_principle_opened_without_a_path_shows_no_step_line(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "principles/guide-dont-get/")
    expect(desktop.locator(".playbook-path-step--first-week")).to_be_hidden()
    desktop.goto(base_url + "principles/guide-dont-get/?path=no-such-path")
    expect(desktop.locator(".playbook-path-step--first-week")).to_be_hidden()


def test_the_path_prints_as_a_handout_with_summaries_and_good_responses(desktop: Page, base_url: str) -> None:
    desktop.goto(base_url + "paths/first-week/")
    pdf = PdfReader(io.BytesIO(desktop.pdf(format="A4", print_background=True)))
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "Say instead:" in text
    assert "get curious before you correct them" in text  # the first step's summary
    assert "What have you run into with caching layers" in text  # its good response
    assert "Drill this path" not in text
    desktop.emulate_media(media="screen")
    expect(desktop.locator(".playbook-path-handout")).to_be_hidden()
