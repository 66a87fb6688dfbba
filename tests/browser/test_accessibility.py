"""axe-core, run inside the real page: no serious or critical accessibility violation."""

from __future__ import annotations

from importlib import resources

import pytest
from playwright.sync_api import Page

from playbook.loader import load_principles

from support import ROOT

AXE_SCRIPT = resources.files("axe_playwright_python").joinpath("axe.min.js").read_text("utf-8")
PRINCIPLE = load_principles(ROOT / "principles", root=ROOT)[0]
TAG = sorted(PRINCIPLE.tags)[0]


@pytest.mark.parametrize(
    "url",
    ["", "principles/", f"principles/{PRINCIPLE.id}/", "tags/", f"tags/{TAG}/", "do-dont/"],
)
@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_no_serious_or_critical_violations(
    request: pytest.FixtureRequest, base_url: str, url: str, viewport: str
) -> None:
    page: Page = request.getfixturevalue(viewport)
    page.goto(base_url + url, wait_until="networkidle")
    page.add_script_tag(content=AXE_SCRIPT)
    results = page.evaluate("async () => await axe.run(document)")
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:3])
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], "\n".join(serious)
