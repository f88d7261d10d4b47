"""Saved HTML pages -> article (baseline: trafilatura's main-content and metadata extraction).

This is the first engine; the metadata reconciliation and structure-keeping Markdown conversion
of the extraction issue build on it.
"""

from __future__ import annotations

import trafilatura

from ..errors import ExtractionError
from ..markdown import paragraphs_to_markdown
from ..model import Article, Converted, Image, Source
from .bylines import split_names
from .dates import date_from_text
from .language import normalise_language


def extract_html(html: str, url: str | None = None) -> Converted:
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
    )
    if doc is None or not (doc.text or "").strip():
        raise ExtractionError("no article content found in the page")
    paragraphs = [p.strip() for p in doc.text.split("\n") if p.strip()]
    authors = split_names(doc.author) if doc.author else []
    article = Article(
        title=doc.title or "",
        body=paragraphs_to_markdown(paragraphs),
        date=date_from_text(doc.date) if doc.date else None,
        authors=tuple(authors),
        image=Image(src=doc.image) if doc.image else None,
        source=Source(url=doc.url or url, site_name=doc.sitename),
        language=normalise_language(doc.language),
        description=doc.description,
        tags=tuple(t.strip() for t in (doc.tags or []) if t.strip()),
        categories=tuple(c.strip() for c in (doc.categories or []) if c.strip()),
    )
    return Converted(article=article)
