"""Start a new principle from the template: `python scripts/new_principle.py "Title of the principle"`.

Writes principles/<id>.yml with every field and a comment explaining it, lists the new address in
principles/published.txt, and prints the next steps. Never overwrites an existing file.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
import stat
import sys
import unicodedata
from pathlib import Path

from playbook.core import (
    PRINCIPLE_SUFFIXES,
    RESERVED_IDS,
    WINDOWS_DEVICE_NAMES,
    PageRenderer,
    create_file,
    list_address,
    principle_address,
    read_manifest_text,
    windows_name_message,
)


def slugify(title: str) -> str:
    """`Don't "Get" Customers!` -> `dont-get-customers`: the id and the address of the page."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    return "-".join(words)[:80].strip("-")


def folder_problem(folder: Path) -> str | None:
    """Why the principles folder cannot take a new file: missing, a link, or not a folder."""
    try:
        mode = os.lstat(folder).st_mode
    except OSError as error:
        return f"{folder.as_posix()}: {error.strerror}; run this from the repository's root folder"
    if stat.S_ISLNK(mode):
        return f"{folder.as_posix()} is a symbolic link; the playbook never writes through one"
    if not stat.S_ISDIR(mode):
        return f"{folder.as_posix()} is not a folder"
    return None


def id_problem(title: str, candidate: str, example: str) -> str | None:
    """Why `candidate` (made from `title`, or given with --id) cannot be a principle's or a path's id and
    file name, or None. `example` is an id to show with --id."""
    if not title.split() or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", candidate):
        return f"cannot make an id from {title!r}; give one with --id, e.g. --id {example}"
    if candidate in RESERVED_IDS:
        return f"'{candidate}' is reserved for the site's own pages; choose another with --id"
    if candidate in WINDOWS_DEVICE_NAMES:
        return f"{windows_name_message(candidate)} with --id"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new principle from the template.")
    parser.add_argument("title", help='the principle\'s title, in quotes: "Lower your shields"')
    parser.add_argument("--id", help="the id (and file name) to use instead of one made from the title")
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    arguments = parser.parse_args(argv)

    title = " ".join(arguments.title.split())
    principle_id = arguments.id or slugify(title)
    problem = id_problem(arguments.title, principle_id, "lower-your-shields")
    if problem:
        print(problem)
        return 2
    # Every check comes before the first write: a refusal leaves the repository as it was.
    folder: Path = arguments.principles
    problem = folder_problem(folder)
    if problem:
        print(problem)
        return 1
    names = {f"{principle_id}{suffix}" for suffix in PRINCIPLE_SUFFIXES}
    for name in sorted(os.listdir(folder)):
        if name.lower() in names:
            existing = (folder / name).as_posix()
            print(f"{existing} already exists; not overwriting it. Choose another title or --id.")
            return 1
    manifest: Path = arguments.manifest
    manifest_text, problems = read_manifest_text(manifest, manifest.as_posix())
    if problems:
        print(f"{problems[0]} (nothing was written)")
        return 1
    address = principle_address(principle_id)
    text = PageRenderer().render(
        "new-principle.yml.jinja",
        {"id": principle_id, "title": title, "today": datetime.date.today(), "address": address},
    )

    path = folder / f"{principle_id}.yml"
    try:
        create_file(path, text)  # fails rather than overwrite, or write through a link, even in a race
        list_address(manifest, manifest_text, address)
    except OSError as error:
        print(f"{error.filename or path.as_posix()}: {error.strerror or error}")
        return 1

    print(f"Created {path.as_posix()} (its page will be {address}).")
    print("Next steps:")
    print(f"  1. Open {path.as_posix()} and fill in every field; the comments explain each one.")
    print(f"  2. Check it: make validate   (or: .venv/bin/python scripts/validate.py {path.as_posix()})")
    print(f"  3. Preview it: make serve, then open http://127.0.0.1:8000{address}")
    print(f"  4. Commit {path.as_posix()} and {manifest.as_posix()}, and open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
