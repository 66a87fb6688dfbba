"""The home page's finder (core/site/finder.py, templates/finder.md.jinja) and /customer-says/ by objection
family (core/site/customer_says.py): the lines come from the playbook, in the site and in the Markdown export."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from playbook.core.formats.tag_vocabulary import read_tag_vocabulary
from playbook.core.site.customer_says import (
    FINDER_LINES_PER_FAMILY,
    FINDER_LINES_PER_PRINCIPLE,
    common_lines,
    same_line_key,
)

from support import ROOT, page, run_mkdocs, run_script

LABELS = {tag: declared.label for tag, declared in read_tag_vocabulary(ROOT / "principles", ROOT)[0].items()}


def finder_lines(home: BeautifulSoup) -> list[tuple[str, str, str]]:
    """(family label, line, link) for each line of the home page's finder, in page order."""
    finder = home.select_one("article .playbook-finder")
    assert finder is not None, "the home page has no finder"
    return [
        (next(family.h2.stripped_strings), link.get_text(strip=True), link["href"])
        for family in finder.select(".playbook-finder__family")
        for link in family.select("li a")
    ]


def expected_finder(principles) -> list[tuple[str, str, str]]:
    """The rule, written out: each principle's first two lines under its first tag, at most four a
    family, families by tag slug (the vocabulary's order), principles by title."""
    by_tag: dict[str, list[tuple[str, str, str]]] = {}
    for principle in sorted(principles, key=lambda principle: principle.title.casefold()):
        family = by_tag.setdefault(principle.tags[0], [])
        for line in principle.customer_says[:2]:
            if len(family) < 4:
                family.append((LABELS[principle.tags[0]], line, f"principles/{principle.id}/#good-response"))
    return [line for tag in sorted(by_tag) for line in by_tag[tag]]


def readable(lines: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Lines compared as a reader would: straight or curly quotes alike."""
    return [(label, same_line_key(line), link) for label, line, link in lines]


def test_the_home_page_finder_has_the_most_common_lines_by_family(site: Path, principles) -> None:
    home = page(site, "")
    shown = finder_lines(home)
    assert len(shown) >= 6
    assert readable(shown) == readable(expected_finder(principles))
    for label, _, link in shown:
        assert label in LABELS.values()
        target = page(site, link.split("#")[0])
        assert target.find(id="good-response") is not None, link
    field = home.select_one("article .playbook-finder input.playbook-finder__field[type=search]")
    assert field is not None
    assert field.find_parent("label").get_text(strip=True) == "What did the customer say?"
    # The finder comes first: before any other heading or text of the page but its title.
    article = home.select_one("article")
    first = article.find(["h2", "p", "ul"])
    assert first.find_parent(class_="playbook-finder") is not None


def test_only_the_page_with_the_finder_loads_its_script(site: Path) -> None:
    def scripts(url: str) -> list[str]:
        return [tag["src"] for tag in page(site, url).select("script[src]")]

    assert any(src.endswith("assets/playbook/finder.js") for src in scripts(""))
    for url in ["customer-says", "contributing", "principles", "principles/lower-your-shields"]:
        assert not any(src.endswith("finder.js") for src in scripts(url)), url
    styles = [tag["href"] for tag in page(site, "customer-says").select("link[rel=stylesheet]")]
    assert any(href.endswith("assets/playbook/finder.css") for href in styles)


def test_the_rule_caps_each_principle_and_family_and_shows_a_line_once(principles) -> None:
    first = principles[0]
    crowd = [
        dataclasses.replace(first, id=f"{first.id}-{number}", title=f"{first.title} {number}",
                            customer_says=(f"Line {number}a.", f"Line {number}b.", f"Line {number}c."))
        for number in range(3)
    ] + [dataclasses.replace(first, id="copy", title="Zz copy", tags=("zzz",),
                             customer_says=("line 0A.", "Fresh line."))]  # fmt: skip
    families = common_lines(crowd, {**LABELS, "zzz": "Last"})
    assert [family.tag for family in families] == [first.tags[0], "zzz"]
    assert [line.text for line in families[0].lines] == ["Line 0a.", "Line 0b.", "Line 1a.", "Line 1b."]
    assert len(families[0].lines) == FINDER_LINES_PER_FAMILY == 2 * FINDER_LINES_PER_PRINCIPLE
    assert [line.text for line in families[1].lines] == ["Fresh line."]  # "line 0A." was shown already
    assert common_lines(crowd, {**LABELS, "zzz": "Last"}) == families


def test_customer_says_is_grouped_by_family_and_keeps_its_a_to_z_index(site: Path, principles) -> None:
    article = page(site, "customer-says").select_one("article")
    tags = sorted({tag for principle in principles for tag in principle.tags})
    headings = [heading["id"] for heading in article.select("h2[id]")]
    assert headings == [f"tag-{tag}" for tag in tags] + ["a-to-z"]
    jumps = [link["href"] for link in article.select(".playbook-customer-families a")]
    assert jumps == [f"#{heading}" for heading in headings]
    for tag in tags:
        heading = article.find(id=f"tag-{tag}")
        assert heading.get_text(strip=True).startswith(LABELS[tag])
        links = {
            (same_line_key(link.get_text(strip=True)), link["href"])
            for link in heading.find_next_sibling(class_="playbook-customer-family").select("a")
        }
        assert links == {
            (same_line_key(line), f"../principles/{principle.id}/#good-response")
            for principle in principles
            if tag in principle.tags
            for line in principle.customer_says
        }, tag
    index = article.find(id="a-to-z").find_next_sibling(class_="playbook-customer-lines")
    texts = [same_line_key(item.get_text(strip=True)) for item in index.select("li a")]
    assert texts == sorted(texts, key=lambda text: text.lstrip("\"'"))
    assert len(texts) == sum(len(principle.customer_says) for principle in principles)


@pytest.fixture(scope="module")
def exported_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "playbook"
    result = run_script("export_markdown.py", str(out), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    built = run_mkdocs(out, "build", "--strict")
    assert built.returncode == 0, built.stderr
    return out / "site"


def test_the_export_has_the_same_finder(site: Path, exported_site: Path) -> None:
    exported = page(exported_site, "")
    assert finder_lines(exported) == finder_lines(page(site, ""))
    assert exported.select_one("article input.playbook-finder__field") is not None
    assert "playbook:finder" not in (exported_site.parent / "docs" / "index.md").read_text(encoding="utf-8")
