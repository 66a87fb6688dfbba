"""The link graph: `[[id]]` references, `related` lists, onboarding paths' steps, and backlinks.

Built once per build in two passes, as mkdocs-autorefs does: collect every principle and page, then
resolve every reference. Unknown targets are reported with file and line before anything is written.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .addresses import markdown_link, section_url
from .errors import InputProblem
from .fields import principle_fields
from .markdown_text import blank_out_code
from .model import OnboardingPath, Principle
from .references import ReferenceIndex
from .source_files import PAGE_LIMIT, DocsRules, docs_pages, read_source
from .source_map import SourceMap

# Found in the text with its code blanked out: a reference inside backticks or a fenced block is
# shown as written. No part may hold a `[`, so each `[[` is scanned only up to the next bracket.
_REFERENCE = re.compile(
    r"\[\[(?P<target>[^\[\]\|#\n]*)(?:#(?P<section>[^\[\]\|\n]*))?(?:\|(?P<text>[^\[\]\n]*))?\]\]"
)
_ATX_HEADING_START = re.compile(r"^#[ \t]", re.MULTILINE)
SUGGESTIONS_PER_BUILD = 20
"""Unknown `[[id]]` targets that get a "did you mean" (references.Suggestions says why)."""


@dataclass(frozen=True)
class Reference:
    """One `[[id#section|text]]` found in Markdown."""

    target: str
    section: str | None
    text: str | None
    line: int
    """Line within the Markdown text, from 1."""
    written: str
    """The reference exactly as written, `[[...]]` included."""


@dataclass(frozen=True)
class DocsPage:
    """A hand-written Markdown page under docs/, as far as links are concerned."""

    src_uri: str
    title: str
    markdown: str
    file: str
    """The path a contributor sees (`docs/onboarding.md`), for error messages."""


@dataclass(frozen=True)
class Backlink:
    title: str
    src_uri: str
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

    def resolve(self, markdown: str, page_src_uri: str) -> str:
        """Replace every `[[...]]` with a relative Markdown link from `page_src_uri`."""

        def link(reference: Reference) -> str:
            principle = self.principles.get(reference.target)
            if principle is None:  # only while `mkdocs serve` shows the last good playbook
                return reference.written
            href = markdown_link(page_src_uri, principle.src_uri)
            if reference.section:
                href = section_url(href, reference.section)
            text = reference.text or principle.title
            return f"[{markdown_link_text(text)}]({href})"

        return replace_references(markdown, link)


def markdown_link_text(text: str) -> str:
    """Text safe inside `[...]`: brackets escaped so a title cannot end the link early, and `<`
    escaped so it cannot open an HTML tag (link texts are written straight into page Markdown)."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]").replace("<", "&lt;")


def find_references(markdown: str) -> Iterator[Reference]:
    """Every `[[...]]` outside code, with its line; one pass over the text."""
    if "[[" not in markdown:
        return
    for reference, _start, _end in _located_references(markdown):
        yield reference


def replace_references(markdown: str, link: Callable[[Reference], str]) -> str:
    if "[[" not in markdown:
        return markdown
    pieces = []
    position = 0
    for reference, start, end in _located_references(markdown):
        pieces += [markdown[position:start], link(reference)]
        position = end
    pieces.append(markdown[position:])
    return "".join(pieces)


def _located_references(markdown: str) -> Iterator[tuple[Reference, int, int]]:
    line, counted = 1, 0
    for match in _REFERENCE.finditer(blank_out_code(markdown)):
        line += markdown.count("\n", counted, match.start())
        counted = match.start()
        yield _reference(match, line), match.start(), match.end()


def _reference(match: re.Match[str], line: int) -> Reference:
    section = match["section"].strip() if match["section"] is not None else None
    text = match["text"].strip() if match["text"] else None
    return Reference(match["target"].strip(), section, text, line, match[0])


def read_docs_pages(
    docs_dir: Path, root: Path, rules: DocsRules | None = None
) -> tuple[list[DocsPage], list[InputProblem]]:
    """Every hand-written Markdown page, read once, so references are checked before the build writes;
    and a problem for every file of docs/ that must not be published (see source_files)."""
    sources, problems = docs_pages(docs_dir, root, rules or DocsRules())
    pages = []
    for source in sources:
        raw, read_problems = read_source(source.path, source.file, PAGE_LIMIT)
        problems.extend(read_problems)
        if raw is not None:
            markdown = raw.decode("utf-8-sig", errors="replace")
            pages.append(
                DocsPage(source.src_uri, page_title(markdown, source.src_uri), markdown, source.file)
            )
    return pages, problems


def page_title(markdown: str, src_uri: str) -> str:
    """The front matter's `title`, else the first `# heading`, else the file name. Read line by line:
    a pattern with two open-ended parts on one line took minutes on a long line of spaces."""
    title = _front_matter_title(markdown) or _first_heading(markdown)
    if title:
        return title
    name = posixpath.splitext(posixpath.basename(src_uri))[0]
    return name.replace("-", " ").replace("_", " ").capitalize()


def _front_matter_title(markdown: str) -> str | None:
    lines = markdown.split("\n", 1)
    if lines[0].rstrip() != "---" or len(lines) == 1:
        return None
    for line in lines[1].split("\n"):
        line = line.rstrip()
        if line in ("---", "..."):
            return None
        if line.startswith("title:"):
            title = line.removeprefix("title:").strip().strip("'\"").strip()
            return title or None
    return None


def _first_heading(markdown: str) -> str | None:
    for start in _ATX_HEADING_START.finditer(markdown):
        end = markdown.find("\n", start.end())
        line = markdown[start.end() : end if end != -1 else len(markdown)]
        title = line.strip().rstrip("#").strip()
        if title:
            return title
    return None


def build_link_graph(
    principles: list[Principle],
    docs_pages: list[DocsPage],
    source_map: SourceMap,
    paths: list[OnboardingPath] | tuple[OnboardingPath, ...] = (),
) -> tuple[LinkGraph, list[InputProblem]]:
    """One pass over every link, linear in the number of links. `source_map`: where each principle's
    fields sit in its file. Docs pages' references are checked; only principles and paths are
    backlinks (LinkGraph.backlinks says why)."""
    by_id = {principle.id: principle for principle in principles}
    sources: dict[str, dict[str, Backlink]] = {principle.id: {} for principle in principles}
    problems: list[InputProblem] = []
    index = ReferenceIndex.of_principles(principles, suggest_limit=SUGGESTIONS_PER_BUILD)

    for principle in principles:
        here = Backlink(principle.title, principle.src_uri, is_principle=True)
        targets = list(principle.related)
        for field_name, markdown in principle_fields().markdown_texts(principle):
            for reference in find_references(markdown):
                message = index.reference_problem(reference)
                if message:
                    source = source_map[principle.id]
                    line = source.line_in_file(field_name, reference.line)
                    problems.append(InputProblem(source.file, line, 1, field_name, message))
                else:
                    targets.append(reference.target)
        for target in targets:
            if target != principle.id:
                sources[target].setdefault(here.src_uri, here)

    for page in docs_pages:
        for reference in find_references(page.markdown):
            message = index.reference_problem(reference)
            if message:
                problems.append(InputProblem(page.file, reference.line, 1, "", message))

    for path in paths:
        here = Backlink(path.title, path.src_uri, is_principle=False)
        for step in path.steps:
            if step.principle in sources:  # a step naming no principle is the path checks' problem
                sources[step.principle].setdefault(here.src_uri, here)

    backlinks = {
        target: sorted(pages.values(), key=lambda link: (not link.is_principle, link.title.casefold()))
        for target, pages in sources.items()
        if pages
    }
    return LinkGraph(by_id, backlinks), problems
