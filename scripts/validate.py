"""Check principle files with the same code the site build uses, without building the site.

    python scripts/validate.py                      # the whole playbook: principles, references, addresses
    python scripts/validate.py principles/x.yml     # just these files (ids of the others still count)
    python scripts/validate.py --format github      # annotations on the pull request diff
    python scripts/validate.py --stale 180          # also list principles not reviewed for 180 days

Exit status: 1 if any problem was found, else 0 (a stale review is a report, not a problem).
"""

from __future__ import annotations

import argparse
import datetime
import os
import sys
from pathlib import Path
from typing import Any

from playbook.core import (
    PATHS_FOLDER_NAME,
    InputProblem,
    Playbook,
    PlaybookInputError,
    Principle,
    SourceMap,
    check_site,
    configured_page_limit,
    display_path,
    docs_rules,
    load_files,
    one_line,
    plugin_options,
    principle_files,
    problem_count,
    read_site_config,
    read_tag_vocabulary,
    stale_principles,
)


def github_escape(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def format_problem(problem: InputProblem, output_format: str) -> str:
    if output_format == "github":
        where = ",".join(
            f"{key}={github_escape(str(value), property_value=True)}"
            for key, value in [
                ("file", one_line(problem.file)),
                ("line", problem.line),
                ("col", problem.column),
            ]
        )
        return f"::error {where},title=Principle check::{github_escape(problem.text())}"
    return problem.format(with_column=True)


def files_to_check(paths: list[Path], root: Path) -> tuple[list[Path], list[InputProblem]]:
    """The principle files named, folders expanded; links and special files are refused when read."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for path in paths:
        if path.is_dir():
            found, refused = principle_files(path, root)
            files += found
            problems += refused
        else:
            files.append(path)  # any other name is read, and reported if it is not a principle
    return files, problems


def site_settings(config_file: Path, root: Path) -> dict[str, Any]:
    """The site's mkdocs.yml as plain data, as the build reads it ({} when there is none); one that
    cannot be read is a one-line problem naming what failed."""
    if not os.path.lexists(config_file):
        return {}
    return read_site_config(config_file, root)


def check(arguments: argparse.Namespace, root: Path) -> tuple[list[Principle], SourceMap]:
    """The checked principles, and where their fields sit in their files."""
    settings = site_settings(arguments.config, root)
    if not arguments.paths:
        playbook = check_playbook(arguments, settings, root)
        return playbook.principles, playbook.source_map
    files, refused = files_to_check(arguments.paths, root)
    try:
        principles, sources = check_files(arguments, files, settings, root)
    except PlaybookInputError as error:
        raise PlaybookInputError([*refused, *error.problems]) from None
    if refused:
        raise PlaybookInputError(refused)
    return principles, sources


def check_playbook(arguments: argparse.Namespace, settings: dict[str, Any], root: Path) -> Playbook:
    """Every check the strict build makes before it writes (pages.check_site), for this site's settings."""
    plan = check_site(
        arguments.principles,
        arguments.docs,
        arguments.manifest,
        root=root,
        strict=True,
        use_directory_urls=bool(settings.get("use_directory_urls", True)),
        docs_rules=docs_rules(settings),
        page_limit=configured_page_limit(plugin_options(settings)),
    )
    return plan.playbook


def check_files(
    arguments: argparse.Namespace, files: list[Path], settings: dict[str, Any], root: Path
) -> tuple[list[Principle], SourceMap]:
    folder = arguments.principles.resolve()
    paths_folder = folder / PATHS_FOLDER_NAME
    if all(path.resolve().parent in (folder, paths_folder) for path in files):
        # Files of this playbook: run every check, references and addresses included, and report
        # the problems of these files only.
        wanted = {display_path(path, root) for path in files}
        try:
            playbook = check_playbook(arguments, settings, root)
        except PlaybookInputError as error:
            mine = [problem for problem in error.problems if problem.file in wanted]
            if mine:
                raise PlaybookInputError(mine) from None
            # Problems elsewhere only: check these files on their own, as below.
        else:
            chosen = [
                principle
                for principle in playbook.principles
                if display_path(principle.source_file, root) in wanted
            ]
            return chosen, playbook.source_map
    checked = {path.resolve() for path in files}
    others = [path.stem for path in principle_files(arguments.principles)[0] if path.resolve() not in checked]
    # The playbook's own files (`_tags.yml`, paths) were checked above with the whole playbook.
    principles = [
        path for path in files if not path.name.startswith("_") and path.resolve().parent != paths_folder
    ]
    vocabulary, _ = read_tag_vocabulary(arguments.principles, root)
    declared = None if vocabulary is None else set(vocabulary)
    sources = SourceMap()
    loaded = load_files(principles, root=root, known_ids=others, declared_tags=declared, source_map=sources)
    return loaded, sources


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description="Check principle files with the same code the site build uses.",
    )
    parser.add_argument(
        "paths", nargs="*", type=Path, help="files or folders to check (default: the whole playbook)"
    )
    parser.add_argument("--format", choices=["text", "github"], default="text", dest="output_format")
    parser.add_argument(
        "--stale", type=int, metavar="DAYS", help="also list principles not reviewed for DAYS days"
    )
    parser.add_argument(
        "--today", type=datetime.date.fromisoformat, default=datetime.date.today(), help=argparse.SUPPRESS
    )
    parser.add_argument("--principles", type=Path, default=Path("principles"), help="the principles folder")
    parser.add_argument("--docs", type=Path, default=Path("docs"), help="the hand-written pages folder")
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    arguments = parser.parse_args(argv)
    root = Path.cwd()

    try:
        principles, sources = check(arguments, root)
    except PlaybookInputError as error:
        for problem in error.problems:
            print(format_problem(problem, arguments.output_format))
        print(f"{problem_count(error.problems)} found", file=sys.stderr)
        return 1
    except OSError as error:
        print(f"{error.filename}: {error.strerror}", file=sys.stderr)
        return 1

    if arguments.stale is not None:
        stale = stale_principles(principles, days=arguments.stale, today=arguments.today)
        for item in stale:
            source = sources[item.principle.id]
            line = source.text_lines.get("last_reviewed") or source.line("id")
            print(f"{source.file}:{line}: last_reviewed: {item.describe()}")
        print(
            f"{len(stale)} of {len(principles)} principles not reviewed in {arguments.stale} days",
            file=sys.stderr,
        )
    print(f"{len(principles)} principles checked, no problems", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
