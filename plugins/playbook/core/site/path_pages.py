"""What the onboarding path pages show: each path's steps with their principles and reading time, and,
for each principle, where it sits in every path (the "Step 2 of 5 in First week" line)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..model.fields import principle_fields
from ..model.principle import OnboardingPath, Principle

WORDS_PER_MINUTE = 200
"""A careful reading pace for a new hire; the estimate rounds up to whole minutes."""


@dataclass(frozen=True)
class PlacedStep:
    """One step of a path, with its principle: what the path page and the principle page show."""

    path: OnboardingPath
    number: int
    """From 1."""
    of: int
    principle: Principle
    note: str | None
    next: Principle | None


def placed_steps(path: OnboardingPath, by_id: dict[str, Principle]) -> list[PlacedStep]:
    principles = [by_id[step.principle] for step in path.steps]
    return [
        PlacedStep(
            path,
            number,
            len(principles),
            principle,
            step.note,
            principles[number] if number < len(principles) else None,
        )
        for number, (principle, step) in enumerate(zip(principles, path.steps, strict=True), 1)
    ]


def reading_minutes(principles: list[Principle]) -> int:
    """Minutes to read the principles' pages, from the words of every field a reader reads."""
    texts = [text for principle in principles for _name, text in principle_fields().markdown_texts(principle)]
    words = sum(len(text.split()) for text in texts)
    return max(1, math.ceil(words / WORDS_PER_MINUTE))


def path_page_context(path: OnboardingPath, by_id: dict[str, Principle]) -> dict[str, object]:
    steps = placed_steps(path, by_id)
    return {
        "path": path,
        "steps": steps,
        "minutes": reading_minutes([step.principle for step in steps]),
    }


def steps_by_principle(
    paths: list[OnboardingPath], by_id: dict[str, Principle]
) -> dict[str, list[PlacedStep]]:
    """Principle id -> its step in each path, paths by title: one pass over all paths per build."""
    found: dict[str, list[PlacedStep]] = {}
    for path in paths:
        for step in placed_steps(path, by_id):
            found.setdefault(step.principle.id, []).append(step)
    return found
