"""``<meta>`` and ``<link>`` signals of a page, read once into a lookup table.

Keys are the lowercased ``property``, ``name``, ``itemprop`` or ``http-equiv`` of each tag; values
are in document order. Some saved pages carry the value in ``value=`` instead of ``content=``
(preprocessed fixtures, odd CMSs): both are read.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree


class MetaTags:
    def __init__(self, root: etree._Element) -> None:
        self.values: dict[str, list[str]] = defaultdict(list)
        self.links: dict[str, list[str]] = defaultdict(list)
        for el in root.iter("meta", "link"):
            if el.tag == "meta":
                value = el.get("content")
                if value is None:
                    value = el.get("value")
                if value is None or not value.strip():
                    continue
                for attr in ("property", "name", "itemprop", "http-equiv"):
                    key = el.get(attr)
                    if key:
                        for part in key.split():
                            self.values[part.strip().lower()].append(value.strip())
            else:
                href = el.get("href")
                rel = (el.get("rel") or "").lower().split()
                if href and href.strip():
                    for part in rel:
                        self.links[part].append(href.strip())
                    if el.get("itemprop"):
                        self.values[el.get("itemprop").lower()].append(href.strip())

    def first(self, *keys: str) -> str | None:
        """The first value under any of ``keys`` (in the order of ``keys``)."""
        for key in keys:
            values = self.values.get(key)
            if values:
                return values[0]
        return None

    def all(self, *keys: str) -> list[str]:
        out: list[str] = []
        for key in keys:
            for value in self.values.get(key, ()):
                if value not in out:
                    out.append(value)
        return out

    def link(self, rel: str) -> str | None:
        values = self.links.get(rel)
        return values[0] if values else None
