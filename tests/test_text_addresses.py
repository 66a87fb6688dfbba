"""Addresses in contributor Markdown (text_addresses.py): only web, mail and phone addresses, and images
from the site itself, in principles, onboarding paths, the tag vocabulary and hand-written pages, in
validate, build and the Markdown export alike."""

from __future__ import annotations

from pathlib import Path

import pytest

from playbook.core.safety.text_addresses import address_problem
from playbook.core.site.assemble import load_playbook

from in_process import mkdocs_build, run_script_main
from support import ROOT, load_problems, refused, without_column

SCHEME = "which could run a script; a link or image may use only http, https, mailto or tel addresses"
OTHER_HOST = "is on another host; images must come from the site itself"


@pytest.mark.parametrize(
    ("markdown", "scheme"),
    [
        ("[x](javascript:alert(1))", "javascript"),
        ("[x]( JavaScript:alert(1))", "javascript"),
        ("[x](<java script:alert(1)>)", "javascript"),
        ("[x](jav&#x61;script:alert(1))", "javascript"),
        ("[x](javascript&colon;alert(1))", "javascript"),
        ("[x](javascript\\:alert(1))", "javascript"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", "data"),
        ("![x](data:image/svg+xml;base64,PHN2Zz4=)", "data"),
        ("Read <javascript:alert(1)> first.", "javascript"),
        ("[x][r]\n\n[r]: vbscript:msgbox(1)", "vbscript"),
        ("[x][r]\n\n[r]:\n  <vbscript:msgbox(1)>", "vbscript"),
        ("- > [r]: javascript:alert(1)", "javascript"),
        ("[outer [inner](file:///etc/passwd)](https://example.com)", "file"),
    ],
)
def test_every_scheme_but_web_mail_and_phone_is_refused(markdown: str, scheme: str) -> None:
    found = address_problem(markdown, docs_page=True)
    assert found is not None
    assert f"starts with '{scheme}:', {SCHEME}" in found[1]


@pytest.mark.parametrize(
    "markdown",
    [
        "![x](https://example.com/x.png)",
        "![x](HTTP://example.com/x.png)",
        "![x](//example.com/x.png)",
        "![x](\\\\\\\\example.com/x.png)",
        "![x](/\\example.com/x.png)",
        "![x][logo]\n\n[logo]: https://example.com/x.png",
        "![Logo][]\n\n[logo]: https://example.com/x.png",
        "![logo]\n\n[logo]: https://example.com/x.png",
        "[![x](https://example.com/x.png)](https://example.com)",
    ],
)
def test_an_image_from_another_host_is_refused(markdown: str) -> None:
    found = address_problem(markdown, docs_page=True)
    assert found is not None and OTHER_HOST in found[1]
    assert found[1].endswith("add the file under docs/ and link it with a relative address")


@pytest.mark.parametrize(
    "markdown",
    [
        "[web](https://example.com) [mail](mailto:team@example.com) [phone](tel:+15550100) [top](#top)",
        "<https://example.com> and <mailto:team@example.com>",
        "A reference to [[listen-first]] and [[listen-first#story|its story]].",
        "Write `[x](javascript:alert(1))` or `<javascript:alert(1)>`: code is text.",
        "```\n[x](javascript:alert(1))\n![x](https://example.com/x.png)\n```",
        "    [r]: javascript:alert(1)",
        "[a link][logo] to an image elsewhere is fine\n\n[logo]: https://example.com/x.png",
        "![the chart](images/chart.png) and ![up](../images/chart.png)",
        "An aside <Note: this is not an address>.",
    ],
)
def test_web_mail_phone_links_code_and_own_images_are_accepted(markdown: str) -> None:
    assert address_problem(markdown, docs_page=True) is None


def test_the_problem_names_its_line_in_the_text() -> None:
    assert address_problem("One.\n\nTwo [x](javascript:alert(1)).", docs_page=False) == (
        2,
        f"the address 'javascript:alert(1' starts with 'javascript:', {SCHEME}",
    )


def test_a_path_a_tag_and_a_docs_page_are_held_to_the_same_rule(project: Path) -> None:
    path = project / "principles" / "_paths" / "first-week.yml"
    text = path.read_text()
    introduction = "  Five principles, one a day."
    assert introduction in text
    path.write_text(
        text.replace(
            introduction, "  Five principles, ![one](https://tracker.example/p.gif) a day.", 1
        ).replace(
            "note: For the first angry call",
            "note: For the [first angry call](jav&#x61;script:alert(1))",
        )
    )
    tags = project / "principles" / "_tags.yml"
    tags.write_text(
        tags.read_text().replace(
            "description: Owning the outcome for",
            "description: About [owning](data:text/html,x) the outcome for",
        )
    )
    (project / "docs" / "links.md").write_text(
        "# Links\n\nA [link](https://example.com) and an ![own image](images/x.png).\n\n"
        "Then [a script][r] and more.\n\n[r]: VBScript:msgbox(1)\n"
    )
    (project / "docs" / "images.md").write_text("# Images\n\nA pixel: ![](https://tracker.example/p.gif)\n")
    assert load_problems(project) == [
        f"docs/images.md:3:1: the image 'https://tracker.example/p.gif' {OTHER_HOST}: add the file under "
        "docs/ and link it with a relative address",
        f"docs/links.md:7:1: the address 'VBScript:msgbox(1)' starts with 'vbscript:', {SCHEME}",
        f"principles/_paths/first-week.yml:8:1: introduction: the image 'https://tracker.example/p.gif' "
        f"{OTHER_HOST}: add the file under docs/ and show it on a page there, with a relative address",
        f"principles/_paths/first-week.yml:19:1: steps[2].note: the address 'jav&#x61;script:alert(1' "
        f"starts with 'javascript:', {SCHEME}",
        f"principles/_tags.yml:8:1: accountability.description: the address 'data:text/html,x' starts "
        f"with 'data:', {SCHEME}",
    ]


def test_validate_build_and_export_refuse_a_script_link_alike(project: Path) -> None:
    principle = project / "principles" / "guide-dont-get.yml"
    text = principle.read_text()
    principle.write_text(
        text.replace("\nstory: |\n  ", "\nstory: |\n  [Read this](javascript:alert(1)). ", 1)
    )
    line = text.splitlines().index("story: |") + 2  # the story's first line, where the link is
    expected = (
        f"principles/guide-dont-get.yml:{line}:1: story: the address 'javascript:alert(1' "
        f"starts with 'javascript:', {SCHEME}"
    )

    refused(run_script_main("validate.py", cwd=project), expected)
    refused(mkdocs_build(project), without_column(expected))
    refused(run_script_main("export_markdown.py", str(project / "export"), cwd=project), expected)
    assert not (project / "export").exists()


def test_the_playbook_s_own_pages_pass() -> None:
    load_playbook(
        ROOT / "principles", ROOT / "docs", ROOT / "principles" / "published.txt", root=ROOT, strict=False
    )
