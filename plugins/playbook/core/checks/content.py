"""Rules for the text inside fields that a schema cannot express: nothing that breaks the page around it.

A field is one part of a page whose headings, tables, anchors and layout come from the templates,
so a heading, a code fence left open, a table row in a one-line field or an attribute list would
break that page. The rest keeps Markdown fast and shallow: Python-Markdown recurses once per level
of nesting and rescans the text after each unclosed bracket, so deep nesting and unclosed brackets
are refused before they reach it. Every check here is one pass over the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..model.docs_page import DocsPage
from ..model.fields import FieldCatalogue, Kind
from ..safety.invisible_characters import field_problem as invisible_character_problem
from ..safety.markdown_text import MARKDOWN_LINK, URL_SCHEME, Fences, blank_out_code, code_spans, fences
from ..safety.text_addresses import address_problem
from ..sources.errors import InputProblem
from ..sources.yamlsource import ParsedYaml, field_name
from .page_markup import page_markup_problems

MAX_NESTING = 8
"""Levels of lists, quotes and indentation in one line of a field."""
MAX_BRACKET_NESTING = 4
"""`[[id]]` is two levels, a link around a reference three."""
MAX_INLINE_MARKS = 200
"""Characters Python-Markdown matches inline (`*`, `_`, `[`, `<`, `&`, `\\`, and each code span), per
field. Its inline parser reworks the whole paragraph after each match, and a field is one paragraph
in the comparison tables of up to 12 tag pages, so the cost grows with marks times length."""

_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"(?:=+|-{2,})[ \t]*$")
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_LIST_MARKER = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?=[ \t]|$)")
_INDENT = re.compile(r"[ \t]*")
_INLINE_ANY = re.compile(r"[\[\]{*_<&\\`]")
_BLOCK_MARK = re.compile(r"^[ \t>#=*+\-0-9`~]", re.MULTILINE)
"""The first characters of a line that may nest, head, underline or fence; other lines are prose."""
_INLINE_MARK = re.compile(r"\\.|\]\(|[\[\]{<&]|[*_]+|\n[ \t]*(?=\n)")


def content_problems(parsed: ParsedYaml, fields: FieldCatalogue, file: str) -> list[InputProblem]:
    """At most one problem per field: the first that would break the page. Which rules a text gets
    comes from the field catalogue: Markdown rules, one-line rules, or (ids, dates, addresses) only
    the check for invisible characters (invisible_characters.py)."""
    problems = []
    for path, field, text in fields.texts(parsed.data):
        if field.kind is Kind.ID:
            continue  # its pattern allows only a-z, 0-9 and '-'
        rules = field.kind in (Kind.MARKDOWN, Kind.LINE)
        if invisible := invisible_character_problem(parsed, path, text, file, lines_kept=rules):
            problems.append(invisible)
            continue
        found = rules and (
            _block_problem(text, one_line=field.kind is Kind.LINE, page_structure=True)
            or _inline_problem(text, attribute_lists=True, per_paragraph=False)
            or address_problem(text, docs_page=False)
            or _link_problem(text)
        )
        if found:
            offset, message = found
            problems.append(InputProblem(file, parsed.text_line(path, offset), 1, field_name(path), message))
    return problems


def docs_page_problems(pages: Iterable[DocsPage]) -> list[InputProblem]:
    """Hand-written pages may hold headings, attribute lists and HTML, but not what makes Python-Markdown
    crash or slow down: deep nesting, unclosed brackets or link addresses, runs of emphasis marks."""
    problems = []
    for page in pages:
        found = (
            _block_problem(page.markdown, one_line=False, page_structure=False)
            or _inline_problem(page.markdown, attribute_lists=False, per_paragraph=True)
            or address_problem(page.markdown, docs_page=True)
        )
        if found:
            problems.append(InputProblem(page.file, found[0] + 1, 1, "", found[1]))
    return problems + page_markup_problems(pages)


def _block_structure(line: str) -> tuple[int, str, bool, int]:
    """(nesting depth, text after the markers, a list marker seen, indentation before that text).

    Depth counts list and `>` quote markers, plus every four columns of indentation before the
    first of them (indentation alone makes at most one code block, not a level of nesting)."""
    markers = 0
    leading = -1
    position = 0
    listed = False
    while True:
        spaces = _INDENT.match(line, position)
        assert spaces is not None
        columns = sum(4 if character == "\t" else 1 for character in spaces[0])
        leading = columns if leading < 0 else leading
        position = spaces.end()
        if line.startswith(">", position):
            markers += 1
            position += 1
        elif marker := _LIST_MARKER.match(line, position):
            markers += 1
            listed = True
            position = marker.end()
        else:
            depth = markers + leading // 4 if markers else 0
            return depth, line[position:], listed, columns


def _block_problem(text: str, *, one_line: bool, page_structure: bool) -> tuple[int, str] | None:
    """Nesting in every text; headings, underlines and open code fences where the page is ours."""
    if not _BLOCK_MARK.search(text):  # most text: no line starts with a list, quote, heading or fence
        return _table_row_problem(text) if one_line else None
    lines = text.split("\n")
    found = fences(lines) if "```" in text or "~~~" in text else Fences([], None)
    in_code: set[int] = set()
    for first, last in found.blocks:
        in_code.update(range(first, last + 1))
    previous_text = False
    for number, line in enumerate(lines):
        if number in in_code:
            previous_text = False
            continue
        depth, rest, listed, indent = _block_structure(line)
        if depth > MAX_NESTING:
            return number, (
                f"this line is nested {depth} levels deep (list markers, '>' quotes and their "
                f"indentation); keep it within {MAX_NESTING} levels"
            )
        if page_structure and indent < 4 and _HEADING.match(rest):
            where = " inside a list or quote" if depth else ""
            return number, (
                f"'{line.strip()[:40]}' is a heading{where}; the page has its own, "
                "so write **bold text** instead"
            )
        if page_structure and indent < 4 and not listed and previous_text and _SETEXT_UNDERLINE.match(rest):
            return number, (
                "a line of only '=' or '-' under text makes it a heading; remove it or add a blank line"
            )
        previous_text = bool(rest.strip())
    if page_structure and found.unclosed is not None and not one_line:
        number, marks = found.unclosed
        return (
            number,
            f"a code block opened with {marks} is never closed; add a line with {marks} after the code",
        )
    return _table_row_problem(text) if one_line else None


def _table_row_problem(text: str) -> tuple[int, str] | None:
    if _TABLE_ROW.match(text):
        return 0, "looks like a table row and would break the tables it appears in; remove the '|' characters"
    return None


def _inline_problem(text: str, *, attribute_lists: bool, per_paragraph: bool) -> tuple[int, str] | None:
    """Brackets, link addresses, inline marks and attribute lists, outside code, in one pass.

    Counted per field, since table cells join a field's paragraphs into one line; per paragraph
    on a docs page."""
    if not _INLINE_ANY.search(text):
        return None
    all_spans = code_spans(text)
    spans = [start for start, end in all_spans if "\n" not in text[start:end]]
    outside_code = blank_out_code(text, all_spans)
    open_brackets: list[int] = []
    marks = 0
    counted_spans = 0
    position = 0
    while mark := _INLINE_MARK.search(outside_code, position):
        token, start = mark[0], mark.start()
        position = mark.end()
        if token[0] == "\n":
            if per_paragraph:
                if open_brackets:
                    break
                counted_spans = bisect.bisect_left(spans, start)
                marks = 0
            continue
        if token == "{":
            if not attribute_lists:
                continue
            return _line(outside_code, start), (
                "a '{' outside code starts an attribute list ({: #id .class }), which can take over "
                "the page's anchors and styles; use ( ) or [ ] instead, or put it in `backticks`"
            )
        if token == "[":
            open_brackets.append(start)
            if len(open_brackets) > MAX_BRACKET_NESTING:
                return _line(outside_code, start), (
                    f"brackets nested more than {MAX_BRACKET_NESTING} deep; write \\[ for a bracket "
                    "that does not start a link"
                )
        elif token in ("]", "]("):
            if open_brackets:
                open_brackets.pop()
            if token == "](":
                end = _address_end(outside_code, position)
                if end is None:
                    return _line(outside_code, start), (
                        "a link's address must end with ')' on the same line, with any quote in "
                        "it closed (write %27 for an apostrophe); close it, or write \\] for a bracket "
                        "of its own"
                    )
                position = end
            continue
        marks += len(token) if token[0] in "*_" else 1
        if marks + bisect.bisect_left(spans, start) - counted_spans > MAX_INLINE_MARKS:
            return _line(outside_code, start), (
                f"has more than {MAX_INLINE_MARKS} of the marks Markdown works through one by one "
                "(* _ [ < & \\ and code spans); use fewer, or spell them out in words"
            )
    if open_brackets:
        return _line(outside_code, open_brackets[0]), (
            "a '[' is never closed with ']'; close it, or write \\[ for a bracket of its own"
        )
    if marks + len(spans) - counted_spans > MAX_INLINE_MARKS:
        return _line(outside_code, spans[counted_spans + MAX_INLINE_MARKS - marks]), (
            f"has more than {MAX_INLINE_MARKS} of the marks Markdown works through one by one "
            "(* _ [ < & \\ and code spans); use fewer, or spell them out in words"
        )
    return None


def _address_end(text: str, index: int) -> int | None:
    """Where a link address that starts at `index` ends, as Python-Markdown's link parser finds it
    (parentheses counted; after a quote, a `)` right after a closing quote), or None when it does
    not end on its line: the parser would then rescan the rest of the text for every such link."""
    depth = 1
    quotes: dict[str, int] = {}
    first_quote = ""
    last = ""
    escaped = False
    for position in range(index, len(text)):
        character = text[position]
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "\n":
            return None
        elif character in "'\"":
            first_quote = first_quote or character
            quotes[character] = quotes.get(character, 0) + 1
        elif character == "(" and not first_quote:
            depth += 1
        elif character == ")":
            if first_quote and quotes.get(last, 0) >= 2:
                return position + 1
            if not first_quote:
                depth -= 1
                if depth == 0:
                    return position + 1
        if character != " ":
            last = character
    return None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset)


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
