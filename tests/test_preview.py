"""The fast preview (`make serve`: `mkdocs serve --dirty`): a rebuild writes only the pages an edit
changed, and every page that shows the edit is right once the rebuild is done."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from support import MAKE_SERVE_ARGUMENTS, ROOT, VALID_PRINCIPLE, Server, run_mkdocs

PRINCIPLE = "principles/guide-dont-get.yml"
OLD_TITLE = 'Guide, don\'t "get"'
QUOTE_ENTITIES = {"&#39;": "'", "&quot;": '"', "&lsquo;": "'", "&rsquo;": "'", "&ldquo;": '"', "&rdquo;": '"'}
STRAIGHT_QUOTES = str.maketrans("\u2018\u2019\u201c\u201d", "''\"\"")
NEW_TITLE = "Lead them gently"
OLD_LINE = "It's too expensive."
NEW_LINE = "Your price is far above our budget."
INDEXED = "Search index updated"


def rebuilt(server: Server, save: Callable[[], object]) -> None:
    """Save, then wait until MkDocs has finished the rebuild that the save started."""
    done = server.output().count("Reloading browsers")
    save()
    server.wait_for("the rebuild", lambda: server.output().count("Reloading browsers") > done)


def kept(server: Server) -> int:
    """Unchanged generated files the last rebuild left as they were (preview.py logs it)."""
    counts = re.findall(r"(\d+) unchanged kept", server.output())
    return int(counts[-1]) if counts else 0


def page(server: Server, address: str) -> str:
    """The page's HTML with its quotes read as straight ones, escaped or typographic alike: these tests
    are about which text a page shows (test_typography.py about how its quotes look)."""
    status, html = server.get(address)
    assert status == 200, address
    for entity, quote in QUOTE_ENTITIES.items():
        html = html.replace(entity, quote)
    return html.translate(STRAIGHT_QUOTES)


def article(html: str) -> str:
    """A page's content, without what differs between a preview and a build (head, live reload)."""
    start = html.index("<article")
    return html[start : html.index("</article>", start)]


def same_as_a_fresh_build(project: Path, server: Server) -> None:
    """Every page the preview serves has the content a full `mkdocs build` of the same files gives."""
    site = project / "fresh-build"
    result = run_mkdocs(project, "build", "--site-dir", str(site))
    assert result.returncode == 0, result.stderr
    built = sorted(path for path in site.rglob("index.html") if "pagefind" not in path.parts)
    assert len(built) > 20
    for path in built:
        address = path.parent.relative_to(site).as_posix() + "/" if path.parent != site else ""
        status, html = server.get(address)
        assert status == 200 and article(html) == article(path.read_text()), address


def test_make_serve_runs_the_preview_the_tests_run() -> None:
    recipe = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs serve (.+)$", (ROOT / "Makefile").read_text(), re.M)
    assert recipe is not None
    assert recipe[1].split() == [*MAKE_SERVE_ARGUMENTS, "--dev-addr", "127.0.0.1:8000"]


def test_an_edit_shows_on_every_page_that_shows_the_principle(project: Path, serve) -> None:
    # A page whose only mention of the principle is a `[[id]]` link showing its title: the "trust"
    # tag page (guide-dont-get has no such tag) shows this situation.
    other = project / "principles" / "lower-your-shields.yml"
    other.write_text(
        other.read_text().replace("  purchasing team.\n", "  purchasing team. See [[guide-dont-get]].\n")
    )
    home = project / "docs" / "index.md"  # a hand-written page showing its title
    home.write_text(home.read_text() + "\nAlso read [[guide-dont-get]].\n")
    server = serve()
    path = project / PRINCIPLE
    assert OLD_TITLE in page(server, "do-dont/") and OLD_TITLE in page(server, "tags/trust/")
    server.wait_for("the first search index", lambda: INDEXED in server.output())
    indexed = server.output().count(INDEXED)

    text = path.read_text().replace(f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")
    rebuilt(server, lambda: path.write_text(text.replace(f"  - {OLD_LINE}", f"  - {NEW_LINE}")))

    assert kept(server) > 0  # the rebuild did skip pages: what follows tests the skipping
    for address in [
        "principles/guide-dont-get/",
        "principles/",  # the index
        "tags/curiosity/",
        "tags/trust/",  # only through the `[[guide-dont-get]]` link
        "do-dont/",
        "customer-says/",
        "principles/respect-the-customers-view/",  # lists it under "Related"
        "principles/the-best-sale-can-be-no-sale/",
        "paths/first-week/",
        "practice/",  # the drill's data, added to the page's HTML
        "",  # docs/index.md
    ]:
        html = page(server, address)
        assert NEW_TITLE in html and OLD_TITLE not in html, address
    says = page(server, "customer-says/")
    assert NEW_LINE in says and OLD_LINE not in says
    assert NEW_LINE in page(server, "practice/")
    exported = json.loads(server.get("playbook.json")[1])
    (principle,) = [entry for entry in exported["principles"] if entry["id"] == "guide-dont-get"]
    assert principle["title"] == NEW_TITLE and NEW_LINE in principle["customer_says"]
    assert "playbook-problems" not in page(server, "tags/curiosity/")
    same_as_a_fresh_build(project, server)
    # Search is indexed after the pages are served, in the background.
    server.wait_for("the search index", lambda: server.output().count(INDEXED) > indexed)
    assert server.get("pagefind/pagefind.js")[0] == 200
    assert "Traceback" not in server.output()


def test_tags_and_principles_that_come_and_go(project: Path, serve) -> None:
    server = serve()
    path = project / PRINCIPLE
    assert "guide-dont-get" in page(server, "tags/curiosity/")

    rebuilt(server, lambda: path.write_text(path.read_text().replace("tags: [curiosity, ", "tags: [")))
    assert "guide-dont-get" not in page(server, "tags/curiosity/")  # the old tag page lost it
    assert "guide-dont-get" in page(server, "tags/pressure/")
    assert kept(server) > 0

    new = project / "principles" / "listen-first.yml"
    rebuilt(server, lambda: new.write_text(VALID_PRINCIPLE.format(id="listen-first")))
    assert "Listen before you answer" in page(server, "principles/listen-first/")
    assert "listen-first" in page(server, "principles/") and "listen-first" in page(server, "tags/listening/")

    # Deleted: its page, and the tag page only it used, are removed from the preview (404), not
    # left behind as stale copies; nothing links to them any more.
    rebuilt(server, new.unlink)
    assert server.get("principles/listen-first/")[0] == 404
    assert server.get("tags/listening/")[0] == 404
    assert "listen-first" not in page(server, "principles/")
    same_as_a_fresh_build(project, server)
    assert "Traceback" not in server.output()


def test_plain_mkdocs_serve_is_right_too(project: Path, serve) -> None:
    """Without --dirty MkDocs rewrites every page; the preview's state must not get in the way."""
    server = serve("--livereload")
    path = project / PRINCIPLE
    rebuilt(
        server,
        lambda: path.write_text(path.read_text().replace(f"title: {OLD_TITLE}", f"title: {NEW_TITLE}")),
    )
    for address in ["principles/guide-dont-get/", "principles/", "do-dont/", "tags/curiosity/"]:
        assert NEW_TITLE in page(server, address), address
    assert "unchanged kept" not in server.output()
