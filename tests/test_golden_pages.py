"""Golden files: every Markdown page the templates write for a fixed playbook (tests/golden/playbook/),
compared byte for byte with tests/golden/pages/. No MkDocs build: a template change shows up here, in
milliseconds, as a diff to review.

After a deliberate change to a template or to what the core hands it, refresh the files and read the
diff before committing it:

    .venv/bin/pytest -n0 tests/test_golden_pages.py --update-golden
    git diff tests/golden/pages
"""

from __future__ import annotations

from pathlib import Path

import pytest
from jinja2 import TemplateError

from playbook.core.site.assemble import load_playbook
from playbook.core.site.pages import VIEW_TEMPLATES, site_plan
from playbook.core.site.render import PageRenderer

GOLDEN = Path(__file__).parent / "golden"
PLAYBOOK = GOLDEN / "playbook"
PAGES = GOLDEN / "pages"


def rendered_pages() -> dict[str, str]:
    """Each generated page's address (`src_uri`) -> the Markdown the templates write for it."""
    playbook = load_playbook(
        PLAYBOOK / "principles",
        PLAYBOOK / "docs",
        PLAYBOOK / "principles" / "published.txt",
        root=PLAYBOOK,
        strict=True,
    )
    renderer = PageRenderer()
    return {page.src_uri: renderer.render(page.template, page.context) for page in site_plan(playbook).pages}


RENDERED = rendered_pages()


def stored_pages() -> set[str]:
    return {path.relative_to(PAGES).as_posix() for path in PAGES.rglob("*.md")}


@pytest.fixture(scope="module")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """`--update-golden`: write what the templates render now over tests/golden/pages/."""
    update = bool(request.config.getoption("update_golden"))
    if update:
        for stale in stored_pages() - set(RENDERED):
            (PAGES / stale).unlink()
        for src_uri, markdown in RENDERED.items():
            (PAGES / src_uri).parent.mkdir(parents=True, exist_ok=True)
            (PAGES / src_uri).write_text(markdown, encoding="utf-8")
    return update


def test_the_golden_pages_are_exactly_the_generated_pages(update_golden: bool) -> None:
    assert stored_pages() == set(RENDERED), "run with --update-golden, then review `git diff tests/golden`"


@pytest.mark.parametrize("src_uri", sorted(RENDERED))
def test_a_template_renders_its_golden_page(update_golden: bool, src_uri: str) -> None:
    golden = PAGES / src_uri
    assert golden.is_file(), f"{golden} is missing: run with --update-golden, then review it"
    assert RENDERED[src_uri] == golden.read_text(encoding="utf-8"), (
        f"{src_uri} differs from {golden.relative_to(GOLDEN.parent.parent)}: if the change is deliberate, "
        "run with --update-golden and review `git diff tests/golden`"
    )


def test_a_views_title_is_set_once_in_its_template(tmp_path: Path) -> None:
    """The view's heading and the redirects to its parts (pages.part_redirects) both take the title
    the template sets; a site's own template that sets another title changes both."""
    renderer = PageRenderer()
    for src_uri, template in VIEW_TEMPLATES.items():
        title = renderer.view_title(template)
        assert f"\n# {title}\n" in RENDERED[src_uri]
    (tmp_path / "do-dont.md.jinja").write_text('{% set view_title = "Cheat sheet" %}\n# {{ view_title }}\n')
    assert PageRenderer(tmp_path).view_title("do-dont.md.jinja") == "Cheat sheet"
    (tmp_path / "index.md.jinja").write_text("# Principles\n")
    with pytest.raises(TemplateError, match=r"index\.md\.jinja sets no view_title"):
        PageRenderer(tmp_path).view_title("index.md.jinja")
