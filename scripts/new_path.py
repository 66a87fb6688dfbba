"""Start a new onboarding path: `python scripts/new_path.py "Title of the path" [principle ids...]`.

Writes principles/_paths/<id>.yml with every field and a comment on each, lists its address
(/paths/<id>/) in principles/published.txt, and prints the next steps. Never overwrites a file.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path

from new_principle import folder_problem, id_problem, slugify

from playbook.core import (
    PATHS_FOLDER_NAME,
    PRINCIPLE_SUFFIXES,
    PageRenderer,
    create_file,
    list_address,
    path_address,
    read_manifest_text,
)

_ID = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new onboarding path from the template.")
    parser.add_argument("title", help='the path\'s title, in quotes: "First week"')
    parser.add_argument("steps", nargs="*", help="principle ids, in reading order (you can add them later)")
    parser.add_argument("--id", help="the id (and file name) to use instead of one made from the title")
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    arguments = parser.parse_args(argv)

    title = " ".join(arguments.title.split())
    path_id = arguments.id or slugify(title)
    problem = id_problem(arguments.title, path_id, "first-week")
    if problem:
        print(problem)
        return 2
    steps = arguments.steps or ["TODO-principle-id"]
    for step in arguments.steps:
        if not _ID.fullmatch(step):
            print(f"'{step}' is not a principle id; use the file name of a principle without .yml")
            return 2
    # Every check comes before the first write: a refusal leaves the repository as it was.
    problem = folder_problem(arguments.principles)
    if problem:
        print(problem)
        return 1
    folder = arguments.principles / PATHS_FOLDER_NAME
    if os.path.lexists(folder):
        problem = folder_problem(folder)
        if problem:
            print(problem)
            return 1
        names = {f"{path_id}{suffix}" for suffix in PRINCIPLE_SUFFIXES}
        for name in sorted(os.listdir(folder)):
            if name.lower() in names:
                print(
                    f"{(folder / name).as_posix()} already exists; not overwriting it. Choose another --id."
                )
                return 1
    manifest: Path = arguments.manifest
    manifest_text, problems = read_manifest_text(manifest, manifest.as_posix())
    if problems:
        print(f"{problems[0]} (nothing was written)")
        return 1
    address = path_address(path_id)
    text = PageRenderer().render(
        "new-path.yml.jinja", {"id": path_id, "title": title, "principle_ids": steps, "address": address}
    )

    path = folder / f"{path_id}.yml"
    try:
        if not os.path.lexists(folder):
            os.mkdir(folder)
        create_file(path, text)  # fails rather than overwrite, or write through a link
        list_address(manifest, manifest_text, address)
    except OSError as error:
        print(f"{error.filename or path.as_posix()}: {error.strerror or error}")
        return 1

    print(f"Created {path.as_posix()} (its page will be {address}).")
    print("Next steps:")
    print(f"  1. Open {path.as_posix()}: write the audience, the introduction and a note on each step.")
    print("  2. Check it: make validate")
    print(f"  3. Preview it: make serve, then open http://127.0.0.1:8000{address}")
    print(f"  4. Commit {path.as_posix()} and {manifest.as_posix()}, and open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
