"""MkDocs wiring: check the playbook before the site folder is touched, then add the generated pages."""

from __future__ import annotations

import os
import posixpath
from functools import partial
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..core.safety.allow_list import allow_list_for
from ..core.safety.safe_markdown import ContributorTextExtension, SafeAttributesExtension
from ..core.safety.sanitize import clean_html, cleaner
from ..core.site.addresses import (
    ANKI_DECK_URI,
    PRACTICE_SRC_URI,
    REDIRECT_SCRIPT_URI,
    SERVICE_WORKER_URI,
    relative_url,
)
from ..core.site.anki import anki_deck
from ..core.site.assemble import empty_playbook
from ..core.site.bundles import asset_text, asset_uris, docs_rules
from ..core.site.data_files import data_files
from ..core.site.field_reference import field_reference_tables
from ..core.site.finder import fill_finder
from ..core.site.markdown_links import resolve_references
from ..core.site.offline import offline_files, write_service_worker
from ..core.site.pages import SitePlan, check_site, redirect_src_uri, site_plan
from ..core.site.practice import DATA_ELEMENT_ID, drill_element
from ..core.site.practice import PAGE_META_KEY as DRILL_META_KEY
from ..core.site.render import (
    COMPILED_TEMPLATES,
    MARKDOWN_EXTENSION_SETTINGS,
    MARKDOWN_EXTENSIONS,
    PageRenderer,
)
from ..core.site.search import PAGE_META_KEY, SearchIndexError, index_site, page_search_meta, search_results
from ..core.site.search_indexer import SearchIndexer
from ..core.sources.errors import PlaybookInputError, problem_count
from ..core.sources.source_files import DocsRules, publishable
from .config import PlaybookConfig
from .preview import Preview, PreviewFile
from .render_guard import RenderGuard, failure_report
from .theme_values import make_theme_safe

log = get_plugin_logger(__name__)


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.plan: SitePlan | None = None
        """The last good playbook and its pages: a preview keeps showing it while the sources are bad."""
        self.serving = False
        self.dirty = False
        self.docs_rules = DocsRules()
        self.renderer = PageRenderer()
        self.field_tables: dict[str, str] = {}
        """The contributor guide's field tables, by the marker each replaces."""
        self.render_guard = RenderGuard()
        self.page_cleaner = cleaner()
        """The nh3 cleaner for hand-written pages, for the site's Markdown extensions (allow_list_for)."""
        self.assets = asset_uris()
        self.drill_data: dict[str, str] = {}
        """The drill's data for the /practice/ page's head (page meta `practice.PAGE_META_KEY`)."""
        self.preview = Preview()
        self.search_results: dict[str, dict[str, str]] = {}
        """What each principle's search result shows, by page (search.result_meta)."""
        self.indexer: SearchIndexer | None = None
        """A build's search index, fed each page as it is written (a preview indexes after it)."""

    @property
    def checked_plan(self) -> SitePlan:
        """The plan on_config made: an event before on_config is a bug (of the engine or a plugin), said
        as such, also under `python -O`."""
        if self.plan is None:
            raise PluginError("the playbook plugin was given files or pages before its on_config ran")
        return self.plan

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Having on_startup also keeps this object across `mkdocs serve` rebuilds, and with it the
        # last good playbook.
        self.serving = command == "serve"
        self.dirty = dirty  # `build --dirty` writes only changed pages: the index is made from the disk
        self.preview.start(command=command, dirty=dirty)

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Runs before MkDocs cleans site_dir: bad input stops here and the last good site stays.
        self.preview.begin_build()
        root = Path(config.config_file_path).parent
        problems: list[str] = []
        self.docs_rules = docs_rules(
            config, [Path(folder) for folder in config.theme.dirs], Path(config.docs_dir)
        )
        self.renderer = PageRenderer(self.config.templates_dir)
        try:
            # Every generated file is decided, and a docs file in its place refused, before the clean.
            self.plan = check_site(
                Path(self.config.principles_dir),
                Path(config.docs_dir),
                root / self.config.published_urls,
                root=root,
                strict=bool(config.strict),
                use_directory_urls=config.use_directory_urls,
                docs_rules=self.docs_rules,
                cache=self.preview.parse_cache if self.serving else None,
                page_limit=self.config.page_limit_bytes,
                renderer=self.renderer,
            )
        except PlaybookInputError as error:
            summary = f"{problem_count(error.problems)} in the playbook's sources"
            if not self.serving:
                raise PluginError(
                    f"{error}\n{summary}; fix them and build again (the site was not rebuilt)."
                ) from None
            # A preview stays up: report the problems, keep showing the last good playbook.
            problems = [str(problem) for problem in error.problems]
            for problem in problems:
                log.error(problem)
            log.error(f"{summary}; the preview shows the last good version until you fix them and save.")
            if self.plan is None:
                self.plan = site_plan(empty_playbook(), config.use_directory_urls, renderer=self.renderer)
        config.extra["playbook_problems"] = problems
        self.search_results = search_results(self.plan.playbook)
        for unlisted in self.plan.playbook.unlisted:  # a principle, path or page new since `make published`
            log.info(f"{unlisted} before you commit")
        self.field_tables = field_reference_tables(self.renderer)
        for extension in MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        for extension, settings in MARKDOWN_EXTENSION_SETTINGS.items():
            config.mdx_configs[extension] = {**config.mdx_configs.get(extension, {}), **settings}
        # The allow-list keeps what the Markdown extensions the site enables write (tabs' labels and ids).
        allow = allow_list_for(config.markdown_extensions)
        # type-ignored: MkDocs types the option list[str]; Python-Markdown takes Extension instances too
        config.markdown_extensions.append(ContributorTextExtension())  # type: ignore[arg-type]
        config.markdown_extensions.append(SafeAttributesExtension(allow))  # type: ignore[arg-type]
        self.page_cleaner = cleaner(allow)
        # Our stylesheets and scripts are not in extra_css/extra_javascript: theme/main.html loads on
        # each page only those it uses (its front matter says which), before the site's own.
        # Our theme fixes come after the site's own custom_dir, so a site can still override them.
        theme_fixes = str(resources.files(__package__).joinpath("theme"))
        if theme_fixes not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, theme_fixes)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        plan = self.checked_plan
        if self.serving:  # a build stopped in on_config; a preview leaves out every file it refused
            docs_dir = Path(config.docs_dir)
            for file in [file for file in files if file.src_dir == config.docs_dir]:
                if not publishable(docs_dir, file.src_uri, self.docs_rules):
                    files.remove(file)
        self.render_guard.start(
            serving=self.serving,
            config_file=Path(config.config_file_path),
            sources={page.src_uri: page.source_file for page in plan.pages},
        )
        for page in plan.pages:
            self._refuse_clash(files, page.src_uri)
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            content = self.renderer.render(page.template, page.context)
            file = PreviewFile.generated(config, page.src_uri, content=content, inclusion=inclusion)
            if page.source_file is not None:
                file.edit_uri = Path(os.path.relpath(page.source_file, config.docs_dir)).as_posix()
            files.append(file)
        for redirect in plan.redirects:
            target = files.get_file_from_path(redirect.target_src_uri)
            if target is None:
                raise PluginError(
                    f"{redirect.target_src_uri} was removed by another plugin; the playbook generates it"
                )
            src_uri = redirect_src_uri(redirect, config.use_directory_urls)
            self._refuse_clash(files, src_uri)
            file = PreviewFile.generated(config, src_uri, content="")
            context = {
                "title": redirect.title,
                "part": redirect.part,
                "target_url": relative_url(target.url, file.url),
                "script_url": relative_url(REDIRECT_SCRIPT_URI, file.url),
            }
            file.content_string = self.renderer.render("redirect.html.jinja", context)
            files.append(file)
        for uri in self.assets:
            if files.get_file_from_path(uri) is None:
                files.append(PreviewFile.generated(config, uri, content=asset_text(uri)))
        self._add_exports(files, config)
        self.render_guard.keep_only({file.src_uri for file in files if file.is_documentation_page()})
        resolve = partial(resolve_references, plan.playbook.links)
        self.preview.plan_writes(files, config, resolve, {PRACTICE_SRC_URI: self.drill_data.get("json", "")})
        return files

    def _add_exports(self, files: Files, config: MkDocsConfig) -> None:
        plan = self.checked_plan
        playbook = plan.playbook

        def engine_url(src_uri: str) -> str:
            file = files.get_file_from_path(src_uri)
            if file is None:
                raise PluginError(f"{src_uri} was removed by another plugin; the playbook generates it")
            return file.url

        has_practice_page = files.get_file_from_path(PRACTICE_SRC_URI) is not None
        data = data_files(playbook, engine_url, config.site_url, self.config.drill_embed_bytes)
        self.drill_data = data.drill_meta if has_practice_page else {}
        for src_uri, text in data.files:
            self._refuse_clash(files, src_uri)
            files.append(PreviewFile.generated(config, src_uri, content=text))
        settings = {
            "site_name": config.site_name,
            "site_description": config.site_description,
            "theme": {"palette": config.theme.get("palette")},
        }
        for src_uri, content in offline_files(settings):  # manifest, icons, a worker that stores nothing
            self._refuse_clash(files, src_uri)
            # A build writes its worker only after Pagefind (on_post_build): a self-removing worker
            # served meanwhile from a site rebuilt in place would wipe a reader's offline copy.
            if src_uri != SERVICE_WORKER_URI or self.serving:
                files.append(PreviewFile.generated(config, src_uri, content=content))

    @event_priority(-100)  # after every plugin's on_post_page: Pagefind reads the page as written
    def _index_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        if self.indexer is not None:
            self.indexer.add(output, page.file.dest_uri)
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        # The theme's own pages (404.html): Pagefind's command would read them too.
        if self.indexer is not None and template_name.endswith(".html"):
            self.indexer.add(output_content, template_name)
        return output_content

    def _drill_into_head(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # theme/main.html writes the drill's data into /practice/'s head (on_page_context); a site's own
        # main.html without it gets it here, before `</head>`, or before `</body>` in a theme with neither.
        if page.file.src_uri != PRACTICE_SRC_URI or not self.drill_data:
            return output
        element = drill_element(self.drill_data)
        head, end_of_head, rest = output.partition("</head>")
        if end_of_head:
            return output if f'id="{DATA_ELEMENT_ID}"' in head else f"{head}{element}\n</head>{rest}"
        if f'id="{DATA_ELEMENT_ID}"' in output:
            return output
        body, end_of_body, rest = output.rpartition("</body>")
        return f"{body}{element}\n</body>{rest}" if end_of_body else f"{output}{element}\n"

    on_post_page = CombinedEvent(_drill_into_head, _index_page)

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # References were checked in on_config; here they only become ordinary relative links.
        plan = self.checked_plan
        for marker, table in self.field_tables.items():
            markdown = markdown.replace(marker, table)
        markdown = fill_finder(markdown, page.file.src_uri, plan.playbook, self.renderer)
        return resolve_references(plan.playbook.links, markdown, page.file.src_uri)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        # Before search and the theme read it: no page may carry a script a contributor wrote.
        # Generated pages are safe by construction (escaped text, ContributorTextExtension,
        # SafeAttributesExtension); hand-written pages may hold raw HTML, so nh3 cleans them. Titles
        # and front matter text, which the theme writes outside the article, become theme text
        # (theme_values.py).
        make_theme_safe(page)
        if page.file.generated_by is not None:
            return html
        return clean_html(html, self.page_cleaner)

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        # A principle's edit link points out of docs/ (`.../docs/../principles/x.yml`): tidy it.
        if page.edit_url and "/../" in page.edit_url:
            parts = urlsplit(page.edit_url)
            page.edit_url = urlunsplit(parts._replace(path=posixpath.normpath(parts.path)))
        self.preview.reuse_rows(page)
        self.render_guard.guard(page)  # a page that fails to render becomes a problem, not a traceback
        return page

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        # theme/main.html marks a principle in the search index: search ranks it first and shows its answer.
        page.meta[PAGE_META_KEY] = page_search_meta(self.search_results, page.file.src_uri)
        # theme/main.html writes the drill's data into /practice/'s head, before any script: a copy
        # saved for offline use drills without a request (browsers refuse one for a page from disk).
        if page.file.src_uri == PRACTICE_SRC_URI:
            page.meta[DRILL_META_KEY] = self.drill_data
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.plan is not None:  # the Anki deck: a file beside the pages, from the same principles
            deck = anki_deck(self.plan.playbook.principles, config.site_name)
            Path(config.site_dir, ANKI_DECK_URI).write_bytes(deck)
        # Site search reads the written pages: `mkdocs build`, `make build` and `mkdocs serve` alike.
        if self.serving:  # a preview serves the pages now and indexes them meanwhile (preview.py)
            failed = [src_uri for _, src_uri, _ in self.render_guard.failures]
            self.preview.built(Path(config.site_dir), failed)
            return
        indexer, self.indexer = self.indexer, None
        try:
            if indexer is not None:
                indexer.finish()
            else:  # on_env did not run: a build that wrote no page
                index_site(Path(config.site_dir))
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        # After Pagefind: the worker stores its library, index and fragments with the pages.
        write_service_worker(Path(config.site_dir))

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        # Every page is rendered, nothing is written yet: report the pages that failed, all at once.
        env.bytecode_cache = COMPILED_TEMPLATES  # the theme is compiled once per process
        # A preview's pages let MkDocs' inline live-reload script run (partials/content-security-policy.html).
        env.globals["playbook_live_reload"] = self.serving
        problems = self.render_guard.problems()
        if problems and not self.serving:
            raise PluginError(failure_report(problems))
        for problem in problems:
            log.error(str(problem))
            config.extra["playbook_problems"].append(str(problem))
        if not self.serving and not self.dirty:  # pages are written from here on; Pagefind takes each
            self._stop_indexing()
            try:
                self.indexer = SearchIndexer(Path(config.site_dir))
            except SearchIndexError as error:
                raise PluginError(str(error)) from None
        return env

    def _stop_indexing(self) -> None:
        indexer, self.indexer = self.indexer, None
        if indexer is not None:
            indexer.close()

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_indexing()
        self.preview.forget()

    def on_shutdown(self) -> None:
        self._stop_indexing()
        self.preview.shutdown()

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        self.preview.watch_quickly(server, self.config.principles_dir)
        return server

    @staticmethod
    def _refuse_clash(files: Files, src_uri: str) -> None:
        # Hand-written files were refused in on_config; this catches files another plugin added.
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"{src_uri} is also added by another plugin; the playbook generates it")
