"""The last line of defence: no page the playbook publishes can run a contributor's script.

Contributor text is escaped when pages are rendered (see render.py); this cleans the final HTML of
every hand-written page with nh3 (the Ammonia sanitizer), keeping only what the one allow-list
(allow_list.py) names, so that whatever Markdown produced, no script, event handler, frame, or
`javascript:`/`data:` link reaches a reader.
"""

from __future__ import annotations

import functools

import nh3

from .allow_list import ALLOW_LIST, AllowList
from .reserved_names import GENERATED_ON_HAND_WRITTEN_PAGES, is_reserved_class, is_reserved_id
from .safe_markdown import leaves_the_site


def cleaner(allow: AllowList = ALLOW_LIST) -> nh3.Cleaner:
    """An nh3 cleaner for the allow-list: build it once, handing the lists to Rust on every call
    cost a third of the cleaning time."""
    return nh3.Cleaner(
        tags=set(allow.tags),
        attributes={tag: set(names) for tag, names in allow.attributes.items()},
        url_schemes=set(allow.url_schemes),
        link_rel=None,
        strip_comments=True,
        attribute_filter=functools.partial(site_names_and_outside_images_removed, allow=allow),
    )


def site_names_and_outside_images_removed(
    tag: str, attribute: str, value: str, allow: AllowList = ALLOW_LIST
) -> str | None:
    """No id or class the theme or our scripts look up (reserved_names.py; the classes of the field
    reference the plugin puts in the contributor guide stay, and the ids of the Markdown extensions the
    site enables), and no image from another host."""
    if attribute == "id":
        return None if is_reserved_id(value) and not allow.keeps_extension_id(value) else value
    if attribute == "class":
        kept = [
            name
            for name in value.split()
            if name in GENERATED_ON_HAND_WRITTEN_PAGES or not is_reserved_class(name)
        ]
        return " ".join(kept) or None
    if tag == "img" and attribute == "src" and leaves_the_site(value):
        return None
    return value


_CLEANER = cleaner()


def clean_html(html: str, page_cleaner: nh3.Cleaner = _CLEANER) -> str:
    """Page HTML with everything executable removed, and the ids and classes of the site itself;
    `page_cleaner` is the site's (`cleaner(allow_list_for(extensions))`)."""
    return page_cleaner.clean(html)
