"""The drill on /practice/, driven in Chromium as a reader would: the keyboard, reloads, links sent by a
manager, a copy saved for offline use, and a hostile principle. Nothing leaves the site, no cookie."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from test_accessibility import NO_VIOLATION, VIEWPORTS, axe_violations_in_each_scheme

from playbook.core.site.theme_text import typographic_quotes

from support import ROOT, serve

CHOICES = ".playbook-drill__choice"


def words(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def drill(browser: Browser, base_url: str) -> Iterator[Callable[..., Page]]:
    """A fresh browser window on the site; at the end, nothing went outside it and no cookie was set."""
    contexts: list[BrowserContext] = []
    requests: list[str] = []

    def open_window(viewport: str = "desktop", scheme: str = "light") -> Page:
        contexts.append(browser.new_context(viewport=VIEWPORTS[viewport], color_scheme=scheme))
        page = contexts[-1].new_page()
        page.on("request", lambda request: requests.append(request.url))
        return page

    yield open_window
    for context in contexts:
        assert context.cookies() == []
        context.close()
    assert [url for url in requests if not url.startswith(base_url)] == []


@pytest.fixture(scope="module")
def data(site: Path) -> dict:
    return json.loads((site / "practice.json").read_text())


def good_says(data: dict) -> dict[str, str]:
    """The response that works, as the drill shows it, -> principle id."""
    return {words(item["good_response"]["says"]): item["id"] for item in data["principles"]}


def current(page: Page, data: dict) -> tuple[str, int]:
    """The principle of the question on screen, and the position (0 or 1) of its good response."""
    texts = [words(text) for text in page.locator(CHOICES).all_inner_texts()]
    assert len(texts) == 2
    known = good_says(data)
    good = [index for index, text in enumerate(texts) if text in known]
    assert len(good) == 1, texts
    return known[texts[good[0]]], good[0]


def start(page: Page, scope: str | None = None) -> None:
    """Choose the drill and press Start, with the keyboard."""
    select = page.get_by_label("Drill")
    if scope is not None:
        select.select_option(scope)
    select.focus()
    page.keyboard.press("Tab")  # to Start
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Question 1 of")).to_be_focused()


def answer_with_keyboard(page: Page, data: dict, right: bool) -> str:
    """Tab from the question to a choice and press Enter; return the principle answered."""
    principle_id, good = current(page, data)
    target = good if right else 1 - good
    page.keyboard.press("Tab")  # the heading has focus: the first choice is next
    if target == 1:
        page.keyboard.press("Tab")
    expect(page.locator(CHOICES).nth(target)).to_be_focused()
    page.keyboard.press("Enter")
    return principle_id


def only_elements(page: Page) -> None:
    """Every screen of the drill is made of elements: no stray text (such as "null") between them."""
    strays = page.evaluate(
        """() => [...document.querySelector('.playbook-drill__view').childNodes]
            .filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent)"""
    )
    assert strays == []


def go_on(page: Page) -> None:
    """From the verdict, which has focus after an answer, Tab past the principle's link to Next question
    (or See your score) and press Enter."""
    expect(page.locator(".playbook-drill__verdict")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator(".playbook-drill .md-button--primary")).to_be_focused()
    page.keyboard.press("Enter")


def in_first_screen(page: Page, selector: str) -> None:
    """Every element `selector` finds is whole on the first screen, below the header, unscrolled."""
    expect(page.locator(selector).first).to_be_visible()
    assert page.evaluate("window.scrollY") == 0
    header, height = page.evaluate(
        "[document.querySelector('.md-header').getBoundingClientRect().bottom, window.innerHeight]"
    )
    for box in [element.bounding_box() for element in page.locator(selector).all()]:
        assert box is not None and box["y"] >= header and box["y"] + box["height"] <= height, (selector, box)


def confirm_start_over(page: Page) -> None:
    """Start over asks in place; "Keep going" leaves the drill as it was, "Yes, start over" clears it."""
    stored = page.evaluate("localStorage.getItem('/.playbook.drill')")
    page.get_by_role("button", name="Start over").click()
    confirm = "Clear this drill\N{RIGHT SINGLE QUOTATION MARK}s answers and choose again?"
    expect(page.get_by_role("group", name=confirm)).to_be_visible()
    expect(page.get_by_role("button", name="Keep going")).to_be_focused()
    assert page.evaluate("localStorage.getItem('/.playbook.drill')") == stored  # nothing cleared yet
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Start over")).to_be_focused()
    assert page.evaluate("localStorage.getItem('/.playbook.drill')") == stored
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Yes, start over").click()
    expect(page.get_by_role("heading", name="Choose what to drill")).to_be_visible()
    expect(page.locator(".playbook-lead")).to_be_visible()  # the introduction is back
    assert page.evaluate("localStorage.getItem('/.playbook.drill')") is None


def test_a_full_drill_of_every_principle_by_keyboard_scores_and_links_the_wrong_ones(
    drill: Callable[..., Page], base_url: str, data: dict
) -> None:
    page = drill()
    page.goto(base_url + "practice/")
    expect(page.locator(".playbook-drill__fallback")).to_have_count(0)
    only_elements(page)
    start(page)
    total = data["count"]
    seen, wrong = [], []
    for number in range(1, total + 1):
        expect(page.get_by_role("heading", name=f"Question {number} of {total}")).to_be_visible()
        only_elements(page)
        right = number % 2 == 0  # every other answer wrong
        principle_id = answer_with_keyboard(page, data, right)
        seen.append(principle_id)
        if not right:
            wrong.append(principle_id)
        verdict = "Right: that is the response that works." if right else "Not this one"
        expect(page.locator(".playbook-drill__verdict")).to_contain_text(verdict)
        expect(page.locator(".playbook-drill__verdict")).to_be_focused()  # announced by focus, once
        expect(page.locator(".playbook-drill").get_by_role("status")).to_have_text("")
        only_elements(page)
        # Both whys are shown.
        item = next(item for item in data["principles"] if item["id"] == principle_id)
        shown = words(page.locator(".playbook-drill").inner_text())
        assert words(item["bad_response"]["why"]) in shown and words(item["good_response"]["why"]) in shown
        go_on(page)
    assert sorted(seen) == sorted(item["id"] for item in data["principles"])
    expect(page.get_by_role("heading", name=f"Your score: {total - len(wrong)} of {total}")).to_be_focused()
    # The focused heading says it.
    expect(page.locator(".playbook-drill").get_by_role("status")).to_have_text("")
    only_elements(page)
    links = page.locator(".playbook-drill__review a")
    assert [link.get_attribute("href") for link in links.all()] == [
        f"{base_url}principles/{principle_id}/#good-response" for principle_id in wrong
    ]  # checked to stay on the site (assets/site.js), so written out in full
    practised = json.loads(page.evaluate("localStorage.getItem('/.playbook.practised')"))
    assert practised == {principle_id: principle_id not in wrong for principle_id in seen}
    links.first.click()
    assert page.url == f"{base_url}principles/{wrong[0]}/#good-response"
    expect(page.locator("#good-response")).to_be_visible()


def test_a_reload_resumes_the_drill_and_start_over_clears_it(
    drill: Callable[..., Page], base_url: str, data: dict
) -> None:
    page = drill("phone")
    page.goto(base_url + "practice/")
    start(page)
    first = answer_with_keyboard(page, data, right=False)
    page.reload()  # on the feedback: it is shown again, the score kept
    expect(page.locator(".playbook-drill__verdict")).to_contain_text("Not this one")
    expect(page.locator(".playbook-drill__score")).to_have_text(
        f"0 of 1 right · question 1 of {data['count']} · All principles"
    )
    page.get_by_role("button", name="Next question").click()
    second, good = current(page, data)
    page.reload()  # on a question: the same one, its choices in the same places
    expect(page.get_by_role("heading", name=f"Question 2 of {data['count']}")).to_be_visible()
    assert current(page, data) == (second, good)
    assert second != first
    confirm_start_over(page)
    page.reload()
    expect(page.get_by_role("heading", name="Choose what to drill")).to_be_visible()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_question_and_every_verdict_fit_the_first_screen(
    drill: Callable[..., Page], base_url: str, data: dict, viewport: str
) -> None:
    """The choices of every question, then the verdict and score of every answer, are whole on the first
    screen without scrolling; the introduction shows on the start screen only. Each screen is announced
    once: by the heading that takes focus, with the live region left silent."""
    page = drill(viewport)
    page.goto(base_url + "practice/")
    expect(page.locator(".playbook-lead")).to_be_visible()
    start(page)
    total = data["count"]
    for number in range(1, total + 1):
        expect(page.get_by_role("heading", name=f"Question {number} of {total}")).to_be_focused()
        expect(page.locator(".playbook-lead")).to_be_hidden()
        expect(page.locator(".playbook-drill").get_by_role("status")).to_have_text("")
        in_first_screen(page, CHOICES)
        answer_with_keyboard(page, data, right=number % 2 == 1)
        verdict = page.locator(".playbook-drill__verdict")
        expect(verdict).to_be_focused()
        expect(verdict).to_have_accessible_description(
            re.compile(rf"^{(number + 1) // 2} of {number} right · ")
        )
        in_first_screen(page, ".playbook-drill__verdict, .playbook-drill__score")
        go_on(page)
    expect(page.get_by_role("heading", name=f"Your score: {(total + 1) // 2} of {total}")).to_be_focused()
    page.reload()  # on the summary: the summary again, not the last question's feedback
    expect(page.get_by_role("heading", name=f"Your score: {(total + 1) // 2} of {total}")).to_be_focused()
    expect(page.locator(".playbook-drill__review a")).to_have_count(total // 2)
    in_first_screen(page, ".playbook-drill__head")
    confirm_start_over(page)


def test_a_tag_link_drills_that_tag_only(drill: Callable[..., Page], base_url: str, data: dict) -> None:
    tag = max(data["tags"], key=lambda slug: sum(slug in item["tags"] for item in data["principles"]))
    tagged = {item["id"] for item in data["principles"] if tag in item["tags"]}
    page = drill()
    page.goto(base_url + f"practice/?tag={tag}")
    expect(page.get_by_label("Drill")).to_have_value(f"tag:{tag}")
    start(page)
    asked = set()
    for _ in tagged:
        asked.add(answer_with_keyboard(page, data, right=True))
        go_on(page)
    assert asked == tagged
    expect(page.get_by_role("heading", name=f"Your score: {len(tagged)} of {len(tagged)}")).to_be_visible()
    expect(page.locator(".playbook-drill")).to_contain_text("Every answer right.")
    page.goto(base_url + "practice/?tag=no-such-tag")  # an unknown tag: the choice, and why
    expect(page.locator(".playbook-drill__notice")).to_be_visible()
    expect(page.get_by_label("Drill")).to_have_value("all")


def test_a_path_link_drills_that_path(drill: Callable[..., Page], base_url: str, data: dict) -> None:
    shipped = sorted(path.stem for path in (ROOT / "principles" / "_paths").glob("*.yml"))
    assert shipped, "the repository ships onboarding paths (principles/_paths/): there is one to drill"
    assert sorted(path["id"] for path in data["paths"]) == shipped
    path = data["paths"][0]
    page = drill("phone")
    page.goto(base_url + f"practice/?path={path['id']}")
    expect(page.get_by_label("Drill")).to_have_value(f"path:{path['id']}")
    start(page)
    asked = []
    for _ in path["steps"]:
        asked.append(answer_with_keyboard(page, data, right=False))
        go_on(page)
    assert sorted(asked) == sorted(path["steps"])
    expect(page.locator(".playbook-drill__review a")).to_have_count(len(path["steps"]))


def test_a_copy_opened_from_disk_drills_without_a_request(browser: Browser, site: Path) -> None:
    context = browser.new_context()
    page = context.new_page()
    page.goto((site / "practice" / "index.html").as_uri())
    page.get_by_role("button", name="Start").click()
    expect(page.locator(CHOICES)).to_have_count(2)
    page.locator(CHOICES).first.click()
    expect(page.locator(".playbook-drill__verdict")).to_be_visible()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_axe_finds_no_violation_in_a_question_and_its_answer(
    drill: Callable[..., Page], base_url: str, data: dict, viewport: str
) -> None:
    page = drill(viewport)
    page.goto(base_url + "practice/")
    start(page)
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION
    answer_with_keyboard(page, data, right=False)
    expect(page.locator(".playbook-drill__verdict")).to_be_visible()
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION


def test_a_hostile_principle_stays_text_in_the_drill_and_its_data(payload_site: Path, desktop: Page) -> None:
    """principles/html-payloads.yml, tagged `listening` (conftest.payload_site)."""
    site = payload_site
    html = (site / "practice" / "index.html").read_text()
    assert "<script>alert" not in html and "<img" not in html.split('id="playbook-drill-data"')[1]
    exported = json.loads((site / "practice.json").read_text())
    item = next(item for item in exported["principles"] if item["id"] == "html-payloads")
    assert item["customer_says"][0] == typographic_quotes(
        "<script>alert('customer')</script> It's too expensive."
    )
    dialogs: list[str] = []
    desktop.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(site) as base_url:
        desktop.goto(base_url + "practice/?tag=listening")
        desktop.get_by_role("button", name="Start").click()
        drill_text = desktop.locator(".playbook-drill")
        expect(drill_text).to_contain_text(
            typographic_quotes("<script>alert('customer')</script> It's too expensive.")
        )
        expect(drill_text).to_contain_text(typographic_quotes("<svg onload=alert('svg')></svg>"))
        desktop.locator(CHOICES).first.hover()
        desktop.locator(CHOICES).first.click()
        expect(drill_text).to_contain_text(typographic_quotes("<a href='javascript:alert(1)'>raw link</a>"))
        unsafe = desktop.evaluate(
            """() => [...document.querySelectorAll('.playbook-drill *')].filter(element =>
                !['P', 'H2', 'H3', 'UL', 'LI', 'DIV', 'SPAN', 'BUTTON', 'A'].includes(element.tagName)
                || [...element.attributes].some(attribute => attribute.name.startsWith('on'))
            ).map(element => element.outerHTML.slice(0, 120))"""
        )
        assert unsafe == []
        links = desktop.locator(".playbook-drill a").evaluate_all("links => links.map(link => link.href)")
        assert all(link.startswith(base_url) for link in links), links
    assert dialogs == []
