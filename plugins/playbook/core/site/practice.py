"""The drill's data: every principle as a practice question, built from the YAML with no extra authoring.

One document serves two readers: `practice.json` at the site root (an export, like playbook.json)
and the drill on `/practice/`, which reads it split by scope (drill_files: an index, one list of ids
per tag and path, one file per question) and fetches only what a drill needs, so no file grows with
the playbook as a whole but the index. A small playbook's page also carries every split file inside
it (drill_embedded, up to EMBED_BYTES: page meta that theme/main.html writes into the page's head, on
every engine), so a saved offline copy drills without a request (a browser refuses to fetch a file next
to a page opened from disk). Text is plain: the
drill's script writes it with `textContent`, so contributor text never becomes markup. It reads as
the pages do, with typographic quotes (theme_text.typographic_quotes); playbook.json keeps the text
as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from ..formats.reference_syntax import replace_references
from ..formats.tag_vocabulary import Tag
from ..model.principle import OnboardingPath, Principle
from ..model.sections import ANCHORS
from .addresses import section_url
from .theme_text import typographic_quotes

DATA_ELEMENT_ID = "playbook-drill-data"
"""The id of the `<script type="application/json">` element the page carries its data in."""

PAGE_META_KEY = "playbook_drill"
"""The page meta field theme/main.html writes the drill's element from (`id` and `json`, drill_embedded):
the plugin sets it on /practice/, the Markdown export writes it into that page's front matter, so the
element sits in the page's head on every engine; a docs page may not set it (core/checks/front_matter.py)."""

_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(?P<text>[^*_\n]+?)(?<=\S)\1")


def plain_text(markdown: str, titles: Mapping[str, str]) -> str:
    """A field as a reader says it aloud: `[[id]]` as the principle's title, links and emphasis as
    their words. The rest stays as written; the script shows it as text, never as HTML."""
    text = replace_references(
        markdown, lambda reference: reference.text or titles.get(reference.target, reference.target)
    )
    text = _LINK.sub(lambda match: match["text"], text)
    return _EMPHASIS.sub(lambda match: match["text"], text).strip()


def practice_data(
    principles: Iterable[Principle],
    url: Callable[[str], str],
    vocabulary: Mapping[str, Tag],
    paths: Iterable[OnboardingPath] = (),
) -> dict[str, Any]:
    """The drill's document: questions in index order, the tags in use, the onboarding paths.

    `url(id)` is a principle's address as the reader follows it from the file the data lands in
    (relative to it, or absolute under `site_url`).
    """
    principles = list(principles)
    titles = {principle.id: principle.title for principle in principles}

    def text(markdown: str) -> str:
        return typographic_quotes(plain_text(markdown, titles))

    questions = []
    for principle in principles:
        address = url(principle.id)
        questions.append(
            {
                "id": principle.id,
                "title": typographic_quotes(principle.title),
                "url": address,
                "good_response_url": section_url(address, ANCHORS.good_response),
                "customer_says": [typographic_quotes(line) for line in principle.customer_says],
                "situation": text(principle.situation),
                "bad_response": {
                    "says": text(principle.bad_response.says),
                    "why": text(principle.bad_response.why),
                },
                "good_response": {
                    "says": text(principle.good_response.says),
                    "why": text(principle.good_response.why),
                },
                "tags": list(principle.tags),
            }
        )
    used = sorted({tag for principle in principles for tag in principle.tags})
    tags = {slug: {"label": vocabulary[slug].label if slug in vocabulary else slug} for slug in used}
    return {
        "count": len(questions),
        "principles": questions,
        "tags": tags,
        "paths": [
            {"id": path.id, "title": path.title, "steps": [step.principle for step in path.steps]}
            for path in paths
        ],
    }


EMBED_BYTES = 100_000
"""The drill's data rides inside /practice/ (a saved copy then drills from disk) while all of its
split files together stay at or under this many bytes (about 50 principles of today's length); past
it the page carries none of it and practice.js fetches each file as the drill needs it."""
EMBED_OPTION = "drill_embed_bytes"


def configured_embed_bytes(options: dict[str, Any] | None) -> int:
    """The embed size the site's plugin options set (0: never), read without an engine by the export."""
    value = (options or {}).get(EMBED_OPTION)
    return EMBED_BYTES if value is None else int(value)


def drill_files(data: Mapping[str, Any]) -> dict[str, Any]:
    """The drill's document split by scope, name (inside addresses.DRILL_DATA_DIR) to content: the
    start screen reads `index.json`, a tag or path drill its `tag/`/`path/` list of ids, and each
    question is fetched alone (`principle/<id>.json`), so "Review due" and `?principle=` fetch only
    the questions they ask."""
    questions = data["principles"]
    known = {question["id"] for question in questions}
    scopes = {
        **{f"tag/{slug}.json": [q["id"] for q in questions if slug in q["tags"]] for slug in data["tags"]},
        **{f"path/{path['id']}.json": [i for i in path["steps"] if i in known] for path in data["paths"]},
    }
    index = {
        "count": data["count"],
        "ids": [question["id"] for question in questions],
        "tags": {
            slug: {**tag, "count": len(scopes[f"tag/{slug}.json"])} for slug, tag in data["tags"].items()
        },
        "paths": [
            {"id": path["id"], "title": path["title"], "count": len(scopes[f"path/{path['id']}.json"])}
            for path in data["paths"]
        ],
    }
    files: dict[str, Any] = {"index.json": index}
    files.update((name, {"ids": ids}) for name, ids in scopes.items())
    files.update((f"principle/{question['id']}.json", question) for question in questions)
    return files


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def drill_embedded(files: Mapping[str, Any], limit: int = EMBED_BYTES) -> dict[str, str]:
    """The page's copy of the drill's files as the value of `PAGE_META_KEY`: the element's id and its
    JSON (embedded_json), or {} when together they are over `limit` bytes."""
    size = sum(len(compact_json(content).encode()) for content in files.values())
    if size > limit:
        return {}
    return {"id": DATA_ELEMENT_ID, "json": embedded_json({"files": files})}


def drill_element(meta: Mapping[str, str]) -> str:
    """The element theme/main.html writes from `PAGE_META_KEY`, for a site's own main.html without it."""
    return f'<script type="application/json" id="{meta["id"]}">{meta["json"]}</script>'


def practice_json(data: Mapping[str, Any]) -> str:
    """The export file, readable and diff-friendly like playbook.json."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def embedded_json(data: Mapping[str, Any]) -> str:
    """The data as the text of a `<script type="application/json">` element: `<`, `>` and `&` are
    escaped as JSON escapes, so no text can close the element or open another one."""
    text = compact_json(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
