"""The in-process build (in_process.mkdocs_build) says what the `mkdocs` command line says, so the tests
that use it check what a contributor would see."""

from __future__ import annotations

import subprocess
from pathlib import Path

from in_process import mkdocs_build, run_script_main
from support import principle_text, refused, run_mkdocs, run_script, write_principle


def printed(result: subprocess.CompletedProcess[str]) -> tuple[int, str, str]:
    return result.returncode, result.stdout, result.stderr


def test_a_refused_build_prints_what_the_command_line_prints(project: Path) -> None:
    folder = project / "principles"
    write_principle(folder, "aaa.yml", principle_text("aaa", **{"tags: [listening]": "tags: 3"}))
    write_principle(folder, "bbb.yml", principle_text("bbb", **{"related: []": "related: [nope]"}))
    command_line = run_mkdocs(project, "build", "--strict")
    in_process = mkdocs_build(project)
    refused(
        command_line,
        "principles/aaa.yml:22: tags: expected a list, found text; write it as [a, b] or one '- item' per line",
    )
    assert printed(in_process) == printed(command_line)


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
    refused(command_line)
    assert command_line.stdout.startswith("::error file=principles/aaa.yml,line=22,col=7,")
    assert printed(in_process) == printed(command_line)
