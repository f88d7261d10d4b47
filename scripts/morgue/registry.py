"""The author registry, ``content/.authors.yml``, in the shape Material's blog uses::

    authors:
      cate-cadell:
        name: Cate Cadell
        description: Cate is a tech writer. ...
        avatar: https://...
        url: https://...
        contact:
        - '@catecadell'

Profiles found in scrapes are merged in: an entry is never duplicated, a value an editor wrote
is never overwritten, contacts are collected across articles.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from pathlib import Path

import yaml

from .errors import SchemaError
from .frontmatter import dump_meta
from .model import Author
from .text import clean_line, slugify

FILENAME = ".authors.yml"
_FIELDS = ("name", "description", "avatar", "url", "contact")


def author_slug(name: str) -> str:
    """Registry key and author-page slug of a display name (``Cate Cadell`` -> ``cate-cadell``)."""
    return slugify(name, max_bytes=80)


def parse_registry(text: str, path: str | None = None) -> dict[str, Author]:
    """Registry entries keyed by slug; a malformed file is a :class:`SchemaError` naming it."""
    try:
        raw = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise SchemaError(
            f"invalid YAML: {getattr(exc, 'problem', exc)}", path=path, line=mark.line + 1 if mark else None
        ) from None
    entries = raw.get("authors") if isinstance(raw, dict) else None
    if entries is None:
        entries = {}
    if not isinstance(entries, dict):
        raise SchemaError("'authors' must map author slugs to profiles", path=path)
    out: dict[str, Author] = {}
    for slug, entry in entries.items():
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) or not entry["name"].strip():
            raise SchemaError("every author needs a 'name'", path=path, field=f"authors.{slug}")
        unknown = sorted(set(entry) - set(_FIELDS) - {"slug"})
        if unknown:
            raise SchemaError(f"unknown key {unknown[0]!r}", path=path, field=f"authors.{slug}")
        contact = entry.get("contact") or []
        if isinstance(contact, str):
            contact = [contact]
        out[str(slug)] = Author(
            name=entry["name"].strip(),
            description=entry.get("description"),
            avatar=entry.get("avatar"),
            url=entry.get("url"),
            contact=tuple(str(c) for c in contact),
        )
    return out


def load_registry(path: Path) -> dict[str, Author]:
    if not path.exists():
        return {}
    return parse_registry(path.read_text(encoding="utf-8"), str(path))


def merge_authors(registry: dict[str, Author], found: Iterable[Author]) -> dict[str, Author]:
    """``registry`` with ``found`` profiles merged in (new mapping; the input is not changed).

    Existing values win (an editor may have written them); missing ones are filled; contacts are
    the union in first-seen order.
    """
    merged = dict(registry)
    for author in found:
        name = clean_line(author.name)
        if not name:
            continue
        slug = author_slug(name)
        current = merged.get(slug)
        if current is None:
            merged[slug] = dataclasses.replace(author, name=name)
            continue
        merged[slug] = Author(
            name=current.name,
            description=current.description or author.description,
            avatar=current.avatar or author.avatar,
            url=current.url or author.url,
            contact=tuple(dict.fromkeys([*current.contact, *author.contact])),
        )
    return merged


def dump_registry(registry: dict[str, Author]) -> str:
    """YAML text of the registry, authors sorted by slug, fields in a fixed order."""
    entries = {}
    for slug in sorted(registry):
        author = registry[slug]
        entry = {"name": author.name}
        for key in _FIELDS[1:]:
            value = getattr(author, key)
            if value:
                entry[key] = list(value) if isinstance(value, tuple) else value
        entries[slug] = entry
    return dump_meta({"authors": entries})
