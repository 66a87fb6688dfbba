"""scripts/export_markdown.py: the playbook as plain Markdown, built by plain MkDocs with no playbook plugin."""

from __future__ import annotations

import filecmp
import importlib.util
import json
import os
import re
import sys
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from playbook.core.site.addresses import principle_url
from playbook.core.site.markdown_export import export_playbook, theme_safe_nav
from playbook.core.site.theme_text import theme_text, typographic_quotes

from support import (
    HIDES_A_PAGE,
    ROOT,
    copy_project,
    page,
    principle_text,
    refused,
    run_mkdocs,
    run_script,
    set_plugin_option,
    write_principle,
)


def export(out: Path, cwd: Path = ROOT):
    return run_script("export_markdown.py", str(out), cwd=cwd)


def build_export(out: Path) -> Path:
    """`mkdocs build --strict` in the export, as anyone would run it there."""
    result = run_mkdocs(out, "build", "--strict")
    assert result.returncode == 0, result.stderr
    return out / "site"


def site_files(site: Path) -> set[str]:
    # Pagefind's index is written by the plugin after a build: search is not part of the export.
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith("pagefind/")
    }


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository exported into an empty folder that already exists."""
    out = tmp_path_factory.mktemp("export") / "playbook"
    out.mkdir()
    result = export(out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def exported_site(exported: Path) -> Path:
    return build_export(exported)


def test_the_export_has_no_playbook_plugin_and_builds_with_plain_mkdocs_strict(
    exported: Path, exported_site: Path
) -> None:
    config = yaml.safe_load((exported / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["plugins"] == []
    repository = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    assert config["nav"] == theme_safe_nav(repository["nav"])  # page titles as theme text, as on the site
    assert {"Do / Don\N{RIGHT SINGLE QUOTATION MARK}t": "do-dont.md"} in config["nav"]
    assert (exported_site / "index.html").is_file()  # `mkdocs build --strict` passed: every link resolves


def test_every_page_of_the_real_site_is_at_the_same_address(
    site: Path, exported_site: Path, principles
) -> None:
    for principle in principles:
        assert (exported_site / principle_url(principle.id) / "index.html").is_file(), principle_url(
            principle.id
        )
    assert site_files(exported_site) == site_files(site)


def test_the_json_exports_are_the_sites_own(site: Path, exported_site: Path) -> None:
    for name in [
        "playbook.json",
        "practice.json",
        *(f"schema/{file.name}" for file in (site / "schema").iterdir()),
    ]:
        assert (exported_site / name).read_bytes() == (site / name).read_bytes(), name


def playbook_assets(html_file: Path) -> list[str]:
    """The playbook's own stylesheets and scripts a page loads, in order."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    found = [tag.get("href") or tag.get("src") for tag in soup.select("link[rel=stylesheet], script[src]")]
    return [address for address in found if "assets/playbook/" in address]


def test_each_exported_page_loads_the_stylesheets_and_scripts_the_sites_page_does(
    site: Path, exported_site: Path
) -> None:
    """Only what a page uses, in the export as in the site: the theme reads the page's front matter."""
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    assert len({tuple(playbook_assets(site / name)) for name in pages}) > 3  # pages differ
    for name in pages:
        assert playbook_assets(exported_site / name) == playbook_assets(site / name), name


def theme_values(html_file: Path) -> dict[str, object]:
    """What the theme writes outside the article: the tab title, the meta description, the header
    title, the nav's and the prev/next footer's page titles, and the table of contents."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    description = soup.select_one('meta[name="description"]')

    def texts(selector: str) -> list[str]:
        return [" ".join(tag.get_text().split()) for tag in soup.select(selector)]

    toc = set(map(id, soup.select(".md-nav--secondary .md-ellipsis")))
    return {
        "title": soup.title.get_text() if soup.title else None,
        "description": description.get("content") if description else None,
        "header": texts(".md-header__topic .md-ellipsis"),
        "nav": [
            " ".join(tag.get_text().split())
            for tag in soup.select(".md-nav__link .md-ellipsis")
            if id(tag) not in toc
        ],
        "footer": texts(".md-footer__title"),
        "toc": texts(".md-nav--secondary .md-ellipsis"),
    }


def test_each_exported_page_hands_the_theme_the_sites_own_theme_text(site: Path, exported_site: Path) -> None:
    """The export sets every page's title and description in front matter, and the nav's titles, as
    theme text (core/site/theme_text.py): plain MkDocs shows what the plugin's site shows, straight quotes
    and all. The table of contents is the engine's own from the headings, escaped: the same text."""
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html") if path.name != "404.html")
    assert any("\N{RIGHT SINGLE QUOTATION MARK}" in str(theme_values(site / name)) for name in pages)
    for name in pages:
        exported, built = theme_values(exported_site / name), theme_values(site / name)
        assert [theme_text(title) for title in exported.pop("toc")] == built.pop("toc"), name
        assert exported == built, name


def search_marks(html_file: Path) -> list[str]:
    """What Pagefind reads besides the text: the page's kind filter and its result's meta, in order."""
    soup = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    return [
        f"{name}={tag[name]}"
        for tag in soup.select("[data-pagefind-filter], [data-pagefind-meta]")
        for name in ("data-pagefind-filter", "data-pagefind-meta")
        if tag.has_attr(name)
    ]


def test_each_exported_page_carries_the_sites_own_search_marks(site: Path, exported_site: Path) -> None:
    """A principle is `kind:principle` with its result's lines, summary and "Say instead" in the export
    too (written into its front matter from core/site/search.py), so any engine's site searches alike."""
    pages = sorted(path.relative_to(site) for path in site.rglob("*.html"))
    assert any("kind:principle" in mark for name in pages for mark in search_marks(site / name))
    for name in pages:
        assert search_marks(exported_site / name) == search_marks(site / name), name


def test_a_principle_page_shows_its_good_response(exported_site: Path, principles) -> None:
    principle = next(principle for principle in principles if principle.id == "lower-your-shields")
    good = page(exported_site, principle_url(principle.id)).select_one(".playbook-response--good")
    words = " ".join(good.get_text(" ").split())
    says = typographic_quotes(principle.good_response.says.replace("*", ""))
    assert " ".join(says.split()[:8]) in words


def test_a_tag_page_lists_its_principles_with_links_that_resolve(exported_site: Path, principles) -> None:
    tagged = [principle for principle in principles if "trust" in principle.tags]
    assert tagged, "no principle is tagged trust: the page checked below would not exist"
    article = page(exported_site, "tags/trust").article
    links = {
        link.get_text(" ", strip=True): link["href"]
        for link in article.select("a[href^='../../principles/']")
    }
    assert links == {
        typographic_quotes(principle.title): f"../../{principle_url(principle.id)}" for principle in tagged
    }


def test_do_dont_has_a_row_per_principle(exported_site: Path, principles) -> None:
    text = page(exported_site, "do-dont").article.get_text(" ")
    for principle in principles:
        assert typographic_quotes(principle.title) in text
        says = typographic_quotes(principle.bad_response.says.replace("*", ""))
        assert " ".join(says.split()[:6]) in " ".join(text.split())


def test_references_are_links_and_the_drill_carries_its_data(exported: Path, exported_site: Path) -> None:
    home = (exported / "docs" / "index.md").read_text(encoding="utf-8")
    assert "[[" not in home.replace("`[[", "")
    assert "](principles/" in home
    drill = page(exported_site, "practice").select_one("#playbook-drill-data")
    assert drill.find_parent("head") is not None  # where the plugin's theme writes it: out of the article
    files = json.loads(drill.get_text())["files"]
    assert files["principle/lower-your-shields.json"]["good_response_url"].startswith("principles/")
    assert (exported_site / "practice/data/principle/lower-your-shields.json").is_file()


def test_the_export_embeds_the_drill_where_the_site_does(tmp_path: Path) -> None:
    """The plugin option `drill_embed_bytes` (0: never) holds in the export as on the site."""
    project = copy_project(tmp_path / "project")
    set_plugin_option(project, "drill_embed_bytes", 0)
    export_playbook(project / "mkdocs.yml", tmp_path / "out")
    practice = (tmp_path / "out" / "docs" / "practice.md").read_text(encoding="utf-8")
    assert "playbook-drill-data" not in practice and "playbook_drill" not in practice


def test_old_addresses_redirect_as_the_plugin_writes_them_and_pages_get_their_extensions(
    renamed_playbook: Path,
) -> None:
    """A renamed principle, and a mkdocs.yml without md_in_html and tables (conftest.renamed_playbook)."""
    project, exported_site = renamed_playbook, renamed_playbook / "export" / "site"
    assert "md_in_html" not in (project / "mkdocs.yml").read_text()
    assert "md_in_html" in (project / "export" / "mkdocs.yml").read_text()
    redirect = "principles/lower-your-shields/index.html"
    assert (exported_site / redirect).read_bytes() == (project / "site" / redirect).read_bytes()
    target = re.search(r'url=([^"]+)"', (exported_site / redirect).read_text()).group(1)
    assert target == "../drop-your-defences/"
    assert (exported_site / "principles/drop-your-defences/index.html").is_file()
    good = page(exported_site, "principles/drop-your-defences").select_one(".playbook-response--good")
    assert good.find("p") is not None  # Markdown inside the HTML block was rendered
    assert page(exported_site, "tags/trust").article.find("table") is not None


def test_bad_input_is_one_line_per_problem_and_nothing_is_written(project: Path) -> None:
    write_principle(
        project / "principles",
        "listen-first.yml",
        principle_text(**{"related: []": "related: [lower-your-shield]", "title: Listen": "titel: Listen"}),
    )
    out = project / "out"
    result = export(out, cwd=project)
    validate = run_script("validate.py", cwd=project)
    problems = validate.stdout.splitlines()
    assert len(problems) >= 2
    assert refused(result) == [*problems, f"{len(problems)} problems found; nothing was written"]
    assert not out.exists()
    assert not [entry for entry in os.listdir(project) if ".export-" in entry]


@pytest.mark.parametrize(
    ("hidden", "problem"),
    [
        ("do-dont.md", HIDES_A_PAGE),
        ("principles/index.md", HIDES_A_PAGE),
        (
            "assets/playbook/playbook.css",
            "this file would replace the playbook's own stylesheet on every page; put your rules in a "
            "stylesheet of your own and list it under extra_css in mkdocs.yml",
        ),
    ],
)
def test_a_docs_file_at_a_generated_address_is_refused(project: Path, hidden: str, problem: str) -> None:
    """The export refuses what the build refuses (core/pages.hidden_page_problems), and its assets too."""
    path = project / "docs" / hidden
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Mine\n", encoding="utf-8")
    out = project / "out"
    refused(export(out, cwd=project), f"docs/{hidden}:1:1: {problem}")
    assert not out.exists()


def load_script(name: str, monkeypatch: pytest.MonkeyPatch):
    """One of scripts/ as a module, importing its neighbours as it does when run."""
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, name, module)
    spec.loader.exec_module(module)
    return module


def test_a_failure_halfway_leaves_out_as_it_was(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = load_script("export_markdown", monkeypatch)
    written = script.write_export

    def fail_after_writing(*args, **kwargs) -> None:
        written(*args, **kwargs)
        raise OSError(28, "No space left on device", "docs/principles/index.md")

    monkeypatch.setattr(script, "write_export", fail_after_writing)
    monkeypatch.chdir(project)
    out = project / "out"
    out.mkdir()
    assert script.main([str(out)]) == 1
    assert os.listdir(out) == []
    assert not [entry for entry in os.listdir(project) if ".export-" in entry]


def refuse_non_empty(project: Path) -> Path:
    out = project / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    return out


def refuse_file(project: Path) -> Path:
    out = project / "out"
    out.write_text("mine")
    return out


def refuse_link(project: Path) -> Path:
    (project / "elsewhere").mkdir()
    out = project / "out"
    out.symlink_to(project / "elsewhere")
    return out


def refuse_in_principles(project: Path) -> Path:
    return project / "principles" / "out"


def refuse_in_docs(project: Path) -> Path:
    return project / "docs" / "export"


@pytest.mark.parametrize(
    ("make_out", "reason"),
    [
        (
            refuse_non_empty,
            "{out} is not empty; give a new or empty folder (the export never overwrites files)",
        ),
        (refuse_file, "{out} is a file, not a folder; give a new or empty folder"),
        (
            refuse_link,
            "{out} is a symbolic link; the export never writes through one: give a new or empty folder",
        ),
        (
            refuse_in_principles,
            "{out} is inside the principles folder (principles); write the export outside the sources",
        ),
        (refuse_in_docs, "{out} is inside the docs folder (docs); write the export outside the sources"),
    ],
)
def test_an_out_folder_that_cannot_take_the_export_is_refused(project: Path, make_out, reason: str) -> None:
    out = make_out(project)
    before = (
        sorted(os.listdir(project)),
        sorted(os.listdir(project / "docs")),
        sorted(os.listdir(project / "principles")),
    )
    result = export(out, cwd=project)
    assert refused(result, code=2) == [f"export_markdown: {reason.format(out=out)}"]
    after = (
        sorted(os.listdir(project)),
        sorted(os.listdir(project / "docs")),
        sorted(os.listdir(project / "principles")),
    )
    assert after == before
    if out.is_symlink():
        assert os.listdir(project / "elsewhere") == []
    elif out.is_file():
        assert out.read_text() == "mine"


def test_help_explains_the_command() -> None:
    result = run_script("export_markdown.py", "--help", cwd=ROOT)
    assert result.returncode == 0
    assert "OUT" in result.stdout and "no playbook plugin" in result.stdout


def test_the_benchmark_baseline_is_the_export(
    tmp_path: Path, principles, monkeypatch: pytest.MonkeyPatch
) -> None:
    bench = load_script("bench", monkeypatch)
    bench.synthetic_playbook(tmp_path / "playbook", 12, principles)
    bench.hand_written_baseline(tmp_path / "playbook", tmp_path / "baseline")
    result = export(tmp_path / "export", cwd=tmp_path / "playbook")
    assert result.returncode == 0, result.stderr
    comparison = filecmp.dircmp(tmp_path / "baseline", tmp_path / "export")
    assert _differences(comparison) == []
    assert (tmp_path / "baseline" / "docs" / "principles" / "index.md").is_file()


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = comparison.left_only + comparison.right_only + comparison.diff_files
    for sub in comparison.subdirs.values():
        found += _differences(sub)
    return found


class _AnyTagLoader(yaml.SafeLoader):
    """Reads the repository's mkdocs.yml (`!ENV`) for comparison."""


_AnyTagLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
