"""The one safe-HTML allow-list: the tags, attributes, URL schemes and style properties a page may carry.

Both defences read it: the Markdown tree processor that cleans every generated page as it is
rendered (safe_markdown.py), and the nh3 cleaner for hand-written pages (sanitize.py). Taking a tag,
an attribute or a scheme off this list takes it off every page.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from .markdown_text import URL_SCHEME

ANY_TAG = "*"


def _frozen(attributes: dict[str, set[str]]) -> Mapping[str, frozenset[str]]:
    return MappingProxyType({tag: frozenset(names) for tag, names in attributes.items()})


_TABLE_PART = {"align", "char", "charoff"}
_TAGS = frozenset(
    {"a", "abbr", "acronym", "area", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
     "caption", "center", "cite", "code", "col", "colgroup", "data", "dd", "del", "details", "dfn",
     "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6",
     "header", "hgroup", "hr", "i", "img", "input", "ins", "kbd", "label", "li", "map", "mark",
     "nav", "ol", "p", "pre", "q", "rp", "rt", "rtc", "ruby", "s", "samp", "section", "small",
     "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th",
     "thead", "time", "tr", "tt", "u", "ul", "var", "wbr"}
)  # fmt: skip
_ON_ANY_TAG = {
    "id", "class", "title", "role", "lang", "dir", "aria-label", "aria-hidden", "aria-describedby",
    "data-pagefind-weight",  # site search: a template's weight for a part of a page (search.py)
    "data-pagefind-ignore",  # site search: a part of a generated page search leaves out
}  # fmt: skip


@dataclass(frozen=True)
class AllowList:
    tags: frozenset[str]
    attributes: Mapping[str, frozenset[str]] = field(hash=False)
    """Tag -> the attributes it may carry; `*`: attributes any allowed tag may carry."""
    url_attributes: frozenset[str]
    """Attributes holding an address, kept only with a scheme of `url_schemes` (or none: relative)."""
    url_schemes: frozenset[str]
    extension_ids: re.Pattern[str] | None = None
    """Ids that a Markdown extension the site's owner enabled writes (`__tabbed_1_2`): kept, although
    the site's own ids (reserved_names.py) are otherwise dropped."""

    def allows(self, tag: str, attribute: str) -> bool:
        return attribute in self.attributes.get(tag, ()) or attribute in self.attributes.get(ANY_TAG, ())

    def keeps_extension_id(self, value: str) -> bool:
        return self.extension_ids is not None and self.extension_ids.fullmatch(value) is not None


ALLOW_LIST = AllowList(
    tags=_TAGS,
    attributes=_frozen(
        {
            ANY_TAG: _ON_ANY_TAG,
            "a": {"href", "hreflang", "rel", "title"},
            "img": {"src", "alt", "title", "width", "height", "loading"},
            "th": {*_TABLE_PART, "headers", "scope", "colspan", "rowspan"},
            "td": {*_TABLE_PART, "headers", "colspan", "rowspan"},
            "table": {*_TABLE_PART, "summary"},
            "thead": _TABLE_PART,
            "tbody": _TABLE_PART,
            "tfoot": _TABLE_PART,
            "tr": _TABLE_PART,
            "col": {*_TABLE_PART, "span"},
            "colgroup": {*_TABLE_PART, "span"},
            "hr": {"width", "size", "align"},
            "bdo": {"dir"},
            "ins": {"cite", "datetime"},
            "del": {"cite", "datetime"},
            "blockquote": {"cite"},
            "q": {"cite"},
            "ol": {"start", "type"},
            "input": {"type", "checked", "disabled"},
            "details": {"open"},
        }
    ),
    url_attributes=frozenset({"href", "src", "cite"}),
    url_schemes=frozenset({"http", "https", "mailto", "tel"}),
)
"""What every published page may hold: nh3's own defaults (the Ammonia list), plus what Markdown and
the templates make (task-list inputs, sections, table footers, search weights, column alignment as `align`:
the Content-Security-Policy refuses every `style` attribute)."""


@dataclass(frozen=True)
class ExtensionMarkup:
    """What the HTML of a Markdown extension needs beyond ALLOW_LIST to work."""

    attributes: Mapping[str, frozenset[str]]
    ids: str
    """A regular expression for the ids it writes."""


EXTENSION_MARKUP: Mapping[str, ExtensionMarkup] = MappingProxyType(
    {
        # Content tabs: radio inputs named per tab set, labels that select them, ids `__tabbed_<set>_<tab>`.
        "pymdownx.tabbed": ExtensionMarkup(
            _frozen({"input": {"name"}, "label": {"for"}, "div": {"data-tabs"}}), r"__tabbed_\d+_\d+"
        ),
    }
)
"""Markdown extensions a site's owner may enable in mkdocs.yml whose HTML the allow-list would otherwise
break. Admonitions, `pymdownx.details` and `pymdownx.tasklist` need nothing more than ALLOW_LIST."""


def allow_list_for(extensions: Iterable[object], allow: AllowList = ALLOW_LIST) -> AllowList:
    """The allow-list for a site with these Markdown extensions (names; other entries are ignored): what
    the enabled ones write is kept, on generated and hand-written pages alike. What contributors write
    as raw HTML is still checked against ALLOW_LIST alone (page_markup.py)."""
    enabled = [
        EXTENSION_MARKUP[name] for name in extensions if isinstance(name, str) and name in EXTENSION_MARKUP
    ]
    if not enabled:
        return allow
    attributes = {tag: set(names) for tag, names in allow.attributes.items()}
    for markup in enabled:
        for tag, names in markup.attributes.items():
            attributes.setdefault(tag, set()).update(names)
    ids = re.compile("|".join(f"(?:{markup.ids})" for markup in enabled))
    return replace(allow, attributes=_frozen(attributes), extension_ids=ids)


_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20\x7f]+")


def address_as_read(address: str) -> str:
    """An address as a browser reads it from an attribute: entities decoded, white space and control
    characters dropped (a browser drops tabs and line breaks anywhere, and trims the rest), in lower case."""
    return _IGNORED_BY_BROWSERS.sub("", html.unescape(address)).lower()


def url_scheme(address: str) -> str | None:
    """The scheme a browser reads in `address` (`javascript`), or None for a relative address."""
    scheme = URL_SCHEME.match(address_as_read(address))
    return None if scheme is None else scheme.group(1)


def is_safe_url(address: str, allow: AllowList = ALLOW_LIST) -> bool:
    """Relative addresses and those of an allowed scheme: the one rule for every address a page carries,
    checked where contributors write it (text_addresses.py) and again where a page is rendered."""
    scheme = url_scheme(address)
    return scheme is None or scheme in allow.url_schemes
