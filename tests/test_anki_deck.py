"""site/playbook.apkg, the Anki deck (core/site/anki.py): opened as Anki opens it (a zip holding the SQLite
collection), every note checked against its principle, and ids that survive a rebuild."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import genanki
import pytest

from playbook.core.model.principle import Principle
from playbook.core.site.anki import FIELDS, anki_tag
from playbook.core.site.practice import plain_text
from playbook.core.site.theme_text import typographic_quotes

from in_process import mkdocs_build
from support import copy_project, principle_count

SITE_NAME = "Sales Playbook"


def collection(deck: bytes, folder: Path) -> sqlite3.Connection:
    with zipfile.ZipFile(io.BytesIO(deck)) as archive:
        assert sorted(archive.namelist()) == ["collection.anki2", "media"]
        (folder / "collection.anki2").write_bytes(archive.read("collection.anki2"))
    return sqlite3.connect(folder / "collection.anki2")


def notes(database: sqlite3.Connection) -> dict[str, dict]:
    rows = database.execute("SELECT id, guid, mid, tags, flds FROM notes").fetchall()
    return {
        guid: {
            "id": note_id,
            "model": model,
            "tags": tags.split(),
            "fields": dict(zip(FIELDS, flds.split("\x1f"), strict=True)),
        }
        for note_id, guid, model, tags, flds in rows
    }


def ids(database: sqlite3.Connection) -> dict[str, object]:
    return {
        "notes": sorted(database.execute("SELECT id, guid FROM notes").fetchall()),
        "cards": sorted(database.execute("SELECT id, nid, did FROM cards").fetchall()),
        "models": sorted(database.execute("SELECT models FROM col").fetchone()[0]),
        "decks": database.execute("SELECT decks FROM col").fetchone()[0],
    }


def shown(markdown: str, titles: dict[str, str]) -> str:
    """A field's text as the card shows it (escaped; line breaks as <br>)."""
    return html.escape(typographic_quotes(plain_text(markdown, titles)))


def test_every_principle_is_one_note_with_its_fields_and_tags(
    site: Path, principles: list[Principle], tmp_path: Path
) -> None:
    database = collection((site / "playbook.apkg").read_bytes(), tmp_path)
    found = notes(database)
    titles = {principle.id: principle.title for principle in principles}
    assert len(found) == len(principles)
    for principle in principles:
        note = found[genanki.guid_for(SITE_NAME, principle.id)]
        fields = note["fields"]
        assert fields["Title"] == html.escape(typographic_quotes(principle.title))
        assert fields["CustomerSays"].split("<br>") == [
            html.escape(typographic_quotes(line)) for line in principle.customer_says
        ]
        for field, markdown in [
            ("Situation", principle.situation),
            ("SayInstead", principle.good_response.says),
            ("WhyItWorks", principle.good_response.why),
            ("DontSay", principle.bad_response.says),
        ]:
            assert " ".join(fields[field].replace("<br>", " ").split()) == " ".join(
                shown(markdown, titles).split()
            ), (principle.id, field)
        assert note["tags"] == list(principle.tags) and all(" " not in tag for tag in note["tags"])
    assert database.execute("SELECT count(*) FROM cards").fetchone()[0] == len(principles)


def test_the_card_sides_hold_what_the_issue_asks(site: Path, tmp_path: Path) -> None:
    database = collection((site / "playbook.apkg").read_bytes(), tmp_path)
    (model,) = json.loads(database.execute("SELECT models FROM col").fetchone()[0]).values()
    (template,) = model["tmpls"]
    assert "{{CustomerSays}}" in template["qfmt"] and "{{Situation}}" in template["qfmt"]
    assert "{{SayInstead}}" not in template["qfmt"] and "{{DontSay}}" not in template["qfmt"]
    for field in ("{{SayInstead}}", "{{WhyItWorks}}", "{{DontSay}}"):
        assert field in template["afmt"]


def test_anki_tags_have_no_spaces() -> None:
    assert anki_tag(" long term ") == "long_term"
    assert anki_tag("trust") == "trust"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The playbook built twice, from two copies made at different times."""
    sites = []
    for name in ("first", "second"):
        project = copy_project(tmp_path_factory.mktemp(name))
        built = mkdocs_build(project)
        assert built.returncode == 0, built.stderr
        sites.append(project / "site")
    return sites[0], sites[1]


def test_ids_are_the_same_on_every_build(two_builds: tuple[Path, Path], tmp_path: Path) -> None:
    first, second = two_builds
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    one = collection((first / "playbook.apkg").read_bytes(), tmp_path / "1")
    two = collection((second / "playbook.apkg").read_bytes(), tmp_path / "2")
    assert ids(one) == ids(two)
    assert len(ids(one)["notes"]) == principle_count()


def test_the_markdown_export_carries_the_deck(renamed_playbook: Path) -> None:
    deck = renamed_playbook / "export" / "site" / "playbook.apkg"
    assert deck.read_bytes() == (renamed_playbook / "site" / "playbook.apkg").read_bytes()
