"""Hand-written pages cannot stand in for the site's own elements, run a script or call another host;
generated headings never take an id of the theme's or ours (core/checks/page_markup.py, core/safety/reserved_names.py,
the sanitizers, addresses.heading_id)."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import material
import pytest

from playbook.core.checks import page_markup
from playbook.core.checks.content import docs_page_problems
from playbook.core.model.docs_page import DocsPage
from playbook.core.model.sections import ANCHORS
from playbook.core.safety.allow_list import ALLOW_LIST
from playbook.core.safety.reserved_names import (
    AUTHOR_CLASSES,
    GENERATED_ON_HAND_WRITTEN_PAGES,
    is_reserved_class,
    is_reserved_id,
)
from playbook.core.safety.safe_markdown import SafeAttributesExtension
from playbook.core.safety.sanitize import clean_html
from playbook.core.site.addresses import heading_id
from playbook.core.site.assemble import load_playbook
from playbook.core.site.field_reference import field_reference_tables
from playbook.core.site.finder import FINDER_MARKER, fill_finder
from playbook.core.site.render import PageRenderer

from in_process import mkdocs_build, run_script_main
from support import ROOT, refused, without_column

PACKAGE = ROOT / "plugins" / "playbook"
MATERIAL = Path(material.__file__).parent / "templates"
RESERVED = (
    "use a name of your own (ids starting '__', 'playbook-' or 'md-' and classes starting 'playbook-' "
    "or 'md-' are the site's; md-button is allowed)"
)
NOT_ALLOWED = (
    "this HTML element is not allowed on a page (it could run a script, load something from another "
    "host, or stand in for the site's own); remove it, or write what it shows in Markdown"
)
OTHER_HOST = (
    "is on another host; images must come from the site itself: add the file under docs/ and use a "
    "relative address"
)
NOT_AN_ADDRESS = (
    "is not a web, mail or phone address (it could run a script); use an http(s), mailto or tel "
    "address, or a relative one"
)


def problems(markdown_text: str) -> list[str]:
    page = DocsPage("hostile.md", "Hostile", markdown_text, "docs/hostile.md")
    return [problem.format(with_column=True) for problem in page_markup.page_markup_problems([page])]


# The rule


def test_reserved_ids_and_classes_are_refused_in_html_and_attribute_lists() -> None:
    assert problems(
        "# Page\n\n"
        '<div id="__config">{"base": "https://evil.example/"}</div>\n\n'
        'Text <span class="note playbook-drill">x</span> and <p id="playbook-drill-data">y</p>\n\n'
        "A paragraph\n{: #__search }\n\n"
        "[link](page.md){: .md-header }\n\n"
        '<div class="md-search__input" id="Md-Dialog">z</div>\n'
    ) == [
        f"docs/hostile.md:3:1: <div>: the id '__config' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:5:6: <span>: the class 'playbook-drill' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:5:53: <p>: the id 'playbook-drill-data' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:8:1: attribute list: the id '__search' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:10:16: attribute list: the class 'md-header' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:12:1: <div>: the class 'md-search__input' belongs to the site itself; {RESERVED}",
        f"docs/hostile.md:12:1: <div>: the id 'Md-Dialog' belongs to the site itself; {RESERVED}",
    ]


@pytest.mark.parametrize(
    "tag", ["script", "style", "iframe", "object", "embed", "svg", "math", "form", "base", "meta", "link",
            "template", "button", "textarea", "select", "video", "audio", "source", "frame"],
)  # fmt: skip
def test_tags_off_the_allow_list_are_refused(tag: str) -> None:
    assert problems(f"# Page\n\nText\n\n  <{tag} x=1>\n") == [f"docs/hostile.md:5:3: <{tag}>: {NOT_ALLOWED}"]


def test_attributes_not_allowed_on_their_tag_are_refused() -> None:
    """`style` too: the Content-Security-Policy would block it (a column is aligned with `align`)."""
    assert problems(
        '<img src="a.png" onerror="alert(1)"> <p style="background: url(https://evil.example/x)">x</p>\n'
        '<a href="x" formaction="y">a</a> <img src="a.png" srcset="https://evil.example/x 2x">\n'
        "Para {: onclick=alert(1) style='color: red' }\n"
    ) == [
        "docs/hostile.md:1:1: <img>: the attribute 'onerror' is not allowed here; remove it (event handlers "
        "run scripts)",
        "docs/hostile.md:1:38: <p>: the attribute 'style' is not allowed here; remove it",
        "docs/hostile.md:2:1: <a>: the attribute 'formaction' is not allowed here; remove it",
        "docs/hostile.md:2:34: <img>: the attribute 'srcset' is not allowed here; remove it",
        "docs/hostile.md:3:6: attribute list: the attribute 'onclick' is not allowed; remove it (event "
        "handlers run scripts)",
        "docs/hostile.md:3:6: attribute list: the attribute 'style' is not allowed; remove it",
    ]


def test_addresses_are_judged_as_a_browser_reads_them() -> None:
    assert problems(
        '<a href=" jav&#x61;script:alert(1)">a</a> <a href="DATA:text/html,x">b</a>\n'
        '<blockquote cite="vbscript:x">q</blockquote> [x](page.md){: href="javascript:alert(1)" }\n'
        '<a href="https://example.com/">fine</a> <a href="mailto:a@example.com">fine</a> <a href="../x/">fine</a>\n'
    ) == [
        f"docs/hostile.md:1:1: <a>: the address 'javascript:alert(1)' {NOT_AN_ADDRESS}",
        f"docs/hostile.md:1:43: <a>: the address 'DATA:text/html,x' {NOT_AN_ADDRESS}",
        f"docs/hostile.md:2:1: <blockquote>: the address 'vbscript:x' {NOT_AN_ADDRESS}",
        f"docs/hostile.md:2:58: attribute list: the address 'javascript:alert(1)' {NOT_AN_ADDRESS}",
    ]


@pytest.mark.parametrize(
    "address", ["https://evil.example/pixel.png", "HTTP://evil.example/p", "//evil.example/p", "\\\\evil.example/p",
                "/\\evil.example/p", " //evil.example/p", "ftp://evil.example/p"],
)  # fmt: skip
def test_an_image_from_another_host_is_refused(address: str) -> None:
    found = problems(f'Text <img src="{address}" alt="x">\n')
    assert found == [f"docs/hostile.md:1:6: <img>: the image '{address.strip()}' {OTHER_HOST}"] or (
        address.startswith("ftp")
        and found == [f"docs/hostile.md:1:6: <img>: the address '{address}' {NOT_AN_ADDRESS}"]
    )


def test_ordinary_html_attribute_lists_and_code_are_accepted() -> None:
    assert (
        problems(
            "---\ntitle: '<script>alert(1)</script>'\n---\n\n"
            "# Page {#page .intro}\n\n"
            '<div class="grid cards" markdown>\n\n- **One**\n\n</div>\n\n'
            '<div markdown="1" id="team-notes" class="note">\n\n*x*\n\n</div>\n\n'
            '<img src="images/chart.png" alt="Chart" width="300"> <img src="/images/chart.png" alt="">\n\n'
            "[Sign up](https://example.com/){ .md-button .md-button--primary }\n\n"
            '<table><tr><td align="right">1</td></tr></table>\n\n'
            "Call <https://example.com/> or <team@example.com>, write `<script>` or \\<script>.\n\n"
            '```html\n<script>alert(1)</script>\n<div id="__config"></div>\n```\n\n'
            "    <iframe src=x>\n\n"
            "Braces in prose {like this} stay text. {: title=Hello }\n"
        )
        == []
    )


def test_a_heading_whose_id_would_be_reserved_is_refused() -> None:
    message = "which belongs to the site itself; reword it, or give it an id of its own: ## Heading {#my-id}"
    assert problems(
        "# __Config!\n\n## Playbook drill data\n\n- ### md-header\n\nMd Dialog\n---------\n\n"
        "<h2>__search</h2>\n\n## Fine {#own-id}\n\n## \uff3f\uff3f\uff43\uff4f\uff4e\uff46\uff49\uff47\n\n## Playbook, the drill {#__x}\n\n## Config\n"
    ) == [
        f"docs/hostile.md:1:1: this heading would get the id '__config', {message}",
        f"docs/hostile.md:3:1: this heading would get the id 'playbook-drill-data', {message}",
        f"docs/hostile.md:5:1: this heading would get the id 'md-header', {message}",
        f"docs/hostile.md:7:1: this heading would get the id 'md-dialog', {message}",
        f"docs/hostile.md:10:1: <h2>: this heading would get the id '__search', {message}",
        f"docs/hostile.md:14:1: this heading would get the id '__config', {message}",
        f"docs/hostile.md:16:24: attribute list: the id '__x' belongs to the site itself; {RESERVED}",
    ]


def test_every_problem_of_a_page_is_reported_with_the_other_docs_checks() -> None:
    page = DocsPage("a.md", "A", '# A\n\n<script>x</script>\n\n<b id="__drawer">b</b>\n', "docs/a.md")
    assert [str(problem) for problem in docs_page_problems([page])] == [
        f"docs/a.md:3: <script>: {NOT_ALLOWED}",
        f"docs/a.md:5: <b>: the id '__drawer' belongs to the site itself; {RESERVED}",
    ]


# Every command refuses the page: they share load_playbook's docs page checks


HOSTILE_PAGE = '# Hostile\n\n<p id="__config">{"base": "https://evil.example/"}</p>\n'
EXPECTED = f"docs/hostile.md:3:1: <p>: the id '__config' belongs to the site itself; {RESERVED}"


def test_validate_build_and_export_refuse_a_page_that_impersonates_the_theme(project: Path) -> None:
    (project / "docs" / "hostile.md").write_text(HOSTILE_PAGE)
    refused(run_script_main("validate.py", cwd=project), EXPECTED)
    refused(mkdocs_build(project), without_column(EXPECTED))
    refused(run_script_main("export_markdown.py", str(project / "export"), cwd=project), EXPECTED)
    assert not (project / "export" / "hostile.md").exists()


# The reserved names cover every id and class looked up by the theme and our scripts


_LOOKUP = re.compile(
    r"""(?:getElementById|querySelector(?:All)?|closest|matches)\(\s*(?P<quote>["'])(?P<selector>.*?)(?P=quote)"""
)
_SELECTOR_NAME = re.compile(r"(?P<kind>[#.])(?P<name>-?[_a-zA-Z][\w-]*)")
_ATTRIBUTE_SELECTOR = re.compile(r"\[[^\]]*\]")
LOOKED_UP_BUT_ALLOWED = {
    "headerlink": "Markdown's toc gives every heading's permalink this class, on hand-written pages too; "
    "principle.js reads it only inside a principle page's own section headings",
}


def _looked_up(script: str) -> set[tuple[str, str]]:
    """(`#` or `.`, name) of every id and class a script looks up by a literal selector."""
    names = set()
    for lookup in _LOOKUP.finditer(script):
        selector = lookup["selector"]
        if lookup[0].startswith("getElementById"):
            names.add(("#", selector))
            continue
        for found in _SELECTOR_NAME.finditer(_ATTRIBUTE_SELECTOR.sub("", selector)):
            names.add((found["kind"], found["name"]))
    return names


def _is_reserved(kind: str, name: str) -> bool:
    return is_reserved_id(name) if kind == "#" else is_reserved_class(name)


def test_every_id_and_class_our_scripts_look_up_is_reserved() -> None:
    looked_up = set()
    for script in sorted((PACKAGE / "assets").glob("*.js")):
        looked_up |= _looked_up(script.read_text())
    assert ("#", "__config") in looked_up and (".", "playbook-drill") in looked_up
    assert {
        kind + name
        for kind, name in looked_up
        if not _is_reserved(kind, name) and name not in LOOKED_UP_BUT_ALLOWED
    } == set()
    assert not {(".", name) for name in AUTHOR_CLASSES} & looked_up


def test_every_id_and_class_of_our_theme_overrides_is_reserved() -> None:
    written = set()
    for template in (PACKAGE / "mkdocs" / "theme").rglob("*.html"):
        text = template.read_text()
        written |= {("#", value) for value in re.findall(r'\bid="([^"{]+)"', text)}
        written |= {
            (".", name) for value in re.findall(r'\bclass="([^"{]+)"', text) for name in value.split()
        }
    assert written
    assert {
        kind + name for kind, name in written if not _is_reserved(kind, name) and name not in AUTHOR_CLASSES
    } == set()


def test_every_id_material_looks_up_or_writes_is_reserved() -> None:
    bundle = next((MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")).read_text()
    ids = {name for kind, name in _looked_up(bundle) if kind == "#"}
    ids |= set(re.findall(r'"#([_a-zA-Z][\w-]*)"', bundle))
    for template in MATERIAL.rglob("*.html"):
        ids |= {
            value.replace("{{ path }}", "__nav_1")
            for value in re.findall(r'\bid="([^"]+)"', template.read_text())
        }
    ids = {name.replace("{{ loop.index0 }}", "0") for name in ids}
    assert {"__config", "__search", "__drawer", "__palette_0", "__nav_1", "__codelineno"} <= ids
    assert {name for name in ids if not is_reserved_id(name)} == set()
    assert all(
        is_reserved_class(name)
        for name in re.findall(r'"\.(md-[\w-]+)', bundle)
        if name not in AUTHOR_CLASSES
    )


def test_no_data_attribute_the_theme_or_our_scripts_read_is_allowed() -> None:
    allowed = {name for names in ALLOW_LIST.attributes.values() for name in names}
    # Only Pagefind's, read when the index is made and only about the page they are on: no script reads them.
    assert {name for name in allowed if name.startswith("data-")} == {
        "data-pagefind-weight",
        "data-pagefind-ignore",
    }


def test_the_classes_kept_on_hand_written_pages_are_those_of_the_field_reference_and_finder() -> None:
    renderer = PageRenderer()
    playbook = load_playbook(
        ROOT / "principles", ROOT / "docs", ROOT / "principles" / "published.txt", root=ROOT, strict=False
    )
    inserted = "".join(field_reference_tables(renderer).values()) + fill_finder(
        FINDER_MARKER, "index.md", playbook, renderer
    )
    written = {name for value in re.findall(r'class="([^"]+)"', inserted) for name in value.split()}
    written |= set(re.findall(r"\{:[^}]*\.([\w-]+)", inserted))  # attribute lists: `{: .name }`
    assert written == GENERATED_ON_HAND_WRITTEN_PAGES


# The sanitizers, bypassing the input rule


def test_the_html_sanitizer_drops_reserved_names_and_images_from_another_host() -> None:
    cleaned = clean_html(
        '<div id="__config" class="note playbook-drill md-header md-button">x</div>'
        '<h2 id="__search">h</h2><p class="playbook-cards">kept for the field reference</p>'
        '<img src="https://evil.example/p.png" alt="a"><img src="//evil.example/p"><img src="\\\\evil.example/p">'
        '<img src="images/ok.png" alt="ok"><a href="https://example.com/">link</a>'
    )
    assert cleaned == (
        '<div class="note md-button">x</div><h2>h</h2><p class="playbook-cards">kept for the field reference</p>'
        '<img alt="a"><img><img><img src="images/ok.png" alt="ok">'
        '<a href="https://example.com/">link</a>'
    )


FORMER_DOCS_PAYLOAD = """# Hostile docs page

<script>alert('docs script')</script>

<div onclick="alert('docs click')" onmouseover="alert('docs hover')">Hover me</div>

<a href="javascript:alert('docs link')">docs link</a> and [markdown link](javascript:alert('docs md')).

<iframe src="https://example.com"></iframe>

<p id="__config" class="playbook-drill">{"base": "https://evil.example/"}</p> <img src="https://evil.example/p.png">
"""
"""What the browser tests' hostile docs page held before this page was refused at input
(tests/browser/conftest.py): the plugin's sanitizer still makes it inert on its own."""


def test_a_page_the_input_rule_refuses_is_inert_after_the_html_sanitizer_alone() -> None:
    assert [problem.split(": ", 2)[1] for problem in problems(FORMER_DOCS_PAYLOAD)] == [
        "<script>", "<div>", "<div>", "<a>", "<iframe>", "<p>", "<p>", "<img>"
    ]  # fmt: skip
    cleaned = clean_html(
        markdown.markdown(FORMER_DOCS_PAYLOAD, extensions=["attr_list", "md_in_html", "toc"])
    )
    assert cleaned == (
        '<h1 id="hostile-docs-page">Hostile docs page</h1>\n\n\n<div>Hover me</div>\n\n'
        '<p><a>docs link</a> and <a title="docs md">markdown link</a>).</p>\n\n\n'
        '<p>{"base": "https://evil.example/"}</p>\n<p><img></p>'
    )


def test_the_tree_processor_drops_reserved_ids_and_images_from_another_host() -> None:
    rendered = markdown.markdown(
        "Para\n{: #__config .note }\n\n![x](https://evil.example/p.png) ![y](//evil.example/p) ![z](pic.png)\n\n"
        "Block\n{: #playbook-drill-data }\n",
        extensions=["attr_list", SafeAttributesExtension()],
    )
    assert rendered == (
        '<p class="note">Para</p>\n<p><img alt="x" /> <img alt="y" /> <img alt="z" src="pic.png" /></p>\n'
        "<p>Block</p>"
    )


# Headings made from contributor text


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Lower your shields", "lower-your-shields"),
        ('Guide, don\'t "get"', "guide-dont-get"),
        ("__Config!", "title-config"),
        ("Playbook drill data", "title-playbook-drill-data"),
        ("MD header", "title-md-header"),
        ("Situation", "title-situation"),
        ("价格", "title"),
    ],
)
def test_a_heading_id_is_the_toc_slug_unless_the_site_uses_it(title: str, expected: str) -> None:
    assert heading_id(title) == expected
    assert not is_reserved_id(heading_id(title)) and heading_id(title) not in vars(ANCHORS).values()


def test_a_table_cell_style_is_refused_and_align_accepted() -> None:
    """The policy blocks every `style` attribute, so a page relying on one would lose its alignment."""
    assert problems(
        '<table><tr><td style="text-align: right">1</td><td align="right">2</td></tr></table>\n'
    ) == ["docs/hostile.md:1:12: <td>: the attribute 'style' is not allowed here; remove it"]
