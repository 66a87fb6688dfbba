"""One stylesheet and one script of ours per feature (core/bundles.py): each bundle is its parts whole and
in order, every source file is published in some bundle, and the site serves exactly the bundles."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from playbook.core.site.addresses import ASSETS_DIR
from playbook.core.site.bundles import BUNDLES, asset_text, asset_uris, published_bundles

SOURCES = resources.files("playbook").joinpath("assets")


def test_a_bundle_is_its_parts_whole_and_in_order() -> None:
    text = asset_text(f"{ASSETS_DIR}/principle.css")
    starts = [
        text.index(SOURCES.joinpath(name).read_text("utf-8").strip()) for name in BUNDLES["principle.css"]
    ]
    assert starts == sorted(starts) and len(BUNDLES["principle.css"]) == 3
    scripts = asset_text(f"{ASSETS_DIR}/site.js")
    assert scripts.index("window.playbookSite = ") < scripts.index("Pagefind")  # site.js before search.js


def test_every_source_file_is_published_and_every_part_exists() -> None:
    sources = {entry.name for entry in SOURCES.iterdir() if entry.name.endswith((".css", ".js"))}
    bundles = published_bundles()
    assert {part for parts in bundles.values() for part in parts} == sources
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
