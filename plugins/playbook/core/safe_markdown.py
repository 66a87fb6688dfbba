"""Markdown that cannot carry a script: the allow-list (allow_list.py) applied to every generated page.

Contributor text reaches Markdown with `<` already escaped (render.py), so the only HTML on a
generated page is what Markdown syntax makes. Two pieces of that syntax can still carry a script:
link and image addresses (`[x](javascript:...)`) and attribute lists (`{: onclick=... }`). This
tree processor, run after both, keeps only the tags, attributes and addresses the allow-list names.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .allow_list import ALLOW_LIST, AllowList
from .markdown_text import URL_SCHEME

_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")
_STYLE_DECLARATION = re.compile(r"\s*([a-z-]+)\s*:\s*([a-z-]+)\s*")
"""`text-align: left`: a property set to a keyword, never to a `url(...)` or an expression."""


def is_safe_url(address: str, allow: AllowList = ALLOW_LIST) -> bool:
    """Relative addresses and those of an allowed scheme; judged as a browser would read the attribute."""
    readable = _IGNORED_BY_BROWSERS.sub("", html.unescape(address)).lower()
    scheme = URL_SCHEME.match(readable)
    return scheme is None or scheme.group(1) in allow.url_schemes


def _is_safe_style(style: str, allow: AllowList) -> bool:
    declarations = [part for part in style.split(";") if part.strip()]
    for declaration in declarations:
        found = _STYLE_DECLARATION.fullmatch(declaration)
        if found is None or found[1] not in allow.style_properties:
            return False
    return bool(declarations)


def strip_unsafe_markup(root: ElementTree.Element, allow: AllowList = ALLOW_LIST) -> None:
    """Unwraps every element the allow-list does not name (its text and children stay), and removes
    every attribute it does not allow on that element."""
    for parent in list(root.iter()):
        for index in range(len(parent) - 1, -1, -1):
            if parent[index].tag not in allow.tags:
                _unwrap(parent, index)
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if not _is_allowed(element.tag, name, value, allow):
                del element.attrib[name]


def _is_allowed(tag: str, name: str, value: str, allow: AllowList) -> bool:
    if not allow.allows(tag, name):
        return False
    if name in allow.url_attributes:
        return is_safe_url(value, allow)
    return name != "style" or _is_safe_style(value, allow)


def _unwrap(parent: ElementTree.Element, index: int) -> None:
    """Replaces `parent[index]` by its text and children, keeping the text that follows it."""
    element = parent[index]
    before = parent[index - 1] if index > 0 else None
    text = (element.text or "") + ("" if len(element) else element.tail or "")
    if before is None:
        parent.text = (parent.text or "") + text
    else:
        before.tail = (before.tail or "") + text
    children = list(element)
    if children:
        children[-1].tail = (children[-1].tail or "") + (element.tail or "")
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)


class _SafeMarkup(Treeprocessor):
    def __init__(self, md: Markdown, allow: AllowList) -> None:
        super().__init__(md)
        self.allow = allow

    def run(self, root: ElementTree.Element) -> None:
        strip_unsafe_markup(root, self.allow)


class SafeAttributesExtension(Extension):
    """Registered last among tree processors, after attribute lists and unescaping have run."""

    def __init__(self, allow: AllowList = ALLOW_LIST, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.allow = allow

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_SafeMarkup(md, self.allow), "playbook_safe_attributes", -100)
