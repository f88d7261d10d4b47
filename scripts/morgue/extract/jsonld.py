"""JSON-LD (schema.org) in a page: the article object and what it says.

Pages embed one or more ``<script type="application/ld+json">`` blocks: a single object, a list,
or an ``@graph``. The article is the object typed ``NewsArticle`` (or a sibling type); its
``author``, ``image``, ``publisher`` may be inline objects or ``@id`` references into the graph.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from lxml import etree

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenews",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "askpublicnewsarticle",
        "blogposting",
        "liveblogposting",
        "socialmediaposting",
        "scholarlyarticle",
        "techarticle",
        "report",
        "satiricalarticle",
        "advertisercontentarticle",
        "medicalscholarlyarticle",
        "discussionforumposting",
    }
)
PAGE_TYPES = frozenset({"webpage", "itempage", "collectionpage", "profilepage", "aboutpage"})
# HTML-comment and CDATA wrappers pages put around the JSON ("<![CDATA[ {...} ]]>", "//<!--").
_WRAPPER = re.compile(r"^\s*(?://\s*)?(?:<!--|<!\[CDATA\[)|(?://\s*)?(?:-->|\]\]>)\s*$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


def _load(text: str) -> Any:
    if "<!" in text or "-->" in text or "]]>" in text:  # the pattern tries every position: only where it can match
        text = _WRAPPER.sub("", text)
    text = text.strip().rstrip(";")
    try:
        return json.loads(text, strict=False)
    except ValueError:
        pass
    try:
        return json.loads(_TRAILING_COMMA.sub(r"\1", _CONTROL.sub(" ", text)), strict=False)
    except ValueError:
        return None


def blocks(root: etree._Element) -> list[Any]:
    """Parsed JSON-LD blocks of the page, in document order; unreadable blocks are skipped."""
    out = []
    for script in root.iter("script"):
        kind = (script.get("type") or "").lower()
        if "ld+json" in kind and script.text:
            value = _load(script.text)
            if value is not None:
                out.append(value)
    return out


def _objects(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Every JSON object in ``value`` (lists and ``@graph`` flattened; nested objects included)."""
    stack = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if level > 12:
            continue
        if isinstance(item, list):
            stack.extend((v, level + 1) for v in reversed(item))
        elif isinstance(item, dict):
            yield item
            for key, child in item.items():
                if isinstance(child, (list, dict)) and key != "@context":
                    stack.append((child, level + 1))


def types_of(obj: dict[str, Any]) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {str(k).rsplit("/", 1)[-1].lower() for k in kinds if k}


class Graph:
    """The page's JSON-LD objects, with ``@id`` references resolvable."""

    def __init__(self, values: list[Any]) -> None:
        self.objects = [obj for value in values for obj in _objects(value)]
        self.by_id = {o["@id"]: o for o in self.objects if isinstance(o.get("@id"), str) and len(o) > 1}

    def resolve(self, value: Any) -> Any:
        if isinstance(value, dict) and set(value) <= {"@id", "@type"} and value.get("@id") in self.by_id:
            return self.by_id[value["@id"]]
        return value

    def article(self) -> dict[str, Any] | None:
        """The article object: the first article-typed one with a headline (else any article-typed one)."""
        articles = [o for o in self.objects if types_of(o) & ARTICLE_TYPES]
        for obj in articles:
            if obj.get("headline") or obj.get("name"):
                return obj
        if articles:
            return articles[0]
        pages = [o for o in self.objects if types_of(o) & PAGE_TYPES and (o.get("datePublished") or o.get("author"))]
        return pages[0] if pages else None

    def first(self, kind: str) -> dict[str, Any] | None:
        kind = kind.lower()
        return next((o for o in self.objects if kind in types_of(o)), None)


def text_of(value: Any) -> str | None:
    """A plain string from a JSON-LD value (string, number, ``{"@value": ...}``, first of a list)."""
    if isinstance(value, list):
        for item in value:
            text = text_of(item)
            if text:
                return text
        return None
    if isinstance(value, dict):
        return text_of(value.get("@value") or value.get("name"))
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def people(graph: Graph, value: Any) -> list[tuple[str, bool, dict[str, Any]]]:
    """``(name, is_organisation, object)`` for each author/creator value."""
    out = []
    for item in as_list(value):
        item = graph.resolve(item)
        if isinstance(item, dict) and set(item) <= {"@id", "@type"}:  # a reference the graph lacks
            persons = [o for o in graph.objects if "person" in types_of(o) and o.get("name")]
            item = persons[0] if len(persons) == 1 else item
        if isinstance(item, str):
            out.append((item, False, {}))
        elif isinstance(item, dict):
            name = text_of(item.get("name"))
            if not name and (item.get("givenName") or item.get("familyName")):
                name = " ".join(str(item.get(k) or "") for k in ("givenName", "familyName")).strip()
            if name:
                out.append((name, "organization" in types_of(item) or "newsmediaorganization" in types_of(item), item))
    return out


def image_objects(graph: Graph, value: Any) -> list[dict[str, Any]]:
    """Image values as dicts with at least ``url`` (strings become ``{"url": s}``)."""
    out = []
    for item in as_list(value):
        item = graph.resolve(item)
        if isinstance(item, str):
            out.append({"url": item})
        elif isinstance(item, dict):
            url = text_of(item.get("url")) or text_of(item.get("contentUrl"))
            if url:
                out.append({**item, "url": url})
    return out
