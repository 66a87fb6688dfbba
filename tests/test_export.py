"""playbook.json and the published schema, from real builds."""

from __future__ import annotations

import json
from pathlib import Path

from playbook.core.formats.loader import schema
from playbook.core.model.sections import SECTION_ANCHORS

from in_process import mkdocs_build
from support import ROOT, principle_count


def test_playbook_json_holds_every_principle_with_all_fields_and_urls(site: Path, principles) -> None:
    document = json.loads((site / "playbook.json").read_text(encoding="utf-8"))
    assert document["count"] == len(document["principles"]) == len(principles) == principle_count()
    records = document["principles"]
    assert [record["id"] for record in records] == sorted(principle.id for principle in principles)
    by_id = {principle.id: principle for principle in principles}
    for record in records:
        principle = by_id[record["id"]]
        assert record["title"] == principle.title
        assert record["summary"] == principle.summary
        assert record["story"] == principle.story
        assert record["situation"] == principle.situation
        assert record["bad_response"] == {
            "says": principle.bad_response.says,
            "why": principle.bad_response.why,
        }
        assert record["good_response"] == {
            "says": principle.good_response.says,
            "why": principle.good_response.why,
        }
        assert record["takeaways"] == list(principle.takeaways)
        assert record["tags"] == list(principle.tags)
        assert record["related"] == list(principle.related)
        assert record["source"]["title"] == principle.source.title
        assert record["source"].get("url") == principle.source.url
        assert record["source"].get("date") == (
            principle.source.date.isoformat() if principle.source.date else None
        )
        assert record["url"] == f"principles/{principle.id}/"
        assert record["sections"] == {
            anchor: f"principles/{principle.id}/#{anchor}" for anchor in SECTION_ANCHORS
        }
        assert (site / record["url"] / "index.html").exists()


def test_the_export_is_byte_for_byte_stable_between_builds(site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    assert mkdocs_build(ROOT, site_dir=again).returncode == 0
    assert (again / "playbook.json").read_bytes() == (site / "playbook.json").read_bytes()


def test_urls_are_absolute_when_the_site_has_an_address(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text("site_url: https://playbook.example.com/sales/\n" + config.read_text())
    assert mkdocs_build(project).returncode == 0
    document = json.loads((project / "site" / "playbook.json").read_text())
    assert document["schema"] == "https://playbook.example.com/sales/schema/principle.schema.json"
    first = document["principles"][0]
    assert first["url"] == f"https://playbook.example.com/sales/principles/{first['id']}/"
    assert first["sections"]["good-response"] == first["url"] + "#good-response"


def test_the_principle_schema_is_published_with_the_site(site: Path) -> None:
    assert json.loads((site / "schema" / "principle.schema.json").read_text()) == schema()
