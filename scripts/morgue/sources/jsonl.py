"""Scraper JSON Lines (``.jsonl``, ``.ndjson``, ``.gz`` too): one article record a line.

A record is a JSON object with the page (``html``) or its text (``text``, ``body``, ``content``,
``maintext``) and what the scraper knew, under the names sidecars use (``url``, ``title``,
``author`` / ``authors``, ``date`` / ``published``, ``tags`` ...). A line that cannot be read (not
UTF-8, not JSON, not an object, no text, a lone surrogate) is reported with its line number and
the next line is read; blank lines are ignored. The file is streamed: it may be of any size.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError
from . import MAX_BYTES, Document, Item, stem_of
from .sidecar import normalise_fields

HTML_FIELDS = ("html", "raw_html", "content_html", "html_content", "page_html", "rawHtml")
TEXT_FIELDS = ("text", "body", "content", "maintext", "article", "article_text", "plain_text", "markdown")
_LOOKS_LIKE_HTML = re.compile(
    r"\A\s*(?:<!doctype|<html|<body|<article|<(?:p|div|section|main|h[1-6]|figure|ul|ol|blockquote|table)[\s>])", re.I
)

_FULL_PAGE = re.compile(r"<(?:!doctype|html|head|body)[\s>]", re.I)


def read(path: Path, meta: dict[str, Any]) -> Iterator[Item]:
    stem = stem_of(path)
    try:
        with _open(path) as fh:
            for number, raw in _lines(fh):
                if isinstance(raw, InputError):
                    yield raw.located(path, number)
                    continue
                if not raw.strip():
                    continue
                try:
                    yield _document(raw, number, path, stem, meta)
                except InputError as exc:
                    yield exc.located(path, number)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield InputError(f"cannot read the rest of the file: {exc}", path=path)


def _open(path: Path) -> IO[bytes]:
    return gzip.open(path, "rb") if path.name.lower().endswith(".gz") else path.open("rb")


def _lines(fh: IO[bytes]) -> Iterator[tuple[int, bytes | InputError]]:
    """(line number, bytes) pairs; a line over :data:`MAX_BYTES` is an error and is skipped."""
    number = 0
    while True:
        raw = fh.readline(MAX_BYTES + 1)
        if not raw:
            return
        number += 1
        if len(raw) > MAX_BYTES and not raw.endswith(b"\n"):
            while (rest := fh.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, InputError(f"record too large (over {MAX_BYTES:,} bytes)")
            continue
        yield number, raw


def _document(raw: bytes, number: int, path: Path, stem: str, defaults: dict[str, Any]) -> Document:
    try:
        text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"invalid UTF-8 (byte {exc.start + 1} of the line)") from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        ending = "" if raw.endswith(b"\n") else " (the last line is cut short)"
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno}){ending}") from None
    if not isinstance(record, dict):
        raise InputError(f"expected a JSON object, found {_json_type(record)}")
    _check_unicode(record)
    kind, body = _body(record)
    meta = {**defaults, **normalise_fields(record)}
    return Document(path=str(path), name=f"{stem}-{number}", kind=kind, data=body, meta=meta, line=number)


def _body(record: dict[str, Any]) -> tuple[str, str]:
    for names, kind in ((HTML_FIELDS, "html"), (TEXT_FIELDS, "text")):
        for name in names:
            value = record.get(name)
            if isinstance(value, str) and value.strip():
                if kind == "html" or _LOOKS_LIKE_HTML.match(value):
                    return "html", as_page(value)
                return kind, value
    present = [n for n in (*HTML_FIELDS, *TEXT_FIELDS) if n in record]
    if present:
        raise InputError(f"empty {present[0]!r} field: no article text in the record")
    raise InputError("no article in the record: expected an 'html', 'text' or 'body' field")


def as_page(html: str) -> str:
    """A scraper's HTML fragment (the article body alone) as a page whose main content it is."""
    if _FULL_PAGE.search(html[:4096]):
        return html
    return f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><article>{html}</article></body></html>'


def _check_unicode(value: Any, where: str = "") -> None:
    """Lone surrogates (``"\\ud800"``) pass ``json.loads`` but cannot be written as UTF-8."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError as exc:
            field = f" in {where!r}" if where else ""
            raise InputError(f"invalid Unicode{field}: lone surrogate {value[exc.start]!r}") from None
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_unicode(key, where)
            _check_unicode(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_unicode(item, f"{where}[{index}]")


def _json_type(value: Any) -> str:
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)
