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

import yaml

from playbook.core import SearchIndexError, index_site, write_service_worker
from playbook.mkdocs.atomic_build import BuildFailed, build_beside, display, exit_status, run

ROOT = Path(__file__).resolve().parent.parent
ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
"""Zensical's command, from its own environment (Zensical pins its own Markdown stack, without MkDocs)."""
EXPORT = ROOT / "scripts" / "export_markdown.py"


SEARCH_CSS = "assets/playbook/zensical-search.css"
"""Material's styles for its search box, for Zensical's theme (`material_search_css`)."""
PHONE_SEARCH = "@media screen and (max-width:59.984375em){.md-search{display:block}}"
"""Zensical hides the box on phones for its own search button; the playbook's header opens it."""


def material_search_css(css: str) -> str:
    """The rules of Material's stylesheet `css` (minified) that style its search box, inside their
    media queries. The playbook's search (assets/search.js) fills Material's own search box; Zensical's
    theme, built for a search dialog of its own, has no styles for that box."""
    kept: list[str] = []
    position = 0
    while (opening := css.find("{", position)) != -1:
        prelude = css[position:opening].strip()
        depth, end = 1, opening + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        body = css[opening + 1 : end - 1]
        if prelude.startswith(("@media", "@supports")):
            inner = material_search_css(body)
            if inner:
                kept.append(f"{prelude}{{{inner}}}")
        elif "md-search" in prelude:
            kept.append(f"{prelude}{{{body}}}")
        position = end
    return "".join(kept)


def classic_material_look(export: Path) -> None:
    """Zensical's `classic` variant (Material's look, as site/ has it) and Material's search box styles
    in the exported site's configuration."""
    import material  # in this environment: the MkDocs site's own theme

    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    css = next(stylesheets.glob("main.*.min.css")).read_text(encoding="utf-8")
    (export / "docs" / SEARCH_CSS).write_text(material_search_css(css) + PHONE_SEARCH, encoding="utf-8")
    config_file = export / "mkdocs.yml"
    config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
    config["theme"]["variant"] = "classic"
    config["extra_css"] = [*config.get("extra_css", []), SEARCH_CSS]
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_with_zensical(config_file: Path, target: Path, zensical: Path) -> None:
    """Export, build and index into a folder beside `target`; swap it in only if all three succeeded."""
    if not zensical.is_file():
        raise BuildFailed(f"{zensical} is missing: `make build-zensical` creates .venv-zensical")

    def build(folder: Path) -> None:
        with tempfile.TemporaryDirectory(prefix=".zensical-export-", dir=folder.parent) as scratch:
            export = Path(scratch) / "export"
            if run([sys.executable, str(EXPORT), str(export), "--config-file", str(config_file)]) != 0:
                raise BuildFailed(f"the export failed; {display(target)} was left as it was")
            classic_material_look(export)
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
