"""scripts/lighthouse.py serves a site as a host would (gzip, 404.html for unknown addresses) and finds one
page of each kind in a built site. Lighthouse itself needs node and is not run here."""

from __future__ import annotations

import gzip
import runpy
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ROOT

LIGHTHOUSE = runpy.run_path(str(ROOT / "scripts" / "lighthouse.py"), run_name="lighthouse")


def fetch(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    for folder in ("principles/a", "principles/b", "tags/t", "paths/p"):
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "index.html").write_text(f"<h1>{folder}</h1>" * 50)
    (tmp_path / "index.html").write_text("<h1>home</h1>")
    (tmp_path / "404.html").write_text("<h1>Page not found</h1>")
    (tmp_path / "logo.png").write_bytes(b"\x89PNG" + bytes(100))
    return tmp_path


def test_text_is_sent_compressed_and_a_missing_address_gets_the_404_page(small_site: Path) -> None:
    with LIGHTHOUSE["serve_compressed"](small_site) as base_url:
        status, headers, body = fetch(base_url + "principles/a/")
        assert (status, headers["Content-Encoding"]) == (200, "gzip")
        assert gzip.decompress(body) == (small_site / "principles/a/index.html").read_bytes()
        status, headers, body = fetch(base_url + "logo.png")
        assert "Content-Encoding" not in headers and body.startswith(b"\x89PNG")
        status, headers, body = fetch(base_url + "no/such/page/")
        assert status == 404 and b"Page not found" in gzip.decompress(body)


def test_one_page_of_each_kind(small_site: Path) -> None:
    kinds = LIGHTHOUSE["page_kinds"](small_site)
    assert kinds["principle"] == "principles/a/" and kinds["tag"] == "tags/t/" and kinds["path"] == "paths/p/"
    assert kinds["home"] == "" and kinds["practice"] == "practice/"
