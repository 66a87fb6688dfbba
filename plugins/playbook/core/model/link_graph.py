"""The link graph: which principles and paths link to each principle. Ids only: the site turns them
into addresses (site/pages.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

from .principle import Principle


@dataclass(frozen=True)
class Backlink:
    title: str
    id: str
    """The principle's id, or the onboarding path's."""
    is_principle: bool


@dataclass
class LinkGraph:
    principles: dict[str, Principle]
    backlinks: dict[str, list[Backlink]] = field(default_factory=dict)
    """Principle id -> the principles that link to it, then the onboarding paths that hold it as a
    step, each once, by title. Hand-written docs pages (the home page, the contributor guide, a team's
    own guides) are not listed: they are the site's own pages, reached from its navigation, and a
    backlink to the home page on every principle helps no reader."""

    def referenced_by(self, principle_id: str) -> list[Backlink]:
        return self.backlinks.get(principle_id, [])
