"""Write the whole playbook as plain Markdown that any Markdown engine can build, with no playbook plugin.

    python scripts/export_markdown.py OUT/
    python scripts/export_markdown.py OUT/ --config-file path/to/mkdocs.yml

OUT gets `docs/` (every page the plugin generates and every hand-written page, `[[id]]` references
already turned into relative `.md` links; the redirect pages at old addresses; playbook.json,
practice.json and the schemas; the stylesheets and scripts under assets/playbook/), `overrides/` (the
playbook's small theme fixes) and a `mkdocs.yml` without the playbook plugin: `mkdocs build --strict`
run in OUT builds the same pages. Site search (Pagefind) and the service worker are not part of it:
after building, index the site and run `python -m playbook.core.site.offline SITE_DIR` to write the worker
(scripts/build_zensical.py does both).

The playbook is checked as `make validate` checks it first: any problem is printed as one line
(file:line:column: field: message), all at once, and nothing is written. OUT must be a new or empty
folder, not a link, and not inside the principles or docs folder; the export is written beside it and
moved into place only when complete.

Exit status: 0 written; 1 a problem in the playbook (or the export could not be written); 2 OUT refused.
"""

from __future__ import annotations

import argparse
import os
import shutil
import stat
import sys
import tempfile
from importlib import resources
from pathlib import Path

from playbook.core import (
    ExportSources,
    PlaybookInputError,
    export_sources,
    load_for_export,
    problem_count,
    write_export,
)

THEME_OVERRIDES = Path(str(resources.files("playbook.mkdocs").joinpath("theme")))
"""The MkDocs adapter's theme fixes (404 page, search box), exported as the theme's custom_dir."""


class Refused(Exception):
    """OUT cannot take the export; nothing was written."""


def refusal(out: Path, sources: ExportSources) -> str | None:
    """Why OUT cannot take the export, or None. OUT itself is never followed if it is a link."""
    try:
        status = os.lstat(out)
    except FileNotFoundError:
        status = None
    except OSError as error:
        return f"{out}: {error.strerror}"
    if status is not None and stat.S_ISLNK(status.st_mode):
        return f"{out} is a symbolic link; the export never writes through one: give a new or empty folder"
    if status is not None and not stat.S_ISDIR(status.st_mode):
        return f"{out} is a file, not a folder; give a new or empty folder"
    if status is not None and any(os.scandir(out)):
        return f"{out} is not empty; give a new or empty folder (the export never overwrites files)"
    where = Path(os.path.realpath(out))
    for name, folder in (("principles", sources.principles_dir), ("docs", sources.docs_dir)):
        if where.is_relative_to(os.path.realpath(folder)):
            return f"{out} is inside the {name} folder ({folder}); write the export outside the sources"
    return None


def folder_mode() -> int:
    """The mode a new folder gets (mkdtemp makes its folder private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def export(out: Path, config_file: Path) -> None:
    """Check, write beside OUT, then move into place; raises `Refused` or `PlaybookInputError`."""
    sources = export_sources(config_file)
    reason = refusal(out, sources)
    if reason:
        raise Refused(reason)
    plan = load_for_export(sources)
    parent = Path(os.path.abspath(out)).parent
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.export-", dir=parent))
    try:
        write_export(plan, sources, folder, theme_overrides=THEME_OVERRIDES)
        folder.chmod(folder_mode())
        reason = refusal(out, sources)  # OUT may have changed while the export was written
        if reason:
            raise Refused(reason)
        folder.rename(out)  # replaces an empty folder; fails on anything else, never follows a link
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Write the whole playbook as plain Markdown (pages, redirects, JSON, assets and a "
        "mkdocs.yml with no playbook plugin) into OUT, so that any Markdown engine can build it.",
        epilog="Exit status: 0 written; 1 a problem in the playbook, nothing written; 2 OUT refused.",
    )
    parser.add_argument("out", type=Path, metavar="OUT", help="a new or empty folder for the export")
    parser.add_argument(
        "--config-file",
        type=Path,
        default=Path("mkdocs.yml"),
        help="the site's configuration, which names the sources (default: mkdocs.yml)",
    )
    arguments = parser.parse_args(argv)
    try:
        export(arguments.out, arguments.config_file)
    except Refused as error:
        print(f"export_markdown: {error}", file=sys.stderr)
        return 2
    except PlaybookInputError as error:
        for problem in error.problems:
            print(problem.format(with_column=True), file=sys.stderr)
        print(f"{problem_count(error.problems)} found; nothing was written", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"export_markdown: {error.filename}: {error.strerror}; nothing was written", file=sys.stderr)
        return 1
    print(f"The playbook is in {arguments.out}/ as plain Markdown; build it there with mkdocs build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
