"""Each principle, tag and path page links to its drill (`/practice/?principle=`, `?tag=`, `?path=`,
the keys practice.js reads), and a principle page no longer asks its question right under its answer."""

from __future__ import annotations

from pathlib import Path

from playbook.core.site.addresses import PageLinks, principle_url

from support import page


def test_drill_links_are_markdown_links_with_the_query_practice_js_reads() -> None:
    assert PageLinks("principles/x.md").drill(principle_id="x") == "../practice.md?principle=x"
    assert PageLinks("tags/trust.md").drill(tag="trust") == "../practice.md?tag=trust"
    assert PageLinks("paths/first-week.md").drill(path_id="first-week") == "../practice.md?path=first-week"
    assert PageLinks("index.md").drill() == "practice.md"


def test_a_principle_page_links_to_its_drill_and_gives_no_answer_away(site: Path, principles) -> None:
    for principle in principles:
        article = page(site, principle_url(principle.id)).select_one("article")
        block = article.select_one("div.playbook-drill-link")
        assert block.select_one("h2#practise") is not None  # the published anchor stays
        links = [link["href"] for link in block.select("a[href]") if "headerlink" not in link["class"]]
        assert links == [f"../../practice/?principle={principle.id}"], principle.id
        assert block.get_text(" ", strip=True) == "Practise ¶ Drill this principle"
        assert not article.select("details, button.playbook-drill__choice, .playbook-drill")
        assert "practise.js" not in str(page(site, principle_url(principle.id)))


def test_tag_pages_link_to_their_drill(site: Path, principles) -> None:
    tags = {tag for principle in principles for tag in principle.tags}
    for tag in tags:
        link = page(site, f"tags/{tag}/").select_one("article a.playbook-drill-link")
        assert link is not None and link.get_text(strip=True) == "Drill this tag"
        assert link["href"] == f"../../practice/?tag={tag}"


def test_path_pages_link_to_their_drill(site: Path) -> None:
    link = page(site, "paths/first-week/").select_one("article .playbook-path-actions a")
    assert link.get_text(strip=True) == "Drill this path"
    assert link["href"] == "../../practice/?path=first-week"
