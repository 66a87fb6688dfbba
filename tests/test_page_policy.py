"""Every page the playbook publishes carries one Content-Security-Policy, first in its head, and holds
nothing the policy would block: no inline script, event handler, style attribute or style element.
The Markdown export's site too, built by plain MkDocs. (tests/browser/test_content_policy.py loads
the pages in Chromium.)"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from in_process import mkdocs_build, run_script_main

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'"
)
"""The policy as README's Security section states it."""
DATA_TYPES = {"application/json"}
"""Script elements that hold data (Material's configuration, the drill's data): never run."""
ALIGNED_TABLE = """# Aligned

| Left | Centre | Right |
| :--- | :----: | ----: |
| a    | b      | c     |
"""


def theme_pages(site: Path) -> list[Path]:
    """Every page the theme lays out; the few-line pages that forward a renamed principle's old
    address are not (they carry no policy yet)."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if 'http-equiv="refresh"' not in path.read_text(encoding="utf-8"):
            pages.append(path)
    return pages


def policy_problems(site: Path) -> list[str]:
    problems = []
    for path in theme_pages(site):
        name = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        first = soup.head.find(True)
        if first is None or first.get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{name}: the policy is not first in the head")
        elif first["content"] != POLICY:
            problems.append(f"{name}: policy {first['content']!r}")
        for script in soup.find_all("script"):
            if not script.get("src") and script.get("type") not in DATA_TYPES:
                problems.append(f"{name}: inline script {str(script)[:80]!r}")
        for element in soup.find_all(True):
            handlers = [attribute for attribute in element.attrs if attribute.lower().startswith("on")]
            if handlers or "style" in element.attrs or element.name == "style":
                problems.append(f"{name}: {str(element)[:80]!r}")
    return problems


def test_every_page_of_the_site_carries_the_policy_and_nothing_it_blocks(site: Path) -> None:
    assert len(theme_pages(site)) > 20 and (site / "404.html") in theme_pages(site)
    assert policy_problems(site) == []


def test_the_markdown_exports_site_carries_the_same_policy(renamed_playbook: Path) -> None:
    exported_site = renamed_playbook / "export" / "site"
    assert (exported_site / "404.html") in theme_pages(exported_site)
    assert policy_problems(exported_site) == []


def test_an_aligned_table_is_aligned_without_a_style_attribute(project: Path) -> None:
    """Python-Markdown aligns a column with `style="text-align: ..."`, which the policy blocks: the
    plugin and the export have it write `align` instead, which the theme styles."""
    (project / "docs" / "aligned.md").write_text(ALIGNED_TABLE)
    config = project / "mkdocs.yml"
    nav = "  - Contributing: contributing.md\n"
    config.write_text(config.read_text().replace(nav, nav + "  - Aligned: aligned.md\n"))
    assert mkdocs_build(project).returncode == 0
    exported = run_script_main("export_markdown.py", str(project / "export"), cwd=project)
    assert exported.returncode == 0, exported.stderr
    assert mkdocs_build(project / "export").returncode == 0
    for site in (project / "site", project / "export" / "site"):
        table = BeautifulSoup((site / "aligned" / "index.html").read_text(), "html.parser").table
        assert [cell.get("align") for cell in table.find_all("th")] == ["left", "center", "right"]
        assert policy_problems(site) == []
