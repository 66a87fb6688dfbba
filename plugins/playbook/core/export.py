"""The playbook as JSON, for integrations (chat bots, LMS, CRM widgets) that should not scrape HTML."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from .links import SECTION_ANCHORS
from .model import OnboardingPath, Principle
from .tag_vocabulary import Tag

EXPORT_URI = "playbook.json"
SCHEMA_URI = "schema/principle.schema.json"
TAGS_SCHEMA_URI = "schema/tags.schema.json"
PATH_SCHEMA_URI = "schema/path.schema.json"


def playbook_json(
    principles: list[Principle],
    urls: Mapping[str, str],
    site_url: str | None,
    vocabulary: Mapping[str, Tag] | None = None,
    tag_urls: Mapping[str, str] | None = None,
    paths: list[OnboardingPath] | None = None,
    path_urls: Mapping[str, str] | None = None,
) -> str:
    """Every principle with all its fields and addresses, ordered by id so diffs stay small, and the
    tag vocabulary (each tag's label, description and, when a principle uses it, its page).

    `urls`: principle id -> its URL relative to the site root; `tag_urls` and `path_urls` likewise for
    tag and onboarding path pages.
    Addresses are absolute when the site has a `site_url`, else relative to playbook.json itself
    (which sits at the site root).
    """

    def address(path: str) -> str:
        return urljoin(site_url, path) if site_url else path

    records = []
    for principle in sorted(principles, key=lambda principle: principle.id):
        url = address(urls[principle.id])
        records.append(
            {
                **_fields(principle),
                "url": url,
                "sections": {anchor: f"{url}#{anchor}" for anchor in SECTION_ANCHORS},
            }
        )
    tags = {
        slug: {"label": tag.label, "description": tag.description}
        | ({"url": address(tag_urls[slug])} if tag_urls and slug in tag_urls else {})
        for slug, tag in sorted((vocabulary or {}).items())
    }
    document = {
        "schema": address(SCHEMA_URI),
        "tags_schema": address(TAGS_SCHEMA_URI),
        "count": len(records),
        "principles": records,
        "tags": tags,
        "path_schema": address(PATH_SCHEMA_URI),
        "paths": [
            _path_record(path, address, urls, path_urls or {})
            for path in sorted(paths or [], key=lambda path: path.id)
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _fields(principle: Principle) -> dict[str, Any]:
    source = principle.source
    return {
        "id": principle.id,
        "title": principle.title,
        "summary": principle.summary,
        "customer_says": list(principle.customer_says),
        "source": {
            key: value
            for key, value in {
                "title": source.title,
                "author": source.author,
                "publication": source.publication,
                "date": source.date.isoformat() if source.date else None,
                "url": source.url,
            }.items()
            if value is not None
        },
        "story": principle.story,
        "situation": principle.situation,
        "bad_response": {"says": principle.bad_response.says, "why": principle.bad_response.why},
        "good_response": {"says": principle.good_response.says, "why": principle.good_response.why},
        "takeaways": list(principle.takeaways),
        "tags": list(principle.tags),
        "related": list(principle.related),
        "aliases": list(principle.aliases),
        "owner": principle.owner,
        "last_reviewed": principle.last_reviewed.isoformat() if principle.last_reviewed else None,
    }


def _path_record(
    path: OnboardingPath, address: Any, urls: Mapping[str, str], path_urls: Mapping[str, str]
) -> dict[str, Any]:
    return {
        "id": path.id,
        "title": path.title,
        "audience": path.audience,
        "introduction": path.introduction,
        "url": address(path_urls[path.id]),
        "steps": [
            {"principle": step.principle, "note": step.note, "url": address(urls[step.principle])}
            for step in path.steps
        ],
    }
