"""List every principle, path and view part address in the published manifest (principles/published.txt).

Run after adding a principle (`make published`). Existing lines are kept: an address leaves the
manifest only when somebody deletes its line on purpose. View parts (Do / Don't and the other views
split past the plugin option `page_limit_bytes`, read from the site's configuration) are listed as the
playbook splits today; a listed part that later merges back forwards to its view (core/site/pages.py).

    python scripts/update_published.py [--check] [--principles DIR] [--manifest FILE] [--config FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from playbook.core import (
    PAGE_LIMIT_BYTES,
    InputProblem,
    PlaybookInputError,
    configured_page_limit,
    create_file,
    display_path,
    load_principles,
    part_addresses,
    plugin_options,
    read_manifest_text,
    read_paths,
    read_site_config,
    updated_manifest,
    write_file,
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if addresses are missing"
    )
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    arguments = parser.parse_args(argv)

    problems: list[InputProblem] = []
    page_limit = PAGE_LIMIT_BYTES
    try:
        if os.path.lexists(arguments.config):
            settings = read_site_config(arguments.config, Path.cwd())
            page_limit = configured_page_limit(plugin_options(settings))
    except PlaybookInputError as error:
        problems += error.problems
    try:
        principles = load_principles(arguments.principles, root=Path.cwd())
    except PlaybookInputError as error:
        problems += error.problems
    if not problems:  # steps name principles: checked once the principles are
        paths, path_problems = read_paths(arguments.principles, {p.id for p in principles}, root=Path.cwd())
        problems += path_problems
    manifest: Path = arguments.manifest
    existing, manifest_problems = read_manifest_text(manifest, display_path(manifest, Path.cwd()))
    problems += manifest_problems
    if problems:  # nothing is written until everything has been read
        print(PlaybookInputError(problems), file=sys.stderr)
        return 1
    updated = updated_manifest(existing, principles, paths, part_addresses(principles, page_limit))
    added = sorted(set(updated.splitlines()) - set((existing or "").splitlines()) - {""})
    added = [line for line in added if not line.startswith("#")]
    if arguments.check:
        for line in added:
            print(f"{manifest.as_posix()}: missing {line}; run `make published`", file=sys.stderr)
        return 1 if added else 0
    if updated != existing:
        try:
            if existing is None:
                create_file(manifest, updated)
            else:
                write_file(manifest, updated)
        except OSError as error:
            print(f"{manifest.as_posix()}: {error.strerror or error}", file=sys.stderr)
            return 1
    for line in added:
        print(f"added {line}")
    print(f"{manifest.as_posix()}: {len(principles)} principles, {len(added)} new addresses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
