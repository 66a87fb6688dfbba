"""The files that make the playbook installable and offline (core/site/offline.py): the web app manifest and
its icons on every page, and the service worker's list of what it stores, split at the size limit.
tests/browser/test_offline.py runs the worker in Chromium."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from bs4 import BeautifulSoup

from playbook.core.site.offline import (
    PRECACHE_LIMIT,
    icon_png,
    plan_precache,
    service_worker,
    short_name,
    theme_colour,
    write_service_worker,
)

from in_process import run_script_main
from support import HIDES_A_PAGE, refused


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def worker_build(site: Path) -> dict:
    return json.loads(re.search(r"const BUILD = (.*);", (site / "sw.js").read_text())[1])


def test_every_page_links_the_manifest_and_its_icons_are_pngs_of_their_size(site: Path) -> None:
    manifest = json.loads((site / "manifest.webmanifest").read_text())
    assert manifest["name"] == "Sales Playbook"
    assert manifest["short_name"] == "Playbook"
    assert manifest["start_url"] == manifest["scope"] == "./"
    assert manifest["display"] == "standalone"
    assert manifest["theme_color"] == "#4051b5"
    assert {icon["sizes"] for icon in manifest["icons"]} == {"192x192", "512x512"}
    for icon in manifest["icons"]:
        width, height = png_size((site / icon["src"]).read_bytes())
        assert f"{width}x{height}" == icon["sizes"]
    for page in site.rglob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        if soup.find("meta", attrs={"http-equiv": "refresh"}) or "redirect.js" in page.read_text():
            continue  # an old address forwarding to its principle
        link = soup.find("link", rel="manifest")
        assert link is not None, page
        target = (page.parent / link["href"]).resolve() if page.name != "404.html" else site / "x"
        assert page.name == "404.html" or target == (site / "manifest.webmanifest").resolve(), page


def test_the_worker_lists_every_file_of_the_build_pagefind_included_and_not_itself(site: Path) -> None:
    build = worker_build(site)
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    assert set(build["install"]) == files - {"sw.js"}
    assert build["later"] == []
    assert any(path.startswith("pagefind/fragment/") for path in build["install"])
    assert build["install"][:3] == ["404.html", "index.html", "manifest.webmanifest"]


def test_the_version_changes_with_any_byte_and_only_then(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>One</h1>")
    first = plan_precache(tmp_path).version
    assert plan_precache(tmp_path).version == first
    (tmp_path / "index.html").write_text("<h1>Two</h1>")
    assert plan_precache(tmp_path).version != first


def test_above_the_limit_the_shell_is_stored_and_the_rest_waits_for_save_for_offline(tmp_path: Path) -> None:
    for path, size in {
        "index.html": 10,
        "404.html": 10,
        "assets/app.js": 500,
        "pagefind/pagefind.js": 500,
        "pagefind/fragment/a.pf_fragment": 50,
        "principles/a/index.html": 60,
        "principles/b/index.html": 60,
        "practice/data/index.json": 30,
    }.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(b"x" * size)
    precache = write_service_worker(tmp_path, limit=100)
    assert [file.path for file in precache.install] == [
        "404.html", "index.html", "assets/app.js", "pagefind/pagefind.js", "principles/a/index.html"
    ]  # fmt: skip
    assert [file.path for file in precache.later] == [
        "principles/b/index.html", "pagefind/fragment/a.pf_fragment", "practice/data/index.json"
    ]  # fmt: skip
    build = worker_build(tmp_path)
    assert build["laterBytes"] == 140
    assert build["later"][0] == "principles/b/index.html"
    assert PRECACHE_LIMIT == 30 * 1024 * 1024  # the README states it


def test_a_preview_worker_removes_itself_and_no_docs_file_may_take_an_icons_address(
    project: Path,
) -> None:
    retiring = service_worker(None)  # also the placeholder every build writes before its own
    assert "unregister()" in retiring and "BUILD" not in retiring
    (project / "docs" / "assets" / "playbook").mkdir(parents=True)
    (project / "docs" / "assets" / "playbook" / "icon-192.png").write_bytes(icon_png(192, "#000000"))
    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [f"docs/assets/playbook/icon-192.png:1:1: {HIDES_A_PAGE}"]


def test_names_and_colours_come_from_the_site() -> None:
    assert short_name("Playbook") == "Playbook"
    assert short_name("Acme Sales Playbook") == "Playbook"
    assert short_name("Supercalifragilistic") == "Supercalifra"
    assert theme_colour([{"media": "x"}, {"primary": "teal"}]) == "#009485"
    assert theme_colour({"primary": "Deep Orange"}) == "#ff6e42"
    assert theme_colour(None) == "#4051b5"
    assert png_size(icon_png(192, "#009485")) == (192, 192)
    assert icon_png(192, "#009485") == icon_png(192, "#009485")  # the same bytes every build


def test_a_preview_registers_no_worker_and_serves_one_that_removes_itself(project: Path, serve) -> None:
    server = serve()
    status, html = server.get("")
    assert status == 200 and "livereload" in html  # MkDocs' live reload reaches the network
    assert "offline.js" not in html
    status, worker = server.get("sw.js")
    assert status == 200 and "unregister()" in worker and "const BUILD" not in worker
