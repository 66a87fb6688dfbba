"""A page that breaks Python-Markdown ends as a problem naming the file, in a build and in a preview.

The failure is injected the way it happens: a Markdown extension raises RecursionError while MkDocs
renders the page (Python-Markdown does so on lists nested thousands deep, which the checks refuse
before rendering, so the text here is ordinary).
"""

from __future__ import annotations

from pathlib import Path

from in_process import mkdocs_build
from support import refused

# A real Markdown extension, added by a real MkDocs hook, failing inside the real page render.
EXPLODING_EXTENSION = """\
from markdown import Extension
from markdown.treeprocessors import Treeprocessor


class Explode(Treeprocessor):
    def run(self, root):
        if any("EXPLODE" in (element.text or "") for element in root.iter()):
            raise RecursionError("maximum recursion depth exceeded")


class ExplodeExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(Explode(md), "explode", 0)


def on_config(config):
    config.markdown_extensions.append(ExplodeExtension())
    return config
"""

PROBLEM = (
    "{file}:1: the page could not be rendered (RecursionError: maximum recursion depth exceeded); "
    "simplify its Markdown (deeply nested lists or quotes, for example) and build again"
)


def add_exploding_extension(project: Path) -> None:
    (project / "hooks.py").write_text(EXPLODING_EXTENSION)
    with (project / "mkdocs.yml").open("a") as config:
        config.write("\nhooks:\n  - hooks.py\n")


def explode(path: Path, field: str) -> None:
    """Put the trigger in one Markdown field of a principle (shown on its page, and maybe others)."""
    text = path.read_text()
    assert f"\n{field}: |\n" in text
    path.write_text(text.replace(f"\n{field}: |\n", f"\n{field}: |\n  EXPLODE here.\n\n", 1))


def test_a_page_that_fails_to_render_names_its_principle_file(project: Path) -> None:
    add_exploding_extension(project)
    # The situation is also shown on the Do / Don't and tag pages: still one problem, the file's.
    explode(project / "principles" / "guide-dont-get.yml", "situation")
    explode(project / "principles" / "lower-your-shields.yml", "story")
    (project / "docs" / "index.md").write_text("# Home\n\nEXPLODE\n")

    result = mkdocs_build(project)

    errors = [line for line in refused(result) if "could not be rendered" in line]
    assert errors == [
        PROBLEM.format(file="docs/index.md"),
        PROBLEM.format(file="principles/guide-dont-get.yml"),
        PROBLEM.format(file="principles/lower-your-shields.yml"),
        "3 pages could not be rendered; fix them and build again.",
    ]


def test_a_preview_shows_the_problem_keeps_the_last_good_page_and_recovers(project: Path, serve) -> None:
    add_exploding_extension(project)
    path = project / "principles" / "guide-dont-get.yml"
    good = path.read_text()
    server = serve()
    assert "playbook-problems" not in server.get("principles/guide-dont-get/")[1]

    explode(path, "story")
    server.wait_for(
        "the problem banner", lambda: "playbook-problems" in server.get("principles/guide-dont-get/")[1]
    )
    status, html = server.get("principles/guide-dont-get/")
    problem = PROBLEM.format(file="principles/guide-dont-get.yml")
    assert status == 200 and problem in html
    assert 'id="story"' in html and "EXPLODE" not in html  # the last good version of the page
    assert problem in server.output()

    path.write_text(good.replace("Guide, don't", "Guide, do not"))
    server.wait_for("the fixed page", lambda: "Guide, do not" in server.get("principles/guide-dont-get/")[1])
    assert "playbook-problems" not in server.get("principles/guide-dont-get/")[1]
    assert server.process.poll() is None
    assert "Traceback" not in server.output()


def test_a_preview_started_on_a_page_that_fails_to_render_comes_up(project: Path, serve) -> None:
    add_exploding_extension(project)
    explode(project / "principles" / "guide-dont-get.yml", "story")

    server = serve()

    status, html = server.get("")
    assert status == 200 and PROBLEM.format(file="principles/guide-dont-get.yml") in html
    assert server.get("principles/guide-dont-get/")[0] == 200
    assert "Traceback" not in server.output()
