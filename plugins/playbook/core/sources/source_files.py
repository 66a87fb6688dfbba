"""The files of principles/ and docs/: listed and opened without following a link or reading too much.

Everything here runs before MkDocs walks docs/ (it follows links) and before a file is read in full.
A symbolic link could publish `/etc/passwd` or a CI token from `.git/config`, a FIFO would block the
build, a huge file would fill memory, and an HTML or SVG file, or a file at a theme asset's address,
would run its script on the site. A message names the file, never its content.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputProblem, one_per_field
from .yamlsource import MAX_FILE_BYTES, ParsedYaml, decode, parse

PRINCIPLE_SUFFIXES = (".yml", ".yaml")
MARKDOWN_SUFFIXES = (".markdown", ".mdown", ".mkdn", ".mkd", ".md")
"""What MkDocs reads as a page; the playbook reads (and checks) only `.md`."""
IMAGE_SUFFIXES = (".avif", ".gif", ".jpeg", ".jpg", ".png", ".webp")
"""Images a docs page may show: formats that cannot carry a script (SVG can)."""
_HTML_SUFFIXES = (".htm", ".html", ".shtml", ".xht", ".xhtml")
_CODE_SUFFIXES = (".css", ".js", ".mjs")
_NO_FOLLOW = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC


@dataclass(frozen=True)
class SizeLimit:
    bytes: int
    what: str
    fix: str

    def message(self, size: int) -> str:
        over = f"over the {self.bytes // 1024} KB limit for {self.what}"
        return f"the file is {size // 1024} KB, {over}; {self.fix}"


PRINCIPLE_LIMIT = SizeLimit(MAX_FILE_BYTES, "a principle", "shorten it or split it into several principles")
PAGE_LIMIT = SizeLimit(256 * 1024, "a page", "shorten it or split it into several pages")
DOCS_FILE_LIMIT = SizeLimit(
    10 * 1024 * 1024, "a file in docs/", "make it smaller, or host it elsewhere and link to it"
)
MANIFEST_LIMIT = SizeLimit(
    1024 * 1024,
    "the list of published addresses",
    "it holds one short line per principle; remove what else was pasted in",
)


@dataclass(frozen=True)
class DocsRules:
    """What docs/ may hold besides Markdown pages and images, and which addresses it may not take."""

    owner_files: frozenset[str] = frozenset()
    """Files the site's owner lists in mkdocs.yml (extra_css, extra_javascript, theme logo and favicon),
    as paths inside docs/: configuration, reviewed like code."""
    theme_dirs: tuple[Path, ...] = ()
    """The theme's folders: a docs file at the same path would replace the theme's file on every page."""
    plugin_files: frozenset[str] = frozenset()
    """Files the playbook plugin serves itself (its stylesheet)."""


@dataclass(frozen=True)
class DocsSource:
    """A Markdown page under docs/ that passed every check, not read yet."""

    path: Path
    src_uri: str
    file: str
    """The path a contributor sees (`docs/onboarding.md`), for messages."""


def display_path(path: Path, root: Path | None) -> str:
    """The path as a contributor sees it in the repository: `principles/x.yml`. The entry itself is
    never resolved: a link is named as the link, not as its target."""
    if root is not None:
        absolute = Path(os.path.abspath(path))
        base = Path(os.path.abspath(root))
        if absolute.is_relative_to(base):  # the usual case, without a system call
            return absolute.relative_to(base).as_posix()
        parent_resolved = Path(os.path.realpath(absolute.parent)) / absolute.name
        base = root.resolve()
        if parent_resolved.is_relative_to(base):
            return parent_resolved.relative_to(base).as_posix()
    return path.as_posix()


def owner_files(listed: Iterable[object]) -> frozenset[str]:
    """mkdocs.yml entries (`extra_css: [css/site.css]`, ...) as paths inside docs/; addresses on other
    hosts are left out."""
    paths = set()
    for entry in listed:
        if isinstance(entry, dict):  # extra_javascript: [{path: x.js, type: module}]
            entry = entry.get("path")
        text = str(getattr(entry, "path", entry) or "")
        if text and "://" not in text and not text.startswith("//"):
            paths.add(os.path.normpath(text.lstrip("/")).replace(os.sep, "/"))
    return frozenset(paths)


def entry_problem(path: Path, file: str) -> InputProblem | None:
    """A problem when the path is a link or a special file (checked with lstat, never opened)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError as error:
        return InputProblem(file, 1, 1, "", f"cannot read the file: {error.strerror}")
    return _mode_problem(mode, file)


def read_source(path: Path, file: str, limit: SizeLimit) -> tuple[bytes | None, list[InputProblem]]:
    """The bytes of an ordinary file, its size checked before reading; never through a link."""
    problem = entry_problem(path, file)
    if problem is not None:
        return None, [problem]
    if stat.S_ISDIR(os.lstat(path).st_mode):
        return None, [InputProblem(file, 1, 1, "", "this is a folder, not a file; give the path of a file")]
    try:
        descriptor = os.open(path, os.O_RDONLY | _NO_FOLLOW)
    except OSError as error:  # a link or a FIFO swapped in since lstat ends here too
        return None, [InputProblem(file, 1, 1, "", f"cannot read the file: {error.strerror}")]
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        problem = _mode_problem(status.st_mode, file)
        if problem is not None:
            return None, [problem]
        if status.st_size > limit.bytes:
            return None, [InputProblem(file, 1, 1, "", limit.message(status.st_size))]
        raw = stream.read(limit.bytes + 1)
    if len(raw) > limit.bytes:  # it grew after fstat
        return None, [InputProblem(file, 1, 1, "", limit.message(len(raw)))]
    return raw, []


def principle_files(folder: Path, root: Path | None = None) -> tuple[list[Path], list[InputProblem]]:
    """Every principle file in the folder, in a stable order, and a problem for each entry that cannot
    be one: a link or special file anywhere below, a folder named `x.yml`, a `X.YML` file.

    A name that begins with `_` is the playbook's own file (`_tags.yml`, the tag vocabulary), not a
    principle; links and special files are refused under such names too."""
    entries, problems = _scan(folder, root)
    files = []
    for path, mode in entries:
        suffix = path.suffix
        if path.parent != folder or suffix.lower() not in PRINCIPLE_SUFFIXES or not _is_plain(mode):
            continue
        if path.name.startswith("_"):
            continue
        file = display_path(path, root)
        if stat.S_ISDIR(mode):
            message = "this folder is named like a principle file; rename or remove it"
            problems.append(InputProblem(file, 1, 1, "", message))
        elif suffix not in PRINCIPLE_SUFFIXES:
            message = (
                f"the extension {suffix} is not read as a principle; "
                f"rename the file to {path.stem}{suffix.lower()}"
            )
            problems.append(InputProblem(file, 1, 1, "", message))
        else:
            files.append(path)
    return files, problems


def docs_pages(
    docs_dir: Path, root: Path | None, rules: DocsRules
) -> tuple[list[DocsSource], list[InputProblem]]:
    """The Markdown pages of docs/, and a problem for every file MkDocs must not publish."""
    entries, problems = _scan(docs_dir, root)
    pages = []
    for path, mode in entries:
        if not stat.S_ISREG(mode):
            continue
        src_uri = path.relative_to(docs_dir).as_posix()
        file = display_path(path, root)
        if _left_out_by_mkdocs(src_uri):
            continue
        message = _docs_file_problem(src_uri, rules)
        if message is None:
            size = os.lstat(path).st_size
            limit = PAGE_LIMIT if src_uri.endswith(".md") else DOCS_FILE_LIMIT
            message = limit.message(size) if size > limit.bytes else None
        if message is not None:
            problems.append(InputProblem(file, 1, 1, "", message))
        elif src_uri.endswith(".md"):
            pages.append(DocsSource(path, src_uri, file))
    return pages, problems


def publishable(docs_dir: Path, src_uri: str, rules: DocsRules) -> bool:
    """Whether MkDocs may publish this file of docs/: no link on its way, an ordinary file, an allowed
    kind and size. For a preview, which keeps running with problems and must leave such files out."""
    path = docs_dir
    for part in src_uri.split("/"):
        path = path / part
        try:
            status = os.lstat(path)
        except OSError:
            return False
        if stat.S_ISLNK(status.st_mode):
            return False
    if not stat.S_ISREG(status.st_mode):
        return False
    if _left_out_by_mkdocs(src_uri):
        return True
    limit = PAGE_LIMIT if src_uri.endswith(".md") else DOCS_FILE_LIMIT
    return _docs_file_problem(src_uri, rules) is None and status.st_size <= limit.bytes


def create_file(path: Path, text: str) -> None:
    """Write a new file; fail if anything, a link included, is already at that path."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NO_FOLLOW
    with os.fdopen(os.open(path, flags, 0o644), "w", encoding="utf-8") as stream:
        stream.write(text)


def write_file(path: Path, text: str, *, append: bool = False) -> None:
    """Replace (or add to) an existing ordinary file, never writing through a link."""
    flags = os.O_WRONLY | _NO_FOLLOW | (os.O_APPEND if append else 0)
    with os.fdopen(os.open(path, flags), "w", encoding="utf-8") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path} is not an ordinary file")
        if not append:
            stream.truncate(0)
        stream.write(text)


def _scan(folder: Path, root: Path | None) -> tuple[list[tuple[Path, int]], list[InputProblem]]:
    """Every entry below `folder` with its lstat mode, never following a link; links and special files,
    and the folder itself being one, are problems."""
    problem = entry_problem(folder, display_path(folder, root))
    if problem is not None:
        return [], [problem]
    entries: list[tuple[Path, int]] = []
    problems: list[InputProblem] = []
    for path, mode in _walk(folder, root, problems):
        if _is_plain(mode):
            entries.append((path, mode))
        else:
            problems.append(_special_file_problem(mode, display_path(path, root)))
    return entries, problems


def _walk(folder: Path, root: Path | None, problems: list[InputProblem]) -> Iterator[tuple[Path, int]]:
    pending = [folder]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as scan:
                found = sorted(
                    (Path(entry.path), entry.stat(follow_symlinks=False).st_mode) for entry in scan
                )
        except OSError as error:
            message = f"cannot read the folder: {error.strerror}"
            problems.append(InputProblem(display_path(directory, root), 1, 1, "", message))
            continue
        yield from found
        pending.extend(reversed([path for path, mode in found if stat.S_ISDIR(mode)]))


def _is_plain(mode: int) -> bool:
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode)


def _mode_problem(mode: int, file: str) -> InputProblem | None:
    return None if _is_plain(mode) else _special_file_problem(mode, file)


def _special_file_problem(mode: int, file: str) -> InputProblem:
    """Why an entry that is neither an ordinary file nor a folder is refused."""
    if stat.S_ISLNK(mode):
        message = (
            "this is a symbolic link, and the playbook never follows one (it could publish files from "
            "outside the repository); put the file itself here, or remove the link"
        )
    else:
        kind = (
            "a FIFO (named pipe)"
            if stat.S_ISFIFO(mode)
            else "a socket"
            if stat.S_ISSOCK(mode)
            else "a device file"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "a special file"
        )
        message = f"this is {kind}, not an ordinary file; remove it"
    return InputProblem(file, 1, 1, "", message)


def _left_out_by_mkdocs(src_uri: str) -> bool:
    """MkDocs never publishes dot-files, files in dot-folders, or the top `templates/` folder."""
    parts = src_uri.split("/")
    return any(part.startswith(".") for part in parts) or (len(parts) > 1 and parts[0] == "templates")


def _docs_file_problem(src_uri: str, rules: DocsRules) -> str | None:
    if src_uri in rules.plugin_files:
        return (
            "this file would replace the playbook's own stylesheet on every page; put your rules in a "
            "stylesheet of your own and list it under extra_css in mkdocs.yml"
        )
    if any(Path(theme_dir, src_uri).is_file() for theme_dir in rules.theme_dirs):
        return (
            f"this file would replace the theme's own {src_uri} on every page; give it another name or "
            "folder (to change the theme itself, use theme.custom_dir in mkdocs.yml)"
        )
    suffix = os.path.splitext(src_uri)[1]
    if src_uri in rules.owner_files or suffix == ".md" or suffix.lower() in IMAGE_SUFFIXES:
        return None
    stem = os.path.splitext(os.path.basename(src_uri))[0]
    if suffix.lower() in MARKDOWN_SUFFIXES:
        return f"the playbook checks pages only in .md files; rename it to {stem}.md"
    if suffix.lower() == ".svg":
        return (
            "an SVG image can carry a script that would run on the site; export it as PNG (or WebP) instead"
        )
    if suffix.lower() in _HTML_SUFFIXES:
        return (
            "an HTML file is published as it is, scripts included; write the page in Markdown (.md) instead"
        )
    if suffix.lower() in _CODE_SUFFIXES:
        return (
            "a stylesheet or script is published only when mkdocs.yml lists it (extra_css or "
            "extra_javascript), so the site's owner reviews it; ask them to list it, or remove it"
        )
    kinds = ", ".join(IMAGE_SUFFIXES)
    return (
        f"docs/ publishes only Markdown pages (.md) and images ({kinds}); "
        "remove this file or link to it elsewhere"
    )


def read_yaml_fields(
    path: Path, file: str, limit: SizeLimit, *, what: str
) -> tuple[ParsedYaml | None, list[InputProblem]]:
    """A YAML file that must hold fields (a mapping), read without following a link: the parsed file,
    or None and every problem that stops it being read. `what` completes "a ... is a set of fields"."""
    raw, problems = read_source(path, file, limit)
    if raw is None:
        return None, problems
    text, problems = decode(raw, file)
    if text is None:
        return None, problems
    parsed, problems = parse(text, file)
    if parsed is None:
        return None, problems
    if not isinstance(parsed.data, dict):
        found = (
            "nothing" if parsed.data is None else "a list" if isinstance(parsed.data, list) else "plain text"
        )
        return None, [*problems, InputProblem(file, 1, 1, "", f"the file holds {found}; {what}")]
    return parsed, problems


def read_checked_fields(
    path: Path,
    file: str,
    limit: SizeLimit,
    *,
    what: str,
    checks: Callable[[ParsedYaml], Iterable[InputProblem]],
) -> tuple[ParsedYaml | None, list[InputProblem]]:
    """read_yaml_fields, then a reader's `checks` of what the file holds, the first problem of each
    field only (errors.one_per_field): the parsed file, or None and every problem. Each reader of a
    playbook file (paths, the tag vocabulary, the search vocabulary) reads through this."""
    parsed, problems = read_yaml_fields(path, file, limit, what=what)
    if parsed is None:
        return None, problems
    problems = one_per_field(problems, checks(parsed))
    return (None, problems) if problems else (parsed, [])
