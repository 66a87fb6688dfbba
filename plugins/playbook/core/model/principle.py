"""The validated principle: what every later step (links, pages, templates) works from. No addresses:
where a principle or path is published is the site's business (site/addresses.py)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Source:
    title: str
    author: str | None
    publication: str | None
    date: datetime.date | None
    url: str | None


@dataclass(frozen=True)
class Response:
    says: str
    why: str


@dataclass(frozen=True)
class Principle:
    id: str
    title: str
    summary: str
    customer_says: tuple[str, ...]
    """Lines a customer says when this principle applies, shown under "You'll hear…"."""
    source: Source
    story: str
    situation: str
    bad_response: Response
    good_response: Response
    takeaways: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    aliases: tuple[str, ...]
    owner: str | None
    last_reviewed: datetime.date | None
    source_file: Path
    """The YAML file the principle was read from (for edit links). Where each field sits in it is
    kept beside the principles, in the loader's source map (source_map.py)."""


@dataclass(frozen=True)
class PathStep:
    principle: str
    """The id of the principle read at this step."""
    note: str | None


@dataclass(frozen=True)
class OnboardingPath:
    """An ordered reading list of principles for one kind of reader (principles/_paths/<id>.yml)."""

    id: str
    title: str
    audience: str
    introduction: str
    steps: tuple[PathStep, ...]
    source_file: Path
    """The YAML file the path was read from."""
