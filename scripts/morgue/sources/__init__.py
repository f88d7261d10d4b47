"""Inputs -> documents. One reader per input kind; each yields :class:`Document` values, a
:class:`Skipped` note for a record that is not an article (a WARC image, a redirect), or a
located :class:`~morgue.errors.MorgueError` for one that cannot be read, so one bad record never
stops the rest of a file or a batch.

| input | reader |
|---|---|
| ``.html``, ``.htm``, ``.xhtml`` (``.gz`` too) | :mod:`.html`: one page |
| ``.txt``, ``.text`` (``.gz`` too) | :mod:`.text`: one plain-text dump |
| ``.jsonl``, ``.ndjson`` (``.gz`` too) | :mod:`.jsonl`: one scraper record a line |
| ``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz`` | :mod:`.warc`: HTML response records |

A sidecar (``NAME.meta.yml``) beside any input supplies what the scraper knew; for JSON Lines
and WARC files its fields are defaults that each record's own fields override.

A file of one document (a page, a text dump) can be left unread (:class:`Unread`) for whoever
converts it to read: in a batch, a worker process, so that reading is shared out too.
"""

from __future__ import annotations

import functools
import gzip
import os
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import InputError, MorgueError
from .globs import matches
from .sidecar import find_sidecar, is_sidecar, read_sidecar, stem_of

#: Largest document read, in bytes: an HTML page or text dump, one JSON Lines record, one WARC
#: record's body (decompressed). A 30 MB page is read; a 200 MB blob is refused. JSON Lines and
#: WARC files themselves are streamed and may be of any size.
MAX_BYTES = 64 * 1024 * 1024

Kind = Literal["html", "text"]


@dataclass(frozen=True)
class Document:
    """One article-to-be as a scraper left it.

    ``data`` is bytes for HTML (the reader decodes it, honouring ``charset``) and already-decoded
    text for text dumps. ``meta`` holds fields a sidecar or scraper record supplied (our names).
    ``name`` is the output stem (``convert`` writes ``<name>.md``); ``line`` the JSON Lines line
    within ``path``; ``part`` names a record without a line (``record 5``).
    """

    path: str
    name: str
    kind: Kind
    data: bytes | str
    meta: dict[str, Any] = field(default_factory=dict)
    charset: str | None = None
    line: int | None = None
    part: str | None = None

    @property
    def where(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        return f"{self.path} ({self.part})" if self.part else self.path


@dataclass(frozen=True)
class Skipped:
    """A record that is not an article (and not an error): why it was passed over."""

    path: str
    reason: str
    part: str | None = None

    @property
    def where(self) -> str:
        return f"{self.path} ({self.part})" if self.part else self.path


@dataclass(frozen=True)
class Unread:
    """An input file of one document, not read yet: :meth:`read` reads it (and its sidecar)."""

    path: str

    @property
    def where(self) -> str:
        return self.path

    def read(self) -> Document | MorgueError:
        """The file's document, or the error that stops it being read (the file or its sidecar)."""
        return next(read(Path(self.path)))


Item = Document | Skipped | MorgueError
Reader = Callable[[Path, dict[str, Any]], Iterator[Item]]


def read_bytes(path: Path) -> bytes:
    """Bytes of ``path`` (gunzipped for ``.gz``), refusing documents over :data:`MAX_BYTES`."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"file too large: {size:,} bytes (limit {MAX_BYTES:,})", path=path)
        if path.name.lower().endswith(".gz"):
            data = _gunzip(path, MAX_BYTES + 1)
            if len(data) > MAX_BYTES:
                raise InputError(f"file too large once decompressed (limit {MAX_BYTES:,} bytes)", path=path)
            return data
        return path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputError(f"cannot read file: {exc}", path=path) from None


def _gunzip(path: Path, limit: int) -> bytes:
    """The decompressed bytes of a gzip file (at most ``limit``): a one-member file, the usual
    kind, in one call to zlib; any other (several members, cut short, not gzip) through
    :mod:`gzip`, which raises what is wrong with it."""
    inflate = zlib.decompressobj(wbits=31)  # a gzip header and trailer (its CRC checked)
    try:
        data = inflate.decompress(path.read_bytes(), limit)
        if inflate.eof and not inflate.unused_data:
            return data
    except zlib.error:
        pass
    with gzip.open(path, "rb") as fh:
        return fh.read(limit)


@functools.cache
def _readers() -> tuple[tuple[str, Reader, bool], ...]:
    """(suffix, reader, whether a file holds one document), longest suffix first."""
    from . import html, jsonl, text, warc

    table: list[tuple[str, Reader, bool]] = []
    for suffixes, reader, single in (
        ((".html", ".htm", ".xhtml"), html.read, True),
        ((".txt", ".text"), text.read, True),
        ((".jsonl", ".ndjson"), jsonl.read, False),
        ((".warc", ".arc"), warc.read, False),
    ):
        for suffix in suffixes:
            table += [(suffix, reader, single), (suffix + ".gz", reader, single)]
    return tuple(sorted(table, key=lambda row: -len(row[0])))


def _reader_row(path: Path) -> tuple[str, Reader, bool] | None:
    name = path.name.lower()
    return next((row for row in _readers() if name.endswith(row[0])), None)


def reader_for(path: Path) -> Reader | None:
    row = _reader_row(path)
    return row[1] if row else None


def is_input(path: Path) -> bool:
    return reader_for(path) is not None and not is_sidecar(path)


def expand(
    paths: Iterable[str | os.PathLike[str]], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[Path | MorgueError]:
    """Input files named by ``paths``; directories are walked recursively in sorted order.

    In a directory, dot-files and sidecars are skipped, and ``include`` / ``exclude`` globs
    (``*.html``, ``2024/**``, ``drafts/``) are matched against the path below that directory (a
    pattern without ``/`` against the file name alone). Files named directly are always read.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, include, exclude)
        elif path.is_file():
            if reader_for(path) is None:
                yield InputError("unsupported input type (expected HTML, text, JSON Lines or WARC)", path=path)
            else:
                yield path
        else:
            yield InputError("no such file or directory", path=path)


def _walk(top: Path, include: Sequence[str], exclude: Sequence[str]) -> Iterator[Path]:
    for root, dirs, files in os.walk(top):
        rel_root = Path(root).relative_to(top)
        dirs[:] = sorted(
            d for d in dirs if not d.startswith(".") and not matches((rel_root / d).as_posix() + "/", exclude)
        )
        for name in sorted(files):
            child = Path(root, name)
            rel = (rel_root / name).as_posix()
            if name.startswith(".") or not is_input(child) or matches(rel, exclude):
                continue
            if include and not matches(rel, include):
                continue
            yield child


def read(path: Path, *, defer: bool = False) -> Iterator[Item | Unread]:
    """Documents in one input file, with its sidecar's fields attached. With ``defer``, a file of
    one document is not read here: an :class:`Unread` stands for it."""
    if defer and (row := _reader_row(path)) is not None and row[2]:
        yield Unread(str(path))
        return
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


__all__ = ["MAX_BYTES", "Document", "Item", "Skipped", "Unread", "expand", "read", "read_bytes", "stem_of"]
