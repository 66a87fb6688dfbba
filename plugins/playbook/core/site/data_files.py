"""The playbook's data files (playbook.json, practice.json, search-vocabulary.json, the schemas) and
the drill's data for the practice page: one definition for every engine, given the addresses that
engine gives its pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..formats.loader import schema
from ..formats.paths import path_schema
from ..formats.synonyms import published_vocabulary, synonyms_schema
from ..formats.tag_vocabulary import tags_schema
from .addresses import (
    EXPORT_URI,
    PATH_SCHEMA_URI,
    PRACTICE_URI,
    SCHEMA_URI,
    SEARCH_VOCABULARY_URI,
    SYNONYMS_SCHEMA_URI,
    TAGS_SCHEMA_URI,
    drill_data_uri,
    path_src_uri,
    principle_src_uri,
    tag_src_uri,
)
from .assemble import Playbook
from .export import playbook_json
from .practice import EMBED_BYTES, compact_json, drill_embedded, drill_files, practice_data, practice_json

PageUrl = Callable[[str], str]
"""A generated page's address relative to the site root, from its path inside docs/ (`src_uri`), as
the engine gives it: `principles/x/`, or `principles/x.html` without directory URLs. The plugin asks
the engine; the export computes it (addresses.url_of)."""


@dataclass(frozen=True)
class DataFiles:
    """What a build writes besides its pages, and the drill's data for the practice page's head."""

    files: list[tuple[str, str]]
    """(src_uri, text) of playbook.json, practice.json, search-vocabulary.json, the schemas and the
    drill's split files."""
    drill_meta: dict[str, str]
    """The practice page's `practice.PAGE_META_KEY`: the split files as one element for its head while
    they are small (practice.drill_embedded), else {}: a copy saved for offline use then drills without
    a request (browsers refuse one for a page opened from disk)."""


def data_files(
    playbook: Playbook, page_url: PageUrl, site_url: str | None, embed_limit: int = EMBED_BYTES
) -> DataFiles:
    """The data files' addresses are absolute when the site has a `site_url`, else relative to the
    site root, where these files sit. The drill's split files always address from the site root:
    practice.js resolves them against the root it runs under, so a copy saved from the live site links
    within itself. The drill's document is made once per address style (it is the costliest file)."""
    urls = _principle_urls(playbook, page_url)
    tag_urls = {tag: page_url(tag_src_uri(tag)) for tag in playbook.tags}
    path_urls = {path.id: page_url(path_src_uri(path.id)) for path in playbook.paths}
    from_root = _drill(playbook, urls, None)
    drill = _drill(playbook, urls, site_url) if site_url else from_root
    split = drill_files(from_root)
    principles_json = playbook_json(
        playbook.principles, urls, site_url, playbook.vocabulary, tag_urls, playbook.paths, path_urls
    )
    files = [
        (EXPORT_URI, principles_json),
        (PRACTICE_URI, practice_json(drill)),
        (SCHEMA_URI, json.dumps(schema(), indent=2) + "\n"),
        (TAGS_SCHEMA_URI, json.dumps(tags_schema(), indent=2) + "\n"),
        (PATH_SCHEMA_URI, json.dumps(path_schema(), indent=2) + "\n"),
        (SYNONYMS_SCHEMA_URI, json.dumps(synonyms_schema(), indent=2) + "\n"),
        (SEARCH_VOCABULARY_URI, published_vocabulary(playbook.search_vocabulary, playbook.principles)),
    ] + [(drill_data_uri(name), compact_json(content)) for name, content in split.items()]
    return DataFiles(files, drill_embedded(split, embed_limit))


def _drill(playbook: Playbook, urls: dict[str, str], site_url: str | None) -> dict[str, Any]:
    return practice_data(
        playbook.principles,
        lambda principle_id: urljoin(site_url, urls[principle_id]) if site_url else urls[principle_id],
        playbook.vocabulary,
        playbook.paths,
    )


def _principle_urls(playbook: Playbook, page_url: PageUrl) -> dict[str, str]:
    return {principle.id: page_url(principle_src_uri(principle.id)) for principle in playbook.principles}
