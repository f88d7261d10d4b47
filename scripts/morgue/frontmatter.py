"""Article <-> Markdown file with YAML frontmatter: the one schema every stage reads and writes.

``dumps`` writes keys in a fixed order with a real YAML dumper; ``loads`` parses, validates
against ``article.schema.json`` (shipped for editors' YAML tooling too) and returns an Article.
Errors name the file, the line and the field.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

import jsonschema
import yaml

from .errors import SchemaError
from .model import Article, Image, Source, When

#: Frontmatter keys in the order they are written.
KEY_ORDER = (
    "title",
    "date",
    "updated",
    "authors",
    "image",
    "source_url",
    "site_name",
    "language",
    "description",
    "tags",
    "categories",
)
IMAGE_KEYS = ("src", "alt", "caption", "credit")

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _Dumper(_BaseDumper):  # type: ignore[misc, valid-type]
    """Safe dumper writing datetimes as ISO 8601 with a ``T`` (YAML still reads them as timestamps)."""


def _represent_datetime(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Multi-line values are written double-quoted on one line ("a\nb"): no line of the
    # frontmatter can then read as a fence (``---``) to a less careful parser.
    style = '"' if "\n" in value or "\r" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(dt.datetime, _represent_datetime)
_Dumper.add_representer(str, _represent_str)


@functools.cache
def schema() -> dict[str, Any]:
    """The frontmatter JSON Schema (draft 2020-12)."""
    text = resources.files("morgue").joinpath("article.schema.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    # "$ref"s resolved once, here: jsonschema's reference lookups cost more than the checks
    # themselves, on every article (an "allOf" of one keeps each error's schema what it was)
    root = schema()
    defs = root.get("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, list):
            return [resolve(item) for item in node]
        if not isinstance(node, dict):
            return node
        out = {key: resolve(value) for key, value in node.items() if key not in ("$ref", "$defs")}
        if "$ref" in node:
            out["allOf"] = [resolve(defs[node["$ref"].removeprefix("#/$defs/")])]
        return out

    return jsonschema.Draft202012Validator(resolve(root))


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its frontmatter mapping and body, before validation."""

    meta: dict[str, Any]
    body: str
    body_line: int  # 1-based line where the body starts


# --------------------------------------------------------------------------- writing
def to_dict(article: Article) -> dict[str, Any]:
    """Frontmatter mapping of ``article`` in :data:`KEY_ORDER`, unknown values left out."""
    image = None
    if article.image is not None and not article.image.is_empty():
        image = {k: getattr(article.image, k) for k in IMAGE_KEYS if getattr(article.image, k)}
    values: dict[str, Any] = {
        "title": article.title,
        "date": article.date,
        "updated": article.updated,
        "authors": list(article.authors),
        "image": image,
        "source_url": article.source.url,
        "site_name": article.source.site_name,
        "language": article.language,
        "description": article.description,
        "tags": list(article.tags),
        "categories": list(article.categories),
    }
    return {k: v for k, v in values.items() if v not in (None, "", [], {})}


def dump_meta(meta: dict[str, Any]) -> str:
    """YAML text of a frontmatter mapping (keys kept in the given order, Unicode kept, no folding)."""
    return yaml.dump(
        meta,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=2**31 - 1,
    )


def render(meta: dict[str, Any], body: str) -> str:
    """Text of a Markdown file with ``meta`` as frontmatter; LF line ends, one final newline."""
    body = body.strip("\n")
    text = f"---\n{dump_meta(meta)}---\n"
    return text + (f"\n{body}\n" if body else "")


def dumps(article: Article) -> str:
    """The Markdown file for ``article``."""
    return render(to_dict(article), article.body)


# --------------------------------------------------------------------------- reading
def split(text: str, path: str | None = None) -> Document:
    """Split frontmatter from body and parse the YAML (no schema check). A file without
    frontmatter has an empty mapping."""
    match = _FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise SchemaError("frontmatter starts with '---' but has no closing '---' line", path=path, line=1)
        return Document({}, text, 1)
    try:
        meta = yaml.load(match.group(1) or "", Loader=_Loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise SchemaError(f"invalid YAML in frontmatter: {problem}", path=path, line=line) from None
    except ValueError as exc:  # a well-formed but impossible timestamp: 2021-02-30, 2021-13-01
        key, line = _bad_timestamp(match.group(1) or "")
        raise SchemaError(f"not a real date or time: {exc}", path=path, line=line, field=key) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise SchemaError("frontmatter must be a mapping of keys to values", path=path, line=2)
    body_line = text.count("\n", 0, match.end()) + 1
    return Document(meta, text[match.end() :], body_line)


def _bad_timestamp(yaml_text: str) -> tuple[str | None, int]:
    """Key and file line of the first top-level timestamp that cannot be constructed."""
    node = yaml.compose(yaml_text, Loader=_Loader)
    for key_node, value_node in node.value if isinstance(node, yaml.MappingNode) else ():
        if value_node.tag.endswith(":timestamp"):
            try:
                yaml.load(value_node.value, Loader=_Loader)
            except ValueError:
                return key_node.value, value_node.start_mark.line + 2
    return None, 2


def _jsonable(value: Any) -> Any:
    """YAML-loaded values as JSON types (timestamps become ISO strings) for schema validation."""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


def _key_line(text: str, key: str) -> int | None:
    """1-based file line of top-level frontmatter ``key`` (frontmatter starts on line 2)."""
    match = _FENCE.match(text)
    if not match:
        return None
    try:
        node = yaml.compose(match.group(1) or "", Loader=_Loader)
    except yaml.YAMLError:
        return None
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return key_node.start_mark.line + 2
    return None


def key_line(text: str, key: str) -> int | None:
    """1-based file line of top-level frontmatter ``key`` in a Markdown file's text, if present."""
    return _key_line(text, key)


def validate(meta: dict[str, Any], path: str | None = None, text: str | None = None) -> None:
    """Raise :class:`SchemaError` for the first schema violation in ``meta`` (deterministic order)."""
    found = problems(meta, path, text)
    if found:
        raise found[0]


def problems(meta: dict[str, Any], path: str | None = None, text: str | None = None) -> list[SchemaError]:
    """Every schema violation in ``meta``, in a deterministic order, located at its key's line."""
    errors = sorted(_validator().iter_errors(_jsonable(meta)), key=lambda e: [str(p) for p in e.path])
    found: dict[str | None, SchemaError] = {}
    for error in errors:  # one problem per field: an empty title is not also "an invalid format"
        problem = _schema_error(meta, error, path, text)
        found.setdefault(problem.field, problem)
    return list(found.values())


def _schema_error(
    meta: dict[str, Any], error: jsonschema.ValidationError, path: str | None, text: str | None
) -> SchemaError:
    field = ".".join(str(p) for p in error.path) or None
    if error.validator == "additionalProperties" and not error.path:
        extra = sorted(set(meta) - set(schema()["properties"]))
        field = extra[0] if extra else None
        message = "unknown frontmatter key"
    elif error.validator == "required":
        message = error.message
    else:
        message = _describe(error)
    top = field.split(".")[0] if field else None
    line = _key_line(text, top) if (text is not None and top) else None
    return SchemaError(message, path=path, line=line if line is not None else (2 if text else None), field=field)


def _describe(error: jsonschema.ValidationError) -> str:
    described = {
        "pattern": "has an invalid format",
        "type": f"must be of type {error.validator_value}",
        "minLength": "must not be empty",
        "uniqueItems": "has duplicate entries",
        "minProperties": "must not be empty",
        "enum": f"must be one of {error.validator_value}",
    }
    detail = described.get(str(error.validator), error.message)
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    value = error.instance if isinstance(error.instance, (str, int, float)) else None
    text = f"{detail}" + (f" ({value!r})" if value is not None else "")
    return text + (f"; expected {description[0].lower()}{description[1:]}" if description else "")


def parse_when(value: Any) -> When | None:
    if value is None or isinstance(value, (dt.date, dt.datetime)):
        return value
    text = str(value).replace(" ", "T", 1)
    return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)


def from_dict(meta: dict[str, Any], body: str) -> Article:
    """Article from an already validated frontmatter mapping."""
    image = meta.get("image")
    return Article(
        title=meta["title"],
        body=body.strip("\n") + "\n" if body.strip() else "",
        date=parse_when(meta.get("date")),
        updated=parse_when(meta.get("updated")),
        authors=tuple(meta.get("authors") or ()),
        image=Image(**{k: image.get(k) for k in IMAGE_KEYS}) if image else None,
        source=Source(url=meta.get("source_url"), site_name=meta.get("site_name")),
        language=meta.get("language"),
        description=meta.get("description"),
        tags=tuple(meta.get("tags") or ()),
        categories=tuple(meta.get("categories") or ()),
    )


def loads(text: str, path: str | None = None) -> Article:
    """Parse and validate a Markdown file's text into an Article."""
    doc = split(text, path)
    validate(doc.meta, path, text)
    return from_dict(doc.meta, doc.body)
