"""Markdown that cannot carry a script: the attribute allow-list for every page the playbook renders.

Contributor text reaches Markdown with `<` already escaped (render.py), so the only HTML on a
generated page is what Markdown syntax makes. Two pieces of that syntax can still carry a script:
link and image addresses (`[x](javascript:...)`) and attribute lists (`{: onclick=... }`). This
tree processor, run after both, keeps only harmless attributes and web or mail addresses.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ElementTree

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from .markdown_text import SAFE_SCHEMES, URL_SCHEME

PLAIN_ATTRIBUTES = frozenset(
    {"id", "class", "title", "alt", "rel", "role", "lang", "dir", "colspan", "rowspan", "align", "start",
     "width", "height", "hreflang", "aria-label", "aria-hidden", "aria-describedby",
     "data-pagefind-weight"}  # site search: a template's weight for a part of the page (search.py)
)  # fmt: skip
URL_ATTRIBUTES = frozenset({"href", "src"})
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")
_TEXT_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")


def is_safe_url(address: str) -> bool:
    """Relative addresses and http(s)/mailto/tel ones; judged as a browser would read the attribute."""
    readable = _IGNORED_BY_BROWSERS.sub("", html.unescape(address)).lower()
    scheme = URL_SCHEME.match(readable)
    return scheme is None or scheme.group(1) in SAFE_SCHEMES


def strip_unsafe_attributes(root: ElementTree.Element) -> None:
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if name in PLAIN_ATTRIBUTES:
                continue
            if name in URL_ATTRIBUTES and is_safe_url(value):
                continue
            if name == "style" and _TEXT_ALIGN.fullmatch(value.strip()):
                continue  # table column alignment
            del element.attrib[name]


class _SafeAttributes(Treeprocessor):
    def run(self, root: ElementTree.Element) -> None:
        strip_unsafe_attributes(root)


class SafeAttributesExtension(Extension):
    """Registered last among tree processors, after attribute lists and unescaping have run."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_SafeAttributes(md), "playbook_safe_attributes", -100)
