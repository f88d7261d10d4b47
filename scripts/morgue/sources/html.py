"""Saved HTML pages (``.html``, ``.htm``, ``.html.gz``): bytes go on undecoded, so the extractor
can honour the page's own charset declaration (see :mod:`.encoding`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import Document, Item, read_bytes, stem_of
from .encoding import check_not_binary


def read(path: Path, meta: dict[str, Any]) -> Iterator[Item]:
    data = read_bytes(path)
    check_not_binary(data)
    yield Document(path=str(path), name=stem_of(path), kind="html", data=data, meta=meta)
