"""The front matter of hand-written docs pages: only fields a page needs, each problem on its own line."""

from __future__ import annotations

from pathlib import Path

import pytest
from mkdocs.utils import meta

from playbook.core.checks.front_matter import META_MORE_RE, META_RE, YAML_RE, page_problems
from playbook.core.model.docs_page import DocsPage

from in_process import mkdocs_build, run_script_main
from support import refused

ALLOWED = """---
title: "A title: with a colon"
description: What the page is for.
hide: [toc, navigation]
search:
  exclude: true
tags: [onboarding, calls]
---

# A page
"""


def problems(markdown: str) -> list[str]:
    return [str(problem) for problem in page_problems(DocsPage("page.md", "Page", markdown, "docs/page.md"))]


def test_the_block_checked_is_the_block_mkdocs_reads() -> None:
    assert (YAML_RE.pattern, YAML_RE.flags) == (meta.YAML_RE.pattern, meta.YAML_RE.flags)
    assert META_RE.pattern == meta.META_RE.pattern
    assert META_MORE_RE.pattern == meta.META_MORE_RE.pattern


@pytest.mark.parametrize(
    "markdown",
    [
        ALLOWED,
        ALLOWED.replace("\n", "\r\n"),
        "\ufeff" + ALLOWED,
        "# No front matter\n",
        "title: Top line\n\n# x\n",
        "",
    ],
)
def test_the_fields_a_page_needs_are_accepted(markdown: str) -> None:
    assert problems(markdown) == []


def test_a_field_that_steers_the_theme_is_refused_with_its_line() -> None:
    markdown = '---\ntitle: Fine\ntemplate: redirect.html\nlocation: "javascript:alert(1)"\n---\n# x\n'
    assert problems(markdown) == [
        "docs/page.md:3: template: front matter field not allowed on a docs page; use only title, description, hide, search, tags",
        "docs/page.md:4: location: front matter field not allowed on a docs page; use only title, description, hide, search, tags",
    ]


def test_values_are_checked_field_by_field() -> None:
    markdown = "---\ntitel: x\ntitle: [a]\nhide: [toc, sidebar]\nsearch:\n  exclude: maybe\n  boost: x\n  rank: 1\ntags: x\ndescription:\n---\n"
    assert problems(markdown) == [
        "docs/page.md:2: titel: front matter field not allowed on a docs page; did you mean 'title'?",
        "docs/page.md:3: title: expected one line of text",
        "docs/page.md:4: hide[1]: expected one of navigation, toc, footer, path, tags, feedback",
        "docs/page.md:6: search.exclude: expected true or false",
        "docs/page.md:7: search.boost: the playbook's search ranks principles first and has no per-page boost; remove it",
        "docs/page.md:8: search.rank: unknown search setting; use exclude",
        "docs/page.md:9: tags: expected a list, e.g. `[onboarding, calls]`",
        "docs/page.md:10: description: expected one line of text",
    ]


def test_malformed_front_matter_is_a_problem_at_its_line() -> None:
    assert problems("---\ntitle: ok\ndescription: [unclosed\n---\n# x\n") == [
        "docs/page.md:4: YAML syntax error: did not find expected ',' or ']'; a quote or bracket opened on this line or above is never closed; close it",
    ]
    assert problems("---\n- a list\n---\n") == [
        "docs/page.md:2: front matter must be fields such as `title: ...`, one a line",
    ]
    assert problems("---\ntitle: &a x\n---\n") == [
        "docs/page.md:2: title: YAML anchors (&a) are not allowed; write each value out in full",
    ]


def test_text_mkdocs_would_read_as_something_else_must_be_quoted() -> None:
    assert problems("---\ntitle: no\ndescription: 2020-01-01\n---\n") == [
        "docs/page.md:2: title: MkDocs would read this as bool; put it in quotes",
        "docs/page.md:3: description: MkDocs would read this as date; put it in quotes",
    ]


def test_settings_lines_at_the_top_of_a_page_are_refused_unless_title_or_description() -> None:
    message = "MkDocs reads 'name: value' lines at the top of a page as page settings and drops them from the page; start the page with a heading (settings: title, description)"
    assert problems("Note: this sentence would vanish\n    and this one\ntemplate: x\n\n# x\n") == [
        f"docs/page.md:1: Note: {message}",
        f"docs/page.md:3: template: {message}",
    ]


def test_a_build_stops_on_a_refused_field_before_touching_the_site(project: Path) -> None:
    (project / "docs" / "moved.md").write_text(
        '---\ntitle: Moved\ntemplate: redirect.html\nlocation: "javascript:alert(1)"\n---\n\n# Moved\n'
    )
    problem = "template: front matter field not allowed on a docs page; use only title, description, hide, search, tags"
    refused(mkdocs_build(project, strict=False), f"docs/moved.md:3: {problem}")
    assert not (project / "site").exists()
    refused(run_script_main("validate.py", cwd=project), f"docs/moved.md:3:1: {problem}")
