"""The validated principle: what every later step (links, pages, templates) works from."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass, field
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
    path: Path
    """The YAML file the principle was read from (for edit links and error messages)."""
    text_lines: Mapping[str, int] = field(default_factory=dict, compare=False, repr=False)
    """First line of each field's text in `path`, so later checks can point at it."""
    inexact_fields: frozenset[str] = field(default=frozenset(), compare=False, repr=False)
    """Fields whose text lines are folded together in the file (`>` or multi-line quotes)."""

    def line_in_file(self, field_name: str, line_in_text: int) -> int:
        """The file line of a line of a field's text (from 1), or the field's first line if folded."""
        first = self.text_lines.get(field_name, 1)
        return first if field_name in self.inexact_fields else first + line_in_text - 1

    def markdown_fields(self) -> list[tuple[str, str]]:
        """(field name, Markdown text) of every field rendered as Markdown, where `[[id]]` links work."""
        fields = [
            ("summary", self.summary),
            ("story", self.story),
            ("situation", self.situation),
            ("bad_response.says", self.bad_response.says),
            ("bad_response.why", self.bad_response.why),
            ("good_response.says", self.good_response.says),
            ("good_response.why", self.good_response.why),
        ]
        fields += [(f"takeaways[{index}]", text) for index, text in enumerate(self.takeaways)]
        fields += [(f"customer_says[{index}]", text) for index, text in enumerate(self.customer_says)]
        return fields

    @property
    def src_uri(self) -> str:
        """Where the generated page pretends to live inside docs/; MkDocs turns it into the URL."""
        return f"{PRINCIPLES_URL_DIR}/{self.id}.md"

    @property
    def url(self) -> str:
        """The published address, relative to the site root; part of the never-break promise."""
        return f"{PRINCIPLES_URL_DIR}/{self.id}/"


PATHS_URL_DIR = "paths"


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
    path: Path
    """The YAML file the path was read from."""

    @property
    def src_uri(self) -> str:
        return f"{PATHS_URL_DIR}/{self.id}.md"

    @property
    def url(self) -> str:
        """The published address, relative to the site root; guarded by principles/published.txt."""
        return f"{PATHS_URL_DIR}/{self.id}/"
