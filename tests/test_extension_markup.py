"""The allow-list for a site's Markdown extensions keeps what they write, and nothing more."""

from __future__ import annotations

import markdown

from playbook.core.safety.allow_list import ALLOW_LIST, allow_list_for
from playbook.core.safety.safe_markdown import SafeAttributesExtension
from playbook.core.safety.sanitize import clean_html, cleaner

TABS = '=== "One"\n\n    first\n\n=== "Two"\n\n    second\n'
HOSTILE = '<label for="x" onclick="alert(1)">a</label><input id="__config" name="n" type="radio"><div id="__tabbed_x">b</div>'


def test_tabs_keep_their_labels_names_and_ids_only_when_enabled() -> None:
    extensions = ["attr_list", "pymdownx.tabbed", {"toc": {}}]
    allow = allow_list_for(extensions)
    tabs = markdown.markdown(TABS, extensions=["pymdownx.tabbed"])
    for kept in ('for="__tabbed_1_2"', 'id="__tabbed_1_2"', 'name="__tabbed_1"', 'data-tabs="1:2"'):
        assert kept in clean_html(tabs, cleaner(allow))
        assert kept in markdown.markdown(TABS, extensions=["pymdownx.tabbed", SafeAttributesExtension(allow)])
        assert kept not in clean_html(tabs)
    assert allow_list_for(["attr_list", "admonition"]) is ALLOW_LIST


def test_the_site_ids_and_handlers_stay_out_with_tabs_enabled() -> None:
    cleaned = clean_html(HOSTILE, cleaner(allow_list_for(["pymdownx.tabbed"])))
    assert "onclick" not in cleaned
    assert "__config" not in cleaned
    assert "__tabbed_x" not in cleaned
    assert 'for="x"' in cleaned
