"""Published addresses of view parts (core/site/pages.py part_redirects): `make published` lists the parts a
split playbook has, and a listed part that is no longer generated (its view merged back below the page
limit, or its tag used no more) serves a redirect to the nearest page of its view, in both URL styles."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core.site import addresses
from playbook.core.site import pages as planned
from playbook.core.site.assemble import Playbook, load_playbook
from playbook.core.site.page_parts import estimated_bytes

from in_process import mkdocs_build, run_script_main
from link_check import broken_links
from support import HIDES_A_PAGE, copy_project, refused, set_plugin_option

LIMIT = 3_000
"""Low enough that every view splits by tag and by id prefix (as in test_page_parts.py)."""
SPLIT_BY_TAG_ONLY = "trust"
"""The tag whose Do / Don't part is kept whole in `tag_fits` below."""


def set_limit(project: Path, limit: int) -> None:
    config = project / "mkdocs.yml"
    text, count = re.subn(r"page_limit_bytes: \d+", f"page_limit_bytes: {limit}", config.read_text())
    assert count == 1
    config.write_text(text)


def listed(project: Path) -> list[str]:
    lines = (project / "principles/published.txt").read_text().splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def redirect_target(site: Path, file: str) -> str | None:
    """Where the page at `file` forwards to (its canonical link), or None for an ordinary page."""
    html = BeautifulSoup((site / file).read_text(), "html.parser")
    refresh = html.select_one('meta[http-equiv="refresh"]')
    return None if refresh is None else html.select_one('link[rel="canonical"]')["href"]


def playbook_of(project: Path) -> Playbook:
    folder = project / "principles"
    return load_playbook(folder, project / "docs", folder / "published.txt", root=project, strict=True)


def tag_fits(project: Path) -> int:
    """A limit at which Do / Don't splits by tag, and the trust tag's part holds all its principles."""
    playbook = playbook_of(project)
    trusted = playbook.tags[SPLIT_BY_TAG_ONLY]
    limit = estimated_bytes(trusted, planned._do_dont_text)
    assert estimated_bytes(playbook.principles, planned._do_dont_text) > limit
    return limit


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Today's playbook split at LIMIT, its parts listed by `make published`."""
    project = copy_project(tmp_path_factory.mktemp("published-parts"))
    set_plugin_option(project, "page_limit_bytes", LIMIT)
    result = run_script_main("update_published.py", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def test_make_published_lists_the_parts_of_todays_split(published: Path) -> None:
    lines = listed(published)
    for address in ("/do-dont/trust/", "/do-dont/trust/g/", "/principles/index/g/gu/gua/", "/tags/trust/g/"):
        assert address in lines
    assert "/do-dont/" not in lines and "/tags/trust/" not in lines  # a view's own page is not a part
    again = run_script_main("update_published.py", "--check", cwd=published)
    assert again.returncode == 0, again.stderr


def test_a_published_part_that_grows_stays_a_page(published: Path) -> None:
    plan = planned.site_plan(playbook_of(published), True, LIMIT // 3)
    assert [redirect for redirect in plan.redirects if redirect.part] == []
    assert plan.lost_parts == []


def test_merged_parts_forward_to_their_nearest_page(published: Path, tmp_path: Path) -> None:
    project = tmp_path / "merged"
    shutil.copytree(published, project)
    set_limit(project, tag_fits(project))
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert redirect_target(site, "do-dont/trust/index.html") is None  # still a page at this limit
    assert redirect_target(site, "do-dont/trust/g/index.html") == "../"
    assert "These principles are now on" in (site / "do-dont/trust/g/index.html").read_text()
    assert redirect_target(site, "principles/index/g/gu/gua/index.html") == "../../"  # principles/index/g/
    assert broken_links(site) == []

    set_limit(project, 10**9)
    assert mkdocs_build(project).returncode == 0
    assert redirect_target(site, "do-dont/trust/index.html") == "../"
    assert redirect_target(site, "do-dont/trust/g/index.html") == "../../"
    assert redirect_target(site, "tags/trust/g/index.html") == "../"
    assert broken_links(site) == []

    flat = tmp_path / "flat"
    shutil.copytree(project, flat, ignore=shutil.ignore_patterns("site"))
    config = flat / "mkdocs.yml"
    config.write_text(config.read_text() + "use_directory_urls: false\n")
    assert mkdocs_build(flat).returncode == 0
    assert redirect_target(flat / "site", "do-dont/trust.html") == "../do-dont.html"
    assert redirect_target(flat / "site", "do-dont/trust/g.html") == "../../do-dont.html"
    assert broken_links(flat / "site") == []


def untag(project: Path, tag: str) -> None:
    for source in (project / "principles").glob("*.yml"):
        text = source.read_text()
        if source.name.startswith("_") or not re.search(rf"^tags: \[.*\b{tag}\b", text, re.M):
            continue
        source.write_text(re.sub(rf"^(tags: \[.*?)(, {tag}\b|\b{tag}, )", r"\1", text, flags=re.M))


def test_a_removed_tags_part_forwards_to_the_view(published: Path, tmp_path: Path) -> None:
    project = tmp_path / "untagged"
    shutil.copytree(published, project)
    untag(project, SPLIT_BY_TAG_ONLY)
    manifest = project / "principles/published.txt"
    line = manifest.read_text().splitlines().index("/tags/trust/g/") + 1
    # A tag page's part has no page of its view left: the address would stop working.
    refused(
        mkdocs_build(project),
        f"principles/published.txt:{line}: published address /tags/trust/g/ would disappear: no view it "
        "was a part of is generated now (its tag is used by no principle); tag a principle with it again, "
        "or, to retire the address on purpose, delete this line",
    )
    manifest.write_text(
        "".join(line for line in manifest.read_text().splitlines(True) if "/tags/trust/" not in line)
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr + result.stdout
    site = project / "site"
    assert redirect_target(site, "do-dont/trust/index.html") == "../"
    assert redirect_target(site, "do-dont/trust/g/index.html") == "../../"
    title = BeautifulSoup((site / "do-dont/trust/index.html").read_text(), "html.parser").title
    assert title is not None and title.string == "Moved: Do / Don't"
    assert broken_links(site) == []


def test_make_validate_splits_where_the_build_does(published: Path, tmp_path: Path) -> None:
    """A docs file where a part is generated at the site's limit (only there) is refused by validate too."""
    project = tmp_path / "validate"
    shutil.copytree(published, project)
    (project / "docs/do-dont/trust").mkdir(parents=True)
    (project / "docs/do-dont/trust/g.md").write_text("# Mine\n")
    refused(
        run_script_main("validate.py", cwd=project),
        f"docs/do-dont/trust/g.md:1:1: {HIDES_A_PAGE}",
    )


def test_part_addresses_are_recognised_by_shape() -> None:
    assert addresses.published_kind("/do-dont/trust/g/") == ("part", "do-dont/trust/g.md")
    assert addresses.published_kind("/principles/index/g/gu/") == ("part", "principles/index/g/gu.md")
    assert addresses.published_kind("/tags/trust/_index/") == ("part", "tags/trust/_index.md")
    assert addresses.published_kind("/practice/role-play/trust/") == ("part", "practice/role-play/trust.md")
    assert addresses.published_kind("/practice/role-play/") == ("page", "practice/role-play.md")
    assert addresses.published_kind("/tags/trust/") is None
    assert addresses.published_kind("/do-dont/") is None
    assert addresses.view_ancestor_src_uris("tags/trust/g/gu.md") == [
        "tags/trust/g.md",
        "tags/trust.md",
        "tags.md",
    ]
