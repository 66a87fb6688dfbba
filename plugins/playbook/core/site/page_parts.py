"""Views of many principles split into parts once they would be too large for one page (issue 22).

Do / Don't, a tag page, the principles index, "When the customer says…" and the role-play cards each
show every principle they cover on one page while their estimated size is at most the page limit.
Past it a view is split: first by tag (`/do-dont/<tag>/`), then by the first letters of the principle
ids (`/do-dont/<tag>/<prefix>/`, a longer prefix one level further down), and the page it came from
becomes a short list of links to its parts. A part's address is named by what it holds, never by a
position, so it keeps meaning the same principles as the playbook grows: a part that grows past the
limit becomes a list of links to its own parts, at the same address.

The estimate is the text a view shows for each principle plus `MARKUP_BYTES` for the markup around
it: on today's principles that is more than the HTML each one adds, so a page at the limit stays
under it once built, and the default limit leaves room for the theme's chrome under 1 MB.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..model.principle import Principle
from .addresses import part_src_uri

PAGE_LIMIT_BYTES = 400_000
"""The default page limit (plugin option `page_limit_bytes`), in estimated bytes."""
MARKUP_BYTES = 1_500
"""The estimate's allowance for a principle's markup (links, labels, table or card HTML)."""
PAGE_LIMIT_OPTION = "page_limit_bytes"


def configured_page_limit(options: dict[str, Any] | None) -> int:
    """The page limit the site's plugin options set (read without an engine: the export, `make validate`
    and `make published` split where the build does)."""
    return int((options or {}).get(PAGE_LIMIT_OPTION) or PAGE_LIMIT_BYTES)


@dataclass(frozen=True)
class Part:
    """One page of a view: the principles it shows, or, when `parts` is not empty, links to them."""

    src_uri: str
    title: str
    """What the part holds, for its heading and the link to it ("" for the view itself)."""
    principles: tuple[Principle, ...]
    parts: tuple[Part, ...] = ()
    tag: str | None = None
    """The tag every principle of this part carries, when the view was split by tag."""

    def pages(self) -> list[Part]:
        """This part and every part under it, parents first."""
        return [self, *(page for part in self.parts for page in part.pages())]


Weigh = Callable[[Principle], int]
"""The length of the text a view shows for one principle."""


def estimated_bytes(principles: Sequence[Principle], weigh: Weigh) -> int:
    return sum(weigh(principle) + MARKUP_BYTES for principle in principles)


def split_view(
    src_uri: str,
    principles: Sequence[Principle],
    weigh: Weigh,
    limit: int,
    *,
    tags: dict[str, list[Principle]] | None = None,
    labels: dict[str, str] | None = None,
) -> Part:
    """The view at `src_uri` of `principles`: one page while it fits `limit`, else split by tag (when
    `tags` is given: tag -> its principles, `labels`: tag -> label) and then by id prefix."""
    if estimated_bytes(principles, weigh) <= limit:
        return Part(src_uri, "", tuple(principles))
    if tags is None:
        return _by_prefix(src_uri, "", principles, weigh, limit, depth=1)
    labels = labels or {}
    parts = tuple(
        _fitted(part_src_uri(src_uri, tag), labels.get(tag, tag), tagged, weigh, limit, tag=tag)
        for tag, tagged in tags.items()
        if tagged
    )
    return Part(src_uri, "", tuple(principles), parts)


def _fitted(
    src_uri: str, title: str, principles: Sequence[Principle], weigh: Weigh, limit: int, *, tag: str | None
) -> Part:
    if estimated_bytes(principles, weigh) <= limit:
        return Part(src_uri, title, tuple(principles), tag=tag)
    return _by_prefix(src_uri, title, principles, weigh, limit, depth=1, tag=tag)


def _by_prefix(
    src_uri: str,
    title: str,
    principles: Sequence[Principle],
    weigh: Weigh,
    limit: int,
    *,
    depth: int,
    tag: str | None = None,
    base: str | None = None,
) -> Part:
    """A list of parts, one per id prefix of `depth` characters; a part still too large is split by the
    next character, down to single principles (which are shown whatever their size)."""
    base = title if base is None else base
    groups: dict[str, list[Principle]] = {}
    for principle in principles:
        groups.setdefault(principle.id[:depth], []).append(principle)
    parts = []
    for prefix, grouped in sorted(groups.items()):
        part_uri = part_src_uri(src_uri, prefix)
        part_title = f"{base}: {prefix}…" if base else f"{prefix}…"
        fits = estimated_bytes(grouped, weigh) <= limit or len(grouped) == 1
        if fits or all(len(principle.id) <= depth for principle in grouped):
            parts.append(Part(part_uri, part_title, tuple(grouped), tag=tag))
        else:
            split = _by_prefix(part_uri, base, grouped, weigh, limit, depth=depth + 1, tag=tag)
            parts.append(Part(part_uri, part_title, split.principles, split.parts, tag=tag))
    return Part(src_uri, title, tuple(principles), tuple(parts), tag=tag)
