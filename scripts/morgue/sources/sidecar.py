"""Sidecar metadata: ``NAME.meta.yml`` / ``NAME.meta.yaml`` / ``NAME.meta.json`` beside an input.

A sidecar holds what the scraper knew for sure (url, title, date, authors, tags...). Its values
win over what extraction finds. Keys are normalised to :data:`FIELDS`; unknown keys are ignored.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SUFFIXES = (".meta.yml", ".meta.yaml", ".meta.json")

# sidecar/JSONL key -> our field; first match wins
ALIASES = {
    "url": ("url", "source_url", "link", "href", "canonical_url", "page_url"),
    "title": ("title", "headline"),
    "date": ("date", "published", "date_published", "published_at", "publish_date", "pubdate", "datePublished"),
    "updated": ("updated", "date_modified", "modified", "updated_at", "dateModified"),
    "authors": ("authors", "author", "byline", "creator", "creators"),
    "tags": ("tags", "keywords", "topics"),
    "categories": ("categories", "category", "section"),
    "description": ("description", "summary", "dek", "subtitle"),
    "language": ("language", "lang", "inLanguage"),
    "site_name": ("site_name", "sitename", "site", "publisher", "source"),
    "image": ("image", "lead_image", "top_image", "image_url"),
    "image_credit": ("image_credit", "photo_credit", "credit"),
    "image_caption": ("image_caption", "caption"),
}


def normalise_fields(raw: dict[str, Any]) -> dict[str, Any]:
    """Known fields of a sidecar or scraper record under our names; empty values dropped."""
    out: dict[str, Any] = {}
    for name, keys in ALIASES.items():
        for key in keys:
            value = raw.get(key)
            if value not in (None, "", [], {}):
                out[name] = value
                break
    return out


def stem_of(path: Path) -> str:
    """Input name without its reader suffixes: ``a.html.gz`` -> ``a``, ``a.meta.yml`` -> ``a``."""
    name = path.name
    for suffix in (".gz", ".html", ".htm", ".xhtml", ".txt", ".text", ".jsonl", ".ndjson", ".warc", ".json"):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


def is_sidecar(path: Path) -> bool:
    return path.name.lower().endswith(SUFFIXES)


def find_sidecar(path: Path) -> Path | None:
    """The sidecar file of ``path``, if one exists beside it."""
    stem = stem_of(path)
    for suffix in SUFFIXES:
        candidate = path.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    return None


def read_sidecar(path: Path) -> dict[str, Any]:
    """Normalised fields of a sidecar file; a broken sidecar is an :class:`InputError` naming it."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read sidecar: {exc}", path=path) from None
    try:
        raw = json.loads(text) if path.suffix.lower() == ".json" else yaml.load(text, Loader=_LOADER)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        line = getattr(exc, "lineno", None) or (mark.line + 1 if mark is not None else None)
        raise InputError(f"invalid sidecar: {getattr(exc, 'problem', None) or exc}", path=path, line=line) from None
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InputError("invalid sidecar: expected a mapping of field names to values", path=path)
    return normalise_fields(raw)
