"""One pass over a page's elements, sorting out those whose markup says what they are.

Bylines (``itemprop="author"``, ``rel="author"``, classes like ``byline``/``author``), author boxes
(``author-bio``, ``about-author``...), ``<h1>`` headings and ``<time>``/``datePublished`` elements are
collected in document order in a single walk: cheaper than one XPath query per kind, which lxml
evaluates element by element.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lxml import etree

_BYLINE = re.compile(r"byline|author|autor|writer", re.I)
_BOX = re.compile(
    r"author[-_]?(?:box|bio|card|info|details|profile|about|description|wrap|block)|about[-_]?(?:the[-_]?)?author"
    r"|bio[-_]?(?:box|card)|contributor[-_]?(?:bio|box|card)|autor(?:en)?[-_]?(?:box|info|bio)|byline[-_]?bio",
    re.I,
)
_MARKS = re.compile(f"(?P<box>{_BOX.pattern})|(?P<byline>{_BYLINE.pattern})", re.I)
_HINT = re.compile(r"author|byline|autor|writer|bio|contributor")  # every _MARKS match has one
#: The folder of author profile pages ("/author/jane-roe", "/autoren/max-muster/",
#: "/writers/emily-burack/"): the one list every profile-URL test is built on.
PROFILE_FOLDER = r"(?:authors?|editors?|autor(?:en)?|writers?|people|staff|profiles?|journalists?|redakteur(?:e|in)?)"
# A cheap first test of a link, before _PROFILE_URL.
_PROFILE_HINT = re.compile(r"/(?:auth|edit|autor|writer|people|staff|profil|journalist|redakteur)")
_PROFILE_URL = re.compile(rf"/{PROFILE_FOLDER}/[^/?#]+/?(?:[?#]|$)", re.I)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head", "meta", "link"})
_MARK_ATTRIBUTES = frozenset({"class", "id", "itemprop", "rel"})


@dataclass
class Marked:
    bylines: list[etree._Element] = field(default_factory=list)
    boxes: list[etree._Element] = field(default_factory=list)
    h1s: list[etree._Element] = field(default_factory=list)
    times: list[etree._Element] = field(default_factory=list)
    author_links: list[etree._Element] = field(default_factory=list)
    profile_links: list[etree._Element] = field(default_factory=list)  # <a href=".../author/jane-roe">


def scan(root: etree._Element, limit: int = 200) -> Marked:
    """Marked elements of ``root`` in document order (at most ``limit`` of each kind)."""
    found = Marked()
    body = next(root.iter("body"), root)
    for el in body.iter(etree.Element):
        tag = el.tag
        if tag == "h1":
            found.h1s.append(el)
        keys = el.keys()
        if not keys:  # most elements: nothing more to read
            continue
        get = el.get
        if tag == "time" and get("datetime"):
            found.times.append(el)
        elif tag == "a" and len(found.profile_links) < limit:
            href = get("href")
            if href and _PROFILE_HINT.search(href) and _PROFILE_URL.search(href):
                found.profile_links.append(el)
        if tag in _SKIP or _MARK_ATTRIBUTES.isdisjoint(keys):
            continue
        cls, ident, itemprop, rel = get("class"), get("id"), get("itemprop"), get("rel")
        if itemprop == "datePublished":
            found.times.append(el)
        if rel == "author" and tag == "a" and get("href"):
            found.author_links.append(el)
        box, byline = _marked(f"{cls} {ident}" if cls and ident else cls or ident or "")
        if box and len(found.boxes) < limit:
            found.boxes.append(el)
        if (byline or itemprop == "author" or rel == "author") and len(found.bylines) < limit:
            found.bylines.append(el)
    del found.h1s[8:]
    return found


@functools.lru_cache(maxsize=16384)  # pages repeat their class names
def _marked(marks: str) -> tuple[bool, bool]:
    """``(author box, byline)`` as an element's class and id say."""
    match = _MARKS.search(marks) if _HINT.search(marks.lower()) else None
    if match is None:
        return False, False
    return match.lastgroup == "box", match.lastgroup == "byline" or _BYLINE.search(marks) is not None
