"""References, the link graph and backlinks, on real principle objects."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.core.formats.links import build_link_graph
from playbook.core.formats.loader import load_files, load_principles
from playbook.core.formats.reference_syntax import find_references
from playbook.core.model.docs_page import DocsPage
from playbook.core.model.principle import OnboardingPath, PathStep
from playbook.core.site.markdown_links import resolve_references
from playbook.core.sources.source_map import SourceMap

from support import principle_text, write_principle


@pytest.fixture
def principles(tmp_path: Path):
    folder = tmp_path / "principles"
    write_principle(
        folder,
        "aaa.yml",
        principle_text(
            "aaa",
            **{
                "story: |\n  A rep learned to wait.": "story: |\n  A rep learned to wait.\n  See [[bbb#good-response|the fix]].",
                "related: []": "related: [ccc]",
            },
        ),
    )
    write_principle(
        folder, "bbb.yml", principle_text("bbb", **{"title: Listen before": "title: Bravo listen before"})
    )
    write_principle(
        folder, "ccc.yml", principle_text("ccc", **{"title: Listen before": "title: Charlie listen before"})
    )
    return load_principles(folder, root=tmp_path)


def files_of(principles) -> SourceMap:
    """Where the principles' fields sit in their files, as the loader records it."""
    sources = SourceMap()
    root = principles[0].source_file.parents[1]
    load_files([principle.source_file for principle in principles], root=root, source_map=sources)
    return sources


def test_references_in_code_are_left_alone() -> None:
    markdown = "Use [[aaa]] here,\n`[[bbb]]` inline,\n```\n[[ccc]]\n```\nand [[ddd#story|text]]."
    found = [(ref.target, ref.section, ref.text, ref.line) for ref in find_references(markdown)]
    assert found == [("aaa", None, None, 1), ("ddd", "story", "text", 6)]


def test_references_become_relative_links_with_the_title_as_default_text(principles) -> None:
    graph, problems = build_link_graph(principles, [], files_of(principles))
    assert problems == []
    markdown = "Read [[bbb]], [[ccc|this one]] and [[aaa#takeaways]]."
    assert resolve_references(graph, markdown, "principles/aaa.md") == (
        "Read [Bravo listen before you answer](bbb.md), [this one](ccc.md) and "
        "[Listen before you answer](aaa.md#takeaways)."
    )
    assert (
        resolve_references(graph, "[[bbb]]", "guides/onboarding.md")
        == "[Bravo listen before you answer](../principles/bbb.md)"
    )
    assert (
        resolve_references(graph, "[[bbb]]", "index.md")
        == "[Bravo listen before you answer](principles/bbb.md)"
    )


def test_backlinks_come_from_principles_and_paths_never_from_docs_pages(tmp_path: Path, principles) -> None:
    docs = [
        DocsPage("index.md", "Sales Playbook", "Start with [[ccc]].\n", "docs/index.md"),
        DocsPage(
            "week-two.md", "Week two", "Then [read this](principles/bbb.md#story).\n", "docs/week-two.md"
        ),
    ]
    path = OnboardingPath(
        "new-reps", "New reps", "new reps", "Start here.", (PathStep("ccc", None),), tmp_path / "new-reps.yml"
    )
    graph, problems = build_link_graph(principles, docs, files_of(principles), [path])
    assert problems == []
    assert [(link.title, link.id, link.is_principle) for link in graph.referenced_by("bbb")] == [
        ("Listen before you answer", "aaa", True),
    ]
    assert [(link.title, link.id, link.is_principle) for link in graph.referenced_by("ccc")] == [
        ("Listen before you answer", "aaa", True),
        ("New reps", "new-reps", False),
    ]
    assert graph.referenced_by("aaa") == []


def test_unknown_targets_are_reported_with_file_line_and_a_suggestion(principles) -> None:
    docs = [
        DocsPage("guide.md", "Guide", "# Guide\n\nSee [[bbc]] and\n[[ccc#good-responce]].\n", "docs/guide.md")
    ]
    _, problems = build_link_graph(principles, docs, files_of(principles))
    assert [str(problem) for problem in problems] == [
        "docs/guide.md:3: unknown principle 'bbc'; did you mean 'bbb'?",
        "docs/guide.md:4: unknown section '#good-responce' of principle 'ccc'; did you mean '#good-response'?",
    ]


def test_unknown_reference_in_a_principle_points_at_its_line(tmp_path: Path) -> None:
    folder = tmp_path / "principles"
    text = principle_text(
        "aaa",
        **{
            "  The customer is explaining a problem.": "  The customer is explaining a problem.\n  Compare [[zzz]]."
        },
    )
    write_principle(folder, "aaa.yml", text)
    principles = load_principles(folder, root=tmp_path)
    _, problems = build_link_graph(principles, [], files_of(principles))
    assert [str(problem) for problem in problems] == [
        "principles/aaa.yml:14: situation: unknown principle 'zzz'; check the id against the files in principles/"
    ]
