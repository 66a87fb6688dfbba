"""Review dates: which principles nobody has checked for a while.

Only the `last_reviewed` field counts. File dates and git history do not: reformatting a file or
fixing a typo is not a review.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..model.principle import Principle


@dataclass(frozen=True)
class StalePrinciple:
    principle: Principle
    days_since_review: int | None
    """None when the principle has never been reviewed."""

    def describe(self) -> str:
        principle = self.principle
        owner = f", owner {principle.owner}" if principle.owner else ""
        if principle.last_reviewed is None:
            what = f"never reviewed{owner}"
        else:
            when = principle.last_reviewed.isoformat()
            what = f"last reviewed {when}, {self.days_since_review} days ago{owner}"
        return f"{what}; review it, then set last_reviewed to the review date"


def stale_principles(principles: list[Principle], *, days: int, today: datetime.date) -> list[StalePrinciple]:
    """Principles whose last review is more than `days` days before `today`, oldest first."""
    stale = []
    for principle in principles:
        if principle.last_reviewed is None:
            stale.append(StalePrinciple(principle, None))
        elif (age := (today - principle.last_reviewed).days) > days:
            stale.append(StalePrinciple(principle, age))
    return sorted(
        stale, key=lambda item: (item.days_since_review is not None, -(item.days_since_review or 0))
    )
