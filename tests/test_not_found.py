"""The built 404.html: a server sends it for an unknown address at any depth, so its links, styles
and scripts are absolute, and lead to real files whether or not the site lives under a sub-path."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from in_process import mkdocs_build

WAYS_IN = ["Principles", "When the customer says…", "Do / Don\u2019t", "Home"]


def built_file(site: Path, prefix: str, address: str) -> Path:
    """The file a static host serves for an absolute address of a site published under `prefix`."""
    assert address.startswith(prefix), (address, prefix)
    path = site / address.removeprefix(prefix)
    return path / "index.html" if address.endswith("/") else path


@pytest.mark.parametrize(
    ("site_url", "prefix"),
    [
        (None, "/"),
        ("https://playbook.example.com/", "/"),
        ("https://example.com/teams/sales/", "/teams/sales/"),
    ],
)
@pytest.mark.parametrize("directory_urls", [True, False])
def test_every_address_on_the_404_page_is_absolute_and_leads_to_a_built_file(
    project: Path, site_url: str | None, prefix: str, directory_urls: bool
) -> None:
    config = project / "mkdocs.yml"
    settings = f"site_url: {site_url}\n" if site_url else ""
    settings += f"use_directory_urls: {'true' if directory_urls else 'false'}\n"
    config.write_text(settings + config.read_text())
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    html = BeautifulSoup((site / "404.html").read_text(encoding="utf-8"), "html.parser")

    article = html.select_one("article")
    assert article.h1.get_text(strip=True) == "Page not found"
    assert [link.get_text(strip=True) for link in article.select("li a")] == WAYS_IN
    search = article.select_one("form[role=search]")
    assert search.select_one("input[type=search]")["name"] == "q"
    assert search["action"] == prefix

    addresses = [link["href"] for link in article.select("a")]
    addresses += [link["href"] for link in html.select("link[rel=stylesheet]")]
    addresses += [script["src"] for script in html.select("script[src]")]
    for address in addresses:
        if address == prefix:
            continue  # the home page: every host serves index.html there
        assert not urlsplit(address).netloc, address  # nothing from another host
        assert built_file(site, prefix, address).is_file(), address
