"""Markdown that cannot carry a script: the allow-list (allow_list.py) applied to every generated page.

Contributor text reaches Markdown with `<` already escaped (render.py), so the only HTML on a
generated page is what Markdown syntax makes. Two pieces of that syntax can still carry a script:
link and image addresses (`[x](javascript:...)`) and attribute lists (`{: onclick=... }`). This
tree processor, run after both, keeps only the tags, attributes and addresses the allow-list names.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .allow_list import ALLOW_LIST, AllowList, is_safe_url
from .markdown_text import CONTRIBUTOR_LT
from .reserved_names import is_reserved_id
from .text_addresses import is_absolute


def leaves_the_site(address: str) -> bool:
    """An attribute's address that names a host or scheme (`https://x`, `//x`, `\\\\x`: a browser reads
    `\\` as `/`): an image there is a request to another host. The value as a browser reads it, with
    no Markdown escape left in it."""
    return is_absolute(address.replace("\\", "/"))


def strip_unsafe_markup(root: ElementTree.Element, allow: AllowList = ALLOW_LIST) -> None:
    """Unwraps every element the allow-list does not name (its text and children stay), and removes
    every attribute it does not allow on that element, every id the site itself uses (reserved_names.py)
    and every image address of another host.

    Classes stay: our templates give their blocks `playbook-` classes through the same Markdown, and
    contributor text cannot write one (a `{` outside code is refused in every field, content.py)."""
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
    if name == "id":  # the theme's and our scripts' ids (reserved_names.py); our templates write none
        return not is_reserved_id(value) or allow.keeps_extension_id(value)
    if name in allow.url_attributes:  # an image from another host is a tracking pixel
        return is_safe_url(value, allow) and not (tag == "img" and name == "src" and leaves_the_site(value))
    return True


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


class _ContributorTextInTree(Treeprocessor):
    """CONTRIBUTOR_LT in the tree's text and attributes becomes `<`, which the serializer escapes."""

    def run(self, root: ElementTree.Element) -> None:
        for element in root.iter():
            if element.text and CONTRIBUTOR_LT in element.text:
                element.text = _with_lt(element.text)
            if element.tail and CONTRIBUTOR_LT in element.tail:
                element.tail = _with_lt(element.tail)
            for name, value in element.attrib.items():
                if CONTRIBUTOR_LT in value:
                    element.attrib[name] = value.replace(CONTRIBUTOR_LT, "<")


def _with_lt(text: str) -> str:
    """`text` with `<`, still atomic if it was (code: no inline pattern may read it again)."""
    replaced = text.replace(CONTRIBUTOR_LT, "<")
    return AtomicString(replaced) if isinstance(text, AtomicString) else replaced


class _ContributorTextInHtml(Postprocessor):
    """What the tree never held (code blocks and raw HTML blocks, stashed as HTML): CONTRIBUTOR_LT
    becomes `&lt;`."""

    def run(self, text: str) -> str:
        return text.replace(CONTRIBUTOR_LT, "&lt;")


class ContributorTextExtension(Extension):
    """A contributor's `<` (CONTRIBUTOR_LT, markdown_text.escape_html) shown as `<`, in text, code and
    attributes alike: decided here once, so nothing on the page is ever unescaped afterwards."""

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline patterns (20), before toc (5) reads the headings' text.
        md.treeprocessors.register(_ContributorTextInTree(md), "playbook_contributor_text", 19)
        md.postprocessors.register(_ContributorTextInHtml(md), "playbook_contributor_html", 0)


class SafeAttributesExtension(Extension):
    """Registered last among tree processors, after attribute lists and unescaping have run."""

    def __init__(self, allow: AllowList = ALLOW_LIST, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.allow = allow

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_SafeMarkup(md, self.allow), "playbook_safe_attributes", -100)
