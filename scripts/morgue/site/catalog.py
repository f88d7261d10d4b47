"""Every article of the archive, read once from its frontmatter before any page is rendered.

The listings (home, archive, authors, tags, credits), the feeds and the search filters are built
from this catalog. Each file is parsed and validated by :mod:`morgue.frontmatter` (the one schema);
a :class:`Catalog` keeps parsed entries keyed by path, size and modification time, so a preview
server re-reads only the files that changed.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .. import frontmatter
from ..markdown import plain_text
from ..model import Article
from ..text import shorten

EXCERPT_CHARS = 220


@dataclass(frozen=True)
class Entry:
    """One article as the listings see it."""

    src_uri: str
    url: str  # site-relative URL of the article page ("articles/2015/09/slug/")
    article: Article
    excerpt: str

    @property
    def day(self) -> dt.date | None:
        date = self.article.date
        return date.date() if isinstance(date, dt.datetime) else date

    @property
    def sort_key(self) -> tuple[str, str]:
        """Newest first when sorted in reverse; undated articles last; ties broken by path."""
        date = self.article.date
        return (date.isoformat() if date is not None else "", self.src_uri)


def excerpt(article: Article) -> str:
    """The description, or the start of the body as plain text, shortened for a listing."""
    if article.description:
        return shorten(article.description, EXCERPT_CHARS)
    text = " ".join(plain_text(article.body[: EXCERPT_CHARS * 8]).split())
    return shorten(text, EXCERPT_CHARS)


def read_entry(src_uri: str, url: str, text: str, path: str) -> Entry:
    """Parse and validate one article file (raises :class:`~morgue.errors.SchemaError`)."""
    article = frontmatter.loads(text, path)
    # The body is rendered by MkDocs; the catalog keeps only what listings show (memory at scale).
    return Entry(src_uri=src_uri, url=url, article=replace(article, body=""), excerpt=excerpt(article))


class Catalog:
    """Parsed articles, re-read only when a file's path, size or modification time changes."""

    def __init__(self) -> None:
        self._cache: dict[str, tuple[tuple[str, int, int], Entry]] = {}
        self.entries: list[Entry] = []

    def load(self, files: Iterable[tuple[str, str, str]]) -> list[Entry]:
        """Read ``(src_uri, url, abs_path)`` triples; returns the entries newest first."""
        fresh: dict[str, tuple[tuple[str, int, int], Entry]] = {}
        for src_uri, url, path in files:
            stat = os.stat(path)
            stamp = (path, stat.st_mtime_ns, stat.st_size)
            cached = self._cache.get(src_uri)
            if cached is not None and cached[0] == stamp and cached[1].url == url:
                fresh[src_uri] = cached
                continue
            with open(path, encoding="utf-8-sig") as fh:
                text = fh.read()
            fresh[src_uri] = (stamp, read_entry(src_uri, url, text, path))
        self._cache = fresh
        self.entries = sorted((entry for _, entry in fresh.values()), key=lambda e: e.sort_key, reverse=True)
        return self.entries

    def get(self, src_uri: str) -> Entry | None:
        cached = self._cache.get(src_uri)
        return cached[1] if cached else None
