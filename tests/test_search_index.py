"""The site search index: written by every build, holding only the content a rep searches for."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core.search import BUNDLE_DIR, OPENING_LENGTH, UNUSED_UI, opening

from in_process import mkdocs_build
from support import refused


def indexed_body(site: Path, url: str) -> dict[str, str] | None:
    """The attributes of the part of a page the index reads, or None when the page is left out."""
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.find(attrs={"data-pagefind-body": True})
    return None if body is None else dict(body.attrs)


def test_a_build_writes_the_search_index_beside_the_pages(site: Path) -> None:
    assert (site / BUNDLE_DIR / "pagefind.js").is_file()
    assert list((site / BUNDLE_DIR / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off


def test_pagefinds_own_interfaces_are_not_published_nor_stored_offline(site: Path) -> None:
    """search.js loads pagefind.js only; the UI files Pagefind writes beside it go once it has run."""
    assert "pagefind-ui.js" in UNUSED_UI
    assert [name for name in UNUSED_UI if (site / BUNDLE_DIR / name).exists()] == []
    worker = (site / "sw.js").read_text(encoding="utf-8")
    assert f"{BUNDLE_DIR}/pagefind.js" in worker and "-ui." not in worker and "highlight" not in worker


@pytest.mark.parametrize(
    ("url", "kind"),
    [("principles/lower-your-shields", "principle"), ("", "page"), ("contributing", "page")],
)
def test_principles_are_marked_so_they_rank_first(site: Path, url: str, kind: str) -> None:
    body = indexed_body(site, url)
    assert body is not None and body["data-pagefind-filter"] == f"kind:{kind}"


@pytest.mark.parametrize("url", ["principles", "do-dont", "customer-says", "tags/trust"])
def test_pages_that_repeat_the_principles_are_left_out(site: Path, url: str) -> None:
    assert indexed_body(site, url) is None


def test_the_customer_lines_weigh_more(site: Path) -> None:
    soup = BeautifulSoup((site / "principles/lower-your-shields/index.html").read_text(), "html.parser")
    lines = soup.select_one(".playbook-customer-says")
    assert lines is not None and float(lines["data-pagefind-weight"]) > 1


def test_a_search_index_that_fails_stops_the_build_in_one_line(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")
    result = mkdocs_build(project)
    refused(result)
    assert "the search index could not be built (pagefind exited 1)" in result.stderr


def search_meta(site: Path, url: str) -> dict[str, str]:
    """The Pagefind meta a page carries (`data-pagefind-meta="name:value"`), by name."""
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    pairs = (element["data-pagefind-meta"].split(":", 1) for element in soup.select("[data-pagefind-meta]"))
    return dict(pairs)


def test_a_principle_carries_what_its_result_shows(site: Path) -> None:
    meta = search_meta(site, "principles/guide-dont-get")
    # The text has typographic quotes, as the page does.
    assert meta["says0"] == "It\u2019s too expensive."
    assert meta["says4"] == "Stop pushing me. I\u2019ll decide when I\u2019m ready."
    assert meta["summary"].startswith("Don\u2019t look for ways to get customers to act")
    assert meta["say_instead"].startswith("\u201cThat makes sense. What will the budget review need")
    assert meta["answer"] == "good-response"


@pytest.mark.parametrize("url", ["", "contributing"])
def test_no_other_page_carries_a_principle_result(site: Path, url: str) -> None:
    # Only the theme writes meta, from the plugin's data: a docs page cannot pass for a principle.
    assert search_meta(site, url) == {}


def test_say_instead_is_the_good_responses_opening_cut_at_a_word() -> None:
    text = "We can start small. " * 20
    cut = opening(text)
    assert len(cut) <= OPENING_LENGTH + 1 and cut.endswith("\u2026")
    assert text.startswith(cut[:-1]) and text[len(cut) - 1] in " ."
    assert opening("Short and whole.") == "Short and whole."


def test_the_story_and_why_weigh_less_than_the_lines_title_and_summary(site: Path) -> None:
    soup = BeautifulSoup((site / "principles/lower-your-shields/index.html").read_text(), "html.parser")

    def weight(selector: str) -> float:
        element = soup.select_one(selector)
        assert element is not None, selector
        return float(element["data-pagefind-weight"])

    high = min(weight(".playbook-customer-says"), weight(".playbook-summary"))
    assert weight(".playbook-story") < 1 and weight(".playbook-why") < 1 and high >= 7
