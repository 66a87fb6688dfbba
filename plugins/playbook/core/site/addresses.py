"""Every address the playbook gives a page or file, and the section anchors of a principle page.

A generated page has a `src_uri` (where it pretends to live inside docs/), a URL (MkDocs' directory
URL, relative to the site root) and, for principles and onboarding paths, a published address
(`/principles/<id>/`) that managers link to and principles/published.txt guards. Anchors are
published too: onboarding material links to `#good-response`. So each has one home, here; templates
get their links from `PageLinks`, which pages.py hands them, instead of building paths.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import astuple, dataclass

from markdown.extensions.toc import slugify

from ..model.sections import ANCHORS
from ..safety.reserved_names import is_reserved_id

PRINCIPLES_DIR = "principles"
PATHS_DIR = "paths"
TAGS_DIR = "tags"
ASSETS_DIR = "assets/playbook"

PRINCIPLES_INDEX_SRC_URI = f"{PRINCIPLES_DIR}/index.md"
TAGS_INDEX_SRC_URI = f"{TAGS_DIR}/index.md"
PATHS_INDEX_SRC_URI = f"{PATHS_DIR}/index.md"
DO_DONT_SRC_URI = "do-dont.md"
CUSTOMER_SAYS_SRC_URI = "customer-says.md"
PRACTICE_SRC_URI = "practice.md"
ROLE_PLAY_SRC_URI = "practice/role-play.md"
STYLESHEET_URI = f"{ASSETS_DIR}/playbook.css"
"""The main stylesheet; every file of the package's assets/ folder is served beside it."""
REDIRECT_SCRIPT_URI = f"{ASSETS_DIR}/redirect.js"
"""What an old principle address (an alias) runs to forward to the page, keeping its #section."""

EXPORT_URI = "playbook.json"
PRACTICE_URI = "practice.json"
SCHEMA_URI = "schema/principle.schema.json"
TAGS_SCHEMA_URI = "schema/tags.schema.json"
PATH_SCHEMA_URI = "schema/path.schema.json"
SYNONYMS_SCHEMA_URI = "schema/synonyms.schema.json"
ANKI_DECK_URI = "playbook.apkg"
"""The Anki deck (core/site/anki.py), written beside the pages after the build."""
SEARCH_VOCABULARY_URI = "search-vocabulary.json"
"""The team's search vocabulary (principles/_synonyms.yml) as search.js reads it: `{"groups": [[...]]}`."""
DATA_FILE_URIS = (
    EXPORT_URI,
    SCHEMA_URI,
    TAGS_SCHEMA_URI,
    PRACTICE_URI,
    PATH_SCHEMA_URI,
    SYNONYMS_SCHEMA_URI,
    SEARCH_VOCABULARY_URI,
)
"""The JSON files written at the site root beside the pages."""
WEB_MANIFEST_URI = "manifest.webmanifest"
"""The web app manifest (core/site/offline.py), at the site root: its addresses are relative to it."""
ICON_URIS = {size: f"{ASSETS_DIR}/icon-{size}.png" for size in (192, 512)}
"""The manifest's icons, by size in pixels."""
SERVICE_WORKER_URI = "sw.js"
"""The service worker, at the site root so that its scope is the whole site; written after the build."""
OFFLINE_FILE_URIS = (WEB_MANIFEST_URI, *ICON_URIS.values(), SERVICE_WORKER_URI)
"""The files the playbook adds for offline use; no docs file may take their addresses."""
DRILL_DATA_DIR = "practice/data"
"""The drill's data split by scope (core/site/practice.py drill_files), fetched by practice.js from the
site root: `index.json` (every id, the tags and paths with their counts), `tag/<slug>.json` and
`path/<id>.json` (the ids of one scope), `principle/<id>.json` (one question)."""


def drill_data_uri(name: str) -> str:
    """One of the drill's data files, `name` as practice.js asks for it (`principle/<id>.json`)."""
    return f"{DRILL_DATA_DIR}/{name}"


PATH_QUERY = "path"
"""`?path=<id>` on a principle or the drill: the onboarding path the reader came from (paths.js)."""
TAG_QUERY = "tag"
PRINCIPLE_QUERY = "principle"
"""`?tag=<slug>` and `?principle=<id>` on the drill: the tag to drill, the principle to open at
(practice.js reads these keys and `path`)."""


HEADING_ID_PREFIX = "title"
"""What a heading made from contributor text is called when its slug would be reserved or empty."""
_SECTION_IDS = frozenset(astuple(ANCHORS))


def heading_id(text: str) -> str:
    """The id of a heading whose text a contributor wrote (a principle's or path's title, a tag's label).

    The templates write it explicitly (`# Title {#id}`), so every engine, the Markdown export included,
    gives the same id. It is the id Markdown's toc would make (`Lower your shields` ->
    `lower-your-shields`), except that it is never an id the theme or our scripts use
    (reserved_names.py: `__Config!` would become `__config`, Material's configuration) nor a principle
    section's published anchor (`#situation`): those become `title-config`, `title-situation`."""
    slug = slugify(html.unescape(text), "-")
    if not slug or is_reserved_id(slug) or slug in _SECTION_IDS:
        return "-".join(part for part in (HEADING_ID_PREFIX, slug.strip("_-")) if part)
    return slug


_PUBLISHED = re.compile(rf"^/(?P<kind>{PRINCIPLES_DIR}|{PATHS_DIR})/(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)/$")


def principle_src_uri(principle_id: str) -> str:
    return f"{PRINCIPLES_DIR}/{principle_id}.md"


def path_src_uri(path_id: str) -> str:
    return f"{PATHS_DIR}/{path_id}.md"


def tag_src_uri(tag: str) -> str:
    return f"{TAGS_DIR}/{tag}.md"


def part_src_uri(view_src_uri: str, key: str) -> str:
    """A part of a view split at size (core/site/page_parts.py), in a folder named after the view:
    `do-dont.md` + `curiosity` -> `do-dont/curiosity.md` (`/do-dont/curiosity/`), then + `a` ->
    `do-dont/curiosity/a.md`; `principles/index.md` + `a` -> `principles/index/a.md` (`index` is no
    principle's id). `key` is a tag or an id prefix; a prefix `index` becomes `_index`, whose URL is not
    its folder's."""
    segment = f"_{key}" if key in ("index", "README") else key
    return f"{view_src_uri.removesuffix('.md')}/{segment}.md"


def url_of(src_uri: str, use_directory_urls: bool = True) -> str:
    """A page's URL relative to the site root, as MkDocs gives it: `a/b.md` -> `a/b/`, `a/index.md` ->
    `a/`; with `use_directory_urls: false`, `a/b.html` and `a/index.html`. Any other file keeps its path."""
    if not src_uri.endswith(".md"):
        return src_uri
    stem = src_uri.removesuffix(".md")
    folder, name = posixpath.split(stem)
    if not use_directory_urls:
        return posixpath.join(folder, "index.html" if name == "README" else f"{name}.html")
    if name in ("index", "README"):
        return f"{folder}/" if folder else ""
    return f"{stem}/"


def principle_url(principle_id: str) -> str:
    """A principle's URL relative to the site root; part of the never-break promise."""
    return url_of(principle_src_uri(principle_id))


def path_url(path_id: str) -> str:
    return url_of(path_src_uri(path_id))


def principle_address(principle_id: str) -> str:
    """The published address, as principles/published.txt lists it: `/principles/<id>/`."""
    return page_address(principle_src_uri(principle_id))


def path_address(path_id: str) -> str:
    """An onboarding path's published address: managers link to it like a principle's."""
    return f"/{path_url(path_id)}"


PUBLISHED_PAGES = (ROLE_PLAY_SRC_URI,)
"""Generated pages, besides principles and paths, whose address is published like theirs: managers
print them and link to them (principles/published.txt lists them)."""


def published_page_addresses() -> list[str]:
    return [page_address(src_uri) for src_uri in PUBLISHED_PAGES]


def page_address(src_uri: str) -> str:
    """A generated page's address as principles/published.txt lists it (directory URL, from the root)."""
    return f"/{url_of(src_uri)}"


SPLIT_VIEW_SRC_URIS = (DO_DONT_SRC_URI, CUSTOMER_SAYS_SRC_URI, PRINCIPLES_INDEX_SRC_URI, ROLE_PLAY_SRC_URI)
"""The views split at size besides the tag pages (core/site/page_parts.py); their parts live in a folder
named after the view (part_src_uri)."""
_PART_SEGMENT = r"[a-z0-9_][a-z0-9_-]*"
_PART = re.compile(
    "^/(?:"
    + "|".join(re.escape(uri.removesuffix(".md")) for uri in SPLIT_VIEW_SRC_URIS)
    + rf"|{TAGS_DIR}/{_PART_SEGMENT})(?:/{_PART_SEGMENT})+/$"
)


def part_address_src_uri(address: str) -> str | None:
    """The part (part_src_uri) a published address names (`/do-dont/trust/g/` -> `do-dont/trust/g.md`),
    whether or not the playbook is split that way today; None for an address that names no part."""
    return f"{address.strip('/')}.md" if _PART.match(address) else None


def view_ancestor_src_uris(part_src_uri: str) -> list[str]:
    """The pages a part could have been split from, nearest first: its parent part, then up to its
    view's page (`do-dont/trust/g.md` -> `do-dont/trust.md`, `do-dont.md`)."""
    folder = part_src_uri.removesuffix(".md")
    ancestors = []
    while "/" in folder:
        folder = posixpath.dirname(folder)
        ancestors.append(f"{folder}.md")
    return ancestors


def published_kind(address: str) -> tuple[str, str] | None:
    """("principle" or "path", id) for a published address, ("page", its src_uri) for one of the
    PUBLISHED_PAGES, ("part", its src_uri) for a part of a view split at size, None for anything else."""
    pages = dict(zip(published_page_addresses(), PUBLISHED_PAGES, strict=True))
    if address in pages:
        return "page", pages[address]
    part = part_address_src_uri(address)
    if part is not None:
        return "part", part
    match = _PUBLISHED.match(address)
    if match is None:
        return None
    return ("principle" if match["kind"] == PRINCIPLES_DIR else "path"), match["id"]


def section_url(url: str, anchor: str) -> str:
    return f"{url}#{anchor}"


def redirect_src_uri(old_src_uri: str, use_directory_urls: bool) -> str:
    """Where the redirect page for a page that is no longer generated lives (an alias's
    `principles/<old>.md`, a merged part's `do-dont/trust.md`), so that the old address itself serves it."""
    stem = old_src_uri.removesuffix(".md")
    return f"{stem}/index.html" if use_directory_urls else f"{stem}.html"


def principle_at(docs_path: str) -> str | None:
    """The principle id a path inside docs/ names (`principles/x.md`, `principles/x/`), else None."""
    directory, name = posixpath.split(
        posixpath.normpath(docs_path).removesuffix(".md").removesuffix("/index")
    )
    return name if directory == PRINCIPLES_DIR else None


_UNUSUAL_SEGMENTS = frozenset({"", ".", ".."})
"""Path segments relative_url leaves to relpath."""


def relative_url(url: str, here: str) -> str:
    """`url` as a link written on the page at `here`, both relative to the site root: the one way the
    playbook makes a relative address, for Markdown links between pages' files (`principles/a.md`), and
    for raw HTML links and redirects between pages' URLs (`principles/a/`, `practice.html`). `here` is a
    file when its last segment has a dot, else a folder; as MkDocs' `get_relative_url` reads it.

    Computed without `posixpath.relpath`'s two `abspath` calls where it can: a big playbook writes
    tens of thousands of these links. Paths with `.`, `..` or empty segments still go through relpath."""
    folder, _, name = here.rpartition("/")
    folder = folder if "." in name else here.rstrip("/")
    folder_parts = folder.split("/") if folder else []
    url_parts = url.rstrip("/").split("/") if url.rstrip("/") else []
    if _UNUSUAL_SEGMENTS.isdisjoint(folder_parts) and _UNUSUAL_SEGMENTS.isdisjoint(url_parts):
        common = 0
        for folder_part, url_part in zip(folder_parts, url_parts, strict=False):
            if folder_part != url_part:
                break
            common += 1
        relative = "/".join([".."] * (len(folder_parts) - common) + url_parts[common:]) or "."
    else:
        relative = posixpath.relpath(url.rstrip("/") or ".", folder or ".")
    return f"{relative}/" if url.endswith("/") else relative


def markdown_link(from_src_uri: str, to_src_uri: str) -> str:
    """A relative `.md` link between two pages: MkDocs checks it and turns it into the page's URL."""
    return relative_url(to_src_uri, from_src_uri)


def html_link(from_src_uri: str, to_src_uri: str, use_directory_urls: bool = True) -> str:
    """A relative link between the URLs of two pages, for raw HTML (MkDocs leaves it as written)."""
    return relative_url(url_of(to_src_uri, use_directory_urls), url_of(from_src_uri, use_directory_urls))


@dataclass(frozen=True)
class PageLinks:
    """Links from one generated page to the others, given to its template as `links`."""

    page: str
    """The src_uri of the page the links are written on."""
    use_directory_urls: bool = True
    """The site's URL style, for links in raw HTML, which MkDocs leaves as written."""

    def principle(self, principle_id: str, anchor: str | None = None, path_id: str | None = None) -> str:
        link = markdown_link(self.page, principle_src_uri(principle_id))
        if path_id is not None:
            link += f"?{PATH_QUERY}={path_id}"
        return section_url(link, anchor) if anchor else link

    def tag(self, tag: str) -> str:
        return markdown_link(self.page, tag_src_uri(tag))

    def path(self, path_id: str) -> str:
        return markdown_link(self.page, path_src_uri(path_id))

    def page_link(self, src_uri: str) -> str:
        """Any page by its src_uri (a backlink's, a docs page's)."""
        return markdown_link(self.page, src_uri)

    @property
    def tags_index(self) -> str:
        return markdown_link(self.page, TAGS_INDEX_SRC_URI)

    @property
    def do_dont(self) -> str:
        return markdown_link(self.page, DO_DONT_SRC_URI)

    def drill(
        self, *, principle_id: str | None = None, tag: str | None = None, path_id: str | None = None
    ) -> str:
        """The drill as a Markdown link (MkDocs writes it in the site's URL style), opened at one
        principle, or drilling one tag or path."""
        choice = [(PRINCIPLE_QUERY, principle_id), (TAG_QUERY, tag), (PATH_QUERY, path_id)]
        query = "&".join(f"{key}={value}" for key, value in choice if value is not None)
        link = markdown_link(self.page, PRACTICE_SRC_URI)
        return f"{link}?{query}" if query else link

    def role_play(self, *, tag: str | None = None, path_id: str | None = None) -> str:
        """The role-play cards, all of them or filtered to one tag or path (role-play.js)."""
        link = markdown_link(self.page, ROLE_PLAY_SRC_URI)
        choice = f"?{TAG_QUERY}={tag}" if tag is not None else ""
        return link + (f"?{PATH_QUERY}={path_id}" if path_id is not None else choice)

    @property
    def anki_deck_html(self) -> str:
        """The Anki deck, for a raw HTML link: it is written after the build, so MkDocs cannot check it."""
        return html_link(self.page, ANKI_DECK_URI, self.use_directory_urls)

    def practice_html(self, path_id: str | None = None) -> str:
        """The drill, for a raw HTML button (`?path=<id>` drills one path)."""
        link = html_link(self.page, PRACTICE_SRC_URI, self.use_directory_urls)
        return f"{link}?{PATH_QUERY}={path_id}" if path_id is not None else link
