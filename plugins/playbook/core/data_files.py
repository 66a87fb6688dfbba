"""The playbook's data files (playbook.json, practice.json, search-vocabulary.json, the schemas) and
the drill's data for the practice page: one definition for every engine, given the addresses that
engine gives its pages."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urljoin

from .addresses import (
    EXPORT_URI,
    PATH_SCHEMA_URI,
    PRACTICE_SRC_URI,
    PRACTICE_URI,
    SCHEMA_URI,
    SEARCH_VOCABULARY_URI,
    SYNONYMS_SCHEMA_URI,
    TAGS_SCHEMA_URI,
    tag_src_uri,
)
from .assemble import Playbook
from .export import playbook_json
from .loader import schema
from .paths import path_schema
from .practice import embedded_data, practice_data, practice_json
from .synonyms import published_vocabulary, synonyms_schema
from .tag_vocabulary import tags_schema

UrlOf = Callable[[str], str]
"""A generated page's address relative to the site root, from its path inside docs/ (`src_uri`), as
the engine gives it: `principles/x/`, or `principles/x.html` without directory URLs."""

RelativeUrl = Callable[[str, str], str]
"""`relative(url, other)`: `url` as a link written on the page at `other` (both from the site root)."""


def data_files(playbook: Playbook, url_of: UrlOf, site_url: str | None) -> list[tuple[str, str]]:
    """(src_uri, text) of playbook.json, practice.json, search-vocabulary.json and the schemas. Their
    addresses are absolute when the site has a `site_url`, else relative to the site root, where these
    files sit."""
    urls = _principle_urls(playbook, url_of)
    tag_urls = {tag: url_of(tag_src_uri(tag)) for tag in playbook.tags}
    path_urls = {path.id: url_of(path.src_uri) for path in playbook.paths}
    drill = practice_data(
        playbook.principles,
        lambda principle_id: urljoin(site_url, urls[principle_id]) if site_url else urls[principle_id],
        playbook.vocabulary,
        playbook.paths,
    )
    principles_json = playbook_json(
        playbook.principles, urls, site_url, playbook.vocabulary, tag_urls, playbook.paths, path_urls
    )
    return [
        (EXPORT_URI, principles_json),
        (PRACTICE_URI, practice_json(drill)),
        (SCHEMA_URI, json.dumps(schema(), indent=2) + "\n"),
        (TAGS_SCHEMA_URI, json.dumps(tags_schema(), indent=2) + "\n"),
        (PATH_SCHEMA_URI, json.dumps(path_schema(), indent=2) + "\n"),
        (SYNONYMS_SCHEMA_URI, json.dumps(synonyms_schema(), indent=2) + "\n"),
        (SEARCH_VOCABULARY_URI, published_vocabulary(playbook.search_vocabulary, playbook.principles)),
    ]


def drill_element(playbook: Playbook, url_of: UrlOf, relative: RelativeUrl) -> str:
    """The drill's data as an element for the practice page's head, its addresses relative to that
    page: a copy saved for offline use drills without fetching practice.json (browsers refuse that
    for a page opened from disk)."""
    urls = _principle_urls(playbook, url_of)
    here = url_of(PRACTICE_SRC_URI)
    data = practice_data(
        playbook.principles,
        lambda principle_id: relative(urls[principle_id], here),
        playbook.vocabulary,
        playbook.paths,
    )
    return embedded_data(data)


def _principle_urls(playbook: Playbook, url_of: UrlOf) -> dict[str, str]:
    return {principle.id: url_of(principle.src_uri) for principle in playbook.principles}
