"""The drill past its embed size (core/site/practice.py EMBED_BYTES, lowered here by the plugin option
`drill_embed_bytes: 0`): /practice/ carries no data, and each drill fetches only its scope's files
under practice/data/, counted in Chromium: `?principle=` one question, a tag its list and its own
questions, "Review due" only the questions due."""

# ruff: noqa: F811 (the fixture `data` is test_drill.py's, imported to be used as an argument)
from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from test_drill import answer_with_keyboard, data, go_on, start  # noqa: F401

from playbook.core.site.addresses import DRILL_DATA_DIR
from playbook.core.site.practice import DATA_ELEMENT_ID

from support import ROOT, build_site, copy_project, page, serve, set_plugin_option


@pytest.fixture(scope="module")
def fetched_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = copy_project(tmp_path_factory.mktemp("fetched") / "project")
    set_plugin_option(project, "drill_embed_bytes", 0)
    site = project / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stderr
    assert page(site, "practice/").find("script", id=DATA_ELEMENT_ID) is None
    with serve(site) as url:
        yield url


@pytest.fixture
def window(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """A fresh window and the drill data files it asks for, as names inside practice/data/."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    asked: list[str] = []
    marker = f"/{DRILL_DATA_DIR}/"
    page.on("request", lambda request: marker in request.url and asked.append(request.url.split(marker)[1]))
    yield page, asked
    context.close()


def test_a_principle_link_fetches_that_question_only(window, fetched_site: str, data: dict) -> None:
    page, asked = window
    principle = data["principles"][1]["id"]
    page.goto(f"{fetched_site}practice/?principle={principle}")
    expect(page.get_by_role("heading", name="Question 1 of 1")).to_be_focused()
    answer_with_keyboard(page, data, right=True)
    go_on(page)
    expect(page.get_by_role("heading", name="Your score: 1 of 1")).to_be_focused()
    assert asked == [f"principle/{principle}.json"]


def test_a_tag_drill_fetches_its_list_and_its_questions_only(window, fetched_site: str, data: dict) -> None:
    page, asked = window
    tag = "trust"
    tagged = [item["id"] for item in data["principles"] if tag in item["tags"]]
    assert 1 < len(tagged) < data["count"]
    page.goto(f"{fetched_site}practice/?tag={tag}")
    start(page)
    for _ in tagged:
        answer_with_keyboard(page, data, right=True)
        go_on(page)
    expect(page.get_by_role("heading", name=f"Your score: {len(tagged)} of {len(tagged)}")).to_be_focused()
    assert sorted(asked[:2]) == ["index.json", f"tag/{tag}.json"]
    assert sorted(asked[2:]) == sorted(f"principle/{id}.json" for id in tagged)


def test_review_due_fetches_only_the_questions_due(window, fetched_site: str, data: dict) -> None:
    page, asked = window
    due = data["principles"][0]["id"]
    page.goto(f"{fetched_site}practice/")
    review = {
        due: {"box": 1, "due": "2000-01-01"},
        data["principles"][2]["id"]: {"box": 2, "due": "2999-01-01"},
    }
    page.evaluate("(review) => localStorage.setItem('/.playbook.review', review)", json.dumps(review))
    page.reload()
    asked.clear()
    page.get_by_role("button", name="Review due").click()
    expect(page.get_by_role("heading", name="Question 1 of 1")).to_be_focused()
    answer_with_keyboard(page, data, right=False)
    go_on(page)
    expect(page.get_by_role("heading", name="Your score: 0 of 1")).to_be_focused()
    assert asked == [f"principle/{due}.json"]  # the index was read by the start screen already


def test_the_drill_asks_for_its_files_where_the_build_writes_them() -> None:
    assert (ROOT / "plugins/playbook/assets/practice.js").read_text().count(f'"{DRILL_DATA_DIR}/"') == 1
