"""scripts/build_zensical.py's theme fixes for Zensical, tested without Zensical (the browser tests under
`make test-zensical` open the built site)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

from support import ROOT


def build_zensical():
    spec = importlib.util.spec_from_file_location("build_zensical", ROOT / "scripts" / "build_zensical.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_materials_search_box_styles_are_kept_inside_their_media_queries() -> None:
    css = (
        ".md-header{height:2.4rem}.md-search{position:relative}"
        "@media screen and (max-width:59.984375em){.md-nav{x:1}.md-search__inner{position:fixed}}"
        "@media print{.md-header{display:none}}"
        "[data-md-toggle=search]:checked~.md-header .md-search__inner{width:100%}"
        ".md-search-result__link{color:red}"
    )
    assert build_zensical().material_search_css(css) == (
        ".md-search{position:relative}"
        "@media screen and (max-width:59.984375em){.md-search__inner{position:fixed}}"
        "[data-md-toggle=search]:checked~.md-header .md-search__inner{width:100%}"
        ".md-search-result__link{color:red}"
    )


def test_the_export_gets_materials_look_and_its_search_box(tmp_path: Path) -> None:
    """Zensical's classic variant is Material's look; its theme has no styles for Material's search box,
    which the playbook's search fills, so they come from the installed Material, the phone's included."""
    module = build_zensical()
    (tmp_path / "docs" / "assets" / "playbook").mkdir(parents=True)
    (tmp_path / "mkdocs.yml").write_text("site_name: x\ntheme:\n  name: material\n", encoding="utf-8")
    module.classic_material_look(tmp_path)
    config = yaml.safe_load((tmp_path / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"] == {"name": "material", "variant": "classic"}
    assert config["extra_css"] == [module.SEARCH_CSS]
    css = (tmp_path / "docs" / module.SEARCH_CSS).read_text(encoding="utf-8")
    assert "[data-md-toggle=search]:checked~.md-header .md-search__inner{" in css
    assert css.endswith(module.PHONE_SEARCH)
