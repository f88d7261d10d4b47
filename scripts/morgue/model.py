"""The one data model that flows through every stage: Article, Author, Image, Source.

Frozen dataclasses: a stage returns a new value (``dataclasses.replace``) instead of mutating.
Unknown values are ``None`` (or an empty tuple), never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: ``date`` and ``updated`` hold a calendar day when only the day is known, or an aware/naive
#: datetime when the source gives a time.
When = dt.date | dt.datetime


@dataclass(frozen=True)
class Image:
    """A lead or inline image. ``src`` may be ``None`` when the scrape kept only the credit line."""

    src: str | None = None
    alt: str | None = None
    caption: str | None = None
    credit: str | None = None

    def is_empty(self) -> bool:
        return not (self.src or self.alt or self.caption or self.credit)


@dataclass(frozen=True)
class Source:
    """Where the article was originally published."""

    url: str | None = None
    site_name: str | None = None


@dataclass(frozen=True)
class Author:
    """A person or organisation credited with articles; one entry of the author registry."""

    name: str
    description: str | None = None
    avatar: str | None = None
    url: str | None = None
    contact: tuple[str, ...] = ()


@dataclass(frozen=True)
class Article:
    """One article: frontmatter fields plus the Markdown body.

    ``authors`` are display names; their profiles (bio, contact) travel separately as
    :class:`Author` values and end up in the author registry.
    """

    title: str
    body: str
    date: When | None = None
    updated: When | None = None
    authors: tuple[str, ...] = ()
    image: Image | None = None
    source: Source = field(default_factory=Source)
    language: str | None = None
    description: str | None = None
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Converted:
    """What converting one input yields: the article, the profiles of authors found on it (bios,
    contacts: they go to the registry) and notes worth telling the user (recoverable problems)."""

    article: Article
    authors: tuple[Author, ...] = ()
    notes: tuple[str, ...] = ()
