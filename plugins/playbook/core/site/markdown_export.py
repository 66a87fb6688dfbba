"""The whole playbook as plain Markdown files that any Markdown engine can build, with no plugin.

The plugin hands its pages to the engine in memory. This writes the same pages, rendered and linked by
the same core functions, into a folder: every generated page and hand-written page with `[[id]]` already
turned into a relative `.md` link, the redirects at the old addresses, the JSON exports, the assets, and
a site configuration without the playbook plugin. It is the way off any one engine, and the benchmark's
hand-written baseline (scripts/bench.py).
"""

from __future__ import annotations

import os
import posixpath
import shutil
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..checks.front_matter import read_page_meta
from ..formats.docs_pages import page_title, read_docs_pages
from ..safety.markdown_text import CONTRIBUTOR_LT
from ..sources.site_config import plugin_options, read_site_config
from ..sources.source_files import DocsRules, publishable
from .addresses import ANKI_DECK_URI, PRACTICE_SRC_URI, REDIRECT_SCRIPT_URI, relative_url, url_of
from .anki import anki_deck
from .bundles import asset_text, asset_uris, docs_rules
from .data_files import data_files
from .field_reference import field_reference_tables
from .finder import fill_finder
from .markdown_links import resolve_references
from .offline import offline_files
from .page_parts import PAGE_LIMIT_BYTES, configured_page_limit
from .pages import SitePlan, check_site, redirect_src_uri
from .practice import EMBED_BYTES, configured_embed_bytes
from .practice import PAGE_META_KEY as DRILL_META_KEY
from .render import MARKDOWN_EXTENSION_SETTINGS, MARKDOWN_EXTENSIONS, PageRenderer
from .search import PAGE_META_KEY, page_search_meta, search_results
from .theme_text import theme_front_matter, theme_text

DOCS_DIR = "docs"
THEME_DIR = "overrides"
CONFIG_NAME = "mkdocs.yml"
KEPT_SETTINGS = (
    "site_name", "site_description", "site_author", "site_url", "copyright", "use_directory_urls",
    "theme", "nav", "markdown_extensions", "extra_css", "extra_javascript", "extra", "not_in_nav",
    "validation",
)  # fmt: skip
"""What the exported configuration keeps of the site's own: how the site looks and is navigated.
Plugins, `edit_uri` (the pages are no longer the files a contributor edits) and folders are left out."""
HEADER = (
    "# The playbook as plain Markdown, written by scripts/export_markdown.py: it builds with no playbook\n"
    "# plugin. Regenerate it from the YAML sources rather than editing it.\n"
)


@dataclass(frozen=True)
class ExportSources:
    """Where a playbook's sources are, as its site configuration names them."""

    config_file: Path
    settings: dict[str, Any]
    principles_dir: Path
    docs_dir: Path
    manifest: Path
    templates_dir: Path | None
    page_limit: int = PAGE_LIMIT_BYTES
    """The plugin option `page_limit_bytes`: the export splits views where the site does."""
    drill_embed_bytes: int = EMBED_BYTES
    """The plugin option `drill_embed_bytes`: /practice/ carries the drill's data where the site's does."""

    @property
    def root(self) -> Path:
        return self.config_file.parent

    @property
    def use_directory_urls(self) -> bool:
        return bool(self.settings.get("use_directory_urls", True))


def export_sources(config_file: Path) -> ExportSources:
    """The sources named by the site's configuration, relative to it as the engine reads them."""
    root = config_file.parent
    settings = read_site_config(config_file, root)
    options = plugin_options(settings) or {}
    templates_dir = options.get("templates_dir")
    return ExportSources(
        config_file=config_file,
        settings=settings,
        principles_dir=root / str(options.get("principles_dir") or "principles"),
        docs_dir=root / str(settings.get("docs_dir") or "docs"),
        manifest=root / str(options.get("published_urls") or "principles/published.txt"),
        templates_dir=root / str(templates_dir) if templates_dir else None,
        page_limit=configured_page_limit(options),
        drill_embed_bytes=configured_embed_bytes(options),
    )


def load_for_export(sources: ExportSources) -> SitePlan:
    """Every check the strict build makes, before anything is written; raises `PlaybookInputError`.
    The assets are written into docs/ too, so a docs file may not sit at their addresses either."""
    return check_site(
        sources.principles_dir,
        sources.docs_dir,
        sources.manifest,
        root=sources.root,
        strict=True,
        use_directory_urls=sources.use_directory_urls,
        docs_rules=docs_rules(sources.settings),
        also_generated=asset_uris(),
        page_limit=sources.page_limit,
        renderer=PageRenderer(sources.templates_dir),
    )


def export_playbook(config_file: Path, folder: Path, *, theme_overrides: Path | None = None) -> None:
    """Check the playbook named by `config_file` and write its export into `folder`."""
    sources = export_sources(config_file)
    write_export(load_for_export(sources), sources, folder, theme_overrides=theme_overrides)


def write_export(
    plan: SitePlan, sources: ExportSources, folder: Path, *, theme_overrides: Path | None = None
) -> None:
    """Write the export into `folder` (created if missing): `mkdocs.yml`, `docs/` and the theme folder.

    `theme_overrides`: an engine adapter's theme fixes, copied as the theme's `custom_dir` below the
    site's own one, as the plugin orders them.
    """
    docs = folder / DOCS_DIR
    playbook, pages = plan.playbook, plan.pages
    renderer = PageRenderer(sources.templates_dir)
    markers = field_reference_tables(renderer)
    titled_in_nav = nav_titled_pages(sources.settings.get("nav"))
    results = search_results(playbook)

    def page_url(src_uri: str) -> str:
        return url_of(src_uri, sources.use_directory_urls)

    data = data_files(playbook, page_url, _site_url(sources.settings), sources.drill_embed_bytes)
    drill = data.drill_meta

    def final_markdown(markdown: str, src_uri: str) -> str:
        # What the plugin does to every page before and after the engine renders it: references and
        # tables in the body, and the values the theme writes outside the article as theme text,
        # here in front matter that always sets the title (theme_text.py). A contributor's `<` is
        # written `&lt;`, all plain Markdown can say without knowing whether it sits in code.
        meta, body = read_page_meta(markdown.replace(CONTRIBUTOR_LT, "&lt;"))
        if src_uri in results:  # what the plugin hands the theme for search (theme/main.html)
            meta[PAGE_META_KEY] = page_search_meta(results, src_uri)
        if src_uri == PRACTICE_SRC_URI and drill:  # and the drill's data, for its head (theme/main.html)
            meta[DRILL_META_KEY] = drill
        for marker, table in markers.items():
            body = body.replace(marker, table)
        body = fill_finder(body, src_uri, playbook, renderer)
        head = theme_front_matter(meta, None if src_uri in titled_in_nav else page_title(body, src_uri))
        return head + resolve_references(playbook.links, body, src_uri)

    for page in pages:
        markdown = renderer.render(page.template, page.context)
        _write(docs / page.src_uri, final_markdown(markdown, page.src_uri))
    rules = docs_rules(sources.settings)  # what docs/ may hold: the pages read here, the files copied below
    for docs_page in read_docs_pages(sources.docs_dir, sources.root, rules)[0]:
        _write(docs / docs_page.src_uri, final_markdown(docs_page.markdown, docs_page.src_uri))
    for src_uri, text in _redirects(plan, renderer, sources.use_directory_urls):
        _write(docs / src_uri, text)
    for src_uri, text in data.files:
        _write(docs / src_uri, text)
    site_name = str(sources.settings.get("site_name", ""))
    (docs / ANKI_DECK_URI).write_bytes(anki_deck(playbook.principles, site_name))
    for src_uri, content in offline_files(sources.settings):  # manifest, icons, placeholder worker
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_bytes(content)
    for uri in asset_uris():
        _write(docs / uri, asset_text(uri))
    for src_uri in _docs_files(sources.docs_dir, rules):
        target = docs / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sources.docs_dir / src_uri, target, follow_symlinks=False)
    theme = _theme_folders(sources, theme_overrides)
    for theme_folder in theme:
        shutil.copytree(theme_folder, folder / THEME_DIR, symlinks=True, dirs_exist_ok=True)
    config = export_config(sources.settings, pages_out_of_nav=[p.src_uri for p in pages if not p.in_nav])
    if theme:
        config["theme"]["custom_dir"] = THEME_DIR
    _write(folder / CONFIG_NAME, HEADER + _dump(config))


def _redirects(plan: SitePlan, renderer: PageRenderer, use_directory_urls: bool) -> Iterator[tuple[str, str]]:
    """Each old address (an alias, a merged view part) as an HTML page that forwards to the page that now
    holds it, as the plugin writes it."""
    for redirect in plan.redirects:
        src_uri = redirect_src_uri(redirect, use_directory_urls)
        target = url_of(redirect.target_src_uri, use_directory_urls)
        own_url = url_of(src_uri, use_directory_urls)
        context = {
            "title": redirect.title,
            "part": redirect.part,
            "target_url": relative_url(target, own_url),
            "script_url": relative_url(REDIRECT_SCRIPT_URI, own_url),
        }
        yield src_uri, renderer.render("redirect.html.jinja", context)


def _site_url(settings: dict[str, Any]) -> str | None:
    """`site_url` as the engine keeps it: ending with a slash, or none."""
    site_url = str(settings.get("site_url") or "")
    if not site_url:
        return None
    return site_url if site_url.endswith("/") else site_url + "/"


def _docs_files(docs_dir: Path, rules: DocsRules) -> Iterator[str]:
    """The files of docs/ besides its pages (images, the owner's listed stylesheets), never through a
    link; what the engine leaves out (dot-files, the top `templates/` folder) stays out."""
    pending = [""]
    while pending:
        prefix = pending.pop()
        with os.scandir(docs_dir / prefix) as scan:
            entries = sorted((entry.name, entry.stat(follow_symlinks=False).st_mode) for entry in scan)
        for name, mode in entries:
            src_uri = f"{prefix}{name}"
            if name.startswith(".") or src_uri == "templates":
                continue
            if stat.S_ISDIR(mode):
                pending.append(f"{src_uri}/")
            elif not src_uri.endswith(".md") and publishable(docs_dir, src_uri, rules):
                yield src_uri


def _theme_folders(sources: ExportSources, theme_overrides: Path | None) -> list[Path]:
    """The folders that make up the exported theme folder, the later one winning."""
    folders = [theme_overrides] if theme_overrides is not None else []
    theme = sources.settings.get("theme")
    custom_dir = theme.get("custom_dir") if isinstance(theme, dict) else None
    if custom_dir:
        folders.append(sources.root / str(custom_dir))
    return folders


def export_config(settings: dict[str, Any], pages_out_of_nav: list[str]) -> dict[str, Any]:
    """The site's configuration for the exported pages: its look and nav, the Markdown extensions the
    pages need, and no plugin."""
    config = {key: settings[key] for key in KEPT_SETTINGS if key in settings}
    theme = config.get("theme") or {"name": "mkdocs"}
    config["theme"] = (
        {key: value for key, value in theme.items() if key != "custom_dir"}
        if isinstance(theme, dict)
        else {"name": str(theme)}
    )
    config["docs_dir"] = DOCS_DIR
    if "nav" in config:
        config["nav"] = theme_safe_nav(config["nav"])
    config["plugins"] = []
    extensions = list(config.get("markdown_extensions") or [])
    names = {next(iter(entry)) if isinstance(entry, dict) else str(entry) for entry in extensions}
    config["markdown_extensions"] = [
        _with_settings(entry)
        for entry in extensions + [name for name in MARKDOWN_EXTENSIONS if name not in names]
    ]
    # The playbook's own stylesheets and scripts are not listed: the theme fixes load on each page
    # only those its front matter names, as in the plugin's site.
    patterns = sorted(
        {f"/{posixpath.dirname(uri)}/" if "/" in uri else f"/{uri}" for uri in pages_out_of_nav}
    )
    existing = str(config.get("not_in_nav") or "").strip()
    config["not_in_nav"] = "\n".join([*([existing] if existing else []), *patterns]) + "\n"
    return config


def _with_settings(entry: Any) -> Any:
    """A `markdown_extensions` entry with the settings every site needs (MARKDOWN_EXTENSION_SETTINGS)."""
    name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
    if name not in MARKDOWN_EXTENSION_SETTINGS:
        return entry
    own = entry[name] if isinstance(entry, dict) and isinstance(entry[name], dict) else {}
    return {name: {**own, **MARKDOWN_EXTENSION_SETTINGS[name]}}


def nav_titled_pages(nav: Any) -> set[str]:
    """The pages the nav gives a title (`- Home: index.md`): that title is theirs, whatever their
    front matter or heading says."""
    if isinstance(nav, list):
        return {src_uri for entry in nav for src_uri in nav_titled_pages(entry)}
    if isinstance(nav, dict):
        return {
            src_uri
            for value in nav.values()
            for src_uri in ({value} if isinstance(value, str) else nav_titled_pages(value))
        }
    return set()


def theme_safe_nav(nav: Any) -> Any:
    """The nav with each page's title as theme text: a title given in the nav is the page's title,
    which the plugin turns into theme text on the page and no front matter can replace."""
    if isinstance(nav, list):
        return [theme_safe_nav(entry) for entry in nav]
    if isinstance(nav, dict):
        is_page = {title: isinstance(value, str) and value.endswith(".md") for title, value in nav.items()}
        return {
            theme_text(title) if is_page[title] else title: theme_safe_nav(value)
            for title, value in nav.items()
        }
    return nav


class _ConfigDumper(yaml.SafeDumper):
    """Multi-line text (the `not_in_nav` patterns) as a readable `|` block."""


def _text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_ConfigDumper.add_representer(str, _text)


def _dump(config: dict[str, Any]) -> str:
    return yaml.dump(config, Dumper=_ConfigDumper, sort_keys=False, allow_unicode=True, width=100)


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
