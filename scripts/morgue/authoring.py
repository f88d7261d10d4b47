"""Articles written by hand: ``morgue new`` creates the file an editor then fills in.

The file is written by :mod:`morgue.frontmatter` and checked against the same schema as cleaned
articles; it carries no ``morgue_digest``, so ``morgue ingest`` never overwrites it. New authors get
an entry in the author registry (name only) for the editor to complete.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from . import frontmatter, registry
from .atomic import write_atomic
from .errors import SchemaError, StoreError
from .model import Article, Author
from .store import article_dir
from .text import clean_line, slugify

PLACEHOLDER = "Write the article here. Markdown works: *emphasis*, [links](https://example.org), lists, quotes."


def new_article(
    content: Path,
    title: str,
    *,
    authors: Sequence[str] = (),
    date: dt.date | None = None,
    tags: Sequence[str] = (),
    language: str | None = None,
    description: str | None = None,
) -> Path:
    """Write a new article file under ``content/articles/<yyyy>/<mm>/`` and return its path.

    ``date`` defaults to today (the editor is writing it now). Never overwrites: a second article
    with the same title gets ``-2``, ``-3``... Raises :class:`SchemaError` for invalid values.
    """
    clean_title = clean_line(title)
    if not clean_title:
        raise SchemaError("the title must not be empty", field="title")
    names = tuple(dict.fromkeys(n for n in (clean_line(a) for a in authors) if n))
    article = Article(
        title=clean_title,
        body=PLACEHOLDER + "\n",
        date=date or dt.date.today(),
        authors=names,
        tags=tuple(dict.fromkeys(t for t in (clean_line(t) for t in tags) if t)),
        language=language,
        description=clean_line(description),
    )
    text = frontmatter.dumps(article)
    folder = content / article_dir(article)
    slug = slugify(clean_title)
    path, n = folder / f"{slug}.md", 2
    while path.exists():
        path, n = folder / f"{slug}-{n}.md", n + 1
    frontmatter.loads(text, str(path))  # the same schema as every article: fail before writing
    try:
        write_atomic(path, text)
        _register(content, names)
    except OSError as err:
        raise StoreError(f"cannot write: {err.strerror or err}", path=path) from None
    return path


def _register(content: Path, names: Sequence[str]) -> None:
    """Add authors the registry does not know yet (name only; existing entries are untouched)."""
    path = content / registry.FILENAME
    current = registry.load_registry(path)
    merged = registry.merge_authors(current, [Author(name=n) for n in names])
    if merged != current:
        write_atomic(path, registry.dump_registry(merged))
