"""The drill's data: every principle as a practice question, built from the YAML with no extra authoring.

One document serves two readers: `practice.json` at the site root (an export, like playbook.json)
and the `/practice/` page, which carries the same data inside the page so that a saved offline copy
works (a browser refuses to fetch a file next to a page opened from disk). Text is plain: the
drill's script writes it with `textContent`, so contributor text never becomes markup. It reads as
the pages do, with typographic quotes (theme_text.typographic_quotes); playbook.json keeps the text
as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from .addresses import ANCHORS, section_url
from .addresses import PRACTICE_SRC_URI as PRACTICE_SRC_URI  # re-exported for older imports
from .addresses import PRACTICE_URI as PRACTICE_URI
from .model import OnboardingPath, Principle
from .tag_vocabulary import Tag
from .theme_text import typographic_quotes

DATA_ELEMENT_ID = "playbook-drill-data"
"""The id of the `<script type="application/json">` element the page carries its data in."""

_REFERENCE = re.compile(r"\[\[(?P<target>[^\[\]\|#\n]*)(?:#[^\[\]\|\n]*)?(?:\|(?P<text>[^\[\]\n]*))?\]\]")
_LINK = re.compile(r"\[(?P<text>[^\[\]\n]*)\]\([^()\s]*\)")
_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(?P<text>[^*_\n]+?)(?<=\S)\1")


def plain_text(markdown: str, titles: Mapping[str, str]) -> str:
    """A field as a reader says it aloud: `[[id]]` as the principle's title, links and emphasis as
    their words. The rest stays as written; the script shows it as text, never as HTML."""
    text = _REFERENCE.sub(
        lambda match: match["text"] or titles.get(match["target"], match["target"]), markdown
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


def practice_json(data: Mapping[str, Any]) -> str:
    """The export file, readable and diff-friendly like playbook.json."""
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def embedded_data(data: Mapping[str, Any]) -> str:
    """The data as a `<script type="application/json">` element: `<`, `>` and `&` are escaped as
    JSON escapes, so no text can close the element or open another one."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f'<script type="application/json" id="{DATA_ELEMENT_ID}">{text}</script>'
