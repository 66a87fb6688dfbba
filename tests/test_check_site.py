"""`make validate`, the build, the preview and the Markdown export refuse the same input: each calls the
one check a build makes before it writes (core/pages.check_site)."""

from __future__ import annotations

from pathlib import Path

import pytest

from in_process import mkdocs_build, run_script_main
from support import HIDES_A_PAGE, refused, without_column

HIDDEN = f"docs/principles/index.md:1:1: {HIDES_A_PAGE}"


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_docs_page_at_a_generated_address_is_refused_by_validate_build_and_export(
    project: Path, directory_urls: bool
) -> None:
    if not directory_urls:
        config = project / "mkdocs.yml"
        config.write_text(config.read_text() + "use_directory_urls: false\n")
    (project / "docs" / "principles").mkdir()
    (project / "docs" / "principles" / "index.md").write_text("# My own index\n")

    validated = run_script_main("validate.py", cwd=project)
    refused(validated)
    assert validated.stdout.splitlines() == [HIDDEN]
    assert "no problems" not in validated.stderr

    refused(mkdocs_build(project), without_column(HIDDEN))
    refused(run_script_main("export_markdown.py", str(project / "out"), cwd=project), HIDDEN)


def test_validate_names_what_is_wrong_with_mkdocs_yml(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "extra_css: [unclosed\n")

    validated = run_script_main("validate.py", cwd=project)

    refused(validated)
    [problem] = validated.stdout.splitlines()
    assert problem.startswith("mkdocs.yml:")
    assert problem.endswith(": expected ',' or ']', but got '<stream end>'")
    assert "no problems" not in validated.stderr
