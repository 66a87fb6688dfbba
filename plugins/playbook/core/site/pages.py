"""Which pages the playbook adds to the site, where they live, and the data each is rendered from."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..formats.loader import FileReading
from ..formats.tag_vocabulary import Tag
from ..model.link_graph import Backlink
from ..model.principle import Principle
from ..model.sections import ANCHORS
from ..sources.errors import InputProblem, PlaybookInputError
from ..sources.parse_cache import ParseCache
from ..sources.source_files import DocsRules, display_path
from . import addresses
from .addresses import (
    CUSTOMER_SAYS_SRC_URI,
    DATA_FILE_URIS,
    DO_DONT_SRC_URI,
    OFFLINE_FILE_URIS,
    PATHS_INDEX_SRC_URI,
    PRACTICE_SRC_URI,
    PRINCIPLES_INDEX_SRC_URI,
    ROLE_PLAY_SRC_URI,
    TAGS_DIR,
    TAGS_INDEX_SRC_URI,
    PageLinks,
    page_address,
    part_address_src_uri,
    path_src_uri,
    principle_src_uri,
    tag_src_uri,
    view_ancestor_src_uris,
)
from .assemble import Playbook, load_playbook, principles_by_tag
from .customer_says import customer_lines, lines_by_family
from .page_parts import PAGE_LIMIT_BYTES, Part, split_view
from .path_pages import path_page_context, reading_minutes, steps_by_principle
from .render import PageRenderer


@dataclass(frozen=True)
class PlannedPage:
    src_uri: str
    template: str
    context: dict[str, Any] = field(hash=False)
    """The template's data; `anchors` is added, and `links` (addresses.PageLinks from this page, for the
    site's URL style) when the site is planned (site_plan)."""
    in_nav: bool
    source_file: Path | None = None
    """The file a reader should edit to change this page, for the "Edit this page" link."""

    def __post_init__(self) -> None:
        # Templates link through these, so no template builds an address or an anchor itself.
        self.context.setdefault("anchors", ANCHORS)


@dataclass(frozen=True)
class PlannedRedirect:
    """An address no page is generated at any more that forwards to the page that holds its content:
    an old principle address (an alias) to the principle, a published view part merged back below
    the page limit (or of a tag no longer used) to the nearest page of its view."""

    old_src_uri: str
    """The page that was at the old address (`principles/<alias>.md`, `do-dont/trust.md`)."""
    target_src_uri: str
    title: str
    """The target page's title."""
    part: bool = False
    """Whether the old address was a view part (the redirect page says the principles moved, not one)."""


def _do_dont_text(principle: Principle) -> int:
    return len(principle.title + principle.situation + principle.bad_response.says) + len(
        principle.good_response.says + principle.good_response.why
    )


def _tag_text(principle: Principle) -> int:
    return len(
        principle.title + principle.situation + principle.bad_response.says + principle.good_response.says
    )


def _index_text(principle: Principle) -> int:
    return len(principle.title + principle.summary) + 40 * len(principle.tags)


def _customer_says_text(principle: Principle) -> int:
    """Each line with its principle's title, under each of its tags and once A to Z."""
    lines = sum(len(line) + len(principle.title) for line in principle.customer_says)
    return lines * (len(principle.tags) + 1)


def _role_play_text(principle: Principle) -> int:
    good, bad = principle.good_response, principle.bad_response
    return len(principle.title + principle.situation + good.says + good.why + bad.says + bad.why) + sum(
        len(text) for text in (*principle.customer_says, *principle.takeaways)
    )


def _view_pages(
    view: Part, template: str, context: Callable[[Part], dict[str, Any]], *, in_nav: bool
) -> list[PlannedPage]:
    """The pages of a view split at size (page_parts.py): the view itself, then its parts. Each is
    rendered from the view's template with `part` (its title, and `parts` to list instead of its
    principles when it was split further)."""
    return [
        PlannedPage(part.src_uri, template, {**context(part), "part": part}, in_nav=in_nav and part is view)
        for part in view.pages()
    ]


def _tag_context(tag: str, declared: Tag, part: Part) -> dict[str, Any]:
    """A tag page's context: one function, not a lambda per tag closing over the loop's `tag`."""
    return {"tag": tag, "declared": declared, "principles": list(part.principles)}


VIEW_TEMPLATES = {
    PRINCIPLES_INDEX_SRC_URI: "index.md.jinja",
    DO_DONT_SRC_URI: "do-dont.md.jinja",
    CUSTOMER_SAYS_SRC_URI: "customer-says.md.jinja",
    ROLE_PLAY_SRC_URI: "role-play.md.jinja",
}
"""The views split at size, by page, with the template each is rendered from; the template sets the
view's title (render.VIEW_TITLE), which a redirect to one of its parts names (a tag page's is its label)."""


def split_views(
    principles: list[Principle], page_limit: int, labels: dict[str, str] | None = None
) -> dict[str, Part]:
    """Every view of many principles (each in VIEW_TEMPLATES, and each tag's page), split past `page_limit`
    estimated bytes (page_parts.py), by the view's page. `labels`: tag -> label, for the parts' titles."""
    tags = principles_by_tag(principles)
    views = {
        PRINCIPLES_INDEX_SRC_URI: split_view(PRINCIPLES_INDEX_SRC_URI, principles, _index_text, page_limit),
        **{
            uri: split_view(uri, principles, weigh, page_limit, tags=tags, labels=labels)
            for uri, weigh in (
                (DO_DONT_SRC_URI, _do_dont_text),
                (CUSTOMER_SAYS_SRC_URI, _customer_says_text),
                (ROLE_PLAY_SRC_URI, _role_play_text),
            )
        },
    }
    for tag, tagged in tags.items():
        views[tag_src_uri(tag)] = split_view(tag_src_uri(tag), tagged, _tag_text, page_limit)
    return views


def part_addresses(principles: list[Principle], page_limit: int) -> list[str]:
    """The published addresses of every view part the playbook has at `page_limit` (`make published`
    lists them): a view's own page is not a part."""
    return [
        page_address(part.src_uri)
        for view in split_views(principles, page_limit).values()
        for part in view.pages()[1:]
    ]


def part_redirects(
    playbook: Playbook, views: dict[str, Part], renderer: PageRenderer
) -> tuple[list[PlannedRedirect], list[InputProblem]]:
    """A redirect for each published part address no page is generated at now (its view merged back
    below the limit, or its tag is used no more) to the nearest page of its view that is, so a link
    to it keeps working; a problem for one with no such page (the tag of a tag page's part is gone)."""
    shown = {part.src_uri: (uri, part) for uri, view in views.items() for part in view.pages()}
    redirects, problems = [], []
    for address in playbook.published_parts:
        old = part_address_src_uri(address.url)
        assert old is not None
        if old in shown:
            continue
        target = next((uri for uri in view_ancestor_src_uris(old) if uri in shown), None)
        if target is None:
            message = (
                f"published address {address.url} would disappear: no view it was a part of is generated "
                "now (its tag is used by no principle); tag a principle with it again, or, to retire "
                "the address on purpose, delete this line"
            )
            problems.append(InputProblem(playbook.manifest_file, address.line, 1, "", message))
            continue
        view, part = shown[target]
        tag = view.removeprefix(f"{TAGS_DIR}/").removesuffix(".md")
        declared = playbook.vocabulary.get(tag)
        template = VIEW_TEMPLATES.get(view)
        name = renderer.view_title(template) if template else (declared.label if declared else tag)
        title = f"{name}: {part.title}" if part.title else name
        redirects.append(PlannedRedirect(old, target, title, part=True))
    return redirects, problems


def view_splits(playbook: Playbook, page_limit: int) -> dict[str, Part]:
    """The playbook's views split at `page_limit`, their parts titled with the tags' labels."""
    labels = {tag: declared.label for tag, declared in playbook.vocabulary.items()}
    return split_views(playbook.principles, page_limit, labels)


def plan_pages(playbook: Playbook, views: dict[str, Part]) -> list[PlannedPage]:
    """Every generated page. Principles and tags are reached from index pages, never from the nav.
    Views of many principles are shown as `views` split them (view_splits)."""
    principles = playbook.principles
    tags = playbook.tags
    vocabulary = playbook.vocabulary
    labels = {tag: declared.label for tag, declared in vocabulary.items()}
    pages = _view_pages(
        views[PRINCIPLES_INDEX_SRC_URI],
        VIEW_TEMPLATES[PRINCIPLES_INDEX_SRC_URI],
        lambda part: {"principles": list(part.principles), "tags": tags, "vocabulary": vocabulary},
        in_nav=True,
    )
    pages.append(
        PlannedPage(
            TAGS_INDEX_SRC_URI, "tags.md.jinja", {"tags": tags, "vocabulary": vocabulary}, in_nav=True
        )
    )
    pages += _view_pages(
        views[DO_DONT_SRC_URI],
        VIEW_TEMPLATES[DO_DONT_SRC_URI],
        lambda part: {"principles": list(part.principles)},
        in_nav=True,
    )
    pages += _view_pages(
        views[CUSTOMER_SAYS_SRC_URI],
        VIEW_TEMPLATES[CUSTOMER_SAYS_SRC_URI],
        lambda part: {
            "lines": customer_lines(list(part.principles)) if part.tag is None else None,
            "families": lines_by_family(
                {part.tag: list(part.principles)} if part.tag is not None else tags, labels
            ),
        },
        in_nav=True,
    )
    pages.append(PlannedPage(PRACTICE_SRC_URI, "practice.md.jinja", {"count": len(principles)}, in_nav=True))
    for tag in tags:
        pages += _view_pages(
            views[tag_src_uri(tag)],
            "tag.md.jinja",
            functools.partial(_tag_context, tag, vocabulary[tag]),
            in_nav=False,
        )
    by_id = playbook.links.principles
    paths = playbook.paths
    path_summaries = [
        (path, reading_minutes([by_id[step.principle] for step in path.steps])) for path in paths
    ]
    pages.append(PlannedPage(PATHS_INDEX_SRC_URI, "paths.md.jinja", {"paths": path_summaries}, in_nav=True))
    pages += [
        PlannedPage(
            path_src_uri(path.id),
            "path.md.jinja",
            path_page_context(path, by_id),
            in_nav=False,
            source_file=path.source_file,
        )
        for path in paths
    ]
    path_steps = steps_by_principle(paths, by_id)
    role_play = {"principles": principles, "tags": tags, "vocabulary": vocabulary, "paths": paths}
    role_play["path_ids"] = {key: [step.path.id for step in steps] for key, steps in path_steps.items()}
    pages += _view_pages(
        views[ROLE_PLAY_SRC_URI],
        VIEW_TEMPLATES[ROLE_PLAY_SRC_URI],
        lambda part: {**role_play, "principles": list(part.principles)},
        in_nav=True,
    )
    for position, principle in enumerate(principles):
        context = {
            "principle": principle,
            "vocabulary": vocabulary,
            "related": [by_id[related_id] for related_id in principle.related],
            "referenced_by": [
                {
                    "title": link.title,
                    "src_uri": (principle_src_uri if link.is_principle else path_src_uri)(link.id),
                }
                for link in playbook.links.referenced_by(principle.id)
            ],
            "previous": principles[position - 1] if position > 0 else None,
            "next": principles[position + 1] if position + 1 < len(principles) else None,
            "path_steps": path_steps.get(principle.id, []),
        }
        pages.append(
            PlannedPage(
                principle_src_uri(principle.id),
                "principle.md.jinja",
                context,
                in_nav=False,
                source_file=principle.source_file,
            )
        )
    return pages


def _backlink(link: Backlink) -> dict[str, str]:
    """A backlink as the template links it: its title and its page."""
    src_uri = principle_src_uri(link.id) if link.is_principle else path_src_uri(link.id)
    return {"title": link.title, "src_uri": src_uri}


def plan_redirects(playbook: Playbook) -> list[PlannedRedirect]:
    return [
        PlannedRedirect(principle_src_uri(alias), principle_src_uri(principle.id), principle.title)
        for principle in playbook.principles
        for alias in principle.aliases
    ]


def redirect_src_uri(redirect: PlannedRedirect, use_directory_urls: bool) -> str:
    """Where the redirect page lives, so that the old address itself serves it."""
    return addresses.redirect_src_uri(redirect.old_src_uri, use_directory_urls)


def generated_src_uris(
    pages: Iterable[PlannedPage], redirects: Iterable[PlannedRedirect], use_directory_urls: bool
) -> list[str]:
    """Every page, data file and redirect the playbook adds to the site, as a path inside docs/."""
    uris = [page.src_uri for page in pages] + list(DATA_FILE_URIS) + list(OFFLINE_FILE_URIS)
    return uris + [redirect_src_uri(redirect, use_directory_urls) for redirect in redirects]


def hidden_page_problems(docs_dir: Path, root: Path, src_uris: Iterable[str]) -> list[InputProblem]:
    """Hand-written files at an address the playbook generates: refused before any site is written,
    so a generated page is never silently replaced (or replaces a contributor's page)."""
    return [
        InputProblem(
            display_path(docs_dir / src_uri, root),
            1,
            1,
            "",
            "this file would hide a page the playbook generates at the same address; rename or remove it",
        )
        for src_uri in src_uris
        if os.path.lexists(docs_dir / src_uri)
    ]


@dataclass(frozen=True)
class SitePlan:
    """A checked playbook and every page and redirect it adds to a site: decided once per build, and
    read by whatever hands them to an engine (the MkDocs adapter, the Markdown export)."""

    playbook: Playbook
    pages: list[PlannedPage]
    redirects: list[PlannedRedirect]
    lost_parts: list[InputProblem] = field(default_factory=list)
    """Published part addresses that would stop working (part_redirects); plan_site refuses them."""

    @functools.cached_property
    def principle_uris(self) -> frozenset[str]:
        """The principles' pages (`src_uri`): the pages search ranks first."""
        return frozenset(principle_src_uri(principle.id) for principle in self.playbook.principles)


def check_site(
    principles_dir: Path,
    docs_dir: Path,
    manifest_path: Path,
    *,
    root: Path,
    strict: bool,
    use_directory_urls: bool,
    docs_rules: DocsRules | None = None,
    cache: ParseCache[FileReading] | None = None,
    also_generated: Iterable[str] = (),
    page_limit: int = PAGE_LIMIT_BYTES,
    renderer: PageRenderer | None = None,
) -> SitePlan:
    """Every check a build makes before it writes anything, and the pages it would write; raises
    `PlaybookInputError` with every problem found. `make validate`, the build, the preview and the
    Markdown export all call this, so what one refuses the others refuse too."""
    playbook = load_playbook(
        principles_dir, docs_dir, manifest_path, root=root, strict=strict, docs_rules=docs_rules, cache=cache
    )
    return plan_site(
        playbook,
        docs_dir,
        root,
        use_directory_urls,
        also_generated=also_generated,
        page_limit=page_limit,
        renderer=renderer,
    )


def plan_site(
    playbook: Playbook,
    docs_dir: Path,
    root: Path,
    use_directory_urls: bool,
    *,
    also_generated: Iterable[str] = (),
    page_limit: int = PAGE_LIMIT_BYTES,
    renderer: PageRenderer | None = None,
) -> SitePlan:
    """Plan every generated file, and refuse a hand-written docs file at any of their addresses (or
    at `also_generated`) now, before a site folder is touched; raises `PlaybookInputError`."""
    plan = site_plan(playbook, use_directory_urls, page_limit, renderer)
    taken = [*generated_src_uris(plan.pages, plan.redirects, use_directory_urls), *also_generated]
    problems = [*plan.lost_parts, *hidden_page_problems(docs_dir, root, taken)]
    if problems:
        raise PlaybookInputError(problems)
    return plan


def site_plan(
    playbook: Playbook,
    use_directory_urls: bool = True,
    page_limit: int = PAGE_LIMIT_BYTES,
    renderer: PageRenderer | None = None,
) -> SitePlan:
    """The plan without the docs folder check (plan_site makes it): for an empty stand-in playbook.
    Every page's template links through `links`, written for the site's URL style. `renderer`: the
    site's templates (a `templates_dir` first), for the titles views give themselves."""
    views = view_splits(playbook, page_limit)
    pages = plan_pages(playbook, views)
    for page in pages:
        page.context.setdefault("links", PageLinks(page.src_uri, use_directory_urls))
    redirects, lost_parts = part_redirects(playbook, views, renderer or PageRenderer())
    return SitePlan(playbook, pages, plan_redirects(playbook) + redirects, lost_parts)
