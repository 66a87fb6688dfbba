"""The in-process build (in_process.mkdocs_build) says what the `mkdocs` command line says, so the tests
that use it check what a contributor would see."""

from __future__ import annotations

from pathlib import Path

from in_process import mkdocs_build, run_script_main
from support import principle_text, run_mkdocs, run_script, write_principle


def test_a_refused_build_prints_what_the_command_line_prints(project: Path) -> None:
    folder = project / "principles"
    write_principle(folder, "aaa.yml", principle_text("aaa", **{"tags: [listening]": "tags: 3"}))
    write_principle(folder, "bbb.yml", principle_text("bbb", **{"related: []": "related: [nope]"}))
    command_line = run_mkdocs(project, "build", "--strict")
    in_process = mkdocs_build(project)
    assert command_line.returncode == in_process.returncode == 1
    assert in_process.stderr == command_line.stderr
    assert in_process.stdout == command_line.stdout
    assert "principles/aaa.yml:22: tags: expected a list" in in_process.stderr


def test_a_crash_shows_its_traceback_and_fails(project: Path) -> None:
    (project / "hooks.py").write_text("def on_config(config):\n    raise KeyError('a bug')\n")
    with (project / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - hooks.py\n")
    result = mkdocs_build(project)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "KeyError: 'a bug'" in result.stderr


def test_a_script_prints_and_exits_as_on_the_command_line(project: Path) -> None:
    write_principle(
        project / "principles", "aaa.yml", principle_text("aaa", **{"tags: [listening]": "tags: 3"})
    )
    command_line = run_script("validate.py", "--format", "github", cwd=project)
    in_process = run_script_main("validate.py", "--format", "github", cwd=project)
    assert command_line.returncode == in_process.returncode == 1
    assert (in_process.stdout, in_process.stderr) == (command_line.stdout, command_line.stderr)
