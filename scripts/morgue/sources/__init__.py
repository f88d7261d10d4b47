"""Inputs -> documents. One reader per input kind; each yields :class:`Document` values, or a
:class:`~morgue.errors.MorgueError` for a record that cannot be read, so one bad record never
stops the rest of a file or a batch.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, MorgueError
from .sidecar import find_sidecar, is_sidecar, read_sidecar, stem_of

#: Largest input file read, in bytes (a 30 MB page is read; a 200 MB blob is refused).
MAX_BYTES = 64 * 1024 * 1024

Kind = Literal["html", "text"]


@dataclass(frozen=True)
class Document:
    """One article-to-be as a scraper left it.

    ``data`` is bytes for HTML (the reader decodes it, honouring ``charset``) and already-decoded
    text for text dumps. ``meta`` holds fields a sidecar or scraper record supplied (our names).
    ``name`` is the output stem (``convert`` writes ``<name>.md``); ``line`` the JSONL line or
    WARC record number within ``path``.
    """

    path: str
    name: str
    kind: Kind
    data: bytes | str
    meta: dict[str, Any] = field(default_factory=dict)
    charset: str | None = None
    line: int | None = None

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line is not None else self.path


Item = Document | MorgueError
Reader = Callable[[Path, dict[str, Any]], Iterator[Item]]


def read_bytes(path: Path) -> bytes:
    """Bytes of ``path`` (gunzipped for ``.gz``), refusing files over :data:`MAX_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large: {size:,} bytes (limit {MAX_BYTES:,})", path=path)
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read(MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(f"file too large once decompressed (limit {MAX_BYTES:,} bytes)", path=path)
            return data
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read file: {exc}", path=path) from None


def _readers() -> dict[str, Reader]:
    from . import html, text

    return {
        ".html": html.read,
        ".htm": html.read,
        ".xhtml": html.read,
        ".html.gz": html.read,
        ".htm.gz": html.read,
        ".txt": text.read,
        ".text": text.read,
        ".txt.gz": text.read,
    }


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix, reader in sorted(_readers().items(), key=lambda kv: -len(kv[0])):
        if name.endswith(suffix):
            return reader
    return None


def is_input(path: Path) -> bool:
    return reader_for(path) is not None and not is_sidecar(path)


def expand(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path | MorgueError]:
    """Input files named by ``paths`` (directories walked recursively, sorted, dot-files skipped)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    child = Path(root, name)
                    if not name.startswith(".") and is_input(child):
                        yield child
        elif path.is_file():
            if reader_for(path) is None:
                yield InputError("unsupported input type (expected .html, .htm, .html.gz or .txt)", path=path)
            else:
                yield path
        else:
            yield InputError("no such file or directory", path=path)


def read(path: Path) -> Iterator[Item]:
    """Documents in one input file, with its sidecar's fields attached."""
    reader = reader_for(path)
    if reader is None:
        yield InputError("unsupported input type", path=path)
        return
    try:
        sidecar = find_sidecar(path)
        meta = read_sidecar(sidecar) if sidecar else {}
    except MorgueError as exc:
        yield exc
        return
    try:
        yield from reader(path, meta)
    except MorgueError as exc:
        yield exc.located(path)


__all__ = ["MAX_BYTES", "Document", "Item", "expand", "read", "read_bytes", "stem_of"]
