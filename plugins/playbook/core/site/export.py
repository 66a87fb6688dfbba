"""The playbook as JSON, for integrations (chat bots, LMS, CRM widgets) that should not scrape HTML."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urljoin

from ..formats.tag_vocabulary import Tag
from ..model.fields import Field, Kind, principle_fields
from ..model.principle import OnboardingPath, Principle
from ..model.sections import SECTION_ANCHORS
from .addresses import PATH_SCHEMA_URI, SCHEMA_URI, TAGS_SCHEMA_URI, section_url


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
                "sections": {anchor: section_url(url, anchor) for anchor in SECTION_ANCHORS},
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
    """Every field of the principle format, in the schema's order, read through the field catalogue:
    a field added to the schema and the model reaches integrations without a change here. Which
    fields are Markdown, integrations read from the published schema (`contentMediaType`)."""
    return {
        field.key[-1]: _value(field, getattr(principle, field.key[-1])) for field in principle_fields().fields
    }


def _value(field: Field, value: Any) -> Any:
    """A field's value as JSON: dates as YYYY-MM-DD, a group without the fields it leaves out."""
    if value is None:
        return None
    if field.kind is Kind.LIST and field.item is not None:
        return [_value(field.item, item) for item in value]
    if field.kind is Kind.GROUP:
        values = {inner.key[-1]: _value(inner, getattr(value, inner.key[-1])) for inner in field.fields}
        return {name: inner_value for name, inner_value in values.items() if inner_value is not None}
    if field.kind is Kind.DATE:
        return value.isoformat()
    return value


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
