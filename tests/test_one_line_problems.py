"""A problem is one line whatever a field name or value holds (errors.one_line), in every output: the plain
format, `--format github`, the build's error and the Markdown export; no line starts with what the
writer chose, such as a CI runner's `::` workflow command."""

from __future__ import annotations

from pathlib import Path

from playbook.core.sources.errors import InputProblem, one_line

from in_process import mkdocs_build, run_script_main
from support import refused

HOSTILE_KEY = '"owner\\n::error file=x,line=1::fake\\r\\n::add-mask::secret\\u2028\\x1b[2J\\u202e": Sales\n'


def test_line_breaks_and_control_and_format_characters_are_escaped() -> None:
    assert one_line("a\nb\r\tc\x1b\x85\u2028\u2029\u202e\u200b\U000e0041") == (
        "a\\nb\\r\\tc\\x1b\\x85\\u2028\\u2029\\u202e\\u200b\\U000e0041"
    )
    assert (
        one_line("Caf\u00e9 \U0001f469 \\[ \u2039ok\u203a \u2026")
        == "Caf\u00e9 \U0001f469 \\[ \u2039ok\u203a \u2026"
    )
    problem = InputProblem("principles/a\nb.yml", 3, 1, "x\ny", "says\n::error::no")
    assert problem.format(with_column=True) == "principles/a\\nb.yml:3:1: x\\ny: says\\n::error::no"
    assert str(problem) == "principles/a\\nb.yml:3: x\\ny: says\\n::error::no"


def hostile_project(project: Path) -> int:
    """Adds the key at the end of a principle; returns its line."""
    path = project / "principles" / "guide-dont-get.yml"
    text = path.read_text()
    path.write_text(text + HOSTILE_KEY)
    return len(text.splitlines()) + 1


def test_validate_prints_each_problem_on_one_line_in_both_formats(project: Path) -> None:
    line_number = hostile_project(project)
    plain = run_script_main("validate.py", cwd=project)
    refused(plain)
    [line] = plain.stdout.splitlines()
    assert line.startswith("principles/guide-dont-get.yml:")
    assert (
        "owner\\n::error file=x,line=1::fake\\r\\n::add-mask::secret\\u2028\\x1b[2J\\u202e: unknown field"
        in line
    )

    github = run_script_main("validate.py", "--format", "github", cwd=project)
    refused(github)
    [annotation] = github.stdout.splitlines()
    assert annotation.startswith("::error file=principles/guide-dont-get.yml,line=")
    properties, message = annotation.removeprefix("::error ").split("::", 1)
    assert properties == f"file=principles/guide-dont-get.yml,line={line_number},col=1,title=Principle check"
    assert message.startswith("owner\\n::error file=x,line=1::fake\\r\\n::add-mask::secret")


def test_the_build_reports_the_problem_on_one_line(project: Path) -> None:
    hostile_project(project)
    built = refused(mkdocs_build(project))
    assert any("owner\\n::error file=x,line=1::fake" in line for line in built)
    assert not [line for line in built if line.lstrip().startswith("::")]
    exported = refused(run_script_main("export_markdown.py", str(project / "export"), cwd=project))
    assert any("owner\\n::error file=x,line=1::fake" in line for line in exported)
    assert not [line for line in exported if line.startswith("::")]
