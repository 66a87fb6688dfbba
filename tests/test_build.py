"""The real site, built by the real `mkdocs build --strict` with the real plugin."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from playbook.core.formats.tag_vocabulary import read_tag_vocabulary
from playbook.core.site.addresses import principle_url
from playbook.core.site.theme_text import typographic_quotes

from in_process import mkdocs_build
from support import (
    HIDES_A_PAGE,
    ROOT,
    page,
    principle_count,
    principle_text,
    refused,
    run_mkdocs,
    write_principle,
)

VOCABULARY = read_tag_vocabulary(ROOT / "principles", ROOT)[0]

SECTION_IDS = ["story", "situation", "bad-response", "good-response", "takeaways", "source"]
NO_DOUBLE_QUOTES = str.maketrans("", "", '"\N{LEFT DOUBLE QUOTATION MARK}\N{RIGHT DOUBLE QUOTATION MARK}')


def text_of(markdown: str) -> str:
    """Markdown field -> the words a reader sees (typographic quotes), for comparing with rendered text."""
    return " ".join(typographic_quotes(markdown.replace("*", "")).translate(NO_DOUBLE_QUOTES).split())


def visible(element: BeautifulSoup) -> str:
    return (
        " ".join(element.get_text(" ").translate(NO_DOUBLE_QUOTES).split())
        .replace(" ,", ",")
        .replace(" .", ".")
    )


def test_every_principle_has_a_page_with_its_responses_and_source(site: Path, principles) -> None:
    for principle in principles:
        article = page(site, principle_url(principle.id)).select_one("article")
        assert article.h1.get_text(strip=True).startswith(typographic_quotes(principle.title))
        bad = article.select_one(".playbook-response--bad")
        good = article.select_one(".playbook-response--good")
        assert text_of(principle.bad_response.says) in visible(bad)
        assert text_of(principle.bad_response.why) in visible(bad)
        assert text_of(principle.good_response.says) in visible(good)
        assert text_of(principle.good_response.why) in visible(good)
        source = article.select_one(".playbook-source")
        assert typographic_quotes(principle.source.title) in source.get_text()
        if principle.source.url:
            assert source.find("a", href=principle.source.url) is not None
        for takeaway in principle.takeaways:
            assert typographic_quotes(takeaway) in article.select_one("#takeaways").find_next("ul").get_text()


def test_bad_and_good_responses_sit_side_by_side_in_one_comparison(site: Path, principles) -> None:
    article = page(site, principle_url(principles[0].id)).select_one("article")
    comparison = article.select_one(".playbook-responses")
    columns = comparison.find_all("div", recursive=False)
    assert [column["class"][-1] for column in columns] == [
        "playbook-response--bad",
        "playbook-response--good",
    ]
    stylesheet = (site / "assets/playbook/playbook.css").read_text()
    assert "grid-template-columns: repeat(2" in stylesheet


def test_sections_carry_the_fixed_anchors(site: Path, principles) -> None:
    for principle in principles:
        article = page(site, principle_url(principle.id)).select_one("article")
        for section_id in SECTION_IDS:
            assert article.find(id=section_id) is not None, (principle.id, section_id)


def test_related_principles_link_to_their_pages(site: Path, principles) -> None:
    by_id = {principle.id: principle for principle in principles}
    for principle in principles:
        related = page(site, principle_url(principle.id)).select_one("#related").find_next("ul")
        links = {a["href"]: a.get_text(strip=True) for a in related.find_all("a")}
        assert links == {
            f"../{other}/": typographic_quotes(by_id[other].title) for other in principle.related
        }


def test_index_lists_every_principle_with_summary_and_tags(site: Path, principles) -> None:
    rows = page(site, "principles").select("article table tbody tr")
    assert len(rows) == len(principles) == principle_count()
    for row, principle in zip(rows, principles, strict=True):
        title, summary, tags = row.find_all("td")
        assert title.a["href"] == f"{principle.id}/"
        assert title.get_text(strip=True) == typographic_quotes(principle.title)
        assert summary.get_text(strip=True) == typographic_quotes(principle.summary)
        links = tags.find_all("a")
        assert [a["href"] for a in links] == [f"../tags/{tag}/" for tag in principle.tags]
        assert [a.get_text() for a in links] == [VOCABULARY[tag].label for tag in principle.tags]


def test_pages_load_nothing_from_other_hosts(site: Path, principles) -> None:
    for url in [".", "principles", principle_url(principles[0].id)]:
        html = page(site, url)
        loaded = [
            element[attribute]
            for tag, attribute in [("link", "href"), ("script", "src"), ("img", "src")]
            for element in html.find_all(tag)
            if element.get(attribute)
        ]
        assert loaded, url  # the page loads its stylesheets and scripts: they are what is checked
        assert [address for address in loaded if address.startswith(("http:", "https:", "//"))] == [], url


def test_a_build_writes_into_the_site_only_never_into_the_sources(project: Path) -> None:
    sources = {name: snapshot(project / name) for name in ("docs", "principles")}
    config = (project / "mkdocs.yml").read_bytes()
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    assert page(project / "site", "principles/guide-dont-get").find(id="good-response") is not None
    assert {name: snapshot(project / name) for name in ("docs", "principles")} == sources
    assert (project / "mkdocs.yml").read_bytes() == config
    assert not (project / "docs" / "principles").exists()


def test_a_broken_principle_fails_the_build_and_leaves_the_last_site_untouched(project: Path) -> None:
    site_dir = project / "site"
    first = mkdocs_build(project)
    assert first.returncode == 0, first.stderr
    before = snapshot(site_dir)

    broken = project / "principles" / "guide-dont-get.yml"
    broken_before = broken.read_bytes()
    broken.write_text(broken.read_text().replace("bad_response:", "bad_respnse:", 1))
    result = run_mkdocs(project, "build", "--strict")

    line = next(
        number
        for number, text in enumerate(broken.read_text().splitlines(), 1)
        if text.startswith("bad_respnse:")
    )
    refused(
        result,
        f"principles/guide-dont-get.yml:{line}: bad_respnse: unknown field; did you mean 'bad_response'?",
    )
    assert snapshot(site_dir) == before
    assert broken.read_bytes() != broken_before  # our edit, not rewritten back by the build


def test_every_error_of_every_file_is_printed_in_one_build(project: Path) -> None:
    folder = project / "principles"
    write_principle(folder, "aaa.yml", principle_text("aaa", **{"tags: [listening]": "tags: 3"}))
    write_principle(folder, "bbb.yml", principle_text("bbb", **{"related: []": "related: [nope]"}))
    refused(
        mkdocs_build(project),
        "principles/aaa.yml:22: tags: expected a list, found text; write it as [a, b] or one '- item' per line",
        "principles/bbb.yml:23: related[0]: unknown principle 'nope'; check the id against the files in "
        "principles/",
        "2 problems in the playbook's sources; fix them and build again (the site was not rebuilt).",
    )


def test_a_site_can_override_the_page_templates(project: Path) -> None:
    overrides = project / "overrides"
    overrides.mkdir()
    shutil.copy(ROOT / "plugins/playbook/templates/principle.md.jinja", overrides)
    template = overrides / "principle.md.jinja"
    heading = "## Takeaways {#{{ anchors.takeaways }}}"
    assert heading in template.read_text()
    template.write_text(template.read_text().replace(heading, "## Remember {#{{ anchors.takeaways }}}"))
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace(
            "principles_dir: principles", "principles_dir: principles\n      templates_dir: overrides"
        )
    )
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    heading = page(project / "site", "principles/guide-dont-get").find(id="takeaways")
    assert heading.get_text(strip=True).startswith("Remember")


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_hand_written_page_in_a_generated_place_fails_before_the_site_is_touched(project: Path) -> None:
    site_marker = project / "site" / "marker.txt"
    site_marker.parent.mkdir()
    site_marker.write_text("last good site")
    (project / "docs" / "principles").mkdir()
    (project / "docs" / "principles" / "index.md").write_text("# My own index\n")
    refused(run_mkdocs(project, "build", "--strict"), f"docs/principles/index.md:1: {HIDES_A_PAGE}")
    assert site_marker.read_text() == "last good site"


def test_no_banner_when_the_playbook_has_no_problems(site: Path, principles) -> None:
    for url in [".", principle_url(principles[0].id)]:
        assert page(site, url).select_one(".md-banner") is None


def test_code_in_a_field_shows_angle_brackets_as_written(project: Path) -> None:
    path = project / "principles" / "lower-your-shields.yml"
    path.write_text(
        path.read_text().replace("  harder. If you put", "  harder. Type `<b>` to shout. If you put", 1)
    )
    assert mkdocs_build(project).returncode == 0
    story = (
        page(project / "site", "principles/lower-your-shields").find(id="story").find_next("p").find_next("p")
    )
    assert story.code.get_text() == "<b>"
    assert story.find("b") is None
