"""Addresses and anchors have one home, core/site/addresses.py: what it computes, and that no template or
core module builds an address or names a section anchor itself."""

from __future__ import annotations

import ast
import posixpath
import re
from urllib.parse import urljoin

import pytest
from hypothesis import given
from hypothesis import strategies as st
from mkdocs.utils import get_relative_url

from playbook.core.site import addresses
from playbook.core.site.addresses import PageLinks

from support import ROOT

PACKAGE = ROOT / "plugins" / "playbook"

_SECTION = r"#(?:story|situation|bad-response|good-response|takeaways|source|customer-says|practise|related|referenced-by)\b"
_TEMPLATE_PATTERNS = {
    "a Markdown link not taken from `links`": re.compile(r"\]\((?!\{\{|<\{\{|#)"),
    "an HTML link not taken from `links`": re.compile(r"href=\"(?!\{\{|#\{\{)"),
    "a section anchor not taken from `anchors`": re.compile(_SECTION),
    "a page's src_uri": re.compile(r"\.md[)?#]"),
    "a page address": re.compile(
        r"(?:^|[^\w.-])/?(?:principles|paths|tags|practice)/(?:\{\{|[\w-]+(?:\.md|/))|\.\./(?:principles|paths|tags|practice)\b"
    ),
}
_PYTHON_PATTERNS = {
    "a page address": re.compile(r"(?<!\w)(?:principles|paths|tags)/(?:\{|index\.md)"),
    "a section anchor": re.compile(_SECTION),
    "a page's src_uri": re.compile(r"^(?:[\w-]+/)*[\w-]+\.md$|/\{[^}]*\}\.md"),
    "an exported file's address": re.compile(r"^(?:playbook|practice)\.json$"),
}


def template_addresses(text: str) -> list[str]:
    """What a template writes as an address or anchor itself; its `{## comments ##}` are prose."""
    text = re.sub(r"\{##.*?##\}", "", text, flags=re.DOTALL)
    return [
        f"{name}: {m[0]!r}" for name, pattern in _TEMPLATE_PATTERNS.items() for m in pattern.finditer(text)
    ]


def python_addresses(source: str) -> list[str]:
    """What a module's string literals write as an address or anchor; docstrings are prose."""
    tree = ast.parse(source)
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    found = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.JoinedStr):
            text = ast.get_source_segment(source, node) or ""
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            text = node.value
        else:
            pending.extend(ast.iter_child_nodes(node))
            continue
        found += [f"{name}: {text!r}" for name, pattern in _PYTHON_PATTERNS.items() if pattern.search(text)]
    return found


@pytest.mark.parametrize(
    "written",
    [
        "[{{ principle.title }}](../principles/{{ principle.id }}.md)",
        "[x]({{ principle.id }}.md)",
        "[All tags](index.md)",
        '<a href="../../practice/?path={{ path.id }}">',
        '<a href="#good-response">',
        "## The good response {#good-response}",
        "# The page address, /principles/{{ id }}/.",
    ],
)
def test_the_template_check_finds_an_address_written_by_hand(written: str) -> None:
    assert template_addresses(written)


@pytest.mark.parametrize(
    "written",
    [
        'url = f"principles/{principle_id}/"',
        'log.info(f"/principles/{principle.id}/ is new")',
        'INDEX = "principles/index.md"',
        'url = f"{address}#good-response"',
        'DO_DONT = "do-dont.md"',
        'src_uri = f"{TAGS_DIR}/{tag}.md"',
        'EXPORT = "playbook.json"',
    ],
)
def test_the_python_check_finds_an_address_written_by_hand(written: str) -> None:
    assert python_addresses(written)


def test_prose_is_not_an_address() -> None:
    assert not template_addresses("{## links to /principles/x/ and #good-response ##}\n[by tag](#by-tag)")
    assert not template_addresses(
        "# Topics, as slugs declared in principles/_tags.yml. A file name in principles/"
    )
    assert not python_addresses(
        '"""Links like principles/x.md and #story."""\nHINT = "the files in principles/"'
    )


def test_no_template_writes_an_address_or_anchor_itself() -> None:
    found = {
        path.name: template_addresses(path.read_text("utf-8"))
        for path in sorted((PACKAGE / "templates").glob("*.jinja"))
    }
    assert {name: where for name, where in found.items() if where} == {}


def test_only_addresses_py_writes_an_address_in_the_code() -> None:
    modules = [*(PACKAGE / "core").glob("*.py"), *(PACKAGE / "mkdocs").glob("*.py")]
    found = {
        path.name: python_addresses(path.read_text("utf-8"))
        for path in sorted(modules)
        if path.name != "addresses.py"
    }
    assert {name: where for name, where in found.items() if where} == {}


def test_page_urls_are_directory_urls() -> None:
    assert addresses.url_of("principles/listen-first.md") == "principles/listen-first/"
    assert addresses.url_of("tags/index.md") == "tags/"
    assert addresses.url_of("index.md") == ""
    assert addresses.url_of("playbook.json") == "playbook.json"
    assert addresses.principle_address("listen-first") == "/principles/listen-first/"
    assert addresses.path_address("first-week") == "/paths/first-week/"
    assert addresses.published_kind("/paths/first-week/") == ("path", "first-week")
    assert addresses.published_kind("/principles/x/y/") is None
    assert addresses.redirect_src_uri("principles/old.md", True) == "principles/old/index.html"
    assert addresses.redirect_src_uri("principles/old.md", False) == "principles/old.html"


def test_page_urls_without_directory_urls_are_html_files() -> None:
    assert addresses.url_of("principles/listen-first.md", False) == "principles/listen-first.html"
    assert addresses.url_of("tags/index.md", False) == "tags/index.html"
    assert addresses.url_of("index.md", False) == "index.html"
    assert addresses.url_of("docs/README.md", False) == "docs/index.html"
    assert addresses.url_of("playbook.json", False) == "playbook.json"


def test_page_links_are_relative_to_the_page_they_are_written_on() -> None:
    from_principle = PageLinks("principles/listen-first.md")
    assert from_principle.principle("other") == "other.md"
    assert from_principle.principle("other", "good-response") == "other.md#good-response"
    assert from_principle.principle("other", path_id="first-week") == "other.md?path=first-week"
    assert from_principle.tag("trust") == "../tags/trust.md"
    assert from_principle.path("first-week") == "../paths/first-week.md"
    assert from_principle.page_link("index.md") == "../index.md"
    assert PageLinks("customer-says.md").principle("x", "good-response") == "principles/x.md#good-response"
    assert PageLinks("tags/trust.md").tags_index == "index.md"
    assert PageLinks("practice.md").do_dont == "do-dont.md"
    assert PageLinks("paths/first-week.md").practice_html("first-week") == "../../practice/?path=first-week"
    assert PageLinks("paths/index.md").practice_html() == "../practice/"
    flat = PageLinks("paths/first-week.md", use_directory_urls=False)
    assert flat.practice_html("first-week") == "../practice.html?path=first-week"
    assert PageLinks("paths/index.md", use_directory_urls=False).practice_html() == "../practice.html"
    assert PageLinks("practice.md", use_directory_urls=False).practice_html() == "practice.html"


_NAMES = st.sampled_from(["principles", "tags", "paths", "index", "a.b"]) | st.from_regex(
    r"[a-z0-9][a-z0-9._-]{0,6}", fullmatch=True
).filter(lambda name: not name.endswith(".md"))
"""Folder and page names as a playbook's src_uri has them: never `.`, `..` or empty."""
_PAGES = st.builds(
    lambda folders, name: "/".join([*folders, f"{name}.md"]), st.lists(_NAMES, max_size=4), _NAMES
)
SITE = "https://example.com/"


@given(_PAGES, _PAGES)
def test_a_markdown_link_leads_to_its_page_by_the_shortest_way(from_src_uri: str, to_src_uri: str) -> None:
    """markdown_link computes the relative path itself (relpath's abspath calls cost a big build
    seconds). Checked as a browser reads a link, resolved against the page it is on (urljoin), not
    against another relative-path function: it leads to the target, climbs only as far as the folder the
    two pages share, and goes down from there."""
    link = addresses.markdown_link(from_src_uri, to_src_uri)
    assert urljoin(SITE + from_src_uri, link) == SITE + to_src_uri
    up = 0
    while link.startswith("../", 3 * up):
        up += 1
    down = link[3 * up :]
    shared = posixpath.commonpath([posixpath.dirname(from_src_uri), posixpath.dirname(to_src_uri)])
    assert to_src_uri == posixpath.join(shared, down)
    assert from_src_uri.count("/") - up == (shared.count("/") + 1 if shared else 0)


_URL_SEGMENTS = st.sampled_from(["principles", "x", "a.b", "practice.html", "index.html", "assets", "r.js"])
_URLS = st.builds(
    lambda parts, folder: "/".join(parts) + ("/" if folder and parts else ""),
    st.lists(_URL_SEGMENTS, max_size=4),
    st.booleans(),
)


@given(_URLS, _URLS)
def test_one_relative_address_as_mkdocs_makes_it(url: str, here: str) -> None:
    """relative_url is the playbook's one way to a relative address (Markdown links, raw HTML links,
    redirects); it agrees with MkDocs' own `get_relative_url`, which the engine uses for its links."""
    assert addresses.relative_url(url, here) == get_relative_url(url, here)
