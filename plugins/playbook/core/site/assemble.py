"""Everything a build needs from the playbook's sources, checked in one go before the site is touched."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..checks.content import docs_page_problems
from ..checks.front_matter import front_matter_problems
from ..formats.docs_pages import read_docs_pages
from ..formats.links import build_link_graph
from ..formats.loader import FileReading, display_path, load_principles
from ..formats.paths import read_paths
from ..formats.synonyms import SynonymGroup, read_synonyms
from ..formats.tag_vocabulary import Tag, read_tag_vocabulary
from ..model.link_graph import LinkGraph
from ..model.principle import OnboardingPath, Principle
from ..safety.invisible_characters import docs_page_problems as invisible_character_problems
from ..sources.errors import InputProblem, PlaybookInputError
from ..sources.parse_cache import ParseCache
from ..sources.source_files import DocsRules, principle_files
from ..sources.source_map import SourceMap
from .addresses import part_address_src_uri
from .manifest import PublishedAddress, missing_address_problems, read_manifest, unlisted_addresses


@dataclass(frozen=True)
class Playbook:
    principles: list[Principle]
    """In index order (by title)."""
    links: LinkGraph
    unlisted: list[InputProblem]
    """One for each address of a principle, path or page of the playbook that the published manifest
    does not list yet: refused by a strict build, reported by a preview."""
    vocabulary: dict[str, Tag] = field(default_factory=dict)
    """The declared tags (principles/_tags.yml) by slug, the unused ones included."""
    paths: list[OnboardingPath] = field(default_factory=list)
    """The onboarding paths (principles/_paths/), by title."""
    source_map: SourceMap = field(default_factory=SourceMap)
    """Where each principle's fields sit in its file, for problems found after loading."""
    search_vocabulary: tuple[SynonymGroup, ...] = ()
    """The team's words for the same thing (principles/_synonyms.yml), which search expands."""
    published_parts: tuple[PublishedAddress, ...] = ()
    """The manifest's addresses of view parts (split at size), which the site plan keeps working."""
    manifest_file: str = ""
    """The manifest as problems name it."""

    @property
    def tags(self) -> dict[str, list[Principle]]:
        """Tag -> its principles in index order, tags sorted by name."""
        return principles_by_tag(self.principles)


def principles_by_tag(principles: list[Principle]) -> dict[str, list[Principle]]:
    """Tag -> its principles in the order given, tags sorted by name."""
    by_tag: dict[str, list[Principle]] = {}
    for principle in principles:
        for tag in principle.tags:
            by_tag.setdefault(tag, []).append(principle)
    return dict(sorted(by_tag.items()))


def _unlisted_problem(
    url: str, source: Principle | OnboardingPath | None, source_map: SourceMap, root: Path, manifest_file: str
) -> InputProblem:
    """An address the manifest does not list yet, at the `id` of the principle or path it belongs to (at
    the manifest's first line for one of the playbook's own pages)."""
    message = f"the address {url} is not in {manifest_file} yet; run `make published` to add it"
    if isinstance(source, Principle):
        return InputProblem(source_map.file(source.id), source_map.line(source.id, "id"), 1, "id", message)
    if isinstance(source, OnboardingPath):
        return InputProblem(display_path(source.source_file, root), 1, 1, "id", message)
    return InputProblem(manifest_file, 1, 1, "", message)


def empty_playbook() -> Playbook:
    """What a preview shows when it has never had a valid playbook: the hand-written pages only."""
    return Playbook([], LinkGraph({}), [])


def load_playbook(
    principles_dir: Path,
    docs_dir: Path,
    manifest_path: Path,
    *,
    root: Path,
    strict: bool,
    docs_rules: DocsRules | None = None,
    cache: ParseCache[FileReading] | None = None,
) -> Playbook:
    """Load, validate and link; raise `PlaybookInputError` with every problem found.
    `cache` keeps each unchanged principle file's reading between a preview's rebuilds."""
    vocabulary, problems = read_tag_vocabulary(principles_dir, root)
    search_vocabulary, synonym_problems = read_synonyms(principles_dir, root)
    problems.extend(synonym_problems)
    source_map = SourceMap()
    try:
        principles = load_principles(
            principles_dir,
            root=root,
            declared_tags=None if vocabulary is None else set(vocabulary),
            cache=cache,
            source_map=source_map,
        )
    except PlaybookInputError as error:
        problems.extend(error.problems)
        principles = []
    loaded_ids = {principle.id for principle in principles}
    if not principles:  # steps are checked against the files that exist, even with problems in them
        loaded_ids = {path.stem for path in principle_files(principles_dir)[0]}
    paths, path_problems = read_paths(principles_dir, loaded_ids, root)
    manifest_file = display_path(manifest_path, root)
    addresses, manifest_problems = read_manifest(manifest_path, manifest_file)
    problems.extend(manifest_problems)
    docs_pages, docs_problems = read_docs_pages(docs_dir, root, docs_rules)
    problems.extend(docs_problems)
    problems.extend(front_matter_problems(docs_pages))
    problems.extend(docs_page_problems(docs_pages))
    problems.extend(invisible_character_problems(docs_pages))
    if problems:  # links and addresses are only meaningful over a valid set of principles
        raise PlaybookInputError([*problems, *path_problems])

    graph, link_problems = build_link_graph(principles, docs_pages, source_map, paths)
    problems.extend(link_problems)
    problems.extend(path_problems)
    problems.extend(
        missing_address_problems(addresses, principles, manifest_file, None if path_problems else paths)
    )
    unlisted = [
        _unlisted_problem(url, source, source_map, root, manifest_file)
        for url, source in unlisted_addresses(addresses, principles, paths)
    ]
    if strict:
        problems.extend(unlisted)
    if problems:
        raise PlaybookInputError(problems)
    parts = tuple(address for address in addresses if part_address_src_uri(address.url) is not None)
    return Playbook(
        principles,
        graph,
        unlisted,
        vocabulary or {},
        paths,
        source_map,
        search_vocabulary or (),
        parts,
        manifest_file,
    )
