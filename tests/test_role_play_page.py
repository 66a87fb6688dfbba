"""/practice/role-play/ as built: one pair of cards per principle with what each card must hold, its
address published like a principle's, and the same page in the Markdown export."""

from __future__ import annotations

from pathlib import Path

from playbook.core.site import addresses
from playbook.core.site.manifest import read_manifest, updated_manifest
from playbook.core.site.theme_text import typographic_quotes

from support import ROOT, page, principle_count


def words(text: str) -> str:
    """Text without emphasis marks or white space (the page puts spaces around inline elements)."""
    return "".join(typographic_quotes(text.replace("*", "")).split())


def test_every_principle_has_a_buyer_card_and_a_coach_card(site: Path, principles) -> None:
    article = page(site, "practice/role-play").article
    pairs = article.select(".playbook-role-play__pair")
    assert len(pairs) == len(principles)
    for pair, principle in zip(pairs, principles, strict=True):
        assert {f"playbook-role-play--tag-{tag}" for tag in principle.tags} <= set(pair["class"])
        buyer = pair.select_one(".playbook-role-play__card--buyer")
        coach = pair.select_one(".playbook-role-play__card--coach")
        assert buyer.h2["id"] == f"role-play-{principle.id}"
        assert [li.get_text(strip=True) for li in buyer.select("li")] == [
            typographic_quotes(line) for line in principle.customer_says
        ]
        buyer_text, coach_text = words(buyer.get_text(" ")), words(coach.get_text(" "))
        assert words(principle.situation) in buyer_text
        assert words(principle.good_response.says) not in buyer_text  # the buyer never sees the answer
        for text in (principle.good_response.says, principle.good_response.why, principle.bad_response.says):
            assert words(text) in coach_text, principle.id
        checklist = [li.get_text(strip=True) for li in coach.select(".playbook-role-play__checklist li")]
        assert checklist == [typographic_quotes(takeaway) for takeaway in principle.takeaways]


def test_the_page_is_in_the_nav_and_loads_its_own_script_only_there(site: Path) -> None:
    role_play = page(site, "practice/role-play")
    assert role_play.select_one("nav.md-nav--primary a[href='./']").get_text(strip=True) == "Role-play cards"
    assert [s["src"] for s in role_play.select("script[src$='role-play.js']")] != []
    assert page(site, "practice").select("script[src$='role-play.js']") == []
    assert role_play.select_one("a[href='../../playbook.apkg']") is not None


def test_its_address_is_published() -> None:
    assert addresses.published_kind("/practice/role-play/") == ("page", "practice/role-play.md")
    assert "/practice/role-play/" in updated_manifest(None, [], [])
    listed, problems = read_manifest(ROOT / "principles" / "published.txt", "principles/published.txt")
    assert problems == [] and "/practice/role-play/" in [address.url for address in listed]


def test_the_markdown_export_has_the_page(renamed_playbook: Path) -> None:
    exported = page(renamed_playbook / "export" / "site", "practice/role-play").article
    assert len(exported.select(".playbook-role-play__pair")) == principle_count()
    assert exported.select_one("#role-play-drop-your-defences") is not None
