"""Start a new principle from the template: `python scripts/new_principle.py "Title of the principle"`.

Writes principles/<id>.yml with every field and a comment explaining it, lists the new address in
principles/published.txt, and prints the next steps. Never overwrites an existing file.
"""

from __future__ import annotations

import argparse
import datetime
import re
import sys
import unicodedata
from pathlib import Path

from playbook.loader import PRINCIPLE_SUFFIXES, RESERVED_IDS
from playbook.manifest import address_of
from playbook.render import PageRenderer


def slugify(title: str) -> str:
    """`Don't "Get" Customers!` -> `dont-get-customers`: the id and the address of the page."""
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_title.lower().replace("'", ""))
    return "-".join(words)[:80].strip("-")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a new principle from the template.")
    parser.add_argument("title", help='the principle\'s title, in quotes: "Lower your shields"')
    parser.add_argument("--id", help="the id (and file name) to use instead of one made from the title")
    parser.add_argument("--principles", type=Path, default=Path("principles"))
    parser.add_argument("--manifest", type=Path, default=Path("principles/published.txt"))
    arguments = parser.parse_args(argv)

    title = " ".join(arguments.title.split())
    principle_id = arguments.id or slugify(title)
    if not title or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", principle_id):
        print(f"cannot make an id from {arguments.title!r}; give one with --id, e.g. --id lower-your-shields")
        return 2
    if principle_id in RESERVED_IDS:
        print(f"'{principle_id}' is reserved for the site's own pages; choose another with --id")
        return 2
    for suffix in PRINCIPLE_SUFFIXES:
        existing = arguments.principles / f"{principle_id}{suffix}"
        if existing.exists():
            print(f"{existing.as_posix()} already exists; not overwriting it. Choose another title or --id.")
            return 1

    path = arguments.principles / f"{principle_id}.yml"
    text = PageRenderer().render(
        "new-principle.yml.jinja", {"id": principle_id, "title": title, "today": datetime.date.today()}
    )
    with path.open("x", encoding="utf-8") as file:  # "x": fail rather than overwrite, even in a race
        file.write(text)
    manifest = arguments.manifest
    address = address_of(principle_id)
    listed = manifest.read_text(encoding="utf-8").splitlines() if manifest.exists() else []
    if address not in listed:
        ends_cleanly = not manifest.exists() or manifest.read_bytes().endswith(b"\n") or not listed
        with manifest.open("a", encoding="utf-8") as file:
            file.write(f"{address}\n" if ends_cleanly else f"\n{address}\n")

    print(f"Created {path.as_posix()} (its page will be {address}).")
    print("Next steps:")
    print(f"  1. Open {path.as_posix()} and fill in every field; the comments explain each one.")
    print(f"  2. Check it: make validate   (or: .venv/bin/python scripts/validate.py {path.as_posix()})")
    print(f"  3. Preview it: make serve, then open http://127.0.0.1:8000{address}")
    print(f"  4. Commit {path.as_posix()} and {manifest.as_posix()}, and open a pull request.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
