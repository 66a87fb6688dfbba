"""Text a contributor wrote comes out as written: a `<` is shown, never run, and an entity they typed
(`&lt;`, `&amp;lt;`) is what Markdown makes of it, never unescaped afterwards, on the site and in the
plain Markdown export alike (markdown_text.CONTRIBUTOR_LT is the one place that decides)."""

from __future__ import annotations

from pathlib import Path

from in_process import build_site_and_export
from support import page

STORY = "  harder. If you put"
WRITTEN = "Type `a &lt; b` or `<b>` in code, 5 &amp;lt; 6 and <b>bold</b> in text. If you put"


def test_entities_and_angle_brackets_come_out_as_written(project: Path) -> None:
    path = project / "principles" / "lower-your-shields.yml"
    assert STORY in path.read_text()
    path.write_text(path.read_text().replace(STORY, f"  harder. {WRITTEN}", 1))
    build_site_and_export(project)

    exported = (project / "export" / "docs" / "principles" / "lower-your-shields.md").read_text()
    assert "`a &lt; b`" in exported
    assert "5 &amp;lt; 6" in exported
    assert "\x0e" not in exported
    for site, code in [(project / "site", ["a &lt; b", "<b>"]), (project / "export" / "site", ["a &lt; b"])]:
        story = page(site, "principles/lower-your-shields").find(id="story").find_next("p").find_next("p")
        assert [element.get_text() for element in story.find_all("code")][: len(code)] == code
        assert "5 &lt; 6 and <b>bold</b> in text." in story.get_text()
        assert story.find("b") is None
