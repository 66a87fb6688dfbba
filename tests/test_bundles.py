"""One stylesheet and one script of ours per feature (core/site/bundles.py): each bundle is its parts whole and
in order, every source file is published in some bundle, and the site serves exactly the bundles."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from playbook.core.site.addresses import ASSETS_DIR
from playbook.core.site.bundles import (
    BREAKPOINTS,
    BUNDLES,
    asset_text,
    asset_uris,
    published_bundles,
    with_widths,
)

SOURCES = resources.files("playbook").joinpath("assets")


def test_a_bundle_is_its_parts_whole_and_in_order() -> None:
    text = asset_text(f"{ASSETS_DIR}/principle.css")
    starts = [  # each part as published: its named widths written out (with_widths)
        text.index(with_widths(SOURCES.joinpath(name).read_text("utf-8").strip()))
        for name in BUNDLES["principle.css"]
    ]
    assert starts == sorted(starts) and len(BUNDLES["principle.css"]) == 3
    scripts = asset_text(f"{ASSETS_DIR}/site.js")
    assert scripts.index("window.playbookSite = ") < scripts.index("Pagefind")  # site.js before search.js


def test_every_source_file_is_published_and_every_part_exists() -> None:
    sources = {entry.name for entry in SOURCES.iterdir() if entry.name.endswith((".css", ".js"))}
    bundles = published_bundles()
    assert {part for parts in bundles.values() for part in parts} == sources - {BREAKPOINTS}
    assert "search.js" not in bundles and "spaced-review.js" not in bundles  # only inside a bundle
    assert bundles["finder.js"] == ("finder.js",)  # a file no bundle names is published alone


def test_the_site_serves_the_bundles(site: Path) -> None:
    served = {
        path.relative_to(site).as_posix()
        for path in (site / ASSETS_DIR).glob("*.*")
        if path.suffix in {".css", ".js"}
    }
    assert served == set(asset_uris())
    assert (site / ASSETS_DIR / "practice.js").read_text("utf-8") == asset_text(f"{ASSETS_DIR}/practice.js")


def test_every_media_query_names_its_width_from_one_place() -> None:
    """Stylesheets name a breakpoint (`(--mobile)`); assets/breakpoints.css says what it is; the
    published bundles carry plain queries that every browser reads."""
    folder = resources.files("playbook").joinpath("assets")
    sources = {
        entry.name: entry.read_text("utf-8") for entry in folder.iterdir() if entry.name.endswith(".css")
    }
    queries = [
        (name, line)
        for name, text in sources.items()
        if name != BREAKPOINTS
        for line in text.splitlines()
        if line.startswith("@media")
    ]
    assert len(queries) > 10
    assert [query for query in queries if re.search(r"\d(em|px)", query[1])] == []
    published = [asset_text(uri) for uri in asset_uris() if uri.endswith(".css")]
    assert [
        line for text in published for line in text.splitlines() if "(--" in line and "@media" in line
    ] == []
    assert any("(max-width: 44.9375em)" in text for text in published)
    assert f"{ASSETS_DIR}/{BREAKPOINTS}" not in asset_uris()


def test_a_width_no_one_named_stops_the_build() -> None:
    with pytest.raises(KeyError, match="--pocket: no such width"):
        with_widths("@media screen and (--pocket) {\n}\n")
