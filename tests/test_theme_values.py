"""Theme text: the values Material writes outside the article read the same everywhere and never as markup."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markupsafe import Markup, escape
from mkdocs.utils.meta import get_data

from playbook.core.checks.front_matter import read_page_meta
from playbook.core.site.theme_text import heading_text, theme_front_matter, typographic_quotes
from playbook.mkdocs.theme_values import make_theme_safe, theme_text

LEFT_ANGLE, RIGHT_ANGLE = (
    "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}",
    "\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}",
)
LEFT_DOUBLE, RIGHT_DOUBLE = "\N{LEFT DOUBLE QUOTATION MARK}", "\N{RIGHT DOUBLE QUOTATION MARK}"
LEFT_SINGLE, RIGHT_SINGLE = "\N{LEFT SINGLE QUOTATION MARK}", "\N{RIGHT SINGLE QUOTATION MARK}"
AMPERSAND = "\N{FULLWIDTH AMPERSAND}"
MARKUP = re.compile(r"""[<>"']|&[#A-Za-z0-9]""")


def test_tags_entities_and_quotes_become_typographic_stand_ins() -> None:
    img = f"{LEFT_ANGLE}img src=x onerror=alert(1){RIGHT_ANGLE}"
    assert theme_text("</title><img src=x onerror=alert(1)>") == f"{LEFT_ANGLE}/title{RIGHT_ANGLE}{img}"
    assert theme_text("&lt;img src=x onerror=alert(1)&gt;") == img
    assert theme_text("&amp;lt;img src=x onerror=alert(1)&amp;gt;") == img
    assert theme_text("&#60;img src=x onerror=alert(1)&#x3e;") == img
    # Quotes follow smarty's rule, as the page text does: one before a space closes.
    assert theme_text('" onmouseover="alert(1)') == f"{RIGHT_DOUBLE} onmouseover={RIGHT_DOUBLE}alert(1)"
    assert theme_text("' onfocus='alert(1)") == f"{RIGHT_SINGLE} onfocus={RIGHT_SINGLE}alert(1)"


def test_ordinary_titles_read_as_written() -> None:
    assert (
        theme_text("'Quoted' words, the '80s")
        == f"{LEFT_SINGLE}Quoted{RIGHT_SINGLE} words, the {RIGHT_SINGLE}80s"
    )
    assert theme_text("Lower your shields") == "Lower your shields"
    assert theme_text('Guide, don\'t "get"') == f"Guide, don{RIGHT_SINGLE}t {LEFT_DOUBLE}get{RIGHT_DOUBLE}"
    assert theme_text("Q & A, R&D, AT&amp;T") == f"Q & A, R{AMPERSAND}D, AT{AMPERSAND}T"
    assert theme_text("  two\n lines\x00 ") == "two lines"


@given(st.text())
@example("0'\"")  # two quotes smarty stashes as one piece (`&rsquo;&rdquo;`)
def test_no_text_can_become_markup_in_any_theme_treatment(text: str) -> None:
    value = theme_text(text)
    assert not MARKUP.search(value)
    # Raw, after striptags, and escaped, the theme shows the same text.
    assert Markup(value).striptags() == value
    assert html.unescape(str(escape(value))) == value
    assert html.unescape(value) == value
    assert theme_text(value) == value


def test_a_page_hands_the_theme_only_theme_text() -> None:
    section = SimpleNamespace(title="&lt;b&gt; section", children=[])
    page = SimpleNamespace(
        title="&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt;",
        meta={
            "description": '" onmouseover="x',
            "tags": ["<a>", "calls"],
            "hide": ["toc"],
            "search": {"boost": 2},
        },
        toc=[SimpleNamespace(title="Top", children=[section])],
    )
    make_theme_safe(page)  # type: ignore[arg-type]
    assert page.title == f"{LEFT_ANGLE}/title{RIGHT_ANGLE}{LEFT_ANGLE}img src=x onerror=alert(1){RIGHT_ANGLE}"
    assert page.meta == {
        "description": f"{RIGHT_DOUBLE} onmouseover={RIGHT_DOUBLE}x",
        "tags": [f"{LEFT_ANGLE}a{RIGHT_ANGLE}", "calls"],
        "hide": ["toc"],
        "search": {"boost": 2},
    }
    assert section.title == f"{LEFT_ANGLE}b{RIGHT_ANGLE} section"


def test_a_heading_gives_the_title_an_engine_takes_from_it() -> None:
    assert heading_text('Guide, *don\'t* "get" {#guide-dont-get}') == 'Guide, don\'t "get"'
    assert heading_text("&lt;img src=x&gt; <b>bold</b> <!-- note -->") == "&lt;img src=x&gt; bold"


def test_the_export_front_matter_sets_a_title_and_theme_text() -> None:
    """The Markdown export's pages carry their theme values as theme text (markdown_export.py)."""
    block = theme_front_matter(
        {"description": "&lt;b&gt; & more", "search": {"exclude": True}}, "It's &lt;b&gt; {#x}"
    )
    assert block == (
        f"---\ntitle: It{RIGHT_SINGLE}s {LEFT_ANGLE}b{RIGHT_ANGLE}\n"
        f"description: {LEFT_ANGLE}b{RIGHT_ANGLE} & more\nsearch:\n  exclude: true\n---\n\n"
    )
    assert (
        theme_front_matter({"title": "<i>"}, "Heading") == f"---\ntitle: {LEFT_ANGLE}i{RIGHT_ANGLE}\n---\n\n"
    )
    assert theme_front_matter({}, None) == ""  # a title the nav gives is the page's, whatever it says


def test_page_settings_are_read_as_mkdocs_reads_them() -> None:
    assert read_page_meta("\ufeff---\r\ntitle: A\r\n---\r\n\r\n# B\r\n") == ({"title": "A"}, "# B\n")
    assert read_page_meta("title: A &lt;b&gt;\n    more\ndescription: C\n\n# B\n") == (
        {"title": "A &lt;b&gt; more", "description": "C"},
        "# B\n",
    )
    assert read_page_meta("# B\ntitle: no\n") == ({}, "# B\ntitle: no\n")


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: A\nhide: [toc]\n---\n\n# B\n",
        "title: A\n    more\nTitle: again\ndescription: C\n\n# B\n",
        "title: A\n# B\n",
        "# B\n\ntitle: no\n",
        "---\n- a list\n---\n# B\n",
        "title: only\n",
    ],
)
def test_page_settings_are_mkdocs_own(text: str) -> None:
    document, meta = get_data(text)
    assert read_page_meta(text) == (meta, document)


def test_quotes_next_to_each_other_are_both_curled() -> None:
    assert typographic_quotes("0'\"") == "0\u2019\u201d"
    assert typographic_quotes("He said \"it's 'fine'\".") == "He said \u201cit\u2019s \u2018fine\u2019\u201d."
