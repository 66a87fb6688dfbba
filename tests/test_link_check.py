"""Every address in every built page names a file of the site, in both URL styles: the links MkDocs
checks (Markdown) and the ones it leaves as written (raw HTML in templates, the theme, redirect pages).
Addresses come from core/site/addresses.py, which knows both styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from in_process import mkdocs_build
from link_check import broken_links, site_addresses
from support import copy_project


@pytest.fixture(scope="module")
def site_without_directory_urls(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository's playbook built with `use_directory_urls: false` (pages are `x.html` files)."""
    project = copy_project(tmp_path_factory.mktemp("flat"))
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    return project / "site"


def test_every_address_resolves_without_directory_urls(site_without_directory_urls: Path) -> None:
    site = site_without_directory_urls
    assert (site / "practice.html").is_file()
    # Read, and right: "Drill this path" is raw HTML, which MkDocs does not check (issue 24 bug 2).
    assert "paths/first-week.html: ../practice.html?path=first-week" in site_addresses(site)
    assert broken_links(site) == []


def test_every_address_resolves_with_directory_urls(site: Path) -> None:
    assert "paths/first-week/index.html: ../../practice/?path=first-week" in site_addresses(site)
    assert broken_links(site) == []


def test_the_checker_finds_a_broken_raw_link_and_fragment(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<p id="here"></p>')
    (tmp_path / "page.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><img src="a/index.html?x=1"><a href="#top" id="top">'
        '<a href="https://example.com/x">other host</a><a href="mailto:x@example.com">mail</a>'
        '<a href="practice/?path=first-week">missing</a><a href="a/#gone">no id</a>'
        '<script src="/missing.js"></script>'
    )
    assert broken_links(tmp_path) == [
        "page.html: practice/?path=first-week",
        "page.html: a/#gone (no element has the id 'gone')",
        "page.html: /missing.js",
    ]
