"""The archive's feeds: Atom (``feed.xml``) and JSON Feed 1.1 (``feed.json``), newest articles first.

Built from the catalog; the article HTML (already sanitised) is included where the build rendered
it, the excerpt otherwise. Deterministic: same articles, same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from .catalog import Entry

ATOM = "http://www.w3.org/2005/Atom"
FEED_SIZE = 50


def _timestamp(value: dt.date | dt.datetime) -> str:
    """RFC 3339 (a day alone is taken as midnight UTC)."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    elif value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.isoformat().replace("+00:00", "Z")


def atom(
    entries: list[Entry], *, title: str, site_url: str, html_of: Callable[[Entry], str | None], author_url: Callable
) -> str:
    """Atom 1.0 document of ``entries`` (the latest articles, newest first; undated ones skipped)."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    items = [e for e in entries if e.article.date is not None]
    ET.SubElement(feed, f"{{{ATOM}}}id").text = site_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}link", href=site_url)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=urljoin(site_url, "feed.xml"))
    newest = max((e.article.updated or e.article.date for e in items), default=dt.date(1970, 1, 1), key=_timestamp)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = _timestamp(newest)
    if not any(e.article.authors for e in items):
        ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = title
    for entry in items:
        article = entry.article
        url = urljoin(site_url, entry.url)
        node = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(node, f"{{{ATOM}}}id").text = url
        ET.SubElement(node, f"{{{ATOM}}}title").text = article.title
        ET.SubElement(node, f"{{{ATOM}}}link", href=url)
        ET.SubElement(node, f"{{{ATOM}}}published").text = _timestamp(article.date)
        ET.SubElement(node, f"{{{ATOM}}}updated").text = _timestamp(article.updated or article.date)
        for name in article.authors:
            person = ET.SubElement(node, f"{{{ATOM}}}author")
            ET.SubElement(person, f"{{{ATOM}}}name").text = name
            ET.SubElement(person, f"{{{ATOM}}}uri").text = urljoin(site_url, author_url(name))
        for tag in article.tags:
            ET.SubElement(node, f"{{{ATOM}}}category", term=tag)
        ET.SubElement(node, f"{{{ATOM}}}summary").text = entry.excerpt
        body = html_of(entry)
        if body:
            ET.SubElement(node, f"{{{ATOM}}}content", type="html").text = body
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def json_feed(
    entries: list[Entry],
    *,
    title: str,
    site_url: str,
    description: str | None,
    html_of: Callable[[Entry], str | None],
    author_url: Callable,
) -> str:
    """JSON Feed 1.1 document of ``entries`` (undated ones skipped)."""
    items: list[dict[str, Any]] = []
    for entry in (e for e in entries if e.article.date is not None):
        article = entry.article
        url = urljoin(site_url, entry.url)
        item: dict[str, Any] = {"id": url, "url": url, "title": article.title, "summary": entry.excerpt}
        body = html_of(entry)
        item["content_html" if body else "content_text"] = body or entry.excerpt
        item["date_published"] = _timestamp(article.date)
        if article.updated:
            item["date_modified"] = _timestamp(article.updated)
        if article.authors:
            item["authors"] = [{"name": n, "url": urljoin(site_url, author_url(n))} for n in article.authors]
        if article.tags:
            item["tags"] = list(article.tags)
        if article.language:
            item["language"] = article.language
        if article.source.url:
            item["external_url"] = article.source.url
        if article.image is not None and article.image.src and article.image.src.startswith(("http:", "https:")):
            item["image"] = article.image.src
        items.append(item)
    feed: dict[str, Any] = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": title,
        "home_page_url": site_url,
        "feed_url": urljoin(site_url, "feed.json"),
    }
    if description:
        feed["description"] = description
    feed["items"] = items
    return json.dumps(feed, ensure_ascii=False, indent=1) + "\n"
