"""principles/published.txt's header: what the file lists, written by `make published`."""

from __future__ import annotations

from playbook.core.site.manifest import FORMER_HEADER, HEADER, updated_manifest

from support import ROOT


def test_the_header_says_the_manifest_lists_paths_and_pages_too() -> None:
    assert "principles, onboarding paths and the playbook's own pages" in HEADER
    assert (ROOT / "principles" / "published.txt").read_text(encoding="utf-8").startswith(HEADER)


def test_make_published_replaces_the_former_header_and_keeps_every_line() -> None:
    text = updated_manifest(FORMER_HEADER + "/principles/gone-but-kept/\n", [], [])
    assert text.startswith(HEADER) and FORMER_HEADER not in text
    assert "/principles/gone-but-kept/\n" in text
