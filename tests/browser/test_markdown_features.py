"""Features a site's owner enables in mkdocs.yml work on hand-written pages: the sanitizers keep the
markup of the enabled Markdown extensions (allow_list.allow_list_for), and Chromium shows it working."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from in_process import mkdocs_build
from support import copy_project, serve

EXTENSIONS = """  - admonition
  - pymdownx.details
  - pymdownx.tasklist
  - pymdownx.tabbed:
      alternate_style: true
"""
FEATURES_PAGE = """# Features

=== "First tab"

    The first panel.

=== "Second tab"

    The second panel.

!!! note "A note"
    Inside the note.

??? tip "More"
    Folded away.

- [x] done
- [ ] to do
"""


@pytest.fixture(scope="module")
def features_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """This playbook with tabs, admonitions, details and task lists enabled and used on a docs page."""
    project = copy_project(tmp_path_factory.mktemp("features") / "project")
    config = project / "mkdocs.yml"
    text = config.read_text()
    anchor = "markdown_extensions:\n"
    assert anchor in text
    config.write_text(text.replace(anchor, anchor + EXTENSIONS) + "not_in_nav: /features.md\n")
    (project / "docs" / "features.md").write_text(FEATURES_PAGE)
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    with serve(project / "site") as url:
        yield url


def test_clicking_a_tab_shows_its_panel(features_site: str, desktop: Page) -> None:
    desktop.goto(features_site + "features/")
    first, second = desktop.locator(".tabbed-block").all()
    expect(first).to_be_visible()
    expect(second).to_be_hidden()
    desktop.get_by_text("Second tab").click()
    expect(second).to_be_visible()
    expect(second).to_have_text("The second panel.")
    expect(first).to_be_hidden()
    desktop.get_by_text("First tab").click()
    expect(first).to_be_visible()


def test_admonitions_details_and_task_lists_keep_their_markup(features_site: str, desktop: Page) -> None:
    desktop.goto(features_site + "features/")
    expect(desktop.locator(".admonition.note .admonition-title")).to_have_text("A note")
    folded = desktop.locator("details.tip")
    expect(folded.get_by_text("Folded away.")).to_be_hidden()
    folded.locator("summary").click()
    expect(folded.get_by_text("Folded away.")).to_be_visible()
    boxes = desktop.locator(".task-list-item input[type=checkbox]")
    expect(boxes).to_have_count(2)
    expect(boxes.first).to_be_checked()
    expect(boxes.last).not_to_be_checked()
