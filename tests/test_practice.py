"""The drill's data and page in a real build: practice.json, the same data inside /practice/, its script's
size, and contributor text that can never close the data element or become markup."""

from __future__ import annotations

import gzip
import json
from importlib import resources
from pathlib import Path

from playbook.core.model.principle import Principle
from playbook.core.site.addresses import drill_data_uri, principle_url
from playbook.core.site.bundles import BUNDLES
from playbook.core.site.practice import DATA_ELEMENT_ID, embedded_json, plain_text
from playbook.core.site.theme_text import typographic_quotes

from in_process import mkdocs_build
from support import HIDES_A_PAGE, page, refused, set_plugin_option


def spaced(text: str) -> str:
    return " ".join(text.split())


def read_on_its_page(site: Path, principle: Principle) -> dict[str, str]:
    """The title, the situation, the good response's words and the bad response's reason as the principle's page shows
    them: rendered by the engine's Markdown, not by the drill's plain_text, so they can be what the drill's
    text is checked against."""
    soup = page(site, principle_url(principle.id))
    for permalink in soup.select("a.headerlink"):
        permalink.decompose()
    heading = soup.find(id="situation")
    assert heading is not None
    paragraphs = []
    for sibling in heading.find_next_siblings():
        if sibling.name != "p":
            break
        paragraphs.append(sibling.get_text())
    good_says = soup.select_one(".playbook-response--good .playbook-says")
    bad_why = soup.select_one(".playbook-response--bad .playbook-why")
    assert soup.h1 is not None and paragraphs and good_says is not None
    assert bad_why is not None and bad_why.strong is not None
    assert bad_why.strong.extract().get_text() == "Why it fails:"
    return {
        "title": spaced(soup.h1.get_text()),
        "situation": spaced(" ".join(paragraphs)),
        "good_says": spaced(good_says.get_text()),
        "bad_why": spaced(bad_why.get_text()),
    }


def test_practice_json_holds_every_principle_as_a_question(site: Path, principles: list[Principle]) -> None:
    data = json.loads((site / "practice.json").read_text())
    assert data["count"] == len(principles)
    assert [item["id"] for item in data["principles"]] == [principle.id for principle in principles]
    for item, principle in zip(data["principles"], principles, strict=True):
        on_page = read_on_its_page(site, principle)
        assert item["title"] == on_page["title"]
        assert item["url"] == f"principles/{principle.id}/"  # relative to practice.json, at the root
        assert item["good_response_url"] == f"principles/{principle.id}/#good-response"
        assert item["customer_says"] == [typographic_quotes(line) for line in principle.customer_says]
        assert spaced(item["situation"]) == on_page["situation"]
        assert spaced(item["good_response"]["says"]) == on_page["good_says"]
        assert spaced(item["bad_response"]["why"]) == on_page["bad_why"]
        assert "**" not in json.dumps(item)  # emphasis marks are not read aloud
        assert item["tags"] == list(principle.tags)
        assert (site / item["url"] / "index.html").is_file()
    used = {tag for principle in principles for tag in principle.tags}
    assert set(data["tags"]) == used and all(tag["label"] for tag in data["tags"].values())
    for path in data["paths"]:
        assert path["title"] and set(path["steps"]) <= {principle.id for principle in principles}


def drill_file(site: Path, name: str) -> object:
    return json.loads((site / drill_data_uri(name)).read_text())


def test_the_drills_data_is_split_by_scope(site: Path, principles: list[Principle]) -> None:
    """An index (every id, tags and paths with counts), the ids of each tag and path, one file per
    question equal to its practice.json entry: a drill fetches only what it asks."""
    exported = json.loads((site / "practice.json").read_text())
    index = drill_file(site, "index.json")
    assert index["ids"] == [principle.id for principle in principles] and index["count"] == len(principles)
    for slug, tag in index["tags"].items():
        ids = drill_file(site, f"tag/{slug}.json")["ids"]
        assert ids == [principle.id for principle in principles if slug in principle.tags]
        assert tag == {"label": exported["tags"][slug]["label"], "count": len(ids)}
    for path in index["paths"]:
        steps = next(item["steps"] for item in exported["paths"] if item["id"] == path["id"])
        assert drill_file(site, f"path/{path['id']}.json")["ids"] == steps
        assert path["count"] == len(steps)
    for item in exported["principles"]:
        assert drill_file(site, f"principle/{item['id']}.json") == item


def test_a_small_playbooks_page_carries_every_drill_file(site: Path) -> None:
    """Under EMBED_BYTES, /practice/ holds the split files in its own element, so a saved copy drills."""
    html = page(site, "practice/")
    element = html.find("script", id=DATA_ELEMENT_ID)
    assert element is not None and element["type"] == "application/json"
    assert element.find_parent("head") is not None  # outside what search and the payload checks read
    assert len(html.select(f"#{DATA_ELEMENT_ID}")) == 1  # the theme's; the plugin adds none of its own
    embedded = json.loads(element.string)["files"]
    folder = site / drill_data_uri("")
    on_disk = {str(file.relative_to(folder)): json.loads(file.read_text()) for file in folder.rglob("*.json")}
    assert embedded == on_disk and len(on_disk) > 1
    # In the navigation, left out of search, the script served and linked.
    home = page(site, "")
    assert [link.get_text(strip=True) for link in home.select("nav a[href='practice/']")] == ["Practice"]
    assert html.find(attrs={"data-pagefind-body": True}) is None
    assert html.find("script", src=lambda src: src and src.endswith("assets/playbook/practice.js"))


def test_past_the_embed_size_the_page_carries_no_drill_data(project: Path) -> None:
    set_plugin_option(project, "drill_embed_bytes", 1000)
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    site = project / "site"
    assert page(site, "practice/").find("script", id=DATA_ELEMENT_ID) is None
    assert drill_file(site, "index.json")["count"] > 0


def test_the_drills_scripts_are_small_and_only_on_its_page(site: Path) -> None:
    """What /practice/ loads beyond a plain page (the practice.js bundle: spaced-review.js and
    practice.js), with site.js they use, stays under 12 KB gzipped together; no other page loads it."""

    def scripts(address: str) -> set[str]:
        found = page(site, address).select("script[src*='assets/playbook/']")
        return {script["src"].rsplit("/", 1)[-1] for script in found if "/theme/" not in script["src"]}

    plain = scripts("contributing/")
    assert scripts("practice/") - plain == {"practice.js"}
    parts = [*BUNDLES["practice.js"], "site.js"]  # site.js alone: the page-wide bundle adds search
    assert parts == ["spaced-review.js", "practice.js", "site.js"]
    assets = resources.files("playbook").joinpath("assets")
    size = sum(len(gzip.compress(assets.joinpath(name).read_bytes(), 9)) for name in parts)
    assert size <= 12 * 1024, size
    for address in ("", "principles/", "paths/first-week/", "tags/", "contributing/"):
        assert "practice.js" not in scripts(address), address


def test_text_reads_as_written_less_references_links_and_emphasis() -> None:
    titles = {"lower-your-shields": "Lower your shields"}
    assert plain_text("See [[lower-your-shields]] and [[lower-your-shields#story|the story]].", titles) == (
        "See Lower your shields and the story."
    )
    assert plain_text("A *real* **problem** and [a post](https://example.com).", titles) == (
        "A real problem and a post."
    )
    assert plain_text("<script>alert(1)</script> & 2 < 3", titles) == "<script>alert(1)</script> & 2 < 3"


def test_no_text_can_close_the_data_element() -> None:
    text = "</script><script>alert(1)</script> <!-- & \u2028"
    inside = embedded_json({"principles": [{"situation": text}]})
    assert "<" not in inside and ">" not in inside and "&" not in inside and "\u2028" not in inside
    assert json.loads(inside)["principles"][0]["situation"] == text


def test_a_site_url_makes_the_exported_addresses_absolute(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text() + "\nsite_url: https://playbook.example.com/team/\n")
    result = mkdocs_build(project)
    assert result.returncode == 0, result.stderr
    data = json.loads((project / "site" / "practice.json").read_text())
    assert data["principles"][0]["url"].startswith("https://playbook.example.com/team/principles/")
    # The drill's own files stay relative to the site root, where practice.js resolves them, so a copy
    # saved from the live site links within itself.
    embedded = page(project / "site", "practice/").find("script", id=DATA_ELEMENT_ID)
    first = data["principles"][0]["id"]
    assert json.loads(embedded.string)["files"][f"principle/{first}.json"]["url"] == f"principles/{first}/"


def test_a_hand_written_practice_page_is_refused_before_the_site_is_touched(project: Path) -> None:
    (project / "docs" / "practice.md").write_text("# My own drill\n")
    refused(mkdocs_build(project), f"docs/practice.md:1: {HIDES_A_PAGE}")


def test_the_start_screen_leads_to_the_role_play_cards_and_the_anki_deck(site: Path) -> None:
    """A new hire who opens /practice/ finds the other two ways to practise without knowing their addresses."""
    more = page(site, "practice").select_one(".playbook-drill__more")
    assert more is not None
    hrefs = [a["href"] for a in more.select("a")]
    assert "role-play/" in hrefs
    assert "../playbook.apkg" in hrefs
    assert (site / "practice/role-play/index.html").is_file() and (site / "playbook.apkg").is_file()


def test_the_drills_text_leaves_a_reference_in_code_as_written() -> None:
    """One `[[id]]` grammar for the pages and the drill (formats/reference_syntax.py): in code it is
    shown as written on the page, so the drill shows it so too."""
    titles = {"listen-first": "Listen first"}
    text = "Type `[[listen-first]]` to link [[listen-first]], or [[listen-first|this]]."
    assert plain_text(text, titles) == "Type `[[listen-first]]` to link Listen first, or this."
    assert plain_text("```\n[[listen-first]]\n```", titles) == "```\n[[listen-first]]\n```"
