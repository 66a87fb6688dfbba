"""The `[[id#section|text]]` grammar: where a reference is in Markdown, and what it names. One reader
for every user (the link checks, the pages' links, the drill's plain text); code is skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..safety.markdown_text import blank_out_code

# Found in the text with its code blanked out: a reference inside backticks or a fenced block is
# shown as written. No part may hold a `[`, so each `[[` is scanned only up to the next bracket.
_REFERENCE = re.compile(
    r"\[\[(?P<target>[^\[\]\|#\n]*)(?:#(?P<section>[^\[\]\|\n]*))?(?:\|(?P<text>[^\[\]\n]*))?\]\]"
)


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
