"""The link graph built and checked: `[[id]]` references, `related` lists, onboarding paths' steps,
and backlinks.

Built once per build in two passes, as mkdocs-autorefs does: collect every principle and page, then
resolve every reference. Unknown targets are reported with file and line before anything is written.
"""

from __future__ import annotations

from ..checks.references import ReferenceIndex
from ..model.docs_page import DocsPage
from ..model.fields import principle_fields
from ..model.link_graph import Backlink, LinkGraph
from ..model.principle import OnboardingPath, Principle
from ..sources.errors import InputProblem
from ..sources.source_map import SourceMap
from .reference_syntax import find_references

SUGGESTIONS_PER_BUILD = 20
"""Unknown `[[id]]` targets that get a "did you mean" (references.Suggestions says why)."""


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
    sources: dict[str, dict[tuple[bool, str], Backlink]] = {principle.id: {} for principle in principles}
    problems: list[InputProblem] = []
    index = ReferenceIndex.of_principles(principles, suggest_limit=SUGGESTIONS_PER_BUILD)

    for principle in principles:
        here = Backlink(principle.title, principle.id, is_principle=True)
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
                sources[target].setdefault((here.is_principle, here.id), here)

    for page in docs_pages:
        for reference in find_references(page.markdown):
            message = index.reference_problem(reference)
            if message:
                problems.append(InputProblem(page.file, reference.line, 1, "", message))

    for path in paths:
        here = Backlink(path.title, path.id, is_principle=False)
        for step in path.steps:
            if step.principle in sources:  # a step naming no principle is the path checks' problem
                sources[step.principle].setdefault((here.is_principle, here.id), here)

    backlinks = {
        target: sorted(pages.values(), key=lambda link: (not link.is_principle, link.title.casefold()))
        for target, pages in sources.items()
        if pages
    }
    return LinkGraph(by_id, backlinks), problems
