"""Every link and file a built site's HTML names, checked against the files the site holds.

MkDocs checks the `.md` links of Markdown pages; links written in raw HTML (a template's button, a
redirect page, the theme's scripts and stylesheets) it leaves as written. This reads every `href` and
`src` in every built page, whoever wrote it, so a new page or link is checked without being listed.
"""

from __future__ import annotations

import functools
import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK_ATTRIBUTES = frozenset({"href", "src"})


class _Links(HTMLParser):
    """The addresses a page names, and the ids it holds."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.addresses.append(value)
            elif name in ("id", "name") and value:
                self.ids.add(value)


@functools.cache
def _read(page: Path) -> _Links:
    parser = _Links()
    parser.feed(page.read_text("utf-8"))
    parser.close()
    return parser


def _target_file(site: Path, page: Path, path: str) -> Path | None:
    """The file a relative or site-absolute address on `page` names, or None if there is none."""
    here = page.parent.relative_to(site).as_posix()
    joined = posixpath.normpath(posixpath.join("/" if path.startswith("/") else f"/{here}", path))
    target = site / joined.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def site_addresses(site: Path) -> list[str]:
    """`page: address` for every address broken_links reads in the site's HTML, broken or not: what a test
    shows it checked, so that "nothing broken" cannot mean "nothing read"."""
    return [
        f"{page.relative_to(site).as_posix()}: {address}"
        for page in sorted(site.rglob("*.html"))
        for address in _read(page).addresses
    ]


def broken_links(site: Path) -> list[str]:
    """`page: address` for every address in the site's HTML that names no file in the site (query and
    fragment left out), or a `#fragment` that no element of its target page has. Addresses with a
    scheme or another host (`https:`, `mailto:`, `//host`) are not the site's and are skipped. A site
    with no address to read is an error: an empty list must mean "none broken", not "none read"."""
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert any(_read(page).addresses for page in pages), f"no address to check in {site}"
    for page in pages:
        for address in _read(page).addresses:
            parts = urlsplit(address)
            if parts.scheme or parts.netloc:
                continue
            path = unquote(parts.path)
            target = _target_file(site, page, path) if path else page
            fragment = unquote(parts.fragment)
            where = f"{page.relative_to(site).as_posix()}: {address}"
            if target is None:
                broken.append(where)
            elif fragment and target.suffix == ".html" and fragment not in _read(target).ids:
                broken.append(f"{where} (no element has the id {fragment!r})")
    return broken
