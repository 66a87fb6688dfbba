"""Search as a reader uses it: type in the box, see the principle, click, land on the section."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from playbook.loader import load_principles
from playbook.model import Principle

from support import ROOT


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{7,}", text.lower()))


def all_text(principle: Principle, *, good_response: bool) -> str:
    fields = [principle.title, principle.summary, principle.story, principle.situation]
    fields += [principle.bad_response.says, principle.bad_response.why, *principle.takeaways]
    fields += [principle.source.title, principle.source.author or "", principle.source.publication or ""]
    if good_response:
        fields += [principle.good_response.says, principle.good_response.why]
    return " ".join(fields).lower()


def words_only_in_good_responses() -> list[tuple[str, str]]:
    """(principle id, a word found nowhere else on searchable pages but in that good response)."""
    principles = load_principles(ROOT / "principles", root=ROOT)
    docs = " ".join(path.read_text().lower() for path in (ROOT / "docs").rglob("*.md"))
    chosen = []
    for principle in principles:
        elsewhere = docs + " ".join(
            all_text(other, good_response=other.id != principle.id) for other in principles
        )
        good = principle.good_response.says + " " + principle.good_response.why
        # Lunr stems words: compare a stem-length prefix so "reviews" and "reviewed" count as found.
        candidates = sorted(word for word in words(good) if word[:-3] not in elsewhere)
        assert candidates, f"no word is unique to the good response of {principle.id}"
        chosen.append((principle.id, candidates[0]))
    return chosen


@pytest.mark.parametrize(("principle_id", "word"), words_only_in_good_responses())
def test_a_word_from_a_good_response_finds_that_section(
    desktop: Page, base_url: str, principle_id: str, word: str
) -> None:
    desktop.goto(base_url)
    desktop.locator("input.md-search__input").click()
    desktop.keyboard.type(word, delay=30)
    section_hit = desktop.locator(
        f'.md-search-result a[href*="principles/{principle_id}/"][href$="#good-response"]'
    )
    expect(section_hit.first).to_be_visible(timeout=15_000)
    expect(desktop.locator(".md-search-result__meta")).to_contain_text("1 matching document")
    section_hit.first.click()
    desktop.wait_for_url(re.compile(rf"/principles/{principle_id}/.*#good-response$"))
    expect(desktop.locator("#good-response")).to_be_in_viewport()
