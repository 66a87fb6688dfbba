"""The front matter of hand-written pages under docs/: only the fields a page needs, checked before a build.

MkDocs hands every front matter field to the theme, and some fields steer it: `template:` picks
any template of the theme (Material's `redirect.html` writes `location:` into a script), others
are written into the page unescaped. So a docs page may set only these fields:

- `title` and `description`: text (shown as theme text, see theme_values.py);
- `hide`: a list of the parts of the page Material can hide;
- `search`: `exclude: true|false` (the playbook's search, Pagefind, has no per-page boost);
- `tags`: a list of texts.

MkDocs also reads `key: value` lines at the very top of a page as settings when no `---` block is
there (MultiMarkdown style): those may hold only `title` and `description`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterable
from typing import Any

import yaml

from ..model.docs_page import DocsPage
from ..sources.errors import InputProblem
from ..sources.yamlsource import SAFE_LOADER, ParsedYaml, Path_, field_name, parse

FIELDS = ("title", "description", "hide", "search", "tags")
HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")
"""What Material's `hide:` understands."""
SEARCH = ("exclude",)
TEXT_FIELDS = ("title", "description")
"""One-line texts; also all that the MultiMarkdown-style top lines may set (their values are text)."""

# The same patterns as MkDocs' mkdocs.utils.meta (a test keeps them equal), so the block checked
# here is the block MkDocs reads.
YAML_RE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
META_RE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
META_MORE_RE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def front_matter_problems(pages: Iterable[DocsPage]) -> list[InputProblem]:
    """Every problem in the front matter of every hand-written page."""
    return [problem for page in pages for problem in page_problems(page)]


def page_problems(page: DocsPage) -> list[InputProblem]:
    """Problems in the block MkDocs would read as this page's settings (none without one)."""
    text = page.markdown.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block = YAML_RE.match(text)
    if block:
        return _yaml_problems(block[1], page.file)
    return _top_line_problems(text, page.file)


def _yaml_problems(block: str, file: str) -> list[InputProblem]:
    parsed, problems = parse(block, file)
    problems = [_below_dashes(problem) for problem in problems]
    if parsed is None or problems:
        return problems
    if parsed.data is None:
        return []
    if not isinstance(parsed.data, dict):
        return [_problem(parsed, (), file, "front matter must be fields such as `title: ...`, one a line")]
    for key, value in parsed.data.items():
        problems += _field_problems(parsed, key, value, file)
    if not problems:
        problems += _mkdocs_reading_problems(block, parsed, file)
    return problems


def _field_problems(parsed: ParsedYaml, key: str, value: Any, file: str) -> list[InputProblem]:
    where = (key,)
    if key not in FIELDS:
        close = difflib.get_close_matches(key, FIELDS, n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else f"use only {', '.join(FIELDS)}"
        message = f"front matter field not allowed on a docs page; {hint}"
        return [_problem(parsed, where, file, message, key=True)]
    if key in TEXT_FIELDS:
        if not isinstance(value, str) or not value.strip():
            return [_problem(parsed, where, file, "expected one line of text")]
        return []
    if key == "tags":
        return _list_problems(parsed, where, value, file, None, "[onboarding, calls]")
    if key == "hide":
        return _list_problems(parsed, where, value, file, HIDE, "[toc, navigation]")
    return _search_problems(parsed, value, file)


def _list_problems(
    parsed: ParsedYaml, where: Path_, value: Any, file: str, choices: tuple[str, ...] | None, example: str
) -> list[InputProblem]:
    """A list of one-line texts, each one of `choices` when given."""
    if not isinstance(value, list):
        return [_problem(parsed, where, file, f"expected a list, e.g. `{example}`")]
    expected = f"one of {', '.join(choices)}" if choices else "one line of text"
    return [
        _problem(parsed, (*where, index), file, f"expected {expected}")
        for index, item in enumerate(value)
        if not isinstance(item, str) or not item.strip() or (choices and item not in choices)
    ]


def _search_problems(parsed: ParsedYaml, value: Any, file: str) -> list[InputProblem]:
    if not isinstance(value, dict):
        return [_problem(parsed, ("search",), file, "expected `exclude: true` or `exclude: false`")]
    problems = []
    for key, setting in value.items():
        where = ("search", key)
        if key == "boost":
            message = "the playbook's search ranks principles first and has no per-page boost; remove it"
            problems.append(_problem(parsed, where, file, message, key=True))
        elif key not in SEARCH:
            problems.append(_problem(parsed, where, file, "unknown search setting; use exclude", key=True))
        elif key == "exclude" and setting not in ("true", "false"):
            problems.append(_problem(parsed, where, file, "expected true or false"))
    return problems


def _mkdocs_reading_problems(block: str, parsed: ParsedYaml, file: str) -> list[InputProblem]:
    """MkDocs reads front matter as YAML 1.1: `title: no` would become False. Ask for quotes."""
    try:
        read = yaml.load(block, SAFE_LOADER)  # safe: anchors, aliases and tags were refused above
    except yaml.YAMLError:  # pragma: no cover - libyaml read the same block a moment ago
        return []
    return [
        _problem(
            parsed, (key,), file, f"MkDocs would read this as {type(read[key]).__name__}; put it in quotes"
        )
        for key in TEXT_FIELDS
        if key in read and not isinstance(read[key], str)
    ]


def _top_line_problems(text: str, file: str) -> list[InputProblem]:
    """The `key: value` lines MkDocs reads as settings at the top of a page without a `---` block."""
    problems = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            break
        match = META_RE.match(line)
        if match is None:
            if META_MORE_RE.match(line) and number > 1:
                continue  # the previous setting goes on
            break
        key = match["key"].lower()
        if key not in TEXT_FIELDS:
            message = (
                "MkDocs reads 'name: value' lines at the top of a page as page settings and drops "
                "them from the page; start the page with a heading (settings: title, description)"
            )
            problems.append(InputProblem(file, number, 1, match["key"], message))
    return problems


def _problem(parsed: ParsedYaml, where: Path_, file: str, message: str, *, key: bool = False) -> InputProblem:
    line, column = parsed.position_of(where, key=key)
    return InputProblem(file, line + 1, column, field_name(where), message)


def _below_dashes(problem: InputProblem) -> InputProblem:
    """Lines counted in the block -> lines of the page: the block starts below the opening `---`."""
    return dataclasses.replace(problem, line=problem.line + 1)


def read_page_meta(markdown: str) -> tuple[dict[str, Any], str]:
    """A page's settings and the Markdown below them, read as MkDocs reads them (mkdocs.utils.meta:
    a `---` YAML block, else `key: value` lines at the top), for a page an engine will read again:
    the Markdown export rewrites them as theme text (theme_text.theme_front_matter)."""
    text = markdown.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    block = YAML_RE.match(text)
    if block:
        try:
            data = yaml.load(block[1], SAFE_LOADER)  # checked by page_problems before any export
        except yaml.YAMLError:
            return {}, text
        return (data, text[block.end() :].lstrip("\n")) if isinstance(data, dict) else ({}, text)
    meta: dict[str, Any] = {}
    lines = text.split("\n")
    key = None
    while lines and lines[0].strip():
        if match := META_RE.match(lines[0]):
            key = match["key"].lower().strip()
            meta[key] = f"{meta[key]} {match['value'].strip()}" if key in meta else match["value"].strip()
        elif (more := META_MORE_RE.match(lines[0])) and key:
            meta[key] += f" {more['value'].strip()}"
        else:
            break
        lines.pop(0)
    else:
        if lines:
            lines.pop(0)  # the blank line that ends the settings
    return meta, "\n".join(lines).lstrip("\n")
