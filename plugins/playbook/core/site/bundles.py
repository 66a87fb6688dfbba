"""The stylesheets and scripts the site publishes: one bundle per feature, made at build time from the
package's assets/ (one source file per feature part, as written), so a page asks for at most one
stylesheet and one script of ours for its feature besides the site-wide pair.

theme/main.html names the bundle each feature loads (`playbook_features` in a page's front matter); a
bundle is published under the name of its feature's own file, its other parts appended in order, each
part whole (every script is its own `(() => { "use strict"; ... })();`, so joining them changes nothing).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from ..sources.source_files import DocsRules, owner_files
from .addresses import ASSETS_DIR, STYLESHEET_URI

BUNDLES: dict[str, tuple[str, ...]] = {
    # Every page: the base styles and header search (site.js first: the others use window.playbookSite).
    "playbook.css": ("playbook.css", "palette.css", "search.css"),
    "site.js": ("site.js", "search.js"),
    # A principle: its page, where it sits on a path, and the Don't / Do marks.
    "principle.css": ("principle.css", "paths.css", "comparisons.css"),
    "principle.js": ("principle.js", "paths.js"),
    "paths.css": ("paths.css", "comparisons.css"),
    "paths.js": ("paths.js",),
    "comparisons.css": ("comparisons.css",),
    "practice.js": ("spaced-review.js", "practice.js"),
    "role-play.css": ("comparisons.css", "role-play.css"),
}
"""Published name -> the source files in assets/ it is made of, in order. A file of assets/ that no
bundle names is published alone under its own name (finder.js, practice.css, redirect.js, ...)."""


BREAKPOINTS = "breakpoints.css"
"""The named screen widths (`@custom-media --mobile (...)`) every stylesheet's media queries use; read
by the bundler, never published."""
_CUSTOM_MEDIA = re.compile(r"^@custom-media\s+(--[\w-]+)\s+(\([^;]+\));", re.MULTILINE)
_NAMED_WIDTH = re.compile(r"\((--[\w-]+)\)")


def published_bundles() -> dict[str, tuple[str, ...]]:
    """Every published name and its parts: BUNDLES, and each file of assets/ no bundle names, alone."""
    named = {part for parts in BUNDLES.values() for part in parts} | {BREAKPOINTS}
    sources = [entry.name for entry in resources.files("playbook").joinpath("assets").iterdir()]
    alone = {name: (name,) for name in sources if name.endswith((".css", ".js")) and name not in named}
    return {**BUNDLES, **alone}


def asset_uris() -> list[str]:
    """The site addresses of the published bundles, the main stylesheet first."""
    uris = sorted(f"{ASSETS_DIR}/{name}" for name in published_bundles())
    return sorted(uris, key=lambda uri: uri != STYLESHEET_URI)


def asset_text(uri: str) -> str:
    """The text of the bundle published at `uri` (one of asset_uris())."""
    folder = resources.files("playbook").joinpath("assets")
    parts = published_bundles()[uri.removeprefix(f"{ASSETS_DIR}/")]
    text = "\n".join(folder.joinpath(name).read_text("utf-8").rstrip("\n") for name in parts) + "\n"
    return with_widths(text) if uri.endswith(".css") else text


@functools.cache
def named_widths() -> dict[str, str]:
    """`--mobile` -> `(max-width: 44.9375em)`: the breakpoints, as BREAKPOINTS declares them."""
    text = resources.files("playbook").joinpath("assets", BREAKPOINTS).read_text("utf-8")
    return dict(_CUSTOM_MEDIA.findall(text))


def with_widths(css: str) -> str:
    """`css` with each named width in a media query (`(--mobile)`) written out; an unknown name is a
    mistake in our own stylesheets, so it stops the build rather than publish a query no browser reads."""
    widths = named_widths()

    def width(match: re.Match[str]) -> str:
        if match[1] not in widths:
            raise KeyError(f"{match[1]}: no such width in assets/{BREAKPOINTS}")
        return widths[match[1]]

    return "\n".join(
        _NAMED_WIDTH.sub(width, line) if line.lstrip().startswith("@media") else line
        for line in css.split("\n")
    )


def docs_rules(
    settings: Mapping[str, Any], theme_dirs: Iterable[Path] = (), docs_dir: Path | None = None
) -> DocsRules:
    """What docs/ may hold, from the site's settings (an engine's config, or mkdocs.yml read without
    one): the files the owner lists (extra_css, extra_javascript, the theme's logo and favicon), never
    one of the playbook's bundles, and no file at a theme file's path (`theme_dirs` outside
    `docs_dir`; an engine knows them). The plugin, the Markdown export and `make validate` all ask here."""
    theme = settings.get("theme")
    theme_get = getattr(theme, "get", None)  # a theme name alone (`theme: material`) lists nothing
    listed = [
        *(settings.get("extra_css") or []),
        *(settings.get("extra_javascript") or []),
        *((theme_get("logo"), theme_get("favicon")) if theme_get else ()),
    ]
    inside = docs_dir.resolve() if docs_dir is not None else None
    return DocsRules(
        owner_files=owner_files(entry for entry in listed if entry),
        theme_dirs=tuple(
            folder for folder in theme_dirs if inside is None or not folder.resolve().is_relative_to(inside)
        ),
        plugin_files=frozenset(asset_uris()),
    )
