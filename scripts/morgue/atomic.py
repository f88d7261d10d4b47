"""Writing files so that a reader, or a run killed at any moment, sees the old file or the new
one, never half of either: write a temporary file in the same folder, sync it, rename it."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def write_atomic(path: Path, text: str, *, sync_folder: bool = True) -> None:
    """Write ``text`` (UTF-8, LF) to ``path`` so that readers see the old file or the new, never half.

    The data is synced before the rename, so a crash cannot leave an empty file either; the
    folder (which makes the rename itself durable) is synced here unless the caller syncs it
    later (:func:`sync_folders`, once for many files)."""
    try:
        fd, tmp = _temporary(path)
    except FileNotFoundError:  # a new folder (made only then: most writes go to one that exists)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary(path)
    try:
        os.fchmod(fd, _mode_for(path))  # mkstemp makes 0600 files; an article is as readable as any
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            getattr(os, "fdatasync", os.fsync)(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if sync_folder:
        sync_folders([path.parent])


def _temporary(path: Path) -> tuple[int, str]:
    return tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".part")


def sync_folders(folders: Iterable[Path]) -> None:
    """Make renames into ``folders`` durable (one fsync per folder)."""
    for folder in folders:
        with contextlib.suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def _mode_for(path: Path) -> int:
    """The permission bits of the file being replaced, or those a new file gets under the umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
