"""Shared output helpers: safe, atomic writes."""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

from ..exceptions import OutputError

#: The output path that means standard output.
STDOUT = "-"


def write_atomic(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """Write `text` to `path` so that a reader never sees a half-written file
    and a failure (or SIGTERM, see :func:`gazette_checks.cli.main`) leaves none.

    A regular file is written through a temporary file in its folder and a
    rename; it gets the mode of the file it replaces, else ``0666 & ~umask``
    (0644 under the usual umask). A symlink is followed (the link stays, its
    target is replaced). ``-`` is standard output; a FIFO or character device
    (``/dev/stdout``) is written in place. Missing parent folders are created.
    Raises :class:`~gazette_checks.exceptions.OutputError` when the write fails.
    """
    if os.fspath(path) == STDOUT:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    try:
        st = os.stat(path)  # follows symlinks
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputError(f"cannot write {path}: it is a directory")
        if st is not None and (stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode)):
            with open(path, "w", encoding=encoding, newline="\n") as fh:
                fh.write(text)
            return
        if st is not None and not stat.S_ISREG(st.st_mode):
            raise OutputError(f"cannot write {path}: not a regular file")
        p = Path(os.path.realpath(path))  # through a symlink: replace its target, keep the link
        p.parent.mkdir(parents=True, exist_ok=True)
        _replace(p, text, encoding, stat.S_IMODE(st.st_mode) if st is not None else _default_mode())
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None


def _replace(p: Path, text: str, encoding: str, mode: int) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding=encoding, newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def _default_mode() -> int:
    """``0666`` less the process umask (read without changing it for good)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask
