"""MkDocs wiring: load principles before the site folder is touched, then add the generated pages."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from .config import PlaybookConfig
from .errors import PlaybookInputError
from .loader import load_principles
from .model import Principle
from .pages import STYLESHEET_URI, plan_pages
from .render import PageRenderer

log = get_plugin_logger(__name__)

REQUIRED_MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables")


class PlaybookPlugin(BasePlugin[PlaybookConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.principles: list[Principle] = []
        self.renderer = PageRenderer()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Runs before MkDocs cleans site_dir: bad input stops here and the last good site stays.
        root = Path(config.config_file_path).parent
        try:
            self.principles = load_principles(Path(self.config.principles_dir), root=root)
        except PlaybookInputError as error:
            count = len(error.problems)
            raise PluginError(
                f"{error}\n{count} problem{'s' if count != 1 else ''} in principle files; "
                "fix them and build again (the site was not rebuilt)."
            ) from None
        self.renderer = PageRenderer(self.config.templates_dir)
        for extension in REQUIRED_MARKDOWN_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        if STYLESHEET_URI not in config.extra_css:
            config.extra_css.append(STYLESHEET_URI)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        for page in plan_pages(self.principles):
            if files.get_file_from_path(page.src_uri) is not None:
                raise PluginError(
                    f"docs/{page.src_uri} would hide the page the playbook generates there; "
                    "remove or rename it"
                )
            inclusion = InclusionLevel.UNDEFINED if page.in_nav else InclusionLevel.NOT_IN_NAV
            content = self.renderer.render(page.template, page.context)
            file = File.generated(config, page.src_uri, content=content, inclusion=inclusion)
            if page.source_file is not None:
                file.edit_uri = Path(os.path.relpath(page.source_file, config.docs_dir)).as_posix()
            files.append(file)
        if files.get_file_from_path(STYLESHEET_URI) is None:
            stylesheet = resources.files(__package__).joinpath("assets/playbook.css").read_text("utf-8")
            files.append(File.generated(config, STYLESHEET_URI, content=stylesheet))
        return files

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: object
    ) -> LiveReloadServer:
        server.watch(self.config.principles_dir)
        return server
