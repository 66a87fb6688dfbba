"""Markdown-aware text helpers shared by the link graph, the content rules and the renderer.

Every function here reads contributor text, so each runs in time linear in the text: no pattern
may rescan the rest of the text from each of many starting points.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

_FENCE_OPENING = re.compile(r"[ \t]*(`{3,}|~{3,})")
_FENCE_ONLY = re.compile(r"[ \t]*(`{3,}|~{3,})[ \t]*")
_INLINE_CODE = re.compile(r"`+[^`\n]*?`+")
"""An inline code span. Linear: a run of backticks without a closing one scans to the end of its
line once, and the next backtick on that line would close it."""
_INDENTED_LINE = re.compile(r"(?:^|\n)(?: {0,3}\t| {4})[ \t]*\S")
"""A line indented four columns: it may start an indented code block."""
_LIST_ITEM = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]|$)")
_HEADING_LINE = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]*)")
"""The address of an inline Markdown link or image: `[text](address)`."""
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)


@dataclass(frozen=True)
class Fences:
    blocks: list[tuple[int, int]]
    """(opening line, closing line) of each fenced code block, lines counted from 0."""
    unclosed: tuple[int, str] | None
    """The line and marks of the first fence outside any block that is never closed."""


def fences(lines: list[str]) -> Fences:
    """Fenced code blocks as Python-Markdown's fences read them: a block opened by a run of three or
    more backticks or tildes ends at the next line holding exactly the same run.

    Each closing line is found by a lookup in the lines holding only that run, so many fences that
    never close cost no more than one pass.
    """
    closers: dict[str, list[int]] = {}
    for number, line in enumerate(lines):
        if only := _FENCE_ONLY.fullmatch(line):
            closers.setdefault(only[1], []).append(number)
    blocks: list[tuple[int, int]] = []
    unclosed: tuple[int, str] | None = None
    number = 0
    while number < len(lines):
        opening = _FENCE_OPENING.match(lines[number])
        if opening:
            marks = opening[1]
            candidates = closers.get(marks, [])
            index = bisect.bisect_right(candidates, number)
            if index < len(candidates):
                blocks.append((number, candidates[index]))
                number = candidates[index] + 1
                continue
            if unclosed is None:
                unclosed = (number, marks)
        number += 1
    return Fences(blocks, unclosed)


def code_spans(markdown: str) -> list[tuple[int, int]]:
    """(start, end) offsets of code blocks (fenced and indented) and inline code spans, in order,
    in one pass."""
    has_fences = "```" in markdown or "~~~" in markdown
    if not has_fences and not _INDENTED_LINE.search(markdown):
        return [(match.start(), match.end()) for match in _INLINE_CODE.finditer(markdown)]
    lines = markdown.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    fenced = fences(lines).blocks if has_fences else []
    blocks = sorted([*fenced, *indented_code_blocks(lines, fenced)])
    spans: list[tuple[int, int]] = []
    position = 0
    for first, last in [*blocks, (len(lines), len(lines))]:
        block_start = min(starts[first], len(markdown))
        spans += [
            (match.start(), match.end()) for match in _INLINE_CODE.finditer(markdown, position, block_start)
        ]
        if first < len(lines):
            spans.append((block_start, starts[last] + len(lines[last])))
        position = min(starts[last + 1], len(markdown)) if last < len(lines) else len(markdown)
    return spans


def indented_code_blocks(lines: list[str], fenced: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first line, last line) of each indented code block, as Python-Markdown reads them: a block
    (lines after a blank line, a heading or the start) whose first line is indented four columns,
    unless it continues a list item; the block's indented lines are code. Lines of `fenced` blocks
    are skipped. One pass over the lines."""
    in_fence: set[int] = set()
    for first, last in fenced:
        in_fence.update(range(first, last + 1))
    blocks: list[tuple[int, int]] = []
    block_start = True
    after_list = False
    code_from: int | None = None
    for number, line in enumerate(lines):
        indented = number not in in_fence and _is_indented(line)
        if code_from is not None and indented:
            continue
        if code_from is not None:
            blocks.append((code_from, _last_text_line(lines, code_from, number)))
            code_from = None
        if number in in_fence:
            block_start, after_list = False, False
        elif not line.strip():
            block_start = True
        elif block_start and indented and not after_list:
            code_from = number
        else:
            if block_start and not indented:
                after_list = bool(_LIST_ITEM.match(line))
            block_start = bool(_HEADING_LINE.match(line))
    if code_from is not None:
        blocks.append((code_from, _last_text_line(lines, code_from, len(lines))))
    return blocks


def _is_indented(line: str) -> bool:
    """Four columns of white space or more before the text (a tab reaches the next multiple of four)."""
    width = 0
    for character in line[:4]:
        if character == "\t":
            return bool(line.strip())
        if character != " ":
            return False
        width += 1
    return width == 4 and bool(line.strip())


def _last_text_line(lines: list[str], first: int, end: int) -> int:
    """The last line before `end` that holds text: blank lines after a code block are not part of it."""
    last = end - 1
    while last > first and not lines[last].strip():
        last -= 1
    return last


def blank_out_code(markdown: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with code replaced by spaces, line breaks kept, so positions still count lines.
    `spans`: the text's `code_spans`, when the caller has them already."""
    if (
        spans is None
        and "`" not in markdown
        and "~~~" not in markdown
        and not _INDENTED_LINE.search(markdown)
    ):
        return markdown
    pieces = []
    position = 0
    for start, end in code_spans(markdown) if spans is None else spans:
        pieces.append(markdown[position:start])
        code = markdown[start:end]
        pieces.append(" " * len(code) if "\n" not in code else re.sub(r"[^\n]", " ", code))
        position = end
    pieces.append(markdown[position:])
    return "".join(pieces)


CONTRIBUTOR_LT = "\x0e"
"""A contributor's `<` in the Markdown the templates write. Not `<`, which could open a tag; not `&lt;`,
which Markdown shows as written inside code, and which a contributor's own `&lt;` would be
indistinguishable from. A control character (Shift Out), refused in every source, so no contributor can
type it, and one Markdown keeps (it drops STX and ETX, its own placeholders' marks). Each output writes
it once, knowing where it sits: the plugin's Markdown extension as the text `<`
(safe_markdown.ContributorTextExtension), the plain Markdown export as `&lt;`."""


def escape_html(markdown: str) -> str:
    """Every `<` becomes CONTRIBUTOR_LT: raw HTML a contributor writes is shown as text, never run.

    Markdown itself (emphasis, links, lists, quotes) keeps working. Code is not exempt: guessing
    where Markdown sees code (escaped backticks, indented fences) is how HTML slips through. Nothing
    else is escaped or unescaped: `&lt;` and `&amp;lt;` a contributor wrote reach Markdown as written.
    """
    return markdown.replace("<", CONTRIBUTOR_LT)
