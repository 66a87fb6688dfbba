"""Spaced review and saved progress in the drill (assets/spaced-review.js), in Chromium at a phone's and
a desktop's size: missed principles come back the next day, right ones after 3 days, with the date
moved through the page's clock (never by waiting); progress saved to a file and read back, and a
damaged or hostile file refused with the current progress kept. Also `?principle=<id>`."""

# ruff: noqa: F811 (the fixtures `drill` and `data` are test_drill.py's, imported to be used as arguments)
from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from test_accessibility import NO_VIOLATION, VIEWPORTS, axe_violations_in_each_scheme
from test_drill import CHOICES, answer_with_keyboard, data, drill, go_on, start  # noqa: F401

DAY_ONE = datetime.datetime(2026, 11, 20, 9, 0)
PROGRESS_KEYS = ("/.playbook.review", "/.playbook.practised", "/.playbook.read")


def on_day(page: Page, days: int) -> None:
    """The page's clock set `days` after DAY_ONE (Playwright's clock: Date moves, timers still run)."""
    page.clock.set_fixed_time(DAY_ONE + datetime.timedelta(days=days))


def stored(page: Page) -> dict:
    return {key: page.evaluate("(key) => localStorage.getItem(key)", key) for key in PROGRESS_KEYS}


def due_text(page: Page) -> str:
    return page.locator(".playbook-drill__due").inner_text()


def drill_all(page: Page, data: dict, right: Callable[[int], bool]) -> list[str]:
    """A whole drill of every principle; returns the principles answered wrong."""
    start(page)
    wrong = []
    for number in range(1, data["count"] + 1):
        if not right(number):
            wrong.append(answer_with_keyboard(page, data, right=False))
        else:
            answer_with_keyboard(page, data, right=True)
        go_on(page)
    expect(page.get_by_role("heading", name="Your score:")).to_be_focused()
    return wrong


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_missed_principles_come_back_tomorrow_and_right_ones_after_three_days(
    drill: Callable[..., Page], base_url: str, data: dict, viewport: str
) -> None:
    page = drill(viewport)
    on_day(page, 0)
    page.goto(base_url + "practice/")
    expect(page.get_by_role("button", name="Review due")).to_have_count(0)
    wrong = drill_all(page, data, right=lambda number: number % 2 == 0)
    review = json.loads(stored(page)["/.playbook.review"])
    assert review == {
        item["id"]: {"box": 1, "due": "2026-11-21"}
        if item["id"] in wrong
        else {"box": 2, "due": "2026-11-23"}
        for item in data["principles"]
    }
    page.goto(base_url + "practice/")  # the same day: nothing due
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    assert due_text(page).startswith("Nothing due for review today.")

    on_day(page, 1)
    page.reload()
    assert due_text(page) == f"{len(wrong)} principles due for review today."
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION  # the start screen with a review due
    page.get_by_role("button", name="Review due").click()
    asked = []
    for number in range(1, len(wrong) + 1):
        expect(page.get_by_role("heading", name=f"Question {number} of {len(wrong)}")).to_be_focused()
        asked.append(answer_with_keyboard(page, data, right=True))
        go_on(page)
    assert sorted(asked) == sorted(wrong)
    expect(page.locator(".playbook-drill__score").first).to_have_text("Review due")
    review = json.loads(stored(page)["/.playbook.review"])
    assert {review[id]["box"] for id in wrong} == {2}
    assert {review[id]["due"] for id in wrong} == {"2026-11-24"}

    on_day(page, 3)  # the first drill's right answers are due; the reviewed ones a day later
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    right = data["count"] - len(wrong)
    assert due_text(page) == f"{right} principle{'s' if right > 1 else ''} due for review today."
    on_day(page, 4)
    page.reload()
    assert due_text(page) == f"{data['count']} principles due for review today."


def test_a_review_of_nothing_due_says_so(drill: Callable[..., Page], base_url: str, data: dict) -> None:
    """A "Drill again" of a finished review when nothing is due any more: the start screen says why."""
    page = drill("phone")
    on_day(page, 0)
    page.goto(base_url + "practice/")
    page.evaluate(
        "(ids) => localStorage.setItem('/.playbook.review', JSON.stringify("
        "Object.fromEntries(ids.map((id) => [id, {box: 1, due: '2026-11-20'}]))))",
        [item["id"] for item in data["principles"][:1]],
    )
    page.reload()
    page.get_by_role("button", name="Review due").click()
    answer_with_keyboard(page, data, right=True)
    go_on(page)
    page.get_by_role("button", name="Drill again").click()
    expect(page.locator(".playbook-drill__notice")).to_have_text("Nothing is due for review today.")


HOSTILE_FILES = {
    "not JSON": ("{not json", "it is not JSON"),
    "another kind of file": (json.dumps({"format": "something-else"}), "not progress saved from the drill"),
    "a list": ("[1, 2]", "not progress saved from the drill"),
    "a newer version": (json.dumps({"format": "playbook-progress", "version": 2}), "another version"),
    "wrong types": (
        json.dumps({"format": "playbook-progress", "version": 1, "review": [], "practised": {}, "read": []}),
        "a part is missing or of the wrong kind",
    ),
    "a prototype key at the top": (
        '{"format": "playbook-progress", "version": 1, "review": {}, "practised": {}, "read": [],'
        ' "__proto__": {"polluted": true}}',
        "fields the drill does not know",
    ),
    "a prototype key as a principle": (
        '{"format": "playbook-progress", "version": 1, "review": {"__proto__": {"box": 1, "due": "2026-11-20"}},'
        ' "practised": {"constructor": true}, "read": []}',
        "names 2 principles this playbook does not have",
    ),
    "script as a principle": (
        json.dumps(
            {
                "format": "playbook-progress",
                "version": 1,
                "review": {},
                "practised": {},
                "read": ["<img src=x onerror=alert(1)>"],
            }
        ),
        "names 1 principle this playbook does not have",
    ),
    "a number as a principle": (
        json.dumps({"format": "playbook-progress", "version": 1, "review": {}, "practised": {}, "read": [7]}),
        "not named by its id",
    ),
    "huge": (" " * 70_000 + "{}", "too big"),
}


def bad_entry(id: str) -> dict[str, tuple[str, str]]:
    """Files that name a real principle with a damaged value."""

    def progress(review: object, practised: object) -> str:
        return json.dumps(
            {
                "format": "playbook-progress",
                "version": 1,
                "review": review,
                "practised": practised,
                "read": [id],
            }
        )

    return {
        "a box out of range": (progress({id: {"box": 9, "due": "2026-11-20"}}, {}), "not a box from 1 to 4"),
        "script as a date": (
            progress({id: {"box": 1, "due": "<script>alert(1)</script>"}}, {}),
            "not a box from 1 to 4 and a date",
        ),
        "an extra field in an entry": (
            progress({id: {"box": 1, "due": "2026-11-20", "__proto__": {}}}, {}),
            "not a box from 1 to 4",
        ),
        "a string as an answer": (progress({}, {id: "<b>yes</b>"}), "an answer is not right or wrong"),
    }


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_progress_saved_to_a_file_loads_back_and_a_hostile_file_changes_nothing(
    drill: Callable[..., Page], base_url: str, data: dict, viewport: str, tmp_path: Path
) -> None:
    page = drill(viewport)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    on_day(page, 0)
    page.goto(base_url + "principles/guide-dont-get/")  # read
    page.goto(base_url + "practice/")
    wrong = drill_all(page, data, right=lambda number: number != 1)
    page.get_by_role("button", name="Start over").click()
    page.get_by_role("button", name="Yes, start over").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my progress").click()
    assert download.value.suggested_filename == "playbook-progress-2026-11-20.json"
    saved = tmp_path / "progress.json"
    download.value.save_as(saved)
    progress = json.loads(saved.read_text())
    assert progress == {
        "format": "playbook-progress",
        "version": 1,
        "saved": "2026-11-20",
        "review": json.loads(stored(page)["/.playbook.review"]),
        "practised": {item["id"]: item["id"] not in wrong for item in data["principles"]},
        "read": ["guide-dont-get"],
    }
    before = stored(page)

    # Another device: nothing stored, then the file loaded; a missed principle is due the next day.
    page.evaluate("localStorage.clear()")
    on_day(page, 1)
    page.reload()
    assert due_text(page).startswith("Nothing due")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress").click()
    chooser.value.set_files(saved)
    expect(page.locator(".playbook-drill__notice")).to_have_text(
        "Progress loaded from the file saved on 2026-11-20."
    )
    expect(page.get_by_role("button", name="Load progress")).to_be_focused()
    assert stored(page) == before
    assert due_text(page) == "1 principle due for review today."

    hostile = {**HOSTILE_FILES, **bad_entry(data["principles"][0]["id"])}
    for name, (text, message) in hostile.items():
        path = tmp_path / f"{len(name)}-{name.replace(' ', '-')}.json"
        path.write_text(text)
        with page.expect_file_chooser() as chooser:
            page.get_by_role("button", name="Load progress").click()
        chooser.value.set_files(path)
        notice = page.locator(".playbook-drill__notice")
        expect(notice).to_contain_text(message)
        expect(page.get_by_role("status")).to_contain_text(message)
        assert stored(page) == before, name
        assert page.evaluate("({}).polluted === undefined && Object.prototype.box === undefined"), name
        page.evaluate("document.querySelector('.playbook-drill__notice').textContent = ''")
    assert page.locator(".playbook-drill img, .playbook-drill script, .playbook-drill b").count() == 0
    assert dialogs == []
    expect(page.locator(".playbook-drill__notice")).to_have_text("")
    page.locator(".playbook-drill__notice").evaluate("(notice) => { notice.textContent = 'x'; }")
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION  # the start screen with a notice


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_principle_link_opens_the_drill_at_that_question(
    drill: Callable[..., Page], base_url: str, data: dict, viewport: str
) -> None:
    """The link `?principle=<id>` (core/site/addresses.py PRINCIPLE_QUERY), which a principle page's "Drill this
    principle" follows: that question first; an unknown id says so above the start screen."""
    item = data["principles"][-1]
    page = drill(viewport)
    page.goto(base_url + f"practice/?principle={item['id']}")
    expect(page.get_by_role("heading", name="Question 1 of 1")).to_be_focused()
    assert answer_with_keyboard(page, data, right=False) == item["id"]
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION  # the verdict
    go_on(page)
    expect(page.get_by_role("heading", name="Your score: 0 of 1")).to_be_focused()
    page.get_by_role("button", name="Start over").click()
    assert axe_violations_in_each_scheme(page) == NO_VIOLATION  # the summary asking to start over
    page.goto(base_url + "practice/?principle=no-such-principle")
    expect(page.locator(".playbook-drill__notice")).to_have_text(
        "That principle is not in this playbook (any more): choose what to drill."
    )
    expect(page.get_by_label("Drill")).to_have_value("all")
    expect(page.locator(CHOICES)).to_have_count(0)
