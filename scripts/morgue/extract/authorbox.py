"""Author boxes on a page ("About the author", bio cards): profiles for the author registry.

A box is an element whose class or id says author bio/box/card/info, holding a name, usually a
bio and profile links. The body extractor drops these boxes; what they say goes to the registry
instead. Avatars are not copied: an archive page would load them from the scraped site.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from lxml import etree

from ..model import Author
from ..text import clean_line
from .bylines import clean_name, contacts_in, looks_like_name
from .metadata import text_of

_BIO_CLASS = re.compile(r"bio|description|desc|about|text|summary", re.I)
_NAME_CLASS = re.compile(r"name|title|heading", re.I)
_SOCIAL = re.compile(
    r"twitter\.com|x\.com|linkedin\.com|facebook\.com|instagram\.com|mastodon|bsky\.app|threads\.net", re.I
)
_MAX_BOXES = 6


def name_in(box: etree._Element, known: list[str]) -> str | None:
    text = text_of(box)
    for name in known:
        if name and name in text:
            return name
    for el in box.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in ("h2", "h3", "h4", "h5", "strong", "b") or _NAME_CLASS.search(
            " ".join(filter(None, (el.get("class"), el.get("itemprop"))))
        ):
            candidate = clean_name(text_of(el))
            if candidate and looks_like_name(candidate):
                return candidate
    return None


def _bio_in(box: etree._Element, name: str) -> str | None:
    best = None
    for el in box.iter("p", "div", "span"):
        marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"))))
        text = text_of(el)
        if len(text) < 40 or len(text) > 1500:
            continue
        closer = best is None or (len(text) < len(best) and name.split()[-1] in text)
        if (_BIO_CLASS.search(marks) or el.tag == "p") and closer:
            best = text
    return clean_line(best)


def outermost(candidates: list[etree._Element]) -> list[etree._Element]:
    """Author-box elements (as :func:`morgue.extract.marks.scan` found them), outermost only."""
    boxes: list[etree._Element] = []
    for el in candidates:
        if not any(b in el.iterancestors() for b in boxes):
            boxes.append(el)
            if len(boxes) >= _MAX_BOXES:
                break
    return boxes


def extract_profiles(boxes: list[etree._Element], base: str | None, known: list[str]) -> list[Author]:
    """Profiles of the authors whose boxes appear on the page (name, bio, link, contacts)."""
    profiles: dict[str, Author] = {}
    for box in outermost(boxes):
        name = name_in(box, known)
        if not name or name in profiles:
            continue
        bio = _bio_in(box, name)
        if bio and name.split()[-1] not in bio and not re.match(r"^(?:he|she|they|i)\b", bio, re.I):
            bio = None if len(bio) < 60 else bio
        links = []
        url = None
        for a in box.iter("a"):
            href = a.get("href")
            if not href or href.startswith(("#", "javascript:")):
                continue
            absolute = urljoin(base, href) if base else href
            if href.startswith("mailto:"):
                links.append(href[7:])
            elif _SOCIAL.search(absolute):
                links.append(absolute)
            elif url is None and re.match(r"^https?://", absolute):
                url = absolute
        contacts = tuple(dict.fromkeys([*contacts_in(bio or ""), *links]))
        if bio or contacts or url:
            profiles[name] = Author(
                name=name,
                description=bio,
                url=url,
                contact=contacts,
            )
    return list(profiles.values())
