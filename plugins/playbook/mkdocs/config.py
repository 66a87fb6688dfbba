"""The plugin's options, declared once with their defaults (set under `plugins: - playbook:`)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..core.site.page_parts import PAGE_LIMIT_BYTES
from ..core.site.practice import EMBED_BYTES


class PlaybookConfig(Config):
    principles_dir = c.Dir(exists=True, default="principles")
    """Folder of principle YAML files, relative to mkdocs.yml."""

    templates_dir = c.Optional(c.Dir(exists=True))
    """Folder whose templates replace the built-in ones of the same name (see templates/)."""

    published_urls = c.Type(str, default="principles/published.txt")
    """The committed manifest of published principle addresses, relative to mkdocs.yml."""

    drill_embed_bytes = c.Type(int, default=EMBED_BYTES)
    """/practice/ carries the drill's data inside it while its files together are at most this many
    bytes; past it the drill fetches them (core/site/practice.py). 0: never."""

    page_limit_bytes = c.Type(int, default=PAGE_LIMIT_BYTES)
    """Do / Don't, tag pages, the principles index, /customer-says/ and the role-play cards are split
    into parts past this estimated size (core/site/page_parts.py)."""
