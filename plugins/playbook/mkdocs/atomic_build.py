"""Build the site beside its folder and swap it in whole, so no failed build costs the last good site.

MkDocs cleans `site_dir` before it writes, so a build that fails halfway (a strict-mode warning, a
plugin error, a full disk, a killed process) would leave a half-written or empty site. Here MkDocs
builds into a fresh `.site-build-*` folder next to the site, and only a build that succeeded is
renamed into place, atomically where the system allows it.
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
from collections.abc import Iterable, Iterator
from pathlib import Path

from mkdocs.utils.yaml import yaml_load

BUILD_PREFIX = ".site-build-"
DEFAULT_CONFIG_FILES = ("mkdocs.yml", "mkdocs.yaml")
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


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
    """Hold an exclusive lock on `folder` while this process lives; the kernel drops it on any exit."""
    descriptor = os.open(folder, os.O_RDONLY)
    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return descriptor


def remove_stale_builds(parent: Path) -> None:
    """Delete `.site-build-*` folders left by a killed run; a running build holds its lock and stays."""
    for folder in parent.glob(f"{BUILD_PREFIX}*"):
        if folder.is_symlink() or not folder.is_dir():
            continue
        try:
            descriptor = _lock(folder)
        except OSError:
            continue  # another build is using it
        try:
            shutil.rmtree(folder, ignore_errors=True)
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


def swap_in(new: Path, target: Path, *, exchange: bool = True) -> None:
    """Put the folder `new` at `target`, then delete the tree that was there.

    Readers of `target` see the old site or the new one, never a mix: one exchange where the
    system has it, else two renames (the old site is moved aside, then the new one moved in).
    """
    if not target.exists() and not target.is_symlink():
        new.rename(target)
        return
    if not target.is_dir():
        raise BuildFailed(f"{target} is not a folder; move it away and build again")
    if exchange and _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the old site
        return
    old = new.with_name(new.name + "-old")
    target.rename(old)
    new.rename(target)
    shutil.rmtree(old, ignore_errors=True)


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


@contextlib.contextmanager
def build_folder(parent: Path) -> Iterator[Path]:
    """A fresh, locked `.site-build-*` folder beside the site, removed whatever happens."""
    parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=parent))
    descriptor = _lock(folder)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        os.close(descriptor)


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
    remove_stale_builds(target.parent)
    with build_folder(target.parent) as folder:
        command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(folder)]
        command += ["--config-file", str(config)]
        if run(command) != 0:
            raise BuildFailed(f"the build failed; {display(target)} was left as it was")
        folder.chmod(_site_mode())
        swap_in(folder, target)
    return target


def display(path: Path) -> str:
    with contextlib.suppress(ValueError):
        return f"{path.relative_to(Path.cwd())}/"
    return f"{path}/"
