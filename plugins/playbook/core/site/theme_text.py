"""Values handed to the theme (page titles, descriptions, front matter text): inert in any HTML place.

Material writes these values in three ways, and its Jinja environment does not autoescape:
raw (`{{ page.title }}` in the header, the nav and the prev/next footer), through `striptags`
(`<title>`, which also turns `&lt;` back into `<`), and escaped (`| e` in aria-labels). No single
encoding is safe in all three: `&lt;` is safe raw but becomes a tag after `striptags`; a raw `"`
ends an attribute. So a value handed to the theme holds nothing HTML can read as markup, before
or after any decoding, and then reads the same in every place:

- character references are decoded first (repeatedly, so `&amp;lt;` is `<` too): the value is
  what a reader of the page would see, whatever escaping came before (ours, Markdown's, a site
  template's `| e`);
- `<` and `>` become the single angle quotation marks (U+2039, U+203A), which read alike;
- `"` and `'` become typographic quotes (U+201C/U+201D, U+2018/U+2019), opening or closing by
  the rule the page text follows (Python-Markdown's smarty): an apostrophe is the typographic one;
- `&` stays where it cannot start a character reference (`Q & A`); before a letter, digit or `#`
  it becomes the full-width ampersand U+FF06 (`R&D` reads alike);
- control characters go, and runs of white space become one space (these are one-line values).

The page body is not touched: the article's own heading still shows exactly what was written.

The MkDocs adapter applies this to each page the engine has read (mkdocs/theme_values.py). The
Markdown export, built by an engine with no playbook plugin, writes the same values into each page's
front matter instead (`theme_front_matter`), so its site is as inert as the plugin's.
"""

from __future__ import annotations

import functools
import html
import re
from typing import Any
from xml.etree import ElementTree as etree

import markdown
import yaml

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_STAND_INS = str.maketrans(
    {
        "<": "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}",
        ">": "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}",
        '"': "\N{RIGHT DOUBLE QUOTATION MARK}",
        "'": "\N{RIGHT SINGLE QUOTATION MARK}",
    }
)
TYPOGRAPHIC_QUOTES = {
    "smart_quotes": True,
    "smart_dashes": False,
    "smart_ellipses": False,
    "smart_angled_quotes": False,
}
"""Python-Markdown's smarty settings: quotes and apostrophes only; dashes and dots stay as written.
The pages' text (core/site/render.py) and the theme's values (`typographic_quotes`) use the same rule."""
_QUOTE_ENTITIES = {
    "&lsquo;": "\N{LEFT SINGLE QUOTATION MARK}",
    "&rsquo;": "\N{RIGHT SINGLE QUOTATION MARK}",
    "&ldquo;": "\N{LEFT DOUBLE QUOTATION MARK}",
    "&rdquo;": "\N{RIGHT DOUBLE QUOTATION MARK}",
}
_QUOTE_ENTITY = re.compile("|".join(_QUOTE_ENTITIES))
_REFERENCE_START = re.compile(r"&(?=[#A-Za-z0-9])")
_NEEDS_WORK = re.compile(r"""[<>"'&\x00-\x1f\x7f-\x9f]|\s\s|^\s|\s$|[^\S ]""")
"""Anything `theme_text` would change: markup characters, control characters, odd white space."""
_MAX_DECODES = 8
"""Enough for any escaping chain a build produces; a deeper one is left inert by the ampersand rule."""
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")


def theme_text(value: object) -> str:
    """`value` as text that shows the same raw, after `striptags` and escaped, and never as markup."""
    text = str(value)
    if not _NEEDS_WORK.search(text):  # most titles: plain words, nothing to decode or replace
        return text
    for _ in range(_MAX_DECODES):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    text = typographic_quotes(" ".join(_CONTROL.sub("", text).split()))
    text = _REFERENCE_START.sub("\N{FULLWIDTH AMPERSAND}", text)
    return text.translate(_STAND_INS)


@functools.lru_cache(maxsize=4096)
def typographic_quotes(text: str) -> str:
    """`text` with typographic quotes and apostrophes (U+2018/U+2019, U+201C/U+201D) for straight
    ones, chosen by the rule of Python-Markdown's smarty, which curls the pages' own text
    (core/site/render.py): a title reads the same in the tab as in the page's heading. Only smarty's quote
    patterns run, so nothing else in `text` is read as Markdown. Cached: a build curls the same titles
    and customer lines for many pages."""
    if "'" not in text and '"' not in text:
        return text
    converter = _quote_converter()
    converter.htmlStash.reset()
    root = etree.Element("div")
    paragraph = etree.SubElement(root, "p")
    paragraph.text = text
    converter.treeprocessors["smarty"].run(root)
    curled = paragraph.text or ""
    for key, entity in enumerate(converter.htmlStash.rawHtmlBlocks):
        # One stashed piece may hold several quotes (`0'"` gives `&rsquo;&rdquo;`).
        quotes = _QUOTE_ENTITY.sub(lambda match: _QUOTE_ENTITIES[match[0]], str(entity))
        curled = curled.replace(converter.htmlStash.get_placeholder(key), quotes)
    return curled


@functools.cache
def _quote_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["smarty"], extension_configs={"smarty": TYPOGRAPHIC_QUOTES})


def theme_meta_value(value: Any) -> Any:
    """Front matter text, and text in front matter lists (tags), as theme text; settings as they are."""
    if isinstance(value, str):
        return theme_text(value)
    if isinstance(value, list):
        return [theme_text(item) if isinstance(item, str) else item for item in value]
    return value


def heading_text(heading: str) -> str:
    """A heading's Markdown (`Guide, *don't* "get" {#guide}`) as the text an engine takes for the page
    title: inline Markdown rendered, its attribute list dropped, tags stripped, entities kept (as
    MkDocs' own title extraction keeps them; `theme_text` decodes them)."""
    converter = _heading_converter()
    converter.reset()
    rendered = converter.convert("# " + " ".join(heading.split()))
    return " ".join(_TAG.sub("", _COMMENT.sub("", rendered)).split())


@functools.cache
def _heading_converter() -> markdown.Markdown:
    return markdown.Markdown(extensions=["attr_list"])


def theme_front_matter(meta: dict[str, Any], title: str | None) -> str:
    """A page's front matter block with every value the theme writes as theme text, and a `title`:
    the page's own, else `title` (a heading's Markdown) unless None. An engine with no playbook plugin
    then takes no title from the page's heading, which it would hand to the theme as it was written.
    (A title given in the nav wins over both; give None for those pages.)"""
    own_title = meta.get("title")
    if isinstance(own_title, str):
        title = own_title
    elif title is not None:
        title = heading_text(title)
    values = {
        **({"title": theme_text(title)} if title is not None else {}),
        **{key: theme_meta_value(value) for key, value in meta.items() if key != "title"},
    }
    if not values:
        return ""
    block = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, width=1_000_000)
    return f"---\n{block}---\n\n"
