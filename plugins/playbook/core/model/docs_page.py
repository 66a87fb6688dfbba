"""A hand-written page, as the checks and the link graph see it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocsPage:
    """A hand-written Markdown page under docs/, as far as links are concerned."""

    src_uri: str
    title: str
    markdown: str
    file: str
    """The path a contributor sees (`docs/onboarding.md`), for error messages."""
