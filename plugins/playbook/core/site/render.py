"""The Jinja environment that turns page data into Markdown; layouts live in templates/."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..safety.markdown_text import escape_html
from .addresses import heading_id
from .markdown_links import markdown_link_text
from .theme_text import TYPOGRAPHIC_QUOTES

MARKDOWN_EXTENSIONS = ("attr_list", "md_in_html", "tables", "smarty")
"""The Python-Markdown extensions the rendered pages need: section ids and classes, Markdown inside
HTML blocks, tables, typographic quotes. The plugin adds them to a site; the Markdown export lists them
in its config."""

MARKDOWN_EXTENSION_SETTINGS: dict[str, dict[str, Any]] = {
    "tables": {"use_align_attribute": True},
    "smarty": TYPOGRAPHIC_QUOTES,
}
"""Settings of those extensions that every site needs: a table column's alignment as an `align`
attribute, never a `style` attribute, which the pages' Content-Security-Policy blocks (style-src 'self',
theme/partials/content-security-policy.html); typographic quotes and apostrophes in the text a page
shows (U+2018/U+2019, U+201C/U+201D, as in the titles the theme writes: theme_text.py), at render
time, so the YAML and playbook.json keep the text as written, and code, link addresses and attribute
values keep their straight quotes; dashes and dots stay as written. The plugin and the Markdown export
both apply them."""


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between the builds of one process (a preview's rebuilds, the builds
    of a test run): an engine makes a new Jinja environment for every build, which would compile
    every template again. Jinja checks each template's source against the one it was compiled
    from, so an edited template is compiled again."""

    def __init__(self) -> None:
        self._compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        compiled = self._compiled.get(bucket.key)
        if compiled is not None:
            bucket.bytecode_from_string(compiled)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._compiled[bucket.key] = bucket.bytecode_to_string()


COMPILED_TEMPLATES = CompiledTemplates()
"""The one cache: our page templates use it, and an engine adapter hands it to the theme's environment."""


def markdown_table_cell(text: str) -> str:
    """Text safe inside one table cell: no pipe or line break can split the row."""
    return " ".join(text.split()).replace("|", "\\|")


def yaml_text(text: str) -> Markup:
    """Text as a double-quoted YAML scalar (JSON strings are valid YAML), readable as written."""
    return Markup(json.dumps(text, ensure_ascii=False))


def escape_contributor_text(value: Any) -> Any:
    """Every `{{ value }}` in a template: plain text loses its power to open an HTML tag.

    Applied by the environment, so a site's own templates are as safe as ours. Values already
    prepared for their place (Markdown fields, JSON, escaped HTML) are `Markup` and pass through.
    """
    if isinstance(value, str) and not isinstance(value, Markup):
        return escape_html(value)
    return value


def long_date(date: datetime.date) -> str:
    return f"{date.day} {date:%B %Y}"


VIEW_TITLE = "view_title"
"""What a view's template (the principles index, Do / Don't, `/customer-says/`, the role-play cards)
calls its title: set once in the template, printed in its heading, named by redirects to its parts."""


class PageRenderer:
    """Renders page templates; a site's `templates_dir` is searched before the built-in ones."""

    def __init__(self, templates_dir: str | Path | None = None) -> None:
        loaders: list[jinja2.BaseLoader] = []
        if templates_dir:
            loaders.append(jinja2.FileSystemLoader(str(templates_dir)))
        loaders.append(jinja2.PackageLoader("playbook", "templates"))
        self.environment = jinja2.Environment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=True,
            lstrip_blocks=True,
            # Markdown heading ids are written `{#story}`: Jinja comments use `{## ... ##}` instead.
            comment_start_string="{##",
            comment_end_string="##}",
            extensions=["jinja2.ext.do"],
            finalize=escape_contributor_text,
            bytecode_cache=COMPILED_TEMPLATES,
        )
        self.environment.filters.update(
            link_text=markdown_link_text,
            table_cell=markdown_table_cell,
            long_date=long_date,
            yaml_text=yaml_text,
            heading_id=heading_id,
        )

    def render(self, template: str, context: dict[str, Any]) -> str:
        return self.environment.get_template(template).render(context)

    def view_title(self, template: str) -> str:
        """The title a view's template gives itself (`{% set view_title = "Do / Don't" %}`), read from
        its source without rendering it: its heading and the redirects to its parts say the same."""
        loader = self.environment.loader
        if loader is None:  # __init__ always sets one
            raise jinja2.TemplateError("the page templates have no loader")
        source = loader.get_source(self.environment, template)[0]
        for node in self.environment.parse(source).find_all(jinja2.nodes.Assign):
            target, value = node.target, node.node
            named = isinstance(target, jinja2.nodes.Name) and target.name == VIEW_TITLE
            if named and isinstance(value, jinja2.nodes.Const) and isinstance(value.value, str):
                return value.value
        raise jinja2.TemplateError(
            f'{template} sets no {VIEW_TITLE} as plain text ({{% set {VIEW_TITLE} = "..." %}})'
        )
