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
MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<target>[^)\s>]*)")
"""The address of an inline Markdown link or image: `[text](address)`."""
URL_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):", re.IGNORECASE)
SAFE_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
"""The only link schemes a reader's browser is given."""


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
    """(start, end) offsets of fenced code blocks and inline code spans, in order, in one pass."""
    if "```" not in markdown and "~~~" not in markdown:
        return [(match.start(), match.end()) for match in _INLINE_CODE.finditer(markdown)]
    lines = markdown.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[int, int]] = []
    position = 0
    for first, last in [*fences(lines).blocks, (len(lines), len(lines))]:
        block_start = min(starts[first], len(markdown))
        spans += [
            (match.start(), match.end()) for match in _INLINE_CODE.finditer(markdown, position, block_start)
        ]
        if first < len(lines):
            spans.append((block_start, starts[last] + len(lines[last])))
        position = min(starts[last + 1], len(markdown)) if last < len(lines) else len(markdown)
    return spans


def blank_out_code(markdown: str, spans: list[tuple[int, int]] | None = None) -> str:
    """The text with code replaced by spaces, line breaks kept, so positions still count lines.
    `spans`: the text's `code_spans`, when the caller has them already."""
    if "`" not in markdown and "~~~" not in markdown:
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


def escape_html(markdown: str) -> str:
    """Every `<` becomes `&lt;`: raw HTML a contributor writes is shown as text, never run.

    Markdown itself (emphasis, links, lists, quotes) keeps working. Code is not exempt: guessing
    where Markdown sees code (escaped backticks, indented fences) is how HTML slips through. Inside
    code Markdown escapes the `&` again; the plugin turns that `&amp;lt;` back into `&lt;`.
    """
    return markdown.replace("<", "&lt;")
