"""Cross-links, backlinks, tags, redirects and the published-address promise, on real builds."""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

from playbook.core.site.addresses import principle_url
from playbook.core.site.theme_text import typographic_quotes

from in_process import mkdocs_build
from support import page, principle_text, refused, rename, update_published, write_principle


def section_links(article: BeautifulSoup, section_id: str) -> dict[str, str]:
    heading = article.find(id=section_id)
    assert heading is not None, section_id
    return {a["href"]: a.get_text(strip=True) for a in heading.find_next("ul").find_all("a")}


def test_backlinks_are_on_both_ends_of_every_related_link(site: Path, principles) -> None:
    by_id = {principle.id: principle for principle in principles}
    pairs = [(principle, by_id[other_id]) for principle in principles for other_id in principle.related]
    assert pairs, "no principle names a related one: nothing to check"
    for principle, other in pairs:
        related = section_links(page(site, principle_url(principle.id)).article, "related")
        assert related[f"../{other.id}/"] == typographic_quotes(other.title)
        referenced_by = section_links(page(site, principle_url(other.id)).article, "referenced-by")
        assert referenced_by[f"../{principle.id}/"] == typographic_quotes(principle.title)


def test_references_in_docs_pages_become_links_but_not_backlinks(site: Path, principles) -> None:
    home = page(site, ".").article
    assert home.find("a", href="principles/lower-your-shields/#good-response") is not None
    assert home.find("a", href="principles/guide-dont-get/").get_text() == "guiding instead of pushing"
    assert "[[" not in home.get_text()
    # Referenced by lists principles and onboarding paths, never the site's own pages (home, contributing).
    for principle in principles:
        listed = page(site, principle_url(principle.id)).select(".playbook-referenced-by li a")
        assert listed, principle.id  # every principle here is related to by another or is a path's step
        hrefs = [link["href"] for link in listed]
        assert all(href.startswith(("../", "../../paths/")) for href in hrefs), hrefs
        assert not {"../../", "../../contributing/"} & set(hrefs), (principle.id, hrefs)


def test_every_tag_has_a_comparison_page(site: Path, principles) -> None:
    tags = sorted({tag for principle in principles for tag in principle.tags})
    overview = page(site, "tags").article
    for label in overview.select(".playbook-cell-label"):  # the names of a card's parts on a phone
        label.decompose()
    counts = {
        row.a["href"].removesuffix("/"): int(row.find_all("td")[-1].get_text())
        for row in overview.select("table tbody tr")
    }
    assert counts == {tag: sum(tag in p.tags for p in principles) for tag in tags}
    for tag in tags:
        table = page(site, f"tags/{tag}").article.table
        headers = [th.get_text(strip=True) for th in table.select("thead th")]
        assert headers == ["Principle", "Situation", "Don\u2019t say", "Say instead"]
        tagged = [p for p in principles if tag in p.tags]
        rows = table.select("tbody tr")
        assert [row.a["href"] for row in rows] == [f"../../principles/{p.id}/" for p in tagged]
        for row, principle in zip(rows, tagged, strict=True):
            bad, good = row.find_all("td")[2:]
            assert typographic_quotes(principle.bad_response.says).split()[1] in bad.get_text()
            assert typographic_quotes(principle.good_response.says).split()[1] in good.get_text()


def test_tags_on_a_principle_page_link_to_their_tag_pages(site: Path, principles) -> None:
    for principle in principles:
        chips = page(site, principle_url(principle.id)).article.select(".playbook-tags a")
        assert [a["href"] for a in chips] == [f"../../tags/{tag}/" for tag in principle.tags]


def test_previous_and_next_follow_index_order(site: Path, principles) -> None:
    index_order = [row.a["href"] for row in page(site, "principles").select("article table tbody tr")]
    assert index_order == [f"{p.id}/" for p in principles]
    for position, principle in enumerate(principles):
        pager = page(site, principle_url(principle.id)).select_one(".playbook-pager")
        previous = pager.find("a", rel="prev")
        following = pager.find("a", rel="next")
        if position == 0:
            assert previous is None
        else:
            assert previous["href"] == f"../{principles[position - 1].id}/"
        if position == len(principles) - 1:
            assert following is None
        else:
            assert following["href"] == f"../{principles[position + 1].id}/"


def test_the_index_can_be_read_by_tag(site: Path, principles) -> None:
    index = page(site, "principles").article
    for tag in {tag for p in principles for tag in p.tags}:
        heading = index.find(id=f"tag-{tag}")
        links = [a["href"] for a in heading.find_next("ul").find_all("a")]
        assert links == [f"{p.id}/" for p in principles if tag in p.tags]


def test_the_navigation_stays_a_fixed_handful(site: Path, principles) -> None:
    for url in [".", principle_url(principles[0].id), "tags/trust"]:
        items = page(site, url).select("nav.md-nav--primary > ul > li")
        assert [li.find(class_="md-nav__link").get_text(strip=True) for li in items] == [
            "Home",
            "Principles",
            "When the customer says\N{HORIZONTAL ELLIPSIS}",
            "Onboarding paths",
            "Tags",
            "Do / Don\N{RIGHT SINGLE QUOTATION MARK}t",  # page titles reach the theme as theme text
            "Practice",
            "Role-play cards",
            "Contributing",
        ]
        links = [a["href"] for a in page(site, url).select("nav.md-nav--primary a.md-nav__link[href]")]
        assert not any(principle.id in href for href in links for principle in principles), url
    home_links = [a["href"] for a in page(site, ".").select("nav.md-nav--primary a.md-nav__link[href]")]
    assert "principles/" in home_links


def test_a_renamed_principle_keeps_its_old_address_as_a_redirect(project: Path) -> None:
    rename(project, "lower-your-shields", "drop-your-defences")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert page(site, "principles/drop-your-defences").article.find(id="good-response") is not None
    redirect = page(site, "principles/lower-your-shields")
    assert (
        redirect.find("meta", attrs={"http-equiv": "refresh"})["content"] == "0; url=../drop-your-defences/"
    )
    assert redirect.find("link", rel="canonical")["href"] == "../drop-your-defences/"
    # The #section is kept by a script file (the page's policy runs no inline script), read before the refresh.
    assert [script.attrs for script in redirect.find_all("script")] == [
        {"src": "../../assets/playbook/redirect.js"}
    ]
    assert (site / "assets" / "playbook" / "redirect.js").is_file()


def test_a_removed_principle_without_an_alias_fails_with_the_fix(project: Path) -> None:
    removed = "guide-dont-get"
    (project / "principles" / f"{removed}.yml").unlink()
    for path in [*(project / "principles").glob("*.yml")]:
        path.write_text(path.read_text().replace(f", {removed}]", "]"))
    docs_index = project / "docs" / "index.md"
    docs_index.write_text(re.sub(r"\[\[guide-dont-get\|([^\]]+)\]\]", r"\1", docs_index.read_text()))
    manifest = (project / "principles" / "published.txt").read_text().splitlines()
    line = manifest.index(f"/principles/{removed}/") + 1

    site_marker = project / "site" / "marker"
    site_marker.parent.mkdir()
    site_marker.write_text("last good site")
    refused(
        mkdocs_build(project),
        f"principles/published.txt:{line}: published address /principles/{removed}/ would disappear; "
        f"if the principle was renamed, add 'aliases: [{removed}]' to the principle that replaces it, "
        "or, to retire the address on purpose, delete this line",
    )
    assert site_marker.read_text() == "last good site"


def test_an_unknown_reference_in_a_docs_page_fails_with_file_and_line(project: Path) -> None:
    guide = project / "docs" / "onboarding.md"
    guide.write_text("# Onboarding\n\nWeek one: [[lower-your-shields]].\nWeek two: [[guide-dont-gett]].\n")
    refused(
        mkdocs_build(project),
        "docs/onboarding.md:4: unknown principle 'guide-dont-gett'; did you mean 'guide-dont-get'?",
    )


def test_a_new_principle_must_be_listed_before_a_strict_build(project: Path) -> None:
    write_principle(project / "principles", "listen-first.yml", principle_text("listen-first"))
    refused(
        mkdocs_build(project),
        "principles/listen-first.yml:2: id: the address /principles/listen-first/ is not in "
        "principles/published.txt yet; run `make published` to add it",
    )
    assert mkdocs_build(project, strict=False).returncode == 0  # a preview build still works


def test_make_published_lists_new_addresses_and_keeps_old_ones(project: Path) -> None:
    write_principle(project / "principles", "listen-first.yml", principle_text("listen-first"))
    manifest = project / "principles" / "published.txt"
    manifest.write_text(manifest.read_text() + "/principles/retired-on-purpose-later/\n")
    before = manifest.read_text()
    result = update_published(project)
    assert result.returncode == 0, result.stderr
    assert "added /principles/listen-first/" in result.stdout
    after = manifest.read_text()
    assert after == before + "/principles/listen-first/\n"


def test_code_in_docs_pages_links_nothing(project: Path) -> None:
    (project / "docs" / "syntax.md").write_text(
        "# Syntax\n\nWrite `[x](principles/guide-dont-get.md)` or\n\n```\n[[lower-your-shields]]\n```\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Contributing: contributing.md\n",
            "  - Contributing: contributing.md\n  - Syntax: syntax.md\n",
        )
    )
    assert mkdocs_build(project).returncode == 0
    for principle_id in ["guide-dont-get", "lower-your-shields"]:
        backlinks = section_links(
            page(project / "site", f"principles/{principle_id}").article, "referenced-by"
        )
        assert "Syntax" not in backlinks.values()


def test_an_emoji_in_a_summary_keeps_the_front_matter_whole(project: Path) -> None:
    path = project / "principles" / "lower-your-shields.yml"
    text = path.read_text()
    summary = next(line for line in text.splitlines() if line.startswith("summary: "))
    path.write_text(
        text.replace(summary, 'summary: "🛡️ \\"Quoted\\" <b>When you are attacked, lower your shields."')
    )
    assert mkdocs_build(project).returncode == 0
    html = page(project / "site", "principles/lower-your-shields")
    assert html.find("meta", attrs={"name": "description"})["content"] == (
        "🛡️ \N{LEFT DOUBLE QUOTATION MARK}Quoted\N{RIGHT DOUBLE QUOTATION MARK} "
        "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}b\N{SINGLE RIGHT-POINTING ANGLE QUOTATION MARK}"
        "When you are attacked, lower your shields."
    )  # theme text (playbook/theme_values.py): the same raw, after striptags and escaped
    assert "description:" not in html.article.get_text()


def test_indented_code_links_nothing(project: Path) -> None:
    """An indented code block is code, as fenced code and code spans are: `[[id]]` in it is shown
    as written, whether the id is known or not, in a principle's field and in a docs page."""
    path = project / "principles" / "lower-your-shields.yml"
    code = "\n\n      [[unknown-id]] stays as written\n      [[guide-dont-get]] too\n"
    path.write_text(
        path.read_text().replace("story: |\n", "story: |\n  Write a reference like this:" + code + "\n", 1)
    )
    (project / "docs" / "syntax.md").write_text(
        "# Syntax\n\nLink a principle like this:\n\n    [[unknown-id]]\n    [[lower-your-shields]]\n"
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "  - Contributing: contributing.md\n",
            "  - Contributing: contributing.md\n  - Syntax: syntax.md\n",
        )
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    story = page(project / "site", "principles/lower-your-shields").article.find(id="story")
    code_block = story.find_next("pre")
    assert code_block.get_text() == "[[unknown-id]] stays as written\n[[guide-dont-get]] too\n"
    assert code_block.find("a") is None
    syntax = page(project / "site", "syntax").article.pre
    assert syntax.get_text() == "[[unknown-id]]\n[[lower-your-shields]]\n"
    assert syntax.find("a") is None
    backlinks = section_links(
        page(project / "site", "principles/lower-your-shields").article, "referenced-by"
    )
    assert "Syntax" not in backlinks.values()
