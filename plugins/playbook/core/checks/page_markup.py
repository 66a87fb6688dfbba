"""Raw HTML, attribute lists and headings of hand-written pages: inert where they are written.

A page under docs/ may hold raw HTML (`<div class="grid cards" markdown>`) and attribute lists
(`## Section {#section}`). The plugin cleans its HTML before publishing it (sanitize.py), but the
Markdown export (markdown_export.py) is built later with no plugin, so what a page may carry is
decided here, at the source, for validate, build, serve and the export alike: only tags and
attributes of the allow-list (allow_list.py), addresses of its schemes, images from the site itself,
and no id or class of the theme's or ours (reserved_names.py), written or made by a heading's text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from markdown import Markdown
from markdown.extensions.attr_list import AttrListTreeprocessor, get_attrs_and_remainder

from ..model.docs_page import DocsPage
from ..safety.allow_list import ALLOW_LIST, is_safe_url
from ..safety.markdown_text import blank_out_code
from ..safety.reserved_names import is_reserved_id, reserved_classes
from ..safety.safe_markdown import leaves_the_site
from ..sources.errors import InputProblem
from .front_matter import YAML_RE

MARKDOWN_IN_HTML = "markdown"
"""`<div markdown>`: md_in_html reads the element's content as Markdown and drops the attribute."""
_ATTRIBUTES_ON_SOME_TAG = frozenset(name for names in ALLOW_LIST.attributes.values() for name in names)
_ESCAPED = re.compile(r"\\[\\<{]")
"""`\\<` and `\\{` are text, not a tag or an attribute list; `\\\\` is an escaped backslash (and in HTML,
a backslash at all: `src="\\\\host/x"` is another host)."""
_AUTOLINK = re.compile(r"<(?:(?:ftp|https?)://[^<>]*|[^<> !]+@[^@<> ]+)>", re.IGNORECASE)
"""What Python-Markdown reads as a link, not a tag: `<https://...>`, `<name@example.com>`."""
_ATX_HEADING = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t>]+)*#{1,6}[ \t]+(?P<text>[^\n]*)", re.MULTILINE
)
"""A `#` heading, also inside list items and quotes."""
_SETEXT_UNDERLINE = re.compile(r" {0,3}(?:=+|-+)[ \t]*")
_HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_FIX_RESERVED = (
    "use a name of your own (ids starting '__', 'playbook-' or 'md-' and classes starting 'playbook-' "
    "or 'md-' are the site's; md-button is allowed)"
)


@dataclass(frozen=True)
class _Found:
    line: int
    """From 1."""
    column: int
    """From 1."""
    message: str


def page_markup_problems(pages: Iterable[DocsPage]) -> list[InputProblem]:
    """Every piece of raw HTML, attribute list or heading on the pages that a reader must not get."""
    return [
        InputProblem(page.file, found.line, found.column, "", found.message)
        for page in pages
        for found in _page_problems(page.markdown)
    ]


def _page_problems(markdown: str) -> list[_Found]:
    text = _markup_only(markdown)
    if "<" not in text and "{" not in text and "#" not in text and "\n=" not in text and "\n-" not in text:
        return []
    found = [*_html_problems(text), *_attribute_list_problems(text), *_heading_problems(text)]
    return sorted(set(found), key=lambda problem: (problem.line, problem.column, problem.message))


def _markup_only(markdown: str) -> str:
    """The page with its front matter, code and backslash-escaped characters blanked out (line
    breaks and positions kept): what is left is read as Markdown and HTML."""
    block = YAML_RE.match(markdown)
    if block:
        front = markdown[: block.end()]
        markdown = re.sub(r"[^\n]", " ", front) + markdown[block.end() :]
    return _ESCAPED.sub(_blank_escape, blank_out_code(markdown))


def _blank_escape(escape: re.Match[str]) -> str:
    return escape[0] if escape[0] == "\\\\" else "  "


# Raw HTML


class _TagReader(HTMLParser):
    """Every start tag of the text, with where it starts; autolinks are not tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_Found] = []
        self._heading: tuple[str, int, int, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line, offset = self.getpos()
        written = self.get_starttag_text() or ""
        if _AUTOLINK.fullmatch(written):
            return
        where = f"<{tag}>"
        if tag not in ALLOW_LIST.tags:
            self.found.append(
                _Found(
                    line,
                    offset + 1,
                    f"{where}: this HTML element is not allowed on a page (it could run a script, load "
                    "something from another host, or stand in for the site's own); remove it, or write "
                    "what it shows in Markdown",
                )
            )
            return
        for name, value in attrs:
            message = attribute_problem(tag, name, value)
            if message:
                self.found.append(_Found(line, offset + 1, f"{where}: {message}"))
        if tag in _HEADING_TAGS:
            self._heading = (tag, line, offset + 1, [])

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _HEADING_TAGS:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[3].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._heading is not None and tag == self._heading[0]:
            tag, line, column, text = self._heading
            self._heading = None
            message = heading_problem("".join(text))
            if message:
                self.found.append(_Found(line, column, f"<{tag}>: {message}"))


def _html_problems(text: str) -> list[_Found]:
    if "<" not in text:
        return []
    reader = _TagReader()
    reader.feed(text)
    reader.close()
    return reader.found


def attribute_problem(tag: str | None, name: str, value: str | None) -> str | None:
    """What is wrong with one attribute of a tag (None: of an attribute list, whose element is not
    known), or None when the allow-list keeps it as written."""
    name = name.lower()
    if name == MARKDOWN_IN_HTML and tag is not None:
        return None
    allowed = (
        name in _ATTRIBUTES_ON_SOME_TAG or name == "id" or name == "class"
        if tag is None
        else ALLOW_LIST.allows(tag, name)
    )
    if not allowed:
        return f"the attribute '{name}' is not allowed{'' if tag is None else ' here'}; remove it" + (
            " (event handlers run scripts)" if name.startswith("on") else ""
        )
    if value is None:
        return None
    if name == "id" and is_reserved_id(value):
        return f"the id '{value.strip()}' belongs to the site itself; {_FIX_RESERVED}"
    if name == "class" and (reserved := reserved_classes(value)):
        return f"the class '{reserved[0]}' belongs to the site itself; {_FIX_RESERVED}"
    if name in ALLOW_LIST.url_attributes:
        if not is_safe_url(value):
            return (
                f"the address '{value.strip()[:60]}' is not a web, mail or phone address (it could run a "
                "script); use an http(s), mailto or tel address, or a relative one"
            )
        if name == "src" and leaves_the_site(value):
            return (
                f"the image '{value.strip()[:60]}' is on another host; images must come from the site "
                "itself: add the file under docs/ and use a relative address"
            )
    return None


# Attribute lists


def _attribute_list_problems(text: str) -> Iterator[_Found]:
    """Every `{...}` outside code read as attr_list reads it: up to the end of its line, closed by a `}`."""
    for number, line in enumerate(text.split("\n"), start=1):
        position = line.find("{")
        while position != -1 and "}" in line[position:]:
            attributes, _rest = get_attrs_and_remainder(line[position + 1 :].lstrip(":").lstrip(" "))
            for key, value in attributes:
                name, written = ("class", value) if key == "." else (key, value)
                if key == "." or key == "id" or value is not None:
                    message = attribute_problem(None, name, written)
                    if message:
                        yield _Found(number, position + 1, f"attribute list: {message}")
            position = line.find("{", position + 1)


# Headings


_TOC = Markdown(extensions=["attr_list", "toc"])
_HEADING_ATTRIBUTES = AttrListTreeprocessor.HEADER_RE
_MAY_BE_RESERVED = re.compile(r"_|&|playbook|md", re.IGNORECASE)
"""What a heading's text must hold, once decomposed (NFKD, as toc's slug reads it), to make a reserved id;
`&` for an entity such as `&#95;`."""


def heading_problem(text: str) -> str | None:
    """The heading's text would make a reserved id (`## __Config!` -> `__config`), as the toc makes them.
    An id written in the heading's attribute list (`{#id}`) is checked as an attribute."""
    if not _MAY_BE_RESERVED.search(unicodedata.normalize("NFKD", text)):
        return None  # most headings: no character a reserved id starts with, so no Markdown run
    written = _HEADING_ATTRIBUTES.search(text)
    if written and any(key == "id" for key, _ in get_attrs_and_remainder(written[1])[0]):
        return None
    _TOC.reset()
    _TOC.convert(f"# {text.strip()}")
    tokens = getattr(_TOC, "toc_tokens", [])
    made = str(tokens[0]["id"]) if tokens else ""
    if made and is_reserved_id(made):
        return (
            f"this heading would get the id '{made}', which belongs to the site itself; reword it, or give "
            "it an id of its own: ## Heading {#my-id}"
        )
    return None


def _heading_problems(text: str) -> Iterator[_Found]:
    lines = text.split("\n")
    for match in _ATX_HEADING.finditer(text):
        heading = (match["text"] or "").strip()
        if heading:
            message = heading_problem(heading)
            if message:
                yield _Found(text.count("\n", 0, match.start()) + 1, 1, message)
    for number in range(1, len(lines)):
        above = lines[number - 1]
        if (
            _SETEXT_UNDERLINE.fullmatch(lines[number])
            and above.strip()
            and not above.lstrip().startswith(("#", "-", "*", "+", ">", "<", "|"))
        ):
            message = heading_problem(above)
            if message:
                yield _Found(number, 1, message)
