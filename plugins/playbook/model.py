"""The validated principle: what every later step (links, pages, templates) works from."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

PRINCIPLES_URL_DIR = "principles"


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
    source: Source
    story: str
    situation: str
    bad_response: Response
    good_response: Response
    takeaways: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    path: Path
    """The YAML file the principle was read from (for edit links and error messages)."""

    @property
    def src_uri(self) -> str:
        """Where the generated page pretends to live inside docs/; MkDocs turns it into the URL."""
        return f"{PRINCIPLES_URL_DIR}/{self.id}.md"

    @property
    def url(self) -> str:
        """The published address, relative to the site root; part of the never-break promise."""
        return f"{PRINCIPLES_URL_DIR}/{self.id}/"
