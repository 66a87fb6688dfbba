"""List every principle and path address in the published manifest (principles/published.txt).

Run after adding a principle (`make published`). Existing lines are kept: an address leaves the
manifest only when somebody deletes its line on purpose.

    python scripts/update_published.py [--check] [--principles DIR] [--manifest FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.core.errors import InputProblem, PlaybookInputError
from playbook.core.loader import display_path, load_principles
from playbook.core.manifest import read_manifest_text, updated_manifest
from playbook.core.paths import read_paths
from playbook.core.source_files import create_file, write_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if addresses are missing"
    )
    arguments = parser.parse_args(argv)

    problems: list[InputProblem] = []
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
    updated = updated_manifest(existing, principles, paths)
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
