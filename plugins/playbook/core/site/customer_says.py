"""What customers say, across the playbook: each line once, with every principle that answers it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..model.principle import Principle

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"'})
_SPACE = re.compile(r"\s+")
_LEADING_MARKS = re.compile(r"^[\W_]+")


@dataclass(frozen=True)
class CustomerLine:
    text: str
    """The line as the first principle (in index order) wrote it."""
    principles: tuple[Principle, ...]
    """Every principle that lists this line, in index order."""


def same_line_key(text: str) -> str:
    """Two lines a reader would call the same: case, spacing, curly or straight quotes and the way an
    accent is encoded (one character, or a letter and a combining mark: NFC) aside."""
    return unicodedata.normalize("NFC", _SPACE.sub(" ", text.translate(_APOSTROPHES)).strip().casefold())


def customer_lines(principles: list[Principle]) -> list[CustomerLine]:
    """Every line of every principle, shared lines merged, sorted as a reader scans them (A to Z)."""
    texts: dict[str, str] = {}
    answered_by: dict[str, list[Principle]] = {}
    for principle in principles:
        for text in principle.customer_says:
            key = same_line_key(text)
            texts.setdefault(key, text)
            answering = answered_by.setdefault(key, [])
            if not answering or answering[-1] is not principle:  # one principle at a time: no search
                answering.append(principle)
    ordered = sorted(texts, key=lambda key: (_LEADING_MARKS.sub("", key), key))
    return [CustomerLine(texts[key], tuple(answered_by[key])) for key in ordered]


FINDER_LINES_PER_PRINCIPLE = 2
"""The home page's finder shows each principle's first lines: a contributor lists the one heard most first."""
FINDER_LINES_PER_FAMILY = 4
"""At most this many lines under one objection family on the home page, so the first screen shows
several families; /customer-says/ has every line."""


@dataclass(frozen=True)
class LineFamily:
    """Customer lines under one objection family: a tag of the vocabulary (principles/_tags.yml)."""

    tag: str
    label: str
    lines: list[CustomerLine]


def lines_by_family(tags: dict[str, list[Principle]], labels: dict[str, str]) -> list[LineFamily]:
    """/customer-says/ by objection family: each tag in use, in the vocabulary's order, with every line
    of every principle that carries it (A to Z, shared lines merged, as `customer_lines`). A line is
    under each tag of its principle, so a family holds all its lines whichever tag a contributor
    listed first. `tags`: tag -> its principles (Playbook.tags); `labels`: tag -> its label."""
    return [
        LineFamily(tag, labels[tag], customer_lines(principles))
        for tag, principles in sorted(tags.items())
        if principles
    ]


def common_lines(principles: list[Principle], labels: dict[str, str]) -> list[LineFamily]:
    """The home page's most common lines: each principle's first `FINDER_LINES_PER_PRINCIPLE` lines,
    under the principle's first tag, at most `FINDER_LINES_PER_FAMILY` a family; families in the
    vocabulary's order, lines in principle index order; a line shown once, with the first principle
    (in index order) that lists it. The same playbook always gives the same lines."""
    shown: set[str] = set()
    by_tag: dict[str, list[CustomerLine]] = {}
    for principle in principles:
        if not principle.tags:
            continue
        family = by_tag.setdefault(principle.tags[0], [])
        for text in principle.customer_says[:FINDER_LINES_PER_PRINCIPLE]:
            key = same_line_key(text)
            if key in shown or len(family) >= FINDER_LINES_PER_FAMILY:
                continue
            shown.add(key)
            family.append(CustomerLine(text, (principle,)))
    return [LineFamily(tag, labels[tag], lines) for tag, lines in sorted(by_tag.items()) if lines]
