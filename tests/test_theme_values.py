"""Theme text: the values Material writes outside the article read the same everywhere and never as markup."""

from __future__ import annotations

import html
import re
from types import SimpleNamespace

from hypothesis import given
from hypothesis import strategies as st
from markupsafe import Markup, escape

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
    assert theme_text('" onmouseover="alert(1)') == f"{LEFT_DOUBLE} onmouseover={RIGHT_DOUBLE}alert(1)"
    assert theme_text("' onfocus='alert(1)") == f"{LEFT_SINGLE} onfocus={RIGHT_SINGLE}alert(1)"


def test_ordinary_titles_read_as_written() -> None:
    assert theme_text("Lower your shields") == "Lower your shields"
    assert theme_text('Guide, don\'t "get"') == f"Guide, don{RIGHT_SINGLE}t {LEFT_DOUBLE}get{RIGHT_DOUBLE}"
    assert theme_text("Q & A, R&D, AT&amp;T") == f"Q & A, R{AMPERSAND}D, AT{AMPERSAND}T"
    assert theme_text("  two\n lines\x00 ") == "two lines"


@given(st.text())
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
        "description": f"{LEFT_DOUBLE} onmouseover={RIGHT_DOUBLE}x",
        "tags": [f"{LEFT_ANGLE}a{RIGHT_ANGLE}", "calls"],
        "hide": ["toc"],
        "search": {"boost": 2},
    }
    assert section.title == f"{LEFT_ANGLE}b{RIGHT_ANGLE} section"
