"""Document -> Article: extraction, then what sidecars and URLs supply, then the final clean-up
every article gets (no empty title, clean single-line strings, schema-valid frontmatter).

No printing, no argv: errors are raised as :class:`~morgue.errors.MorgueError` for the caller.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

from . import frontmatter
from .errors import ExtractionError, InputError, MorgueError
from .extract.boilerplate import is_boilerplate
from .extract.bylines import split_names
from .extract.dates import date_from_text, date_from_url
from .extract.html import extract_html
from .extract.language import detect_language, normalise_language
from .extract.textdump import extract_text
from .extract.urls import title_from_url
from .markdown import plain_text
from .model import Article, Author, Converted, Image, Source, When
from .sources import Document
from .sources.encoding import decode
from .text import clean_line, shorten

#: Longest derived title, in characters.
TITLE_MAX = 90
_SENTENCE = re.compile(r"^(.+?[.!?。！？])(?:\s|$)")
_URL = re.compile(r"^https?://[^\s]+$", re.I)
_LANGUAGE_SAMPLE = 20_000  # characters of Markdown: more than the language model reads once plain


def convert(doc: Document) -> Converted:
    """Convert one document; raises :class:`MorgueError` located at the document."""
    try:
        if doc.kind == "html":
            html = doc.data if isinstance(doc.data, str) else decode(doc.data, doc.charset)
            url = _url(doc.meta.get("url"))
            converted = extract_html(html, url)
        else:
            text = doc.data if isinstance(doc.data, str) else decode(doc.data, doc.charset, sniff_meta=False)
            converted = extract_text(text)
        converted = apply_meta(converted, doc.meta)
        return finish(converted)
    except MorgueError as exc:
        raise exc.located(doc.path, doc.line) from None
    except RecursionError:
        raise InputError("document nested too deeply to process", path=doc.path, line=doc.line) from None


def _url(value: Any) -> str | None:
    value = clean_line(str(value)) if value else None
    return value if value and _URL.match(value) else None


def _when(value: Any) -> When | None:
    if isinstance(value, (dt.date, dt.datetime)):
        return value
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        return frontmatter.parse_when(text)
    except ValueError:
        return date_from_text(text)


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else [value]
    names: list[str] = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name")
        for name in split_names(str(item)) if item else []:
            if name not in names:
                names.append(name)
    return tuple(names)


def _labels(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, (list, tuple)) else str(value).split(",")
    out: list[str] = []
    for item in items:
        label = clean_line(str(item)) if item is not None else None
        if label and label not in out:
            out.append(label)
    return tuple(out)


def apply_meta(converted: Converted, meta: dict[str, Any]) -> Converted:
    """Fields a sidecar or scraper record knows win over extracted ones; the URL fills gaps."""
    article, notes = converted.article, list(converted.notes)
    changes: dict[str, Any] = {}
    url = _url(meta.get("url"))
    if meta.get("url") and not url:
        notes.append(f"ignored source URL that is not http(s): {str(meta['url'])[:80]!r}")
    if url or meta.get("site_name"):
        changes["source"] = Source(
            url=url or article.source.url,
            site_name=clean_line(str(meta["site_name"])) if meta.get("site_name") else article.source.site_name,
        )
    if meta.get("title"):
        changes["title"] = str(meta["title"])
    for name in ("date", "updated"):
        if meta.get(name):
            when = _when(meta[name])
            if when is None:
                notes.append(f"ignored unreadable {name} {str(meta[name])[:40]!r}")
            else:
                changes[name] = when
    if meta.get("authors"):
        changes["authors"] = _names(meta["authors"])
    for name in ("tags", "categories"):
        if meta.get(name):
            changes[name] = _labels(meta[name])
    for name in ("description", "language"):
        if meta.get(name):
            changes[name] = str(meta[name])
    image = _image(meta, article.image)
    if image is not None:
        changes["image"] = image
    article = dataclasses.replace(article, **changes)
    source_url = article.source.url
    if article.date is None and (day := date_from_url(source_url)):
        article = dataclasses.replace(article, date=day)
    if not clean_line(article.title) and (title := title_from_url(source_url, plain_text(article.body))):
        article = dataclasses.replace(article, title=title)
    return dataclasses.replace(converted, article=article, notes=tuple(notes))


def _image(meta: dict[str, Any], current: Image | None) -> Image | None:
    value = meta.get("image")
    base = current or Image()
    if isinstance(value, dict):
        base = Image(
            src=value.get("src") or value.get("url") or base.src,
            alt=value.get("alt") or base.alt,
            caption=value.get("caption") or base.caption,
            credit=value.get("credit") or base.credit,
        )
    elif isinstance(value, str):
        base = dataclasses.replace(base, src=value)
    if meta.get("image_credit"):
        base = dataclasses.replace(base, credit=str(meta["image_credit"]))
    if meta.get("image_caption"):
        base = dataclasses.replace(base, caption=str(meta["image_caption"]))
    return None if base.is_empty() or base == current else base


def _paragraphs(body: str) -> Iterator[str]:
    """The readable text of each block of a Markdown body, read as far as the caller asks."""
    for block in body.split("\n\n"):
        yield plain_text(block)


def derive_title(body: str) -> str | None:
    """A title from the text itself: the first sentence of the first paragraph, cut at a word boundary."""
    for paragraph in _paragraphs(body):
        line = clean_line(paragraph)
        if line:
            match = _SENTENCE.match(line)
            return shorten((match.group(1) if match else line).rstrip(".。"), TITLE_MAX)
    return None


def _clean_image(image: Image | None) -> Image | None:
    if image is None:
        return None
    src = clean_line(image.src)
    if src and not re.match(r"^(https?://[^\s]+|[^:\s][^:]*)$", src):
        src = None  # javascript:, data: and other schemes never reach the page
    cleaned = Image(
        src=src, alt=clean_line(image.alt), caption=clean_line(image.caption), credit=clean_line(image.credit)
    )
    return None if cleaned.is_empty() else cleaned


def _clean_authors(profiles: tuple[Author, ...]) -> tuple[Author, ...]:
    out: dict[str, Author] = {}
    for author in profiles:
        name = clean_line(author.name)
        if name and name not in out:
            out[name] = dataclasses.replace(
                author,
                name=name,
                description=clean_line(author.description),
                contact=tuple(c for c in (clean_line(c) for c in author.contact) if c),
            )
    return tuple(out.values())


def has_content(body: str, title: str | None) -> bool:
    """True when the body holds text besides the headline and page furniture (a page whose
    article is only its title, an "Advertisement" label and a share bar is not an article)."""
    headline = clean_line(title)
    for paragraph in _paragraphs(body):
        line = clean_line(paragraph)
        if line and line != headline and not is_boilerplate(line):
            return True
    return False


def finish(converted: Converted) -> Converted:
    """Final clean-up: every string single-line and clean, a title always, the frontmatter valid."""
    article = converted.article
    if not has_content(article.body, article.title):
        raise ExtractionError("no article content: nothing left after removing boilerplate")
    body = article.body.strip("\n") + "\n"
    title = clean_line(article.title) or derive_title(body) or "Untitled"
    # the model reads the first few thousand characters: a long body is not made plain text whole
    language = normalise_language(article.language) or detect_language(plain_text(body[:_LANGUAGE_SAMPLE]))
    authors = tuple(dict.fromkeys(n for n in (clean_line(a) for a in article.authors) if n))
    article = Article(
        title=shorten(title, 300),
        body=body,
        date=article.date,
        updated=article.updated if article.updated != article.date else None,
        authors=authors,
        image=_clean_image(article.image),
        source=Source(url=_url(article.source.url), site_name=clean_line(article.source.site_name)),
        language=language,
        description=clean_line(article.description),
        tags=_labels(article.tags),
        categories=_labels(article.categories),
    )
    frontmatter.validate(frontmatter.to_dict(article))
    return Converted(article=article, authors=_clean_authors(converted.authors), notes=converted.notes)
