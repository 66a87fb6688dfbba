"""Rules for the text inside fields that a schema cannot express: nothing that breaks the page around it.

A field is one part of a page whose headings, tables and layout come from the templates, so a
heading, a code fence left open, or a table row in a one-line field would break that page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .errors import InputProblem
from .markdown_text import MARKDOWN_LINK, URL_SCHEME, blank_out_code
from .yamlsource import ParsedYaml, field_name

_HEADING = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-{2,})[ \t]*$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")


def text_fields(
    schema: dict[str, Any], data: Any, path: tuple[str | int, ...] = ()
) -> Iterator[tuple[tuple, str, str]]:
    """(path, kind, text) for every text value in `data`, kind being the schema's `markdown` or `line`."""
    if isinstance(data, dict):
        for key, value in data.items():
            sub = schema.get("properties", {}).get(key)
            if sub is not None:
                yield from text_fields(sub, value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from text_fields(schema.get("items", {}), value, (*path, index))
    elif isinstance(data, str):
        kind = schema.get("$ref", "").rsplit("/", 1)[-1]
        if kind in ("markdown", "line"):
            yield path, kind, data


def content_problems(parsed: ParsedYaml, schema: dict[str, Any], file: str) -> list[InputProblem]:
    """At most one problem per field: the first line that would break the page."""
    problems = []
    for path, kind, text in text_fields(schema, parsed.data):
        found = (_markdown_problem(text) if kind == "markdown" else _line_problem(text)) or _link_problem(
            text
        )
        if found:
            offset, message = found
            line = parsed.text_line(path, offset)
            problems.append(InputProblem(file, line, 1, field_name(path), message))
    return problems


def _line_problem(text: str) -> tuple[int, str] | None:
    if _TABLE_ROW.match(text):
        return (
            0,
            "looks like a table row and would break the tables it appears in; remove the '|' characters",
        )
    return None


def _markdown_problem(text: str) -> tuple[int, str] | None:
    lines = text.split("\n")
    fence: tuple[int, str] | None = None
    for number, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence[1]) and not line.strip().strip(fence[1][0]):
                fence = None
            continue
        if opened := _FENCE.match(line):
            fence = (number, opened.group(1))
            continue
        if _HEADING.match(line):
            return number, (
                f"'{line.strip()[:40]}' is a heading; the page has its own, so write **bold text** instead"
            )
        if _SETEXT_UNDERLINE.match(line) and number > 0 and lines[number - 1].strip():
            return number, (
                "a line of only '=' or '-' under text makes it a heading; remove it or add a blank line"
            )
    if fence is not None:
        return fence[
            0
        ], f"a code block opened with {fence[1]} is never closed; add a line with {fence[1]} after the code"
    return None


def _link_problem(text: str) -> tuple[int, str] | None:
    """Relative links from a generated page would be checked by MkDocs only after the site folder
    is cleaned, and break when pages move: principles link with [[id]], anything else in full."""
    if "](" not in text:
        return None
    outside_code = blank_out_code(text)
    for match in MARKDOWN_LINK.finditer(outside_code):
        target = match["target"]
        if target and not target.startswith("#") and not URL_SCHEME.match(target):
            line = outside_code.count("\n", 0, match.start())
            return line, (
                f"the link to '{target[:60]}' points inside the site; link a principle with [[id]] "
                "and any other page with its full address (https://...)"
            )
    return None
