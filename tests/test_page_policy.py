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


REDIRECT_POLICY = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'"
"""The few-line pages that forward a renamed principle's old address load one script and nothing else."""


def is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


def theme_pages(site: Path) -> list[Path]:
    """Every page the theme lays out; not the pages that forward an old address (templates/redirect)."""
    return [path for path in sorted(site.rglob("*.html")) if not is_redirect(path)]


def policy_problems(site: Path) -> list[str]:
    problems = []
    for path in sorted(site.rglob("*.html")):
        name = path.relative_to(site).as_posix()
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        first = soup.head.find(True)
        if first is not None and first.name == "meta" and first.get("charset"):
            first = first.find_next_sibling(True)  # a charset may come first: it loads and runs nothing
        expected = REDIRECT_POLICY if is_redirect(path) else POLICY
        if first is None or first.get("http-equiv") != "Content-Security-Policy":
            problems.append(f"{name}: the policy is not first in the head")
        elif first["content"] != expected:
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


def test_an_old_address_carries_a_policy_and_no_inline_script(renamed_playbook: Path) -> None:
    """Both the plugin's site and the export's forward a renamed principle's old address."""
    for site in (renamed_playbook / "site", renamed_playbook / "export" / "site"):
        redirects = [path for path in sorted(site.rglob("*.html")) if is_redirect(path)]
        assert [path.relative_to(site).as_posix() for path in redirects] == [
            "principles/lower-your-shields/index.html"
        ]
        assert policy_problems(site) == []


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
