"""The Markdown export of a hostile but valid playbook, built by plain MkDocs with no playbook plugin and
opened in Chromium: no contributor text runs as script on any page (issue 19 item 5).

Every payload of PAYLOADS goes into every place of PLACES: principle titles, summaries, customer lines,
takeaways, responses and story; tag labels and descriptions; path titles, audiences, introductions and
step notes; docs page front matter (YAML and `key: value` lines), headings and the raw HTML the input
rules accept (DOCS_HTML). Each payload calls `alert()` with a mark saying where it was put, so a payload
that runs names itself. To add a payload, add a line to PAYLOADS (or DOCS_HTML for docs page HTML); a
payload the input rules refuse belongs in the export's refusal tests instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Dialog

from playbook.core.site.theme_text import typographic_quotes

from in_process import run_script_main
from support import copy_project, principle_text, run_mkdocs, serve

PAYLOADS = {
    "img": "<img src=x onerror=alert('{mark}')>",
    "script": "<script>alert('{mark}')</script>",
    "title-break": "</title><script>alert('{mark}')</script>",
    "attribute": "\" autofocus onfocus=\"alert('{mark}')",
    "single-quote": "' autofocus onfocus='alert(\"{mark}\")",
    "entity": "&lt;img src=x onerror=alert('{mark}')&gt;",
    "svg": "<svg onload=alert('{mark}')>",
}
"""name -> text that runs `alert(mark)` if any place hands it to the browser as markup."""
DOCS_HTML = {
    "title-attribute": "<span title=\"&quot;&gt;&lt;img src=x onerror=alert('{mark}')&gt;\">hover</span>",
    "abbr": "<abbr title=\"' onmouseover='alert(&quot;{mark}&quot;)\">CTA</abbr>",
    "bold": "<b>&lt;script&gt;alert('{mark}')&lt;/script&gt;</b>",
}
"""Raw HTML a docs page may hold (the input rules accept it), each carrying a payload in its text or
attributes."""
PLACES = {
    "principle-title": "PT",
    "principle-summary": "PS",
    "customer-says": "CS",
    "takeaway": "TA",
    "situation": "SI",
    "good-says": "GS",
    "story": "ST",
    "tag-label": "TL",
    "tag-description": "TD",
    "path-title": "AT",
    "path-audience": "AA",
    "path-introduction": "AI",
    "path-note": "AN",
    "docs-title": "DT",
    "docs-description": "DD",
    "docs-heading": "DH",
    "docs-top-line-title": "LT",
    "docs-top-line-description": "LD",
}
"""Where a payload goes -> the short mark it carries there (a tag label holds at most 40 characters)."""


def payload(name: str, place: str) -> str:
    return PAYLOADS[name].replace("{mark}", f"{PLACES[place]}{list(PAYLOADS).index(name)}")


def where(mark: str) -> str:
    """A mark an alert showed, as the place and payload it came from."""
    place = next((place for place, code in PLACES.items() if mark.startswith(code)), "docs-html")
    names = list(PAYLOADS)
    number = mark[2:]
    return (
        f"{mark}: {names[int(number)] if number.isdigit() and int(number) < len(names) else '?'} in {place}"
    )


def escaped(text: str) -> str:
    """Text for a place the input rules read as a page's HTML (headings, `key: value` top lines): with
    `<` as `&lt;`, which a page shows as `<` and which `striptags` in the theme turns back into `<`."""
    return text.replace("<", "&lt;")


def yaml_text(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def write_principle(project: Path, number: int, name: str) -> None:
    def at(place: str) -> str:
        return yaml_text(f"{place} {payload(name, place)}")

    text = principle_text(
        f"hostile-{number}",
        **{
            "title: Listen before you answer": f"title: {at('principle-title')}",
            "summary: Let the customer finish before you reply.": f"summary: {at('principle-summary')}",
            "  - Wait for the full story.": f"  - {at('takeaway')}",
            "  The customer is explaining a problem.": f"  The customer explains. {payload(name, 'situation')}",
            "  says: The rep asks one more question.": f"  says: {at('good-says')}",
            "  A rep learned to wait.": f"  A rep learned to wait. {payload(name, 'story')}",
            "tags: [listening]": f"tags: [listening, hostile-{number}]",
            'customer_says: ["Let me finish, please."]': f"customer_says: [{at('customer-says')}]",
        },
    )
    (project / "principles" / f"hostile-{number}.yml").write_text(text, encoding="utf-8")


def write_tags(project: Path) -> None:
    with (project / "principles" / "_tags.yml").open("a", encoding="utf-8") as tags:
        for number, name in enumerate(PAYLOADS):
            tags.write(
                f"hostile-{number}:\n"
                f"  label: {yaml_text(payload(name, 'tag-label'))}\n"
                f"  description: {yaml_text(payload(name, 'tag-description'))}\n"
            )


def write_path(project: Path, number: int, name: str) -> None:
    (project / "principles" / "_paths" / f"hostile-{number}.yml").write_text(
        f"id: hostile-{number}\n"
        f"title: {yaml_text('Path ' + payload(name, 'path-title'))}\n"
        f"audience: {yaml_text('Reps ' + payload(name, 'path-audience'))}\n"
        f"introduction: {yaml_text('Read it. ' + payload(name, 'path-introduction'))}\n"
        "steps:\n"
        f"  - principle: hostile-{number}\n"
        f"    note: {yaml_text('Note ' + payload(name, 'path-note'))}\n"
        "  - principle: guide-dont-get\n"
        "    note: Then this one.\n",
        encoding="utf-8",
    )


def write_docs_pages(project: Path, number: int, name: str) -> list[str]:
    """A docs page with YAML front matter and one with `key: value` top lines; their nav entries."""
    html = "\n\n".join(DOCS_HTML[html_name].replace("{mark}", f"HTML-{html_name}") for html_name in DOCS_HTML)
    front_matter = (
        f"---\ntitle: {yaml_text('Docs ' + payload(name, 'docs-title'))}\n"
        f"description: {yaml_text('About ' + payload(name, 'docs-description'))}\n---\n\n"
        f"# Front matter page\n\n## Section {escaped(payload(name, 'docs-heading'))}\n\n{html}\n"
    )
    top_lines = (
        f"title: Top {escaped(payload(name, 'docs-top-line-title'))}\n"
        f"description: About {escaped(payload(name, 'docs-top-line-description'))}\n\n"
        f"# Heading {escaped(payload(name, 'docs-heading'))}\n\nText.\n"
    )
    heading_only = f"# Heading {escaped(payload(name, 'docs-heading'))}\n\nText.\n"
    pages = {f"hostile-{number}.md": front_matter, f"hostile-{number}-top.md": top_lines}
    pages[f"hostile-{number}-heading.md"] = heading_only
    for page_name, text in pages.items():
        (project / "docs" / page_name).write_text(text, encoding="utf-8")
    return list(pages)


@pytest.fixture(scope="module")
def hostile_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile playbook exported by scripts/export_markdown.py and built in the export by the
    real `mkdocs build --strict` command, with no playbook plugin; every hostile page in the nav, with
    Material's prev/next footer."""
    project = copy_project(tmp_path_factory.mktemp("hostile-export") / "project")
    write_tags(project)
    docs_pages = []
    for number, name in enumerate(PAYLOADS):
        write_principle(project, number, name)
        write_path(project, number, name)
        docs_pages += write_docs_pages(project, number, name)
    config = project / "mkdocs.yml"
    settings = config.read_text()
    nav = "  - Contributing: contributing.md\n"
    assert nav in settings and "    - content.action.edit\n" in settings
    settings = settings.replace(nav, nav + "".join(f"  - {page}\n" for page in docs_pages))
    settings = settings.replace(
        "    - content.action.edit\n", "    - content.action.edit\n    - navigation.footer\n"
    )
    config.write_text(settings)
    assert run_script_main("update_published.py", cwd=project).returncode == 0
    exported = run_script_main("export_markdown.py", str(project / "export"), cwd=project)
    assert exported.returncode == 0, exported.stderr  # hostile, but valid input
    built = run_mkdocs(project / "export", "build", "--strict")
    assert built.returncode == 0, built.stderr
    return project / "export" / "site"


@pytest.fixture(scope="module")
def hostile_export_url(hostile_export: Path) -> Iterator[str]:
    with serve(hostile_export) as url:
        yield url


ON_ATTRIBUTES = """() => [...document.querySelectorAll("*")]
    .filter(element => [...element.attributes].some(attribute => attribute.name.toLowerCase().startsWith("on")))
    .map(element => element.outerHTML.slice(0, 160))"""
"""Elements with an event handler, as a payload would leave them."""
SCRIPTS_WITH_PAYLOADS = """() => [...document.scripts]
    .filter(script => !script.type || /javascript|module/i.test(script.type))
    .map(script => script.text)
    .filter(text => text.includes("alert("))"""
"""Scripts that would run and hold a payload (the drill's JSON data holds them as data, and runs nothing)."""


def test_no_payload_runs_on_any_page_of_the_export(
    hostile_export: Path, hostile_export_url: str, browser: Browser
) -> None:
    pages = sorted(path.relative_to(hostile_export).as_posix() for path in hostile_export.rglob("*.html"))
    assert len([page for page in pages if page.startswith("hostile-")]) == 3 * len(PAYLOADS)
    assert len([page for page in pages if page.startswith("principles/hostile-")]) == len(PAYLOADS)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    ran: list[str] = []

    def record(dialog: Dialog) -> None:
        ran.append(dialog.message)
        dialog.dismiss()

    try:
        reader = context.new_page()
        reader.on("dialog", record)
        visited = 0
        for page in pages:
            reader.goto(hostile_export_url + page.removesuffix("index.html"), wait_until="load")
            reader.mouse.move(640, 450)
            assert reader.evaluate(ON_ATTRIBUTES) == [], page
            assert reader.evaluate(SCRIPTS_WITH_PAYLOADS) == [], page
            assert reader.locator('img[src="x"], svg[onload]').count() == 0, page
            assert [where(mark) for mark in ran] == [], page
            visited += 1
        assert visited == len(pages) > 40
    finally:
        context.close()


def test_the_hostile_texts_show_as_text_in_the_titles(
    hostile_export: Path, hostile_export_url: str, browser
) -> None:
    """The payloads are there, as harmless text: in the tab title, and in the article as written."""
    context = browser.new_context()
    try:
        reader = context.new_page()
        reader.goto(hostile_export_url + "principles/hostile-0/", wait_until="load")
        assert "\N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}img src=x" in reader.title()
        assert (
            typographic_quotes(payload("img", "principle-title")) in reader.locator("article h1").inner_text()
        )
        reader.goto(hostile_export_url + "hostile-0-top/", wait_until="load")
        assert reader.title().startswith("Top \N{SINGLE LEFT-POINTING ANGLE QUOTATION MARK}img src=x")
    finally:
        context.close()
