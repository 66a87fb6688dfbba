"""List every principle's address in the published manifest (principles/published.txt).

Run after adding a principle (`make published`). Existing lines are kept: an address leaves the
manifest only when somebody deletes its line on purpose.

    python scripts/update_published.py [--check] [--principles DIR] [--manifest FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from playbook.errors import PlaybookInputError
from playbook.loader import load_principles
from playbook.manifest import updated_manifest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    parser.add_argument(
        "--check", action="store_true", help="change nothing; exit 1 if addresses are missing"
    )
    arguments = parser.parse_args(argv)

    try:
        principles = load_principles(arguments.principles, root=Path.cwd())
    except PlaybookInputError as error:
        print(error, file=sys.stderr)
        return 1
    manifest: Path = arguments.manifest
    existing = manifest.read_text(encoding="utf-8") if manifest.exists() else None
    updated = updated_manifest(existing, principles)
    added = sorted(set(updated.splitlines()) - set((existing or "").splitlines()) - {""})
    added = [line for line in added if not line.startswith("#")]
    if arguments.check:
        for line in added:
            print(f"{manifest.as_posix()}: missing {line}; run `make published`", file=sys.stderr)
        return 1 if added else 0
    if updated != existing:
        manifest.write_text(updated, encoding="utf-8")
    for line in added:
        print(f"added {line}")
    print(f"{manifest.as_posix()}: {len(principles)} principles, {len(added)} new addresses")
    return 0


if __name__ == "__main__":
    sys.exit(main())
