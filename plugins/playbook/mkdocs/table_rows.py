"""A preview renders only the table rows and list items an edit changed; the others keep their HTML.

The principles index, Do / Don't and the tag pages are Markdown tables and lists with one row or
item per principle: at 1,000 principles Python-Markdown spends most of a preview's rebuild on them,
though an edit changes a row or two. A row's HTML depends only on its line and its table's header,
and an item's only on its line (same page, same Markdown settings; they hold no headings, ids or
definitions), so each page keeps that HTML by line. A rebuild renders the page with only the new
rows and items (at least one per table or list), then puts every one back in order. When the
rendered HTML does not match the Markdown's tables and lists one for one, or the page defines
something a line may use (a reference link's address, an abbreviation, a footnote), the page is
rendered whole, as without this. Only tight lists of one-line items qualify; any other list is left
alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

_DELIMITER_ROW = re.compile(r"^\|\s*(?::?-+:?\s*\|\s*)+$")
"""`| --- | :-: |`: each cell's space after its `|`, so no two repeats can take the same space."""
_TABLE_BODY = re.compile(r"<tbody>\n(.*?)</tbody>", re.DOTALL)
_TABLE_ROW = re.compile(r"<tr>\n.*?\n</tr>\n", re.DOTALL)
_LIST_BODY = re.compile(r"<ul>\n(.*?)</ul>", re.DOTALL)
_LIST_ITEM = re.compile(r"<li>[^\n]*</li>\n")
_ITEM = "- "
_PAGE_DEFINITION = re.compile(r"^ {0,3}\*?\[[^\]\n]+\]:", re.MULTILINE)
"""A reference link's definition (`[id]: address`), an abbreviation's (`*[HTML]: ...`) or a footnote's."""
_FOOTNOTE = "[^"
_LIST = ("- list", "")

LineKey = tuple[str, str, str]
"""A table's header and delimiter lines (or `_LIST`), and one row or item line."""


@dataclass(frozen=True)
class Block:
    """A table's rows, or a list's items: lines whose HTML comes out one piece each, in order."""

    header: tuple[str, str]
    first: int
    """The line number (from 0) of its first row or item."""
    lines: list[str]

    @property
    def is_table(self) -> bool:
        return self.header != _LIST


def tables(lines: list[str]) -> list[Block]:
    """Every pipe table: header and delimiter lines, then the row lines that follow."""
    found = []
    index = 1
    while index < len(lines):
        if lines[index - 1].startswith("|") and _DELIMITER_ROW.match(lines[index]):
            end = index + 1
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            if end > index + 1:
                found.append(Block((lines[index - 1], lines[index]), index + 1, lines[index + 1 : end]))
            index = end
        index += 1
    return found


def tight_lists(lines: list[str]) -> list[Block] | None:
    """Every list of one-line `- ` items between blank lines; None if the page has any other list."""
    found = []
    index = 0
    while index < len(lines):
        if not lines[index].startswith(_ITEM):
            index += 1
            continue
        end = index
        while end < len(lines) and lines[end].startswith(_ITEM):
            end += 1
        before = lines[index - 1] if index else ""
        after = lines[end] if end < len(lines) else ""
        following = next((line for line in lines[end:] if line.strip()), "")
        if before.strip() or after.strip() or following.startswith((_ITEM, " ", "\t")):
            return None  # a loose list, items over several lines, or a list inside something else
        found.append(Block(_LIST, index, lines[index:end]))
        index = end
    return found


def splice(
    html: str, blocks: list[Block], rendered: list[list[str]], known: dict[LineKey, str], *, lists: bool
) -> tuple[str, dict[LineKey, str]] | None:
    """The page with every block's pieces in order, from `rendered` (the lines in the HTML) or
    `known`, and the HTML of each line by key; None when the HTML does not match the blocks.
    `lists`: whether the blocks hold the page's lists (else they are left as rendered)."""
    table_bodies = list(_TABLE_BODY.finditer(html))
    list_bodies = list(_LIST_BODY.finditer(html)) if lists else []
    tables_in = [index for index, block in enumerate(blocks) if block.is_table]
    lists_in = [index for index, block in enumerate(blocks) if not block.is_table]
    if len(table_bodies) != len(tables_in) or len(list_bodies) != len(lists_in):
        return None
    bodies = dict(zip(tables_in, table_bodies, strict=True)) | dict(zip(lists_in, list_bodies, strict=True))
    pieces: list[str] = []
    by_line: dict[LineKey, str] = {}
    position = 0
    for index in sorted(bodies, key=lambda index: bodies[index].start()):
        block, body = blocks[index], bodies[index]
        in_html = (_TABLE_ROW if block.is_table else _LIST_ITEM).findall(body[1])
        if len(in_html) != len(rendered[index]) or "".join(in_html) != body[1] or body.start() < position:
            return None
        fresh = {(*block.header, line): piece for line, piece in zip(rendered[index], in_html, strict=True)}
        ordered = []
        for line in block.lines:
            key = (*block.header, line)
            piece = fresh.get(key) or known.get(key)
            if piece is None:
                return None
            by_line[key] = piece
            ordered.append(piece)
        pieces += [html[position : body.start(1)], *ordered]
        position = body.end(1)
    pieces.append(html[position:])
    return "".join(pieces), by_line


def lines_depend_on_the_page(markdown: str) -> bool:
    """Whether a line's HTML may depend on another line of the page: a reference link's address, an
    abbreviation's title and a footnote's number are defined elsewhere on it."""
    return bool(_PAGE_DEFINITION.search(markdown) or _FOOTNOTE in markdown)


class TableRows:
    """The HTML of each listing page's table rows and list items, kept between a preview's rebuilds."""

    def __init__(self) -> None:
        self._pieces: dict[str, dict[LineKey, str]] = {}

    def keep_only(self, src_uris: Collection[str]) -> None:
        """Forget the rows of every page this build no longer has (a tag no principle carries now)."""
        self._pieces = {src_uri: rows for src_uri, rows in self._pieces.items() if src_uri in src_uris}

    def reuse_rows(self, page: Page) -> None:
        """Route this page's render through `render`, which renders only its new rows and items."""
        whole_page = page.render

        def render(config: MkDocsConfig, files: Files) -> None:
            self.render(page, whole_page, config, files)

        # type-ignored: this one page's method, replaced on the instance, which MkDocs calls
        page.render = render  # type: ignore[method-assign]

    def render(self, page: Page, whole_page: Callable[..., Any], config: MkDocsConfig, files: Files) -> None:
        src_uri = page.file.src_uri
        markdown = page.markdown or ""
        lines = markdown.split("\n")
        lists = tight_lists(lines)
        blocks = sorted(tables(lines) + (lists or []), key=lambda block: block.first)
        known = self._pieces.pop(src_uri, {})
        if not blocks or lines_depend_on_the_page(markdown):
            whole_page(config, files)
            return
        rendered = [
            [line for line in block.lines if (*block.header, line) not in known] or block.lines[:1]
            for block in blocks
        ]
        if known and sum(map(len, rendered)) < sum(len(block.lines) for block in blocks):
            fewer = list(lines)
            for block, kept in reversed(list(zip(blocks, rendered, strict=True))):
                fewer[block.first : block.first + len(block.lines)] = kept
            page.markdown = "\n".join(fewer)
            try:
                whole_page(config, files)
            finally:
                page.markdown = markdown
            spliced = splice(page.content or "", blocks, rendered, known, lists=lists is not None)
            if spliced is not None:
                page.content, self._pieces[src_uri] = spliced
                return
        whole_page(config, files)
        learned = splice(
            page.content or "", blocks, [block.lines for block in blocks], {}, lists=lists is not None
        )
        if learned is not None:
            self._pieces[src_uri] = learned[1]
