"""The site search index: written by every build, holding only the content a rep searches for."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core import load_principles
from playbook.core.site import search_indexer
from playbook.core.site.addresses import principle_url
from playbook.core.site.search import BUNDLE_DIR, LEFT_OUT, OPENING_LENGTH, UNUSED_UI, index_site, opening
from playbook.core.site.theme_text import typographic_quotes

from in_process import mkdocs_build
from support import ROOT, principle_count, refused, run_mkdocs


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


def test_a_search_index_that_never_answers_stops_the_build_in_one_line(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    silent = tmp_path / "silent-pagefind"
    silent.write_text("#!/bin/sh\nexec sleep 600\n")
    silent.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(silent))
    monkeypatch.setattr(search_indexer, "START_SECONDS", 0.5)
    result = mkdocs_build(project)
    refused(result)
    assert f"the search index could not be started: {silent} did not answer in 0.5 s" in result.stderr


def indexed_pages(site: Path) -> tuple[int, list[str]]:
    """What an index holds: its page count, and its fragments (one per page, named by the hash of the
    page's address, text and meta as indexed)."""
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    fragments = sorted(path.name for path in (site / BUNDLE_DIR / "fragment").iterdir())
    return entry["languages"]["en"]["page_count"], fragments


def test_the_index_made_during_the_build_is_the_commands(site: Path, tmp_path: Path) -> None:
    """A build hands each page to Pagefind as it writes it (core/site/search_indexer.py). The index is the
    one the command makes from the finished site: the same pages at the same addresses, the same text."""
    shutil.copytree(site, tmp_path / "site", ignore=shutil.ignore_patterns(BUNDLE_DIR))
    index_site(tmp_path / "site")
    count, fragments = indexed_pages(tmp_path / "site")
    assert count == len(fragments) > principle_count()  # every principle, and the docs pages
    assert indexed_pages(site) == (count, fragments)
    # Each file both indexes name alike is whole and the same: the library, its worker, its WASM, every
    # fragment. (The page list's files, and the entry naming them, take their names from the order
    # Pagefind numbered the pages in.)
    bundle, commands = site / BUNDLE_DIR, tmp_path / "site" / BUNDLE_DIR
    shared = [path.relative_to(commands) for path in commands.rglob("*") if path.is_file()]
    shared = [name for name in shared if (bundle / name).is_file() and name.name != "pagefind-entry.json"]
    assert {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"} <= {name.name for name in shared}
    assert len(shared) > len(fragments)
    assert [name for name in shared if (bundle / name).read_bytes() != (commands / name).read_bytes()] == []


def test_a_dirty_build_still_indexes_every_page(site: Path, project: Path) -> None:
    """`build --dirty` writes only the pages that changed; the index still holds them all."""
    assert run_mkdocs(project, "build", "--strict").returncode == 0
    assert run_mkdocs(project, "build", "--dirty").returncode == 0  # MkDocs warns of --dirty: not strict
    assert indexed_pages(project / "site") == indexed_pages(site)


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


def indexed_text(site: Path, url: str) -> str:
    """The text Pagefind indexed for the page at `url` (its fragment's `content`)."""
    for fragment in (site / BUNDLE_DIR / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        if data["url"] == url:
            return str(data["content"])
    raise AssertionError(f"no fragment for {url}")


def test_the_parts_a_template_marks_are_left_out_of_the_index(site: Path) -> None:
    """Our templates mark what search leaves out where they write it (`data-pagefind-ignore`), the
    theme's parts are named in search.LEFT_OUT: the drill block, tags, related and "Referenced by"
    lists, the source, the pager, "Edit this page"."""
    principle = next(iter(load_principles(ROOT / "principles", root=ROOT)))
    text = indexed_text(site, f"/{principle_url(principle.id)}")
    assert typographic_quotes(principle.customer_says[0]) in text  # the page is there, its lines too
    for left_out in ("Drill this principle", "Referenced by", "Related", "Source", "Edit this page"):
        assert left_out not in text
    assert not [selector for selector in LEFT_OUT if "playbook-" in selector]
