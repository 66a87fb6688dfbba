"""Build the site beside its folder and swap it in whole, so no failed build costs the last good site.

MkDocs cleans `site_dir` before it writes, so a build that fails halfway (a strict-mode warning, a
plugin error, a full disk, a killed process) would leave a half-written or empty site. Here MkDocs
builds into a fresh `.site-build-*` folder next to the site, and only a build that succeeded is
renamed into place, atomically where the system allows it.

Several builds may run at once (two `make build` in one checkout, a script and an editor's task). They
share one lock, an exclusive `flock` on the folder that holds the site, for the short steps that touch
what another build can see: removing stale build folders, creating and locking a fresh one, and the
swap. MkDocs itself runs outside that lock, each build in its own folder, which it holds locked
until it is swapped in or removed, so a stale-folder sweep never takes a running build's folder.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Literal

from mkdocs.utils.yaml import yaml_load

BUILD_PREFIX = ".site-build-"
DEFAULT_CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2

Swap = Literal["rename", "exchange", "two renames"]


class BuildFailed(Exception):
    """The build did not succeed; the site folder was left as it was."""


def config_path(config_file: str | None) -> Path:
    if config_file:
        return Path(config_file)
    for name in DEFAULT_CONFIG_FILES:
        if Path(name).exists():
            return Path(name)
    raise BuildFailed("no mkdocs.yml in this folder; run from the project folder or pass --config-file")


def configured_site_dir(config_file: Path) -> Path:
    """`site_dir` as MkDocs resolves it: relative to the config file's folder, `site` by default."""
    try:
        with config_file.open("rb") as source:
            config = yaml_load(source)
    except OSError as error:
        raise BuildFailed(f"{config_file}: {error.strerror}") from None
    except Exception as error:  # MkDocs' own configuration error, printed as MkDocs words it
        raise BuildFailed(str(error)) from None
    return Path(os.path.abspath(config_file.parent / str(config.get("site_dir") or "site")))


def _lock(folder: Path) -> int:
    """Hold an exclusive lock on `folder` while this process lives; the kernel drops it on any exit.

    Raises OSError (BlockingIOError) at once if another process holds it; never follows a link."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


@contextlib.contextmanager
def sharing_the_folder(parent: Path) -> Iterator[None]:
    """Wait for, then hold, the lock every build takes on the folder that holds the site and its
    build folders. Locking the folder itself leaves no lock file behind."""
    descriptor = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # also releases the lock


def _remove(path: Path) -> None:
    """Delete `path`: a link (even one to a folder) or a file is unlinked, never followed; a folder
    is deleted with everything in it."""
    if path.is_symlink() or not path.is_dir():
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    else:
        shutil.rmtree(path, ignore_errors=True)


def remove_stale_builds(parent: Path) -> None:
    """Delete `.site-build-*` folders left by a killed run, and links left where the site was one.

    A running build holds its folder's lock and keeps it. Call it holding `sharing_the_folder(parent)`,
    as `build_and_swap` does: a build creates and locks its folder under that lock, so no sweep can
    see a fresh folder before it is locked."""
    for path in parent.glob(f"{BUILD_PREFIX}*"):
        if path.is_symlink():
            _remove(path)
            continue
        if not path.is_dir():
            continue
        try:
            descriptor = _lock(path)
        except OSError:
            continue  # another build is using it
        try:
            _remove(path)
        finally:
            os.close(descriptor)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    result = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False  # an old kernel, or a file system without exchange
    raise OSError(code, os.strerror(code), str(first))


def swap_in(new: Path, target: Path, *, exchange: bool = True) -> Swap:
    """Put the folder `new` at `target`, then delete what was there; say which way it went.

    Readers of `target` see the old site or the new one, never a mix: one exchange where the system
    has it, else two renames (the old site is moved aside, then the new one moved in; only there is
    `target` missing for a moment). Call it holding `sharing_the_folder(target.parent)`."""
    if not target.exists() and not target.is_symlink():
        new.rename(target)
        return "rename"
    if not target.is_dir():
        raise BuildFailed(f"{target} is not a folder; move it away and build again")
    if exchange and _exchange(new, target):
        _remove(new)  # now the old site, or the link that stood for it
        return "exchange"
    old = new.with_name(new.name + "-old")
    target.rename(old)
    try:
        new.rename(target)
    except BaseException:
        old.rename(target)
        raise
    _remove(old)
    return "two renames"


def build_and_swap(target: Path, build: Callable[[Path], None]) -> Swap:
    """Run `build` into a fresh, locked `.site-build-*` folder beside `target`; swap it in if it
    returned, delete it if it raised.

    Stale folders are swept and the new one created and locked under the shared lock, and so is
    the swap, so that concurrent builds each finish whole and the last to finish is the site."""
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    with sharing_the_folder(parent):
        remove_stale_builds(parent)
        folder = Path(tempfile.mkdtemp(prefix=f"{BUILD_PREFIX}{os.getpid()}-", dir=parent))
        descriptor = _lock(folder)
    try:
        build(folder)
        folder.chmod(_site_mode())
        with sharing_the_folder(parent):
            return swap_in(folder, target)
    except BaseException:
        _remove(folder)  # still ours: nothing was swapped
        raise
    finally:
        os.close(descriptor)


def without_tracebacks(lines: Iterable[str]) -> Iterator[str]:
    """MkDocs' output with each Python traceback cut to its error line and where it was raised."""
    frame = ""
    in_traceback = False
    for line in lines:
        if line.startswith("Traceback (most recent call last):"):
            in_traceback, frame = True, ""
        elif in_traceback and line.startswith("  File "):
            frame = line.strip()
        elif in_traceback and (line.startswith(" ") or not line.strip()):
            continue
        elif in_traceback:
            in_traceback = False
            yield f"{line.rstrip()}\n  (raised at {frame})\n" if frame else line
        elif not line.startswith(
            ("During handling of the above exception", "The above exception was the direct cause")
        ):
            yield line


def _site_mode() -> int:
    """The mode MkDocs would give a new folder (mkdtemp makes it private)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o777 & ~umask


def run(command: list[str]) -> int:
    """Run MkDocs, passing its output on (tracebacks cut short); stop it if we are interrupted."""
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        assert process.stdout is not None
        try:
            for line in without_tracebacks(process.stdout):
                sys.stderr.write(line)
        except BaseException:
            process.kill()
            raise
    return process.returncode


def build_site(config_file: str | None, site_dir: str | None) -> Path:
    """Run the real `mkdocs build --strict` into a build folder; swap it in only if it succeeded."""
    config = config_path(config_file)
    target = Path(os.path.abspath(config.parent / site_dir)) if site_dir else configured_site_dir(config)

    def mkdocs_build(folder: Path) -> None:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)]
        command += ["--config-file", str(config)]
        if run(command) != 0:
            raise BuildFailed(f"the build failed; {display(target)} was left as it was")

    build_beside(target, mkdocs_build)
    return target


def build_beside(target: Path, build: Callable[[Path], None]) -> None:
    """`build_and_swap`, with a failure of the folder beside the site as one `BuildFailed` line
    (scripts/build_site.py's MkDocs build, scripts/build_zensical.py's export, Zensical and Pagefind)."""
    try:
        build_and_swap(target, build)
    except OSError as error:  # the folder beside the site: permissions, a full disk, a read-only mount
        where = error.filename or display(target)
        raise BuildFailed(
            f"{where}: {error.strerror or error}; {display(target)} was left as it was"
        ) from None


def exit_status(build: Callable[[], Path], built: str) -> int:
    """Run a build script's `build` and say how it went, as scripts/build_site.py and
    scripts/build_zensical.py print it: 0, `built` and the site's folder; 1, the one-line failure."""
    try:
        target = build()
    except BuildFailed as error:
        print(f"ERROR   -  {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("Interrupted; the site was left as it was.", file=sys.stderr)
        return 130
    print(f"INFO    -  {built} {display(target)}", file=sys.stderr)
    return 0


def display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return f"{path.relative_to(Path.cwd())}/"
    return f"{path}/"
