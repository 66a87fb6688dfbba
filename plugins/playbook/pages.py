"""Which pages the playbook adds to the site, where they live, and the data each one is rendered from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .model import PRINCIPLES_URL_DIR, Principle

INDEX_SRC_URI = f"{PRINCIPLES_URL_DIR}/index.md"
STYLESHEET_URI = "assets/playbook/playbook.css"


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str
    template: str
    context: dict[str, Any] = field(hash=False)
    in_nav: bool
    source_file: Path | None = None
    """The file a reader should edit to change this page, for the "Edit this page" link."""


def plan_pages(principles: list[Principle]) -> list[PlannedPage]:
    """Every generated page, in index order; principles are reached from the index, not the nav."""
    by_id = {principle.id: principle for principle in principles}
    pages = [
        PlannedPage(INDEX_SRC_URI, "index.md.jinja", {"principles": principles}, in_nav=True),
    ]
    for principle in principles:
        context = {
            "principle": principle,
            "related": [by_id[related_id] for related_id in principle.related],
        }
        pages.append(
            PlannedPage(
                principle.src_uri,
                "principle.md.jinja",
                context,
                in_nav=False,
                source_file=principle.path,
            )
        )
    return pages
