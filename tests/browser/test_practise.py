"""The "Practise" block of a principle page in Chromium, as a reader uses it: keyboard only, the two
responses in random order, the result announced, both whys shown, the result kept in localStorage;
and with JavaScript off, a plain reveal."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from playbook.core.loader import load_principles
from playbook.core.theme_text import typographic_quotes

from support import ROOT

PRINCIPLES = {principle.id: principle for principle in load_principles(ROOT / "principles", root=ROOT)}
PRINCIPLE = PRINCIPLES["lower-your-shields"]
URL = f"principles/{PRINCIPLE.id}/"
CHOICES = ".playbook-practise__choice"
NO_DOUBLE_QUOTES = str.maketrans("", "", '"\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}')


def words(text: str) -> str:
    """Text as a reader sees it (typographic quotes, no double ones), for comparing YAML with the page."""
    text = typographic_quotes(text.replace("*", ""))
    return " ".join(text.translate(NO_DOUBLE_QUOTES).split())


@pytest.fixture
def window(browser: Browser, base_url: str, page_problems) -> Iterator[tuple[BrowserContext, Page]]:
    """A desktop window that also records every request, to show nothing leaves the site."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page_problems.watch(page)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    yield context, page
    context.close()
    outside = [url for url in requests if not url.startswith(base_url)]
    assert outside == []


def tab_to(page: Page, selector: str, presses: int = 12) -> None:
    """Press Tab until the focus is on an element matching `selector`, as a keyboard user would."""
    for _ in range(presses):
        page.keyboard.press("Tab")
        if page.evaluate("(selector) => document.activeElement.matches(selector)", selector):
            return
    raise AssertionError(f"{selector} is not reached with Tab")


def focused_choice_works(page: Page) -> bool:
    """Is the focused choice the good response? Told from its text, as a reader would tell it."""
    text = words(
        page.evaluate("document.activeElement.querySelector('.playbook-practise__line').textContent")
    )
    good, bad = words(PRINCIPLE.good_response.says), words(PRINCIPLE.bad_response.says)
    assert text in (good[: len(text)], bad[: len(text)])
    return good.startswith(text)


def practised(page: Page) -> dict[str, bool]:
    return json.loads(page.evaluate("localStorage.getItem('/.playbook.practised') || '{}'"))


def test_a_reader_answers_with_the_keyboard_only(
    window: tuple[BrowserContext, Page], base_url: str, page_problems
) -> None:
    context, page = window
    page.goto(base_url + URL + "#practise")
    block = page.locator(".playbook-practise")
    result = block.get_by_role("status")
    expect(result).to_have_attribute("aria-live", "polite")
    expect(result).to_have_text("")  # in the page before the answer, so the answer is announced
    answer = block.locator("details.playbook-practise__answer")
    expect(answer).to_be_hidden()  # the choice is not given away
    expect(block.get_by_role("group", name="What would you say?").get_by_role("button")).to_have_count(2)

    tab_to(page, CHOICES)
    first_works = focused_choice_works(page)
    page.keyboard.press("Enter")
    expected = "Right: that is the response that works." if first_works else "Not this one: that is the"
    expect(result).to_contain_text(expected)
    expect(answer).to_be_visible()
    expect(answer).to_have_attribute("open", "")
    for why in (PRINCIPLE.good_response.why, PRINCIPLE.bad_response.why):
        assert words(why) in words(answer.inner_text())
    verdicts = block.locator(".playbook-practise__verdict").all_inner_texts()
    assert sorted(verdicts) == sorted(
        ["Works (your answer)" if first_works else "Works", "Fails" if first_works else "Fails (your answer)"]
    )
    assert practised(page) == {PRINCIPLE.id: first_works}

    # The other choice, with Space: the last answer is the one kept.
    tab_to(page, CHOICES, presses=1)
    page.keyboard.press("Space")
    expect(result).to_contain_text("Not this one" if first_works else "Right")
    assert practised(page) == {PRINCIPLE.id: not first_works}

    # "Try again" shuffles the choices afresh and hides the answer until the next choice.
    tab_to(page, ".playbook-practise__again", presses=2)
    page.keyboard.press("Enter")
    expect(result).to_have_text("")
    expect(answer).to_be_hidden()
    assert page.evaluate("document.activeElement.matches('.playbook-practise__choice')")
    expect(block.locator(".playbook-practise__verdict:not(:empty)")).to_have_count(0)

    page.reload()  # the result is kept in the browser, and only there
    assert practised(page) == {PRINCIPLE.id: not first_works}
    assert context.cookies() == []
    assert page_problems.console_errors == []
    assert page_problems.failed_requests == []


def test_another_principle_is_kept_beside_the_first(
    window: tuple[BrowserContext, Page], base_url: str
) -> None:
    _context, page = window
    other = next(principle_id for principle_id in PRINCIPLES if principle_id != PRINCIPLE.id)
    page.goto(base_url + URL)
    page.evaluate("(id) => localStorage.setItem('/.playbook.practised', JSON.stringify({[id]: true}))", other)
    page.reload()
    page.locator(CHOICES).first.click()
    assert set(practised(page)) == {other, PRINCIPLE.id}
    # A damaged value does not break the block: it starts afresh.
    page.evaluate("localStorage.setItem('/.playbook.practised', '[not json')")
    page.reload()
    page.locator(CHOICES).first.click()
    assert set(practised(page)) == {PRINCIPLE.id}


def test_the_order_of_the_choices_varies_from_one_view_to_the_next(
    window: tuple[BrowserContext, Page], base_url: str
) -> None:
    """Random per view: both orders show up within 30 loads (the chance they don't is 2 in a billion)."""
    _context, page = window
    page.goto(base_url + URL)
    good = words(PRINCIPLE.good_response.says)
    seen: set[bool] = set()
    for _ in range(30):
        first = words(page.locator(f"{CHOICES} .playbook-practise__line").first.inner_text())
        seen.add(good.startswith(first))
        if len(seen) == 2:
            break
        page.reload()
    assert seen == {True, False}


def test_without_javascript_the_block_is_a_plain_reveal(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(base_url + URL)
        block = page.locator(".playbook-practise")
        expect(block.locator("button")).to_have_count(0)
        expect(block.get_by_text("What would you say?")).to_be_visible()
        summary = block.locator("details.playbook-practise__answer > summary")
        expect(summary).to_be_visible()
        summary.focus()
        page.keyboard.press("Enter")
        answer = block.locator("details.playbook-practise__answer")
        expect(answer).to_have_attribute("open", "")
        for response in (PRINCIPLE.good_response, PRINCIPLE.bad_response):
            assert words(response.says) in words(answer.inner_text())
            assert words(response.why) in words(answer.inner_text())
    finally:
        context.close()


def test_a_printed_principle_leaves_the_quiz_out(window: tuple[BrowserContext, Page], base_url: str) -> None:
    _context, page = window
    page.goto(base_url + URL)
    page.emulate_media(media="print")
    expect(page.locator(".playbook-practise")).to_be_hidden()
    expect(page.locator(".playbook-response--good")).to_be_visible()  # the answer is printed above
