"""Web archives (``.warc``, ``.warc.gz``, ``.arc``, ``.arc.gz``), read with warcio.

Each ``response`` (or ``resource``) record holding an HTML page with a 2xx status becomes a
document: its URL is the record's target URI, its charset the HTTP ``Content-Type`` header's;
chunked and gzip/deflate/brotli bodies are decoded. Other records (images, redirects, revisits)
are skipped with the reason; ``warcinfo``, ``request`` and ``metadata`` records are passed over.

A record whose body is shorter than its declared length (a crawl cut mid-record) is reported,
never published: warcio returns such bodies without complaint, so the lengths are compared here.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..errors import InputError
from . import MAX_BYTES, Document, Item, Skipped, stem_of

HTML_TYPES = ("text/html", "application/xhtml+xml")
_PASSED_OVER = {"warcinfo", "request", "metadata", "conversion", "continuation"}


def read(path: Path, meta: dict[str, Any]) -> Iterator[Item]:
    stem = stem_of(path)
    number = 0
    try:
        with path.open("rb") as fh:
            records = ArchiveIterator(fh, arc2warc=True)
            for record in records:
                number += 1
                verdict = _verdict(record)
                # the body is read before the offset is asked for: warcio skips to the record's end then
                raw = record.raw_stream.read(MAX_BYTES + 1) if verdict == "html" else b""
                url = record.rec_headers.get_header("WARC-Target-URI")
                label = f"record {number}, offset {records.get_record_offset()}" + (f", {url}" if url else "")
                if verdict is None:
                    continue
                if verdict != "html":
                    yield Skipped(str(path), verdict, label)
                    continue
                try:
                    yield _document(record, raw, path, f"{stem}-{number}", label, meta)
                except InputError as exc:
                    yield exc.located(path)
    except (ArchiveLoadFailed, OSError, EOFError, zlib.error, ValueError) as exc:
        where = f"after record {number}" if number else "at the start"
        yield InputError(f"cannot read the archive {where}: {exc}", path=path)


def _verdict(record) -> str | None:
    """``"html"`` for an article page, ``None`` for a record to pass over, else why it is skipped."""
    kind = record.rec_type
    if kind in _PASSED_OVER:
        return None
    if kind not in ("response", "resource"):
        return f"{kind} record"
    headers = record.http_headers
    status = headers.get_statuscode() if headers is not None and kind == "response" else None
    if status and not status.startswith("2"):
        return f"HTTP status {status}"
    mime = _content_type(record).split(";")[0].strip().lower()
    return "html" if mime in HTML_TYPES else f"not HTML ({mime or 'no content type'})"


def _content_type(record) -> str:
    headers = record.http_headers
    return (headers.get_header("Content-Type") if headers is not None else None) or (
        record.rec_headers.get_header("Content-Type") or ""
    )


def _document(record, raw: bytes, path: Path, name: str, label: str, defaults: dict[str, Any]) -> Document:
    body = _body(record, raw, label)
    url = record.rec_headers.get_header("WARC-Target-URI")
    meta = {**defaults, "url": url} if url else dict(defaults)
    charset = _charset(_content_type(record))
    return Document(path=str(path), name=name, kind="html", data=body, meta=meta, charset=charset, part=label)


def _body(record, raw: bytes, label: str) -> bytes:
    """The decoded payload; raises when it is cut short or cannot be decompressed."""
    if len(raw) > MAX_BYTES:
        raise InputError(f"{label}: record too large (over {MAX_BYTES:,} bytes)")
    expected = record.payload_length if record.payload_length is not None else -1
    if expected < 0 and record.http_headers is None and record.length is not None:
        expected = record.length
    if 0 <= len(raw) < expected:
        raise InputError(f"{label}: truncated record: {len(raw):,} of {expected:,} body bytes; not published")
    record.raw_stream = io.BytesIO(raw)
    try:
        data = record.content_stream().read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error, ValueError) as exc:
        raise InputError(f"{label}: cannot decode the body: {exc}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{label}: body too large once decompressed (over {MAX_BYTES:,} bytes)")
    return data


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None
