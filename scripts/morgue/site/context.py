"""Template context of an article page: what ``theme/partials/article.html`` shows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from babel.dates import format_date

from ..model import Article, When

_TAG = re.compile(r"<[^>]+>")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
WORDS_PER_MINUTE = 220
CJK_CHARS_PER_MINUTE = 400


def reading_minutes(html_text: str) -> int:
    """Minutes to read rendered article HTML (CJK text counted by characters)."""
    text = _TAG.sub(" ", html_text)
    cjk = len(_CJK.findall(text))
    words = len(_CJK.sub(" ", text).split())
    return max(1, round(words / WORDS_PER_MINUTE + cjk / CJK_CHARS_PER_MINUTE))


def _when(value: When | None, locale: str) -> dict[str, str] | None:
    if value is None:
        return None
    day = value.date() if isinstance(value, dt.datetime) else value
    try:
        shown = format_date(day, format="long", locale=locale)
    except (ValueError, LookupError):
        shown = day.isoformat()
    return {"iso": value.isoformat(), "display": shown}


def article_context(
    article: Article,
    *,
    html_text: str,
    locale: str,
    author: Callable[[str], dict[str, Any]],
    tag_url: Callable[[str], str],
    credit_url: Callable[[str], str],
) -> dict[str, Any]:
    """Plain values for the template (the template escapes every one of them); ``author``,
    ``tag_url`` and ``credit_url`` give the site pages that names link to."""
    source_host = urlsplit(article.source.url).hostname if article.source.url else None
    image = article.image
    lead = None
    if image is not None:
        lead = {"src": image.src, "alt": image.alt or "", "caption": image.caption, "credit": image.credit}
        lead["credit_url"] = credit_url(image.credit) if image.credit else None
    return {
        "title": article.title,
        "authors": [author(name) for name in article.authors],
        "date": _when(article.date, locale),
        "updated": _when(article.updated, locale),
        "image": lead,
        "source_url": article.source.url,
        "source_name": article.source.site_name or (source_host.removeprefix("www.") if source_host else None),
        "tags": [{"name": tag, "url": tag_url(tag)} for tag in article.tags],
        "language": article.language,
        "reading_minutes": reading_minutes(html_text),
    }
