"""What customers say, across the playbook: each line once, with every principle that answers it."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .model import Principle

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
