"""The plugin's smaller traps (issue 24 item 5): a theme without `</head>`, a check that must survive
`python -O`, what a preview keeps between rebuilds, shared schema data, and errors that say what failed."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from mkdocs.commands import build as build_command
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files

from playbook.core.formats import paths as paths_module
from playbook.core.formats.loader import schema
from playbook.core.formats.paths import path_schema
from playbook.core.formats.synonyms import synonyms_schema
from playbook.core.formats.tag_vocabulary import tags_schema
from playbook.core.model.fields import read_schema
from playbook.mkdocs import preview as preview_module
from playbook.mkdocs.plugin import PlaybookPlugin
from playbook.mkdocs.preview import BackgroundIndex, Preview, _DropDirtyWarning

from in_process import mkdocs_build
from support import load_problems, page, principle_text, write_principle

BARE_THEME = '<!doctype html>\n<html lang="en">\n<meta charset="utf-8">\n<title>{{ page.title }}</title>\n<body>\n{{ page.content }}\n</body>\n</html>\n'


def test_a_theme_without_an_end_of_head_still_gets_the_drills_data(project: Path) -> None:
    (project / "overrides").mkdir()
    (project / "overrides" / "main.html").write_text(BARE_THEME)
    config = project / "mkdocs.yml"
    text = config.read_text()
    assert "theme:\n  name: material\n" in text
    config.write_text(
        text.replace("theme:\n  name: material\n", "theme:\n  name: material\n  custom_dir: overrides\n")
    )
    built = mkdocs_build(project, strict=False)
    assert built.returncode == 0, built.stderr
    html = (project / "site" / "practice" / "index.html").read_text()
    assert "</head>" not in html
    assert html.count('id="playbook-drill-data"') == 1
    assert html.index('id="playbook-drill-data"') < html.index("</body>")


def test_an_event_before_on_config_is_a_plugin_error_not_an_assert() -> None:
    plugin = PlaybookPlugin()
    with pytest.raises(PluginError, match="before its on_config ran"):
        plugin.on_files(Files([]), config=None)  # type: ignore[arg-type]
    with pytest.raises(PluginError, match="before its on_config ran"):
        plugin.on_page_markdown("", page=None, config=None, files=None)  # type: ignore[arg-type]


def dirty_filters() -> int:
    return sum(isinstance(entry, _DropDirtyWarning) for entry in build_command.log.filters)


def test_previews_started_again_and_again_leave_no_filter_on_the_engines_logger() -> None:
    assert dirty_filters() == 0
    for _ in range(3):
        preview = Preview()
        preview.start(command="serve", dirty=True)
        assert dirty_filters() == 1
        preview.shutdown()
        assert dirty_filters() == 0


@pytest.mark.slow  # the stand-in indexer is a Python process
def test_a_stopped_search_indexer_is_forgotten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # An indexer still running when the next rebuild starts: a process that waits for its signal.
    waits = [sys.executable, "-c", "import signal; signal.pause()"]
    monkeypatch.setattr(preview_module, "pagefind_command", lambda site_dir: waits)
    index = BackgroundIndex()
    for _ in range(3):
        index.start(tmp_path)
        running = index.run.process
        assert running.poll() is None
        index.stop()
        assert running.returncode is not None
        assert [value for value in vars(index).values() if value] == []


@contextlib.contextmanager
def preview_rebuilds(project: Path) -> Iterator[Callable[[], PlaybookPlugin]]:
    """`mkdocs serve --dirty`'s rebuilds in this process, into site/: each call rebuilds and returns
    the plugin object, the one the preview keeps between rebuilds."""
    with contextlib.chdir(project):
        config = load_config(str(project / "mkdocs.yml"))
        config.plugins.on_startup(command="serve", dirty=True)

        def rebuild() -> PlaybookPlugin:
            config = load_config(str(project / "mkdocs.yml"))
            build_command.build(config, dirty=True)
            plugin = config.plugins["playbook"]
            assert isinstance(plugin, PlaybookPlugin)
            return plugin

        try:
            yield rebuild
        finally:
            config.plugins.on_shutdown()


def test_a_preview_forgets_the_html_of_pages_that_are_gone(project: Path) -> None:
    added = write_principle(project / "principles", "listen-first.yml", principle_text())
    with preview_rebuilds(project) as rebuild:
        plugin = rebuild()
        assert plugin.preview.serving
        kept = {"principles/listen-first.md", "tags/listening.md"}
        assert kept <= set(plugin.render_guard.last_good)
        assert "tags/listening.md" in plugin.preview.table_rows._pieces
        added.unlink()
        again = rebuild()
        assert again is plugin
        assert not kept & set(plugin.render_guard.last_good)
        assert "tags/listening.md" not in plugin.preview.table_rows._pieces
        assert "principles/index.md" in plugin.render_guard.last_good  # the control: pages kept are kept


PLUGIN_OPTION = "      principles_dir: principles\n"
DO_DONT_ROW = "{{ principle.good_response.why | table_cell }} |\n"


def test_a_table_row_using_a_reference_defined_elsewhere_on_the_page_is_rendered_again(project: Path) -> None:
    template = (Path(preview_module.__file__).parents[1] / "templates" / "do-dont.md.jinja").read_text()
    assert DO_DONT_ROW in template
    templates = project / "templates"
    templates.mkdir()
    own = templates / "do-dont.md.jinja"
    config = project / "mkdocs.yml"
    assert PLUGIN_OPTION in config.read_text()
    config.write_text(
        config.read_text().replace(PLUGIN_OPTION, f"{PLUGIN_OPTION}      templates_dir: templates\n", 1)
    )
    row_with_reference = DO_DONT_ROW.replace(" |\n", " [source][ref] |\n")

    def definition(address: str) -> None:
        own.write_text(template.replace(DO_DONT_ROW, row_with_reference) + f"\n[ref]: {address}\n")

    definition("https://example.com/one")
    with preview_rebuilds(project) as rebuild:
        rebuild()
        links = page(project / "site", "do-dont").select("table tbody a[href^='https://example.com/']")
        assert links and {link["href"] for link in links} == {"https://example.com/one"}
        definition("https://example.com/two")
        rebuild()
        links = page(project / "site", "do-dont").select("table tbody a[href^='https://example.com/']")
        assert links and {link["href"] for link in links} == {"https://example.com/two"}


@pytest.mark.parametrize("read", [schema, path_schema, tags_schema, synonyms_schema])
def test_a_schema_changed_by_one_caller_is_not_changed_for_the_next(read: Callable[[], dict]) -> None:
    first = read()
    first["title"] = "changed"
    first.setdefault("properties", {})["extra"] = {}
    second = read()
    assert second.get("title") != "changed"
    assert "extra" not in second.get("properties", {})
    assert read_schema("schema/principle.schema.json") == schema()


def test_a_paths_folder_that_cannot_be_read_is_a_problem(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert (project / "principles" / "_paths").is_dir()

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(paths_module.os, "scandir", refuse)
    problems = load_problems(project)
    assert "principles/_paths:1:1: the folder could not be read (Permission denied)" in problems
