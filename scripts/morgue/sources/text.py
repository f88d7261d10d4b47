"""Plain-text scrapes (``.txt``, ``.txt.gz``): decoded here, cleaned by :mod:`morgue.extract.textdump`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import Document, Item, read_bytes, stem_of
from .encoding import decode


def read(path: Path, meta: dict[str, Any]) -> Iterator[Item]:
    text = decode(read_bytes(path), sniff_meta=False)
    yield Document(path=str(path), name=stem_of(path), kind="text", data=text, meta=meta)
