"""The playbook on a phone without a network: the web app manifest, its icons and the service worker.

The manifest and the icons are files like the JSON exports, written into the site by the adapter and
by the Markdown export. The service worker is written after the build, once the pages and Pagefind's
index exist (`write_service_worker`): it lists every file of the built site, versioned by a hash of
their bytes, so a new build is a new cache that replaces the old one whole. Any engine's built site
gets it with `python -m playbook.core.site.offline SITE_DIR` (scripts/build_zensical.py runs it).

README, "Offline": what the worker stores at once and what only on "Save for offline".
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import struct
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment

from .addresses import ICON_URIS, SERVICE_WORKER_URI, WEB_MANIFEST_URI

NOT_FOUND_URI = "404.html"
PRECACHE_LIMIT = 30 * 1024 * 1024
"""What a first visit stores at most, besides the app shell; the rest waits for "Save for offline"."""
SHORT_NAME_LENGTH = 12
"""The longest name a phone's home screen shows under an icon without cutting it."""
BACKGROUND = "#ffffff"
DEFAULT_PRIMARY = "indigo"
MATERIAL_PRIMARY = {
    "red": "#ef5552", "pink": "#e92063", "purple": "#ab47bd", "deep-purple": "#7e56c2",
    "indigo": "#4051b5", "blue": "#2094f3", "light-blue": "#02a6f2", "cyan": "#00bdd6",
    "teal": "#009485", "green": "#4cae4f", "light-green": "#8bc34b", "lime": "#cbdc38",
    "yellow": "#ffec3d", "amber": "#ffc105", "orange": "#ffa724", "deep-orange": "#ff6e42",
    "brown": "#795649", "grey": "#757575", "blue-grey": "#546d78", "black": "#000000",
    "white": "#ffffff",
}  # fmt: skip
"""Material's primary colours (its palette stylesheet), by the name `theme.palette.primary` takes."""


def theme_colour(palette: Any) -> str:
    """The header colour of the site's first palette that names one (Material's indigo by default)."""
    schemes = palette if isinstance(palette, list) else [palette]
    for scheme in schemes:
        primary = scheme.get("primary") if isinstance(scheme, dict) else None
        if isinstance(primary, str) and primary.replace(" ", "-").lower() in MATERIAL_PRIMARY:
            return MATERIAL_PRIMARY[primary.replace(" ", "-").lower()]
    return MATERIAL_PRIMARY[DEFAULT_PRIMARY]


def short_name(site_name: str) -> str:
    """The site's name if a home screen shows it whole, else its last words that fit ("Playbook")."""
    if len(site_name) <= SHORT_NAME_LENGTH:
        return site_name
    kept: list[str] = []
    for word in reversed(site_name.split()):
        if len(" ".join([word, *kept])) > SHORT_NAME_LENGTH:
            break
        kept.insert(0, word)
    return " ".join(kept) or site_name[:SHORT_NAME_LENGTH]


def web_manifest(site_name: str, description: str, palette: Any) -> str:
    """The web app manifest. Its addresses are relative to itself, at the site root, so the installed
    app starts and stays in the site wherever it is published (a project site under /<repo>/)."""
    manifest = {
        "name": site_name,
        "short_name": short_name(site_name),
        **({"description": description} if description else {}),
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": theme_colour(palette),
        "background_color": BACKGROUND,
        "icons": [
            {"src": uri, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
            for size, uri in ICON_URIS.items()
        ],
    }
    return json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"


def offline_files(settings: dict[str, Any]) -> list[tuple[str, bytes]]:
    """(src_uri, bytes) of the manifest, its icons and a placeholder worker, from the site's
    configuration (`site_name`, `site_description`, `theme.palette`). The icons are the playbook's own
    design in the theme colour: a site's logo is not rasterised (an SVG would need a rendering library)."""
    theme = settings.get("theme")
    if not isinstance(theme, dict):
        theme = {}
    colour = theme_colour(theme.get("palette"))
    manifest = web_manifest(
        str(settings.get("site_name") or ""),
        str(settings.get("site_description") or ""),
        theme.get("palette"),
    )
    icons = [(uri, icon_png(size, colour)) for size, uri in ICON_URIS.items()]
    # Until the build's own worker replaces it (write_service_worker), a worker that stores nothing:
    # a preview or a site built without that step serves from the network, as before.
    placeholder = (SERVICE_WORKER_URI, service_worker(None).encode("utf-8"))
    return [(WEB_MANIFEST_URI, manifest.encode("utf-8")), *icons, placeholder]


def _rgb(colour: str) -> bytes:
    return bytes.fromhex(colour.lstrip("#"))


def icon_png(size: int, colour: str) -> bytes:
    """A square PNG: a white speech bubble with three dots on the theme colour, drawn row by row
    (a span per shape), with no imaging library."""
    background, white = _rgb(colour), b"\xff\xff\xff"

    def ellipse(y: float, cx: float, cy: float, rx: float, ry: float) -> tuple[float, float] | None:
        if abs(y - cy) >= ry:
            return None
        half = rx * math.sqrt(1 - ((y - cy) / ry) ** 2)
        return cx - half, cx + half

    def tail(y: float) -> tuple[float, float] | None:
        if not 0.55 <= y <= 0.80:
            return None
        along = (y - 0.55) / 0.25
        return 0.30 - 0.06 * along, 0.46 - 0.22 * along

    rows = bytearray()
    for row in range(size):
        y = (row + 0.5) / size
        pixels = bytearray(background * size)
        shapes = [(ellipse(y, 0.5, 0.44, 0.34, 0.25), white), (tail(y), white)]
        shapes += [(ellipse(y, x, 0.44, 0.045, 0.045), background) for x in (0.36, 0.5, 0.64)]
        for span, paint in shapes:
            if span is None:
                continue
            start, end = (max(0, min(size, round(edge * size))) for edge in span)
            pixels[start * 3 : end * 3] = paint * (end - start)
        rows += b"\x00" + pixels

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


@dataclass(frozen=True)
class SiteFile:
    path: str
    """Relative to the site root, with / between folders."""
    size: int


@dataclass(frozen=True)
class Precache:
    """What the worker of one build stores: `install` on the first visit, `later` on "Save for offline"."""

    version: str
    install: tuple[SiteFile, ...]
    later: tuple[SiteFile, ...]

    @property
    def install_bytes(self) -> int:
        return sum(file.size for file in self.install)

    @property
    def total_bytes(self) -> int:
        return self.install_bytes + sum(file.size for file in self.later)


def site_files(site_dir: Path) -> Iterator[Path]:
    """Every file a reader can fetch from the built site, in a stable order; not the worker itself,
    dot-files or anything reached through a link."""
    for folder, folders, names in os.walk(site_dir):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in sorted(names):
            path = Path(folder, name)
            relative = path.relative_to(site_dir).as_posix()
            if name.startswith(".") or relative == SERVICE_WORKER_URI or path.is_symlink():
                continue
            yield path


def is_shell(path: str) -> bool:
    """The app shell, stored whatever the site's size: the theme's and the playbook's assets, Pagefind's
    library and index (not its per-page fragments), the home page, the 404 page and the manifest."""
    if path in ("index.html", NOT_FOUND_URI, WEB_MANIFEST_URI):
        return True
    if path.startswith("pagefind/"):
        return not path.startswith("pagefind/fragment/")
    return path.startswith("assets/")


def _rank(file: SiteFile) -> tuple[int, int, str]:
    """Shell first; then pages, then data (JSON, search fragments), then the rest; shallow first."""
    if is_shell(file.path):
        kind = 0
    elif file.path.endswith(".html"):
        kind = 1
    elif file.path.endswith(".json") or file.path.startswith("pagefind/fragment/"):
        kind = 2
    else:
        kind = 3
    return kind, file.path.count("/"), file.path


def plan_precache(site_dir: Path, limit: int = PRECACHE_LIMIT) -> Precache:
    """The built site's files in the order the worker stores them, split where the files after the
    shell pass `limit` bytes (the shell always goes first and whole), and the build's version: a hash
    of every path and its bytes."""
    digest = hashlib.sha256()
    files = []
    for path in site_files(site_dir):
        relative = path.relative_to(site_dir).as_posix()
        data = path.read_bytes()
        digest.update(relative.encode("utf-8") + b"\0" + len(data).to_bytes(8, "big") + data)
        files.append(SiteFile(relative, len(data)))
    ordered = sorted(files, key=_rank)
    install: list[SiteFile] = []
    stored = 0
    for position, file in enumerate(ordered):
        if not is_shell(file.path):
            if stored + file.size > limit:
                return Precache(digest.hexdigest()[:20], tuple(install), tuple(ordered[position:]))
            stored += file.size
        install.append(file)
    return Precache(digest.hexdigest()[:20], tuple(install), ())


def _addresses(files: Iterable[SiteFile]) -> list[str]:
    return [quote(file.path) for file in files]


def service_worker(precache: Precache | None) -> str:
    """The worker's script for one build; for none (a preview), a worker that removes itself and its
    caches, so a worker left by an earlier build never answers for `mkdocs serve`."""
    build = None
    if precache is not None:
        build = {
            "version": precache.version,
            "install": _addresses(precache.install),
            "later": _addresses(precache.later),
            "laterBytes": precache.total_bytes - precache.install_bytes,
            "notFound": NOT_FOUND_URI,
        }
    template = resources.files("playbook").joinpath("templates", "service-worker.js.jinja")
    environment = Environment(autoescape=False, keep_trailing_newline=True)
    return environment.from_string(template.read_text("utf-8")).render(build=build)


def write_service_worker(site_dir: Path, limit: int = PRECACHE_LIMIT) -> Precache:
    """Write sw.js for the site just built and indexed in `site_dir` (after Pagefind: it lists its files)."""
    precache = plan_precache(site_dir, limit)
    Path(site_dir, SERVICE_WORKER_URI).write_text(service_worker(precache), encoding="utf-8")
    return precache


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the service worker (sw.js) of a built and indexed playbook site."
    )
    parser.add_argument("site_dir", type=Path, metavar="SITE_DIR")
    arguments = parser.parse_args(argv)
    if not (arguments.site_dir / "index.html").is_file():
        print(f"offline: {arguments.site_dir} has no index.html; build the site first", file=sys.stderr)
        return 2
    precache = write_service_worker(arguments.site_dir)
    print(
        f"{arguments.site_dir}/{SERVICE_WORKER_URI}: {len(precache.install)} files stored on the first "
        f"visit ({precache.install_bytes / 1e6:.1f} MB), {len(precache.later)} on Save for offline"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
