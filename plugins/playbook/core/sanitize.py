"""The last line of defence: no page the playbook publishes can run a contributor's script.

Contributor text is escaped when pages are rendered (see render.py); this cleans the final HTML of
every hand-written page with nh3 (the Ammonia sanitizer), keeping only what the one allow-list
(allow_list.py) names, so that whatever Markdown produced, no script, event handler, frame, or
`javascript:`/`data:` link reaches a reader.
"""

from __future__ import annotations

import nh3

from .allow_list import ALLOW_LIST, AllowList


def cleaner(allow: AllowList = ALLOW_LIST) -> nh3.Cleaner:
    """An nh3 cleaner for the allow-list: build it once, handing the lists to Rust on every call
    cost a third of the cleaning time."""
    return nh3.Cleaner(
        tags=set(allow.tags),
        attributes={tag: set(names) for tag, names in allow.attributes.items()},
        url_schemes=set(allow.url_schemes),
        link_rel=None,
        strip_comments=True,
        filter_style_properties=set(allow.style_properties),
    )


_CLEANER = cleaner()


def clean_html(html: str) -> str:
    """Page HTML with everything executable removed and the rest, ids and classes included, kept."""
    return _CLEANER.clean(html)
