"""The site search index: written by every build, holding only the content a rep searches for."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core.search import BUNDLE_DIR

from in_process import mkdocs_build


def indexed_body(site: Path, url: str) -> dict[str, str] | None:
    """The attributes of the part of a page the index reads, or None when the page is left out."""
    soup = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    body = soup.find(attrs={"data-pagefind-body": True})
    return None if body is None else dict(body.attrs)


def test_a_build_writes_the_search_index_beside_the_pages(site: Path) -> None:
    assert (site / BUNDLE_DIR / "pagefind.js").is_file()
    assert list((site / BUNDLE_DIR / "fragment").iterdir())
    assert not (site / "search" / "search_index.json").exists()  # Material's search is off


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
    assert result.returncode != 0
    assert "the search index could not be built (pagefind exited 1)" in result.stderr
    assert "Traceback" not in result.stderr
