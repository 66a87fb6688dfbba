"""Views split into parts past the page limit (core/site/page_parts.py, plugin option `page_limit_bytes`):
a build of today's playbook with a low limit, so every view splits by tag and by id prefix."""

from __future__ import annotations

import posixpath
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core.site import pages as planned
from playbook.core.site.addresses import (
    CUSTOMER_SAYS_SRC_URI,
    DO_DONT_SRC_URI,
    PRINCIPLES_INDEX_SRC_URI,
    ROLE_PLAY_SRC_URI,
    principle_src_uri,
    tag_src_uri,
    url_of,
)
from playbook.core.site.assemble import load_playbook
from playbook.core.site.page_parts import estimated_bytes
from playbook.core.site.pages import PlannedPage, site_plan

from in_process import build_site_and_export, mkdocs_build
from link_check import broken_links
from support import copy_project, set_plugin_option

LIMIT = 3_000
"""Low enough that each view splits, by tag and then by one, two and three letters of the ids."""
VIEWS = (
    DO_DONT_SRC_URI,
    ROLE_PLAY_SRC_URI,
    PRINCIPLES_INDEX_SRC_URI,
    CUSTOMER_SAYS_SRC_URI,
    tag_src_uri("trust"),
)
TEXT_SHOWN = {
    DO_DONT_SRC_URI: planned._do_dont_text,
    ROLE_PLAY_SRC_URI: planned._role_play_text,
    PRINCIPLES_INDEX_SRC_URI: planned._index_text,
    CUSTOMER_SAYS_SRC_URI: planned._customer_says_text,
    tag_src_uri("trust"): planned._tag_text,
}


def plan(project: Path, limit: int = LIMIT) -> dict[str, PlannedPage]:
    playbook = load_playbook(
        project / "principles",
        project / "docs",
        project / "principles/published.txt",
        root=project,
        strict=False,
    )
    return {page.src_uri: page for page in site_plan(playbook, True, limit).pages}


def reachable(pages: dict[str, PlannedPage], src_uri: str) -> set[str]:
    """The principles a reader reaches from a view's page through its parts."""
    part = pages[src_uri].context["part"]
    return {principle.id for principle in part.principles}


@pytest.fixture(scope="module")
def split_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("parts"))
    set_plugin_option(project, "page_limit_bytes", LIMIT)
    build_site_and_export(project)
    return project


def test_below_the_limit_no_view_splits(project: Path) -> None:
    assert all(
        "part" not in page.context or not page.context["part"].parts for page in plan(project, 10**9).values()
    )


def test_every_part_fits_the_limit_or_holds_one_principle(project: Path) -> None:
    pages = plan(project)
    for view in VIEWS:
        part = pages[view].context["part"]
        assert part.parts, view
        for page in part.pages():
            if not page.parts:
                size = estimated_bytes(page.principles, TEXT_SHOWN[view])
                assert len(page.principles) == 1 or size <= LIMIT, page.src_uri
    assert "principles/index/g/gu/gua.md" in pages, sorted(pages)
    assert "do-dont/trust/g.md" in pages, sorted(pages)


def test_an_address_keeps_its_meaning_when_a_principle_is_added(project: Path) -> None:
    before = plan(project)
    source = (project / "principles" / "guide-dont-get.yml").read_text()
    added = source.replace("id: guide-dont-get", "id: guide-the-talk", 1)
    (project / "principles" / "guide-the-talk.yml").write_text(added)
    after = plan(project)
    parts = [uri for uri, page in before.items() if "part" in page.context]
    assert len(parts) > 20
    for uri in parts:
        assert uri in after, uri
        assert (
            reachable(before, uri) <= reachable(after, uri) <= reachable(before, uri) | {"guide-the-talk"}
        ), uri


def links_from(site: Path, address: str) -> set[str]:
    html = BeautifulSoup((site / address / "index.html").read_text(), "html.parser")
    article = html.select_one("article")
    folder = posixpath.join("/", address)
    cards = {
        f"principles/{card['id'].removeprefix('role-play-')}" for card in article.select("[id^=role-play-]")
    }
    return cards | {
        posixpath.normpath(posixpath.join(folder, link["href"].split("#")[0].split("?")[0])).strip("/")
        for link in article.select("a[href]")
        if not link["href"].startswith(("http", "#"))
    }


@pytest.mark.parametrize("view", VIEWS)
def test_the_view_leads_to_every_principle_through_its_parts(split_project: Path, view: str) -> None:
    site = split_project / "site"
    pages = plan(split_project)
    root = url_of(view).rstrip("/")
    seen, queue, found = set(), [root], set()
    while queue:
        address = queue.pop()
        if address in seen:
            continue
        seen.add(address)
        for target in links_from(site, address):
            if target.startswith(root + "/"):
                queue.append(target)
            found.add(target)
    wanted = {url_of(principle_src_uri(pid)).strip("/") for pid in reachable(pages, view)}
    assert wanted <= found
    assert {url_of(uri).strip("/") for uri in pages if uri.startswith(view.removesuffix(".md") + "/")} <= seen


def test_a_split_site_links_resolve_in_both_url_styles(split_project: Path, tmp_path: Path) -> None:
    assert (split_project / "site/do-dont/trust/index.html").is_file()
    assert broken_links(split_project / "site") == []
    flat = tmp_path / "flat"
    shutil.copytree(split_project, flat, ignore=shutil.ignore_patterns("site", "export"))
    config = flat / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    assert mkdocs_build(flat).returncode == 0
    assert (flat / "site/do-dont/trust.html").is_file()
    assert broken_links(flat / "site") == []


def test_the_markdown_export_has_the_same_parts(split_project: Path) -> None:
    built = {
        path.relative_to(split_project / "site") for path in (split_project / "site").rglob("index.html")
    }
    exported = {
        path.relative_to(split_project / "export/site")
        for path in (split_project / "export/site").rglob("index.html")
    }
    parts = {
        path
        for path in built
        if path.parts[0] in ("do-dont", "customer-says", "tags", "practice", "principles")
    }
    assert Path("principles/index/g/gu/gua/index.html") in parts
    assert parts <= exported
