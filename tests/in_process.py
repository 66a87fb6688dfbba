"""`mkdocs build` and scripts/ run inside the test process: the same config loading, plugin events and
build as the command line, the same `main()` of a script, without paying a new Python and its imports
(about 1 s for MkDocs and Material) per run.

Use them where a test is about what a build or script produced or refused. Tests about the command line
itself (a contributor's whole flow, `make build`, `mkdocs serve`) keep `support.run_mkdocs`,
`support.run_script` and `support.start_mkdocs_serve`.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import runpy
import subprocess
import sys
import traceback
from pathlib import Path

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build_command
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from support import ROOT


def mkdocs_build(
    project_dir: Path, *, strict: bool = True, site_dir: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Build `project_dir` as `mkdocs build [--strict] [--site-dir DIR]` run there would; returns what
    that command would: exit code, and its log lines (`ERROR    -  file:line: ...`) on stderr.

    A crash is reported with its traceback on stderr and exit code 1, as the command line does, so a test
    asserting "no traceback" still catches one."""
    args = [
        "mkdocs",
        "build",
        *(["--strict"] if strict else []),
        *(["-d", str(site_dir)] if site_dir else []),
    ]
    stdout, stderr = io.StringIO(), io.StringIO()
    returncode = 0
    with _mkdocs_log_to(stderr), contextlib.chdir(project_dir), _environment(NO_MKDOCS_2_WARNING="1"):
        config = None
        try:
            config = load_config(
                str(project_dir / "mkdocs.yml"),
                strict=strict or None,
                site_dir=str(site_dir) if site_dir else None,
            )
            config.plugins.on_startup(command="build", dirty=False)
            mkdocs_build_command.build(config)
        except Abort as abort:  # as click shows it: the message on stdout, exit code 1
            stdout.write("\n" + abort.format_message() + "\n")
            returncode = abort.exit_code
        except MkDocsException as error:  # a configuration error: `Error: ...` on stderr
            stderr.write(f"Error: {error.format_message()}\n")
            returncode = error.exit_code
        except Exception:
            stderr.write(traceback.format_exc())
            returncode = 1
        finally:
            if config is not None:
                config.plugins.on_shutdown()
    return subprocess.CompletedProcess(args, returncode, stdout.getvalue(), stderr.getvalue())


class _CommandLineFormatter(logging.Formatter):
    """The lines `mkdocs` prints into a pipe: `ERROR   -  message`, no colours, no wrapping."""

    def format(self, record: logging.LogRecord) -> str:
        return f"{record.levelname:<8}-  {super().format(record)}"


@contextlib.contextmanager
def _mkdocs_log_to(stream: io.StringIO):
    """The `mkdocs` logger as the command line sets it up (INFO, its line format, not propagated, consecutive
    duplicates dropped), writing to `stream`; restored afterwards."""
    logger = logging.getLogger(mkdocs_build_command.log.name.partition(".")[0])  # "properdocs" on ProperDocs
    saved = (logger.level, logger.propagate, list(logger.handlers))
    handler = logging.StreamHandler(stream)
    handler.setFormatter(_CommandLineFormatter())
    duplicates = utils.DuplicateFilter()
    logger.handlers = [handler]
    logger.setLevel(logging.INFO)
    logger.propagate = False
    mkdocs_build_command.log.addFilter(duplicates)
    try:
        yield
    finally:
        mkdocs_build_command.log.removeFilter(duplicates)
        logger.setLevel(saved[0])
        logger.propagate = saved[1]
        logger.handlers = saved[2]


@contextlib.contextmanager
def _environment(**values: str):
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def run_script_main(name: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `main()` of scripts/`name` with `args` in `cwd`, as `python scripts/name args` would; returns its
    exit code and what it printed. A crash shows its traceback on stderr with exit code 1.

    For scripts that import only `playbook` (validate.py, update_published.py): scripts/ is not put on
    sys.path, so new_path.py, which imports new_principle.py, stays on `support.run_script`."""
    stdout, stderr = io.StringIO(), io.StringIO()
    path = ROOT / "scripts" / name
    with contextlib.chdir(cwd), contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            returncode = runpy.run_path(str(path), run_name=path.stem)["main"](list(args)) or 0
        except SystemExit as exit_:  # argparse's usage errors, or an explicit sys.exit()
            code = exit_.code
            returncode = code if isinstance(code, int) else 0 if code is None else 1
            if isinstance(code, str):
                print(code, file=sys.stderr)
        except Exception:
            stderr.write(traceback.format_exc())
            returncode = 1
    return subprocess.CompletedProcess(
        [sys.executable, str(path), *args], returncode, stdout.getvalue(), stderr.getvalue()
    )


def build_site_and_export(project: Path) -> None:
    """The project built by the plugin into site/, exported into export/, and the export built there by
    plain MkDocs into export/site/: what the export tests compare."""
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    exported = run_script_main("export_markdown.py", str(project / "export"), cwd=project)
    assert exported.returncode == 0, exported.stderr
    plain = mkdocs_build(project / "export")
    assert plain.returncode == 0, plain.stderr
