"""The ids and classes that belong to the site itself: no hand-written page and no generated heading may
carry them.

Material finds its configuration, search box, drawer and palette toggles by id (`__config`,
`__search`, `__drawer`, `__palette_0`, every one starting `__`) and its components by `md-` class and
`data-md-*` attribute; our scripts find their data and blocks by `playbook-` id and class
(`#playbook-drill-data`, `.playbook-drill`). The first element with an id wins `getElementById`, so a
page that carries one of these ids or classes before the theme's own element stands in for it. Three
places read this module: the input rule for hand-written pages (page_markup.py), both sanitizers
(sanitize.py, safe_markdown.py), and the ids of headings made from contributor text
(addresses.heading_id). `data-*` attributes need no entry: the allow-list (allow_list.py) keeps only
`data-pagefind-weight` and `data-pagefind-ignore`.
"""

from __future__ import annotations

RESERVED_ID_PREFIXES = ("__", "playbook-", "md-")
"""Material's own ids (`__config`, `__search`, `__nav_1`, `__codelineno-...`), ours and the theme's names."""
RESERVED_CLASS_PREFIXES = ("playbook-", "md-")
"""Our templates' and scripts' classes, and Material's components (`md-header`, `md-search__input`)."""
AUTHOR_CLASSES = frozenset({"md-button", "md-button--primary"})
"""Material's documented classes for authors (a link styled as a button): styling only, no script of the
theme or ours looks them up."""
GENERATED_ON_HAND_WRITTEN_PAGES = frozenset(
    {"playbook-cards", "playbook-cards--inline-labels", "playbook-field-reference", "playbook-cell-label",
     "playbook-finder", "playbook-finder__search", "playbook-finder__label", "playbook-finder__field",
     "playbook-finder__family", "playbook-finder__more", "playbook-offline"}
)  # fmt: skip
"""Classes the plugin itself puts on a hand-written page (the contributor guide's field reference,
templates/field-reference.md.jinja; the home page's finder, templates/finder.md.jinja), which the
sanitizer keeps there. An author still may not write them (page_markup.py), so the one script that
looks one up, finder.js, finds only the field the plugin wrote: it reads what the reader types there;
offline-save.js only writes into the offline section after the finder."""


def _readable(value: str) -> str:
    """As a browser compares it, and a little wider: ASCII case ignored, surrounding space dropped."""
    return value.strip(" \t\n\f\r").lower()


def is_reserved_id(value: str) -> bool:
    return _readable(value).startswith(RESERVED_ID_PREFIXES)


def is_reserved_class(name: str) -> bool:
    readable = _readable(name)
    return readable.startswith(RESERVED_CLASS_PREFIXES) and readable not in AUTHOR_CLASSES


def reserved_classes(value: str) -> list[str]:
    """The reserved names among a `class` attribute's space-separated classes."""
    return [name for name in value.split() if is_reserved_class(name)]
