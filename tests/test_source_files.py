"""Which files may enter the build: no link is followed, no special file opened, no file read before
its size is known, and docs/ publishes only pages, images and what the site's owner lists.

Each hostile entry is made for real (symbolic links, a FIFO, a socket, a 2 GB sparse file) and checked
with both `scripts/validate.py` and the real `mkdocs build --strict`: exit 1, the exact problem line,
no traceback, nothing of the outside file printed, and the last good site/ left in place.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import material
import pytest

from in_process import mkdocs_build, run_script_main
from support import ROOT, page, principle_text, refused, run_script, write_principle

MATERIAL = Path(material.__file__).parent / "templates"
[BUNDLE] = [path.name for path in (MATERIAL / "assets/javascripts").glob("bundle.*.min.js")]
SECRET = "s3cr3t-token-from-outside"
SYMLINK = (
    "this is a symbolic link, and the playbook never follows one (it could publish files from outside "
    "the repository); put the file itself here, or remove the link"
)
SCRIPT = (
    "a stylesheet or script is published only when mkdocs.yml lists it (extra_css or extra_javascript), "
    "so the site's owner reviews it; ask them to list it, or remove it"
)


@dataclass(frozen=True)
class Case:
    make: Callable[[Path, Path], None]
    """(project, outside folder) -> puts the hostile entry in place."""
    problem: str
    """The exact line, `file:line: message`, both tools print."""
    validate_problem: str | None = None
    """What validate.py prints instead, where it cannot know the theme."""


def link(target: Path | str, at: Path) -> None:
    at.parent.mkdir(parents=True, exist_ok=True)
    at.symlink_to(target)


def outside_secret(outside: Path, name: str = "secret.txt") -> Path:
    path = outside / name
    path.write_text(f"{SECRET}\n")
    return path


def outside_principle(outside: Path) -> Path:
    return write_principle(outside, "outside.yml", principle_text("outside").replace("Listen", SECRET))


def huge_sparse_file(path: Path) -> Path:
    with path.open("wb") as stream:
        stream.truncate(2 * 1024**3)  # 2 GB that take no disk space
    return path


@contextmanager
def listening_socket(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield
    finally:
        server.close()


def git_config(project: Path, outside: Path) -> None:
    (project / ".git").mkdir()
    (project / ".git" / "config").write_text(f'[http]\n\textraheader = "AUTHORIZATION: basic {SECRET}"\n')
    link("../.git/config", project / "docs" / "config.txt")


CASES = {
    "docs-html": Case(
        lambda project, outside: (project / "docs" / "evil.html").write_text("<script>alert(1)</script>"),
        "docs/evil.html:1: an HTML file is published as it is, scripts included; write the page in "
        "Markdown (.md) instead",
    ),
    "docs-svg": Case(
        lambda project, outside: (project / "docs" / "evil.svg").write_text(
            '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
        ),
        "docs/evil.svg:1: an SVG image can carry a script that would run on the site; export it as PNG "
        "(or WebP) instead",
    ),
    "docs-theme-bundle": Case(
        lambda project, outside: write_principle(
            project / "docs" / "assets" / "javascripts", BUNDLE, "alert(document.cookie)"
        ),
        f"docs/assets/javascripts/{BUNDLE}:1: this file would replace the theme's own "
        f"assets/javascripts/{BUNDLE} on every page; give it another name or folder (to change the theme "
        "itself, use theme.custom_dir in mkdocs.yml)",
        validate_problem=f"docs/assets/javascripts/{BUNDLE}:1: {SCRIPT}",
    ),
    "docs-playbook-stylesheet": Case(
        lambda project, outside: write_principle(
            project / "docs" / "assets" / "playbook", "playbook.css", "body { display: none }"
        ),
        "docs/assets/playbook/playbook.css:1: this file would replace the playbook's own stylesheet on "
        "every page; put your rules in a stylesheet of your own and list it under extra_css in mkdocs.yml",
    ),
    "docs-other-kind": Case(
        lambda project, outside: (project / "docs" / "notes.markdown").write_text("# Notes\n"),
        "docs/notes.markdown:1: the playbook checks pages only in .md files; rename it to notes.md",
    ),
    "docs-link-to-etc-passwd": Case(
        lambda project, outside: link("/etc/passwd", project / "docs" / "passwd.txt"),
        f"docs/passwd.txt:1: {SYMLINK}",
    ),
    "docs-link-to-git-config": Case(git_config, f"docs/config.txt:1: {SYMLINK}"),
    "docs-link-to-proc-environ": Case(
        lambda project, outside: link("/proc/self/environ", project / "docs" / "environ.md"),
        f"docs/environ.md:1: {SYMLINK}",
    ),
    "docs-link-to-outside-folder": Case(
        lambda project, outside: (
            outside_secret(outside, "page.md"),
            link(outside, project / "docs" / "more"),
        ),
        f"docs/more:1: {SYMLINK}",
    ),
    "docs-link-in-a-dot-folder": Case(
        lambda project, outside: link("/", project / "docs" / ".cache" / "root"),
        f"docs/.cache/root:1: {SYMLINK}",
    ),
    "docs-fifo": Case(
        lambda project, outside: os.mkfifo(project / "docs" / "photo.png"),
        "docs/photo.png:1: this is a FIFO (named pipe), not an ordinary file; remove it",
    ),
    "principles-link-to-outside-principle": Case(
        lambda project, outside: link(outside_principle(outside), project / "principles" / "outside.yml"),
        f"principles/outside.yml:1: {SYMLINK}",
    ),
    "principles-link-to-huge-file": Case(
        lambda project, outside: link(
            huge_sparse_file(outside / "huge"), project / "principles" / "huge.yml"
        ),
        f"principles/huge.yml:1: {SYMLINK}",
    ),
    "principles-link-to-folder": Case(
        lambda project, outside: link("/etc", project / "principles" / "etc"),
        f"principles/etc:1: {SYMLINK}",
    ),
    "principles-huge-file": Case(
        lambda project, outside: huge_sparse_file(project / "principles" / "huge.yml"),
        "principles/huge.yml:1: the file is 2097152 KB, over the 256 KB limit for a principle; shorten it "
        "or split it into several principles",
    ),
    "principles-fifo": Case(
        lambda project, outside: os.mkfifo(project / "principles" / "waiting.yml"),
        "principles/waiting.yml:1: this is a FIFO (named pipe), not an ordinary file; remove it",
    ),
    "principles-folder-named-yml": Case(
        lambda project, outside: (project / "principles" / "folder.yml").mkdir(),
        "principles/folder.yml:1: this folder is named like a principle file; rename or remove it",
    ),
    "principles-uppercase-extension": Case(
        lambda project, outside: write_principle(
            project / "principles", "listen-first.YML", principle_text("listen-first")
        ),
        "principles/listen-first.YML:1: the extension .YML is not read as a principle; rename the file to "
        "listen-first.yml",
    ),
    "published-txt-link": Case(
        lambda project, outside: (
            (project / "principles" / "published.txt").unlink(),
            link(outside_secret(outside), project / "principles" / "published.txt"),
        ),
        f"principles/published.txt:1: {SYMLINK}",
    ),
}


def with_column(line: str) -> str:
    file, number, rest = line.split(":", 2)
    return f"{file}:{number}:1:{rest}"


@pytest.fixture
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("outside")


def last_good_site(project: Path) -> Path:
    marker = project / "site" / "marker.txt"
    marker.parent.mkdir()
    marker.write_text("last good site")
    return marker


def assert_refused(result: subprocess.CompletedProcess[str], line: str) -> None:
    output = "\n".join(refused(result, line))
    assert SECRET not in output
    for outside_content in ("root:x:0:0", "PATH=", "HOME="):
        assert outside_content not in output


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_hostile_entry_is_refused_by_validate_and_build(name: str, project: Path, outside: Path) -> None:
    case = CASES[name]
    case.make(project, outside)
    marker = last_good_site(project)

    validated = run_script_main("validate.py", cwd=project)
    assert_refused(validated, with_column(case.validate_problem or case.problem))
    built = mkdocs_build(project)
    assert_refused(built, case.problem)
    assert list((project / "site").iterdir()) == [marker]
    assert marker.read_text() == "last good site"


def test_a_socket_in_docs_is_refused(project: Path) -> None:
    with listening_socket(project / "docs" / "socket.png"):
        built = mkdocs_build(project)
    assert_refused(built, "docs/socket.png:1: this is a socket, not an ordinary file; remove it")


def test_every_hostile_entry_at_once_in_one_build(project: Path, outside: Path) -> None:
    for case in CASES.values():
        if "huge.yml" not in case.problem:  # two cases share that name
            case.make(project, outside)
    refused(
        mkdocs_build(project), *(case.problem for case in CASES.values() if "huge.yml" not in case.problem)
    )


def test_a_huge_principle_is_refused_without_being_read() -> None:
    # 512 MB of address space: reading the 2 GB file would fail with MemoryError.
    code = (
        "import resource, sys, tempfile\n"
        "from pathlib import Path\n"
        "from playbook.core.sources.errors import PlaybookInputError\n"
        "from playbook.core.formats.loader import load_principles\n"
        "folder = Path(tempfile.mkdtemp())\n"
        "with open(folder / 'huge.yml', 'wb') as stream:\n"
        "    stream.truncate(2 * 1024**3)\n"
        "resource.setrlimit(resource.RLIMIT_AS, (512 * 2**20, 512 * 2**20))\n"
        "try:\n"
        "    load_principles(folder, root=folder)\n"
        "except PlaybookInputError as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (
        "huge.yml:1: the file is 2097152 KB, over the 256 KB limit for a principle; shorten it or split it "
        "into several principles\n"
    )


def test_a_preview_leaves_out_every_refused_docs_file(project: Path, outside: Path, serve) -> None:
    for name in ("docs-html", "docs-link-to-etc-passwd", "docs-fifo", "docs-playbook-stylesheet"):
        CASES[name].make(project, outside)
    server = serve()
    assert server.get("")[0] == 200
    for address in ("evil.html", "passwd.txt", "photo.png"):
        assert server.get(address)[0] == 404
    status, stylesheet = server.get("assets/playbook/playbook.css")
    assert status == 200 and stylesheet.startswith("/* Playbook page styles")
    assert "Traceback" not in server.output()
    assert "docs/evil.html:1: an HTML file is published as it is" in server.output()


def test_images_and_the_owners_listed_assets_are_published(project: Path) -> None:
    (project / "docs" / "images").mkdir()
    (project / "docs" / "images" / "team.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    write_principle(project / "docs" / "css", "site.css", ".playbook-summary { color: teal }")
    write_principle(project / "docs" / "js", "site.js", "console.log('owner')")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text() + "extra_css:\n  - css/site.css\nextra_javascript:\n  - path: js/site.js\n"
    )
    assert run_script_main("validate.py", cwd=project).returncode == 0
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    site = project / "site"
    assert (site / "images" / "team.png").exists() and (site / "js" / "site.js").exists()
    stylesheets = [link["href"] for link in page(site, ".").select("link[rel=stylesheet]")]
    ours, theirs = stylesheets.index("assets/playbook/playbook.css"), stylesheets.index("css/site.css")
    assert ours < theirs  # the site's own rules come later, so they win


def test_dot_files_stay_out_of_the_site_without_a_problem(project: Path) -> None:
    (project / "docs" / ".notes.html").write_text("<script>alert(1)</script>")
    built = mkdocs_build(project)
    assert built.returncode == 0, built.stderr
    assert not (project / "site" / ".notes.html").exists()


def test_validate_refuses_links_and_special_files_named_on_its_command_line(
    project: Path, outside: Path
) -> None:
    link(outside_principle(outside), project / "principles" / "outside.yml")
    os.mkfifo(project / "principles" / "waiting.yml")
    link(outside, project / "linked")
    result = run_script_main(
        "validate.py", "principles/outside.yml", "principles/waiting.yml", "linked", cwd=project
    )
    refused(result)
    assert result.stdout.splitlines() == [
        f"linked:1:1: {SYMLINK}",
        f"principles/outside.yml:1:1: {SYMLINK}",
        "principles/waiting.yml:1:1: this is a FIFO (named pipe), not an ordinary file; remove it",
    ]
    assert SECRET not in result.stdout + result.stderr


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file() and not path.is_symlink()
    }


@pytest.mark.parametrize("script", ["new_principle.py", "update_published.py"])
@pytest.mark.parametrize(
    ("manifest", "problem"),
    [
        ("link", f"principles/published.txt:1: {SYMLINK}"),
        (
            "not-utf8",
            "principles/published.txt:{last}: byte 0xe9 is not UTF-8: probably é (latin small letter e with acute) saved as Windows-1252; save the file as UTF-8 (in VS Code: click the encoding in the status bar, 'Save with Encoding', 'UTF-8')",
        ),
        ("fifo", "principles/published.txt:1: this is a FIFO (named pipe), not an ordinary file; remove it"),
    ],
)
def test_the_scripts_refuse_a_manifest_they_cannot_trust_and_write_nothing(
    script: str, manifest: str, problem: str, project: Path, outside: Path
) -> None:
    write_principle(project / "principles", "listen-first.yml", principle_text("listen-first"))
    published = project / "principles" / "published.txt"
    secret = outside_secret(outside)
    if manifest == "link":
        published.unlink()
        link(secret, published)
    elif manifest == "not-utf8":
        published.write_bytes(published.read_bytes() + b"# caf\xe9\n")
    else:
        published.unlink()
        os.mkfifo(published)
    before = snapshot(project / "principles")
    if manifest == "not-utf8":
        problem = problem.format(last=published.read_bytes().count(b"\n"))

    arguments = ["Let the silence work"] if script == "new_principle.py" else []
    result = run_script(script, *arguments, cwd=project)
    output = refused(result)
    assert SECRET not in result.stdout + result.stderr
    assert [line for line in output if line] == [
        f"{problem} (nothing was written)" if script == "new_principle.py" else problem
    ]
    assert snapshot(project / "principles") == before
    assert secret.read_text() == f"{SECRET}\n"


def test_the_scaffold_never_writes_into_a_linked_principles_folder(project: Path, outside: Path) -> None:
    principles = project / "principles"
    principles.rename(outside / "principles")
    link(outside / "principles", principles)
    before = snapshot(outside / "principles")
    result = run_script("new_principle.py", "Let the silence work", cwd=project)
    refused(result)
    assert result.stdout == "principles is a symbolic link; the playbook never writes through one\n"
    assert snapshot(outside / "principles") == before


def test_the_scaffold_refuses_windows_device_names(project: Path) -> None:
    before = snapshot(project / "principles")
    result = run_script("new_principle.py", "Console", "--id", "con", cwd=project)
    refused(result, code=2)
    assert result.stdout == (
        "'con' is a device name on Windows: a file or folder so named cannot be checked out there; "
        "choose another with --id\n"
    )
    assert snapshot(project / "principles") == before


def test_the_repository_has_no_link_or_special_file_in_its_sources() -> None:
    from playbook.core.sources.source_files import DocsRules, docs_pages, principle_files

    assert principle_files(ROOT / "principles", ROOT)[1] == []
    assert docs_pages(ROOT / "docs", ROOT, DocsRules())[1] == []
