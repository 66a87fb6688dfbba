"""Build the playbook with Zensical into site-zensical/: the Markdown export, `zensical build`, Pagefind.

    python scripts/build_zensical.py                       # site-zensical/, from mkdocs.yml
    python scripts/build_zensical.py --site-dir out --config-file other.yml --zensical path/to/zensical

Zensical runs no MkDocs plugin, so the playbook is first written as plain Markdown by
scripts/export_markdown.py (checked as `make validate` checks it: one line a problem, nothing built),
then built by `zensical build --strict` from its own environment (.venv-zensical, from
requirements-zensical.lock; `make build-zensical` creates it), then indexed by Pagefind as the plugin
indexes site/. All of it happens in a fresh folder beside the site, swapped in only when every step
succeeded, as `make build` does: a failure leaves the last good site as it was. Exit status: 1 on failure.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playbook.core.offline import write_service_worker
from playbook.core.search import SearchIndexError, index_site
from playbook.mkdocs.atomic_build import BuildFailed, build_beside, display, exit_status, run

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
"""Zensical's command, from its own environment (Zensical pins its own Markdown stack, without MkDocs)."""
EXPORT = ROOT / "scripts" / "export_markdown.py"


def build_with_zensical(config_file: Path, target: Path, zensical: Path) -> None:
    """Export, build and index into a folder beside `target`; swap it in only if all three succeeded."""
    if not zensical.is_file():
        raise BuildFailed(f"{zensical} is missing: `make build-zensical` creates .venv-zensical")

    def build(folder: Path) -> None:
        with tempfile.TemporaryDirectory(prefix=".zensical-export-", dir=folder.parent) as scratch:
            export = Path(scratch) / "export"
            if run([sys.executable, str(EXPORT), str(export), "--config-file", str(config_file)]) != 0:
                raise BuildFailed(f"the export failed; {display(target)} was left as it was")
            if run([str(zensical), "build", "--strict", "--config-file", str(export / "mkdocs.yml")]) != 0:
                raise BuildFailed(f"zensical build failed; {display(target)} was left as it was")
            for built in (export / "site").iterdir():
                built.rename(folder / built.name)
        try:
            index_site(folder)
        except SearchIndexError as error:
            raise BuildFailed(f"{error}; {display(target)} was left as it was") from None
        write_service_worker(folder)  # after Pagefind: the worker stores its files too

    build_beside(target, build)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=Path("site-zensical"), help="default: site-zensical")
    parser.add_argument("--config-file", type=Path, default=Path("mkdocs.yml"), help="default: mkdocs.yml")
    parser.add_argument(
        "--zensical", type=Path, default=ZENSICAL, help="default: .venv-zensical/bin/zensical"
    )
    arguments = parser.parse_args(argv)
    target = arguments.site_dir.absolute()

    def build() -> Path:
        build_with_zensical(arguments.config_file.absolute(), target, arguments.zensical)
        return target

    return exit_status(build, "The Zensical site is in")


if __name__ == "__main__":
    sys.exit(main())
