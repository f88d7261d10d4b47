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
import functools
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from .errors import SchemaError
from .frontmatter import dump_meta
from .model import Author
from .text import clean_line, slugify

FILENAME = ".authors.yml"
_FIELDS = ("name", "description", "avatar", "url", "contact")


@functools.lru_cache(maxsize=4096)  # an archive names the same authors again and again
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
    merge_into(merged, found)
    return merged


def merge_into(registry: dict[str, Author], found: Iterable[Author]) -> None:
    """:func:`merge_authors` in place (the store merges every article's authors into one mapping)."""
    for author in found:
        name = clean_line(author.name)
        if not name:
            continue
        slug = author_slug(name)
        current = registry.get(slug)
        if current is None:
            registry[slug] = dataclasses.replace(author, name=name)
            continue
        registry[slug] = Author(
            name=current.name,
            description=current.description or author.description,
            avatar=current.avatar or author.avatar,
            url=current.url or author.url,
            contact=tuple(dict.fromkeys([*current.contact, *author.contact])),
        )


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


@functools.cache
def schema() -> dict[str, Any]:
    """JSON Schema of the registry file (``authors.schema.json``, shipped for editors' YAML tooling)."""
    return json.loads(resources.files("morgue").joinpath("authors.schema.json").read_text(encoding="utf-8"))


def problems(text: str, path: str | None = None) -> list[SchemaError]:
    """Every error in a registry file's text: YAML errors, duplicate keys (YAML silently keeps the
    last one) and schema violations, each located at its line."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        raw = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        return [SchemaError(f"invalid YAML: {getattr(exc, 'problem', None) or exc}", path=path, line=line)]
    found = [SchemaError(msg, path=path, line=line) for msg, line in _duplicate_keys(node)]
    validator = jsonschema.Draft202012Validator(schema())
    for error in sorted(validator.iter_errors(raw), key=lambda e: [str(p) for p in e.path]):
        where = [str(p) for p in error.path]
        found.append(SchemaError(error.message, path=path, line=_line(node, where), field=".".join(where) or None))
    return found


def unreachable(text: str, path: str | None = None) -> list[SchemaError]:
    """Entries whose key is not the slug of their name: articles find a profile by the slug of the
    name they list, so such an entry is never used (``cate: {name: Cate Cadell}``)."""
    try:
        node = yaml.compose(text, Loader=_Loader)
        raw = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError:
        return []
    entries = raw.get("authors") if isinstance(raw, dict) else None
    found = []
    for key, entry in entries.items() if isinstance(entries, dict) else ():
        name = entry.get("name") if isinstance(entry, dict) else None
        if isinstance(name, str) and name.strip() and author_slug(name) != str(key):
            message = f"key {key!r} is not the slug of {name!r} ({author_slug(name)!r}): articles will not find it"
            found.append(SchemaError(message, path=path, line=_line(node, ["authors", str(key)])))
    return found


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _duplicate_keys(node: yaml.Node | None) -> list[tuple[str, int]]:
    """YAML keeps the last of two equal keys silently; an editor's entry would vanish."""
    found: list[tuple[str, int]] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            if key.value in seen:
                found.append((f"duplicate key {key.value!r}", key.start_mark.line + 1))
            seen.add(key.value)
            found += _duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += _duplicate_keys(item)
    return found


def _line(node: yaml.Node | None, where: list[str]) -> int | None:
    """1-based line of the value at ``where`` (a path of keys and indexes) in a composed tree."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in where:
        if isinstance(node, yaml.MappingNode):
            match = next(((k, v) for k, v in node.value if k.value == step), None)
            if match is None:
                break
            line, node = match[0].start_mark.line + 1, match[1]
        elif isinstance(node, yaml.SequenceNode) and step.isdigit() and int(step) < len(node.value):
            node = node.value[int(step)]
            line = node.start_mark.line + 1
        else:
            break
    return line
