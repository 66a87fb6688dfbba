"""The sections of a principle page and their ids. They are published: onboarding material links to
`#good-response`, and `[[id#section]]` names them; so the checks, the export and the pages share them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PrincipleAnchors:
    """The ids of a principle page's sections, for its headings and for links into it."""

    customer_says: str = "customer-says"
    situation: str = "situation"
    bad_response: str = "bad-response"
    good_response: str = "good-response"
    takeaways: str = "takeaways"
    practice: str = "practise"
    """Published as the British verb its heading says (Practise); the code's name is the noun."""
    story: str = "story"
    related: str = "related"
    referenced_by: str = "referenced-by"
    source: str = "source"


ANCHORS = PrincipleAnchors()
SECTION_ANCHORS = (
    ANCHORS.story,
    ANCHORS.situation,
    ANCHORS.bad_response,
    ANCHORS.good_response,
    ANCHORS.takeaways,
    ANCHORS.source,
)
"""The published section ids of a principle page, the ones `[[id#section]]` and the export name."""
