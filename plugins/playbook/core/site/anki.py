"""The playbook as an Anki deck (`playbook.apkg`), so reps get real spaced repetition on their phones.

One note per principle: the front has the customer lines and the situation, the back the good
response, why it works and what not to say. Importing a newer deck updates the cards instead of adding
copies, because every id Anki matches on is derived, never random: the note's guid and its note and
card ids from the principle id, the deck's and the note type's ids from the site's name. The file
itself is the same bytes for the same sources: the time written into it is SOURCE_DATE_EPOCH when set,
else the newest principle file's modification time, so it moves forward when a principle changes (Anki
keeps the newer of two versions of a note). Built with genanki; the card templates and their styles
are files in templates/anki/. Text is the drill's plain text (practice.plain_text), HTML-escaped.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import os
import re
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from importlib import resources
from pathlib import Path

import genanki

from ..model.principle import Principle
from .practice import plain_text
from .theme_text import typographic_quotes

FIELDS = ("Title", "CustomerSays", "Situation", "SayInstead", "WhyItWorks", "DontSay")
_ID_BITS = 48
"""Ids well inside the 64-bit integers Anki stores, and JavaScript's safe integers (AnkiDroid, the web)."""
_BLANK_LINES = re.compile(r"\n\s*\n")
_TAG_SPACE = re.compile(r"\s+")


def stable_id(*parts: str) -> int:
    """A positive id derived from `parts` (the same on every build and machine)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[: _ID_BITS // 8], "big") or 1


def anki_tag(tag: str) -> str:
    """A tag as Anki stores it: no spaces (Anki splits tags on them)."""
    return _TAG_SPACE.sub("_", tag.strip())


def _template(name: str) -> str:
    return resources.files("playbook").joinpath("templates", "anki", name).read_text("utf-8")


def card_model(site_name: str) -> genanki.Model:
    return genanki.Model(
        stable_id(site_name, "model"),
        f"{site_name}: principle",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {"name": "Customer moment", "qfmt": _template("front.html"), "afmt": _template("back.html")}
        ],
        css=_template("cards.css"),
    )


def _field(text: str) -> str:
    """Plain text as an Anki field (HTML): escaped, paragraphs and lines kept."""
    paragraphs = [html.escape(part.strip()).replace("\n", "<br>") for part in _BLANK_LINES.split(text)]
    return "<br><br>".join(part for part in paragraphs if part)


def principle_fields(principle: Principle, titles: dict[str, str]) -> list[str]:
    def text(markdown: str) -> str:
        return _field(typographic_quotes(plain_text(markdown, titles)))

    return [
        html.escape(typographic_quotes(principle.title)),
        "<br>".join(html.escape(typographic_quotes(line)) for line in principle.customer_says),
        text(principle.situation),
        text(principle.good_response.says),
        text(principle.good_response.why),
        text(principle.bad_response.says),
    ]


def principle_note(
    model: genanki.Model, site_name: str, principle: Principle, titles: dict[str, str]
) -> genanki.Note:
    return genanki.Note(
        model=model,
        fields=principle_fields(principle, titles),
        tags=[anki_tag(tag) for tag in principle.tags],
        guid=genanki.guid_for(site_name, principle.id),
    )


def deck_timestamp(principles: Iterable[Principle]) -> float:
    """SOURCE_DATE_EPOCH, else the newest principle file's modification time (0 with none)."""
    fixed = os.environ.get("SOURCE_DATE_EPOCH", "")
    if fixed.isdigit():
        return float(fixed)
    times = [
        principle.source_file.stat().st_mtime for principle in principles if principle.source_file.exists()
    ]
    return float(int(max(times, default=0.0)))


def _row_ids(site_name: str, principles: Sequence[Principle]) -> Iterator[int]:
    """The note and card ids, in the order genanki asks for them: each note, then its one card."""
    for principle in principles:
        yield stable_id(site_name, "note", principle.id)
        yield stable_id(site_name, "card", principle.id)


def anki_deck(principles: Sequence[Principle], site_name: str, timestamp: float | None = None) -> bytes:
    """The `.apkg` file: a zip holding `collection.anki2` (SQLite) and an empty `media` list."""
    timestamp = deck_timestamp(principles) if timestamp is None else timestamp
    titles = {principle.id: principle.title for principle in principles}
    model = card_model(site_name)
    deck = genanki.Deck(stable_id(site_name, "deck"), site_name)
    for principle in principles:
        deck.add_note(principle_note(model, site_name, principle, titles))
    # genanki's write_to_file numbers rows from the clock and zips with the temp file's time; written
    # here instead, so the ids come from the principles and the bytes from the sources.
    handle, name = tempfile.mkstemp(suffix=".anki2")
    os.close(handle)
    try:
        connection = sqlite3.connect(name)
        try:
            ids = itertools.chain(_row_ids(site_name, principles), itertools.count(1))
            genanki.Package(deck).write_to_db(connection.cursor(), timestamp, ids)
            connection.commit()
        finally:
            connection.close()
        collection = Path(name).read_bytes()
    finally:
        os.unlink(name)
    written = time.gmtime(max(timestamp, 315532800))[:6]  # zip dates start in 1980
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("collection.anki2", written), collection, zipfile.ZIP_DEFLATED)
        archive.writestr(zipfile.ZipInfo("media", written), "{}", zipfile.ZIP_DEFLATED)
    return output.getvalue()
