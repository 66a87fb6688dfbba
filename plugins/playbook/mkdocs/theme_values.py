"""The theme values of a page MkDocs has read, as theme text (core/site/theme_text.py says why and how).

The page body is not touched: the article's own heading still shows exactly what was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..core.site.theme_text import theme_meta_value, theme_text

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

__all__ = ["make_theme_safe", "theme_text"]


def make_theme_safe(page: Page) -> None:
    """Replace every value of `page` that the theme writes outside the article with `theme_text`.

    Run once a page is rendered (its title then comes from its first heading) and before any
    page is written: the nav, the prev/next footer and search read the titles of other pages too.
    """
    if page.title is not None:
        page.title = theme_text(page.title)
    page.meta = {key: theme_meta_value(value) for key, value in page.meta.items()}
    _make_toc_safe(page.toc)


def _make_toc_safe(items: list[AnchorLink] | Any) -> None:
    for item in items:
        item.title = theme_text(item.title)
        _make_toc_safe(item.children)
