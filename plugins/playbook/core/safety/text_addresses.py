"""The addresses contributor Markdown carries, judged where they are written.

Rendering strips a `javascript:` link from a page, but `playbook.json`, `practice.json` and the
Markdown export carry the text as written, and whatever renders them next may not strip it. So every
address Markdown reads as one (inline links and images, `<scheme:...>` autolinks, reference
definitions `[label]: address`) must have a scheme of the allow-list (allow_list.is_safe_url, the
rule the rendered pages apply too), and an image must come from the site itself: one from another
host makes every reader's browser call that host. Code is text, not an address.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .allow_list import ALLOW_LIST, address_as_read, is_safe_url, url_scheme
from .markdown_text import blank_out_code

_BRACKET = re.compile(r"\\.|!\[|\[|\]\(|\]\[|\]")
_LABEL_END = re.compile(r"[^\]\n]{0,999}\]")
_AUTOLINK = re.compile(r"<(?P<target>[a-z][a-z0-9+.\-]{1,31}:[^\s<>]*)>", re.IGNORECASE)
_DEFINITION = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|[0-9]{1,9}[.)])[ \t>]+)*"  # quote and list markers before it
    r"\[(?P<label>[^\[\]\n]{1,999})\]:"
    r"(?:[ \t]*\n)?[ \t>]*<?(?P<target>[^\s>]*)",  # the address, on this line or the next
    re.MULTILINE,
)
_MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_SPACES = re.compile(r"\s+")
_ENOUGH = 2000
"""Characters of an address read to judge it: its scheme or host comes first."""


@dataclass(frozen=True)
class Address:
    target: str
    """As written, up to the end of the address (or of its line)."""
    offset: int
    """Where it is written in the text."""
    image: bool
    """Shown as an image (`![alt](address)`, or a definition an image uses)."""


def address_problem(markdown: str, *, docs_page: bool) -> tuple[int, str] | None:
    """(line of the text, from 0; what is wrong) for the first address a reader must not get.
    `docs_page`: a hand-written page, which may show an image of its own folder by a relative address."""
    if "](" not in markdown and "]:" not in markdown and "<" not in markdown and "![" not in markdown:
        return None  # most text: no address at all
    outside_code = blank_out_code(markdown)
    for address in addresses(outside_code):
        line = outside_code.count("\n", 0, address.offset)
        shown = address.target[:60]
        if not is_safe_url(_unescaped(address.target)):
            return line, (
                f"the address '{shown}' starts with '{url_scheme(_unescaped(address.target))}:', which could "
                f"run a script; a link or image may use only {_allowed_schemes()} addresses"
            )
        if address.image and is_absolute(address.target):
            where = (
                "add the file under docs/ and link it with a relative address"
                if docs_page
                else "add the file under docs/ and show it on a page there, with a relative address"
            )
            return (
                line,
                f"the image '{shown}' is on another host; images must come from the site itself: {where}",
            )
    return None


def is_absolute(address: str) -> bool:
    """Any scheme, or `//host` (a browser reads `\\` as `/` there): an address that may leave the site."""
    readable = address_as_read(_unescaped(address)).replace("\\", "/")
    return url_scheme(readable) is not None or readable.startswith("//")


def addresses(outside_code: str) -> list[Address]:
    """Every address of a Markdown text whose code is blanked out, in one pass over its brackets."""
    found: list[Address] = []
    image_labels: set[str] = set()
    open_brackets: list[tuple[int, bool]] = []  # (where the text starts, an image)
    position = 0
    while mark := _BRACKET.search(outside_code, position):
        token, position = mark[0], mark.end()
        if token[0] == "\\":
            continue
        if token[-1] == "[" and token != "][":
            open_brackets.append((position, token == "!["))
            continue
        start, image = open_brackets.pop() if open_brackets else (position, False)
        if token == "](":
            found.append(Address(_destination(outside_code, position), position, image))
        elif token == "][":  # `![alt][label]`, or `![label][]`
            label = _LABEL_END.match(outside_code, position)
            if label is None:
                continue
            position = label.end()
            if image:
                text = label[0][:-1] or outside_code[start : mark.start()]
                image_labels.add(_label_key(text))
        elif image and mark.start() - start <= 999:  # `![label]`
            image_labels.add(_label_key(outside_code[start : mark.start()]))
    for definition in _DEFINITION.finditer(outside_code):
        image = _label_key(definition["label"]) in image_labels
        found.append(Address(definition["target"], definition.start("target"), image))
    found += [Address(link["target"], link.start(), False) for link in _AUTOLINK.finditer(outside_code)]
    return sorted(found, key=lambda address: address.offset)


def _destination(text: str, start: int) -> str:
    """The address after `](`: up to `>` in angle brackets, else up to `)` or the end of the line."""
    line = text[start : start + _ENOUGH].split("\n", 1)[0].lstrip()
    if line.startswith("<"):
        return line[1:].split(">", 1)[0]
    return line.split(")", 1)[0]


def _unescaped(address: str) -> str:
    """Markdown backslash escapes removed, as a CommonMark renderer reads them (`javascript\\:`)."""
    return _MARKDOWN_ESCAPE.sub(r"\1", address)


def _label_key(label: str) -> str:
    return _SPACES.sub(" ", label).strip().casefold()


def _allowed_schemes() -> str:
    *others, last = sorted(ALLOW_LIST.url_schemes)
    return f"{', '.join(others)} or {last}"
