"""Build the site with `mkdocs build --strict` and replace the site folder only if the build succeeded.

    python scripts/build_site.py                          # builds into site/ (mkdocs.yml's site_dir)
    python scripts/build_site.py --site-dir public --config-file other.yml

MkDocs builds into a fresh `.site-build-*` folder beside the site folder; a build that succeeds is
swapped in whole, and any failure (a problem in a principle, a strict-mode warning, a plugin error, a
full disk, a killed build) leaves the last good site exactly as it was. Exit status: 1 on failure.
"""

from __future__ import annotations

import argparse
import sys

from playbook.mkdocs.atomic_build import build_site, exit_status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", help="where the site goes (default: site_dir in mkdocs.yml, or site)")
    parser.add_argument("--config-file", help="the MkDocs configuration (default: mkdocs.yml)")
    arguments = parser.parse_args(argv)
    return exit_status(lambda: build_site(arguments.config_file, arguments.site_dir), "The new site is in")


if __name__ == "__main__":
    sys.exit(main())
