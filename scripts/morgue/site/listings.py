"""The generated pages of the archive, as data: home, archive by year and month, authors, tags,
image credits and the search page. Each :class:`Listing` becomes one virtual page; long lists are
split into pages of ``per_page`` entries (``.../page/2/``).

Pure functions over the catalog: no MkDocs here (the plugin turns listings into pages).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from babel.dates import format_date

from ..model import Author
from ..registry import author_slug
from ..text import slugify
from .catalog import Entry

UNDATED = "undated"


@dataclass(frozen=True)
class Paths:
    """Where the generated pages live (folders under the docs dir, no leading or trailing slash)."""

    archive: str = "archive"
    authors: str = "authors"
    tags: str = "tags"
    credits: str = "credits"
    search: str = "search"

    def author(self, name: str) -> str:
        return f"{self.authors}/{author_slug(name)}/"

    def tag(self, name: str) -> str:
        return f"{self.tags}/{slugify(name, max_bytes=80)}/"

    def credit(self, name: str) -> str:
        return f"{self.credits}/{slugify(name, max_bytes=80)}/"


@dataclass
class Listing:
    """One generated page: a title, what kind of page it is, its cards (articles) or groups
    (links to other listings), an optional profile (author pages) and pagination."""

    src_uri: str
    title: str
    kind: str
    cards: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    profile: dict[str, Any] | None = None
    pagination: dict[str, Any] | None = None
    total: int = 0
    parts: list[tuple[str, str]] = field(default_factory=list)  # search page: (index folder, since), newest first
    per_page: int = 0  # search page: results shown at a time

    def digest(self) -> str:
        """Changes exactly when what the page shows changes (lets a preview rebuild only these)."""
        data = [
            self.title,
            self.kind,
            self.cards,
            self.groups,
            self.profile,
            self.pagination,
            self.total,
            self.parts,
            self.per_page,
        ]
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


class Cards:
    """What a listing shows of an article, computed once per article and shared by every listing."""

    def __init__(self, paths: Paths, locale: str) -> None:
        self.paths = paths
        self.locale = locale
        self._cache: dict[str, dict[str, Any]] = {}

    def __call__(self, entry: Entry) -> dict[str, Any]:
        card = self._cache.get(entry.src_uri)
        if card is None:
            article = entry.article
            card = {
                "url": entry.url,
                "title": article.title,
                "date": {"iso": article.date.isoformat(), "display": self.day(entry.day)} if entry.day else None,
                "authors": [{"name": n, "url": self.paths.author(n)} for n in article.authors],
                "excerpt": entry.excerpt,
                "language": article.language,
            }
            self._cache[entry.src_uri] = card
        return card

    def day(self, day: dt.date) -> str:
        try:
            return format_date(day, format="long", locale=self.locale)
        except (ValueError, LookupError):
            return day.isoformat()

    def month(self, year: int, month: int) -> str:
        try:
            return format_date(dt.date(year, month, 1), format="LLLL y", locale=self.locale)
        except (ValueError, LookupError):
            return f"{year}-{month:02d}"


def paginate(
    folder: str,
    title: str,
    kind: str,
    entries: list[Entry],
    cards: Cards,
    per_page: int,
    profile: dict[str, Any] | None = None,
) -> list[Listing]:
    """``folder/index.md``, ``folder/page/2/index.md`` ... with ``per_page`` cards each."""
    prefix = f"{folder}/" if folder else ""
    count = max(1, -(-len(entries) // per_page))
    urls = [prefix if n == 1 else f"{prefix}page/{n}/" for n in range(1, count + 1)]
    pages = []
    for n in range(1, count + 1):
        chunk = entries[(n - 1) * per_page : n * per_page]
        pagination = None
        if count > 1:
            pagination = {
                "page": n,
                "pages": count,
                "previous": urls[n - 2] if n > 1 else None,
                "next": urls[n] if n < count else None,
                "first": urls[0],
                "last": urls[-1],
            }
        src = f"{urls[n - 1]}index.md"
        shown = title if n == 1 else f"{title} (page {n})"
        cards_shown = [cards(e) for e in chunk]
        pages.append(Listing(src, shown, kind, cards_shown, profile=profile, pagination=pagination, total=len(entries)))
    return pages


def _grouped(entries: Iterable[Entry], keys: Callable[[Entry], Iterable[str]]) -> dict[str, list[Entry]]:
    groups: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        for key in dict.fromkeys(keys(entry)):
            groups[key].append(entry)
    return groups


def _by_slug(groups: dict[str, list[Entry]], slug: Callable[[str], str]) -> dict[str, tuple[str, list[Entry]]]:
    """Merge names that share a slug ("AP" and "A.P."): the most used spelling names the group."""
    merged: dict[str, list[tuple[str, list[Entry]]]] = defaultdict(list)
    for name, entries in groups.items():
        merged[slug(name)].append((name, entries))
    out = {}
    for key, variants in merged.items():
        name = max(variants, key=lambda v: (len(v[1]), v[0]))[0]
        combined = sorted({e.src_uri: e for _, es in variants for e in es}.values(), key=lambda e: e.sort_key)
        out[key] = (name, combined[::-1])
    return out


def home(entries: list[Entry], cards: Cards, per_page: int) -> list[Listing]:
    return paginate("", "Latest articles", "home", entries, cards, per_page)


def archive(entries: list[Entry], cards: Cards, per_page: int) -> list[Listing]:
    """``archive/``: years and months with counts; one page per year and per month; "Undated"."""
    base = cards.paths.archive
    months: dict[tuple[int, int], list[Entry]] = defaultdict(list)
    undated: list[Entry] = []
    for entry in entries:
        day = entry.day
        if day is None:
            undated.append(entry)
        else:
            months[(day.year, day.month)].append(entry)
    years: dict[int, list[dict[str, Any]]] = defaultdict(list)
    pages: list[Listing] = []
    for (year, month), items in sorted(months.items(), reverse=True):
        name = cards.month(year, month)
        years[year].append({"name": name, "url": f"{base}/{year:04d}/{month:02d}/", "count": len(items)})
        pages += paginate(f"{base}/{year:04d}/{month:02d}", name, "month", items, cards, per_page)
    index_groups = []
    for year, month_groups in years.items():
        count = sum(g["count"] for g in month_groups)
        url = f"{base}/{year:04d}/"
        index_groups.append({"name": str(year), "url": url, "count": count, "children": month_groups})
        pages.append(Listing(f"{url}index.md", str(year), "year", groups=month_groups, total=count))
    if undated:
        url = f"{base}/{UNDATED}/"
        index_groups.append({"name": "Undated", "url": url, "count": len(undated), "children": []})
        pages += paginate(f"{base}/{UNDATED}", "Undated", "month", undated, cards, per_page)
    pages.append(Listing(f"{base}/index.md", "Archive", "archive", groups=index_groups, total=len(entries)))
    return pages


def _profile(name: str, author: Author | None) -> dict[str, Any]:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    initials = "".join(w[0] for w in (words[:1] + words[1:][-1:])).upper() or "?"
    hue = int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:4], 16) % 360
    contacts = []
    for item in author.contact if author else ():
        contacts.append({"text": item, "href": _contact_href(item)})
    return {
        "name": name,
        "initials": initials,
        "hue": hue,
        "avatar": _safe_src(author.avatar) if author else None,
        "description": author.description if author else None,
        "url": author.url if author and _is_web(author.url) else None,
        "contact": contacts,
    }


def _is_web(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _safe_src(src: str | None) -> str | None:
    """An avatar given as an http(s) URL or a site path; anything with another scheme is dropped."""
    if not src:
        return None
    return src if _is_web(src) or (":" not in src.split("/", 1)[0] and not src.startswith("//")) else None


def _contact_href(item: str) -> str | None:
    if _is_web(item):
        return item
    if "@" in item[1:] and " " not in item and ":" not in item:
        return f"mailto:{item}"
    return None


def authors(entries: list[Entry], cards: Cards, per_page: int, registry: dict[str, Author]) -> list[Listing]:
    """``authors/``: every author with articles, A to Z; one page per author with profile and articles."""
    paths = cards.paths
    merged = _by_slug(_grouped(entries, lambda e: e.article.authors), author_slug)
    pages: list[Listing] = []
    groups = []
    for slug, (name, items) in sorted(merged.items(), key=lambda kv: (kv[1][0].casefold(), kv[0])):
        author = registry.get(slug)
        profile = _profile(author.name if author else name, author)
        url = f"{paths.authors}/{slug}/"
        groups.append({"name": profile["name"], "url": url, "count": len(items), "profile": profile})
        pages += paginate(url.rstrip("/"), profile["name"], "author", items, cards, per_page, profile=profile)
    pages.append(Listing(f"{paths.authors}/index.md", "Authors", "authors", groups=groups, total=len(groups)))
    return pages


def _named_index(
    entries: list[Entry],
    cards: Cards,
    per_page: int,
    *,
    folder: str,
    title: str,
    kind: str,
    keys: Callable[[Entry], Iterable[str]],
) -> list[Listing]:
    merged = _by_slug(_grouped(entries, keys), lambda n: slugify(n, max_bytes=80))
    pages: list[Listing] = []
    groups = []
    for slug, (name, items) in sorted(merged.items(), key=lambda kv: (kv[1][0].casefold(), kv[0])):
        url = f"{folder}/{slug}/"
        groups.append({"name": name, "url": url, "count": len(items)})
        pages += paginate(url.rstrip("/"), name, kind, items, cards, per_page)
    pages.append(Listing(f"{folder}/index.md", title, f"{kind}s", groups=groups, total=len(groups)))
    return pages


def tags(entries: list[Entry], cards: Cards, per_page: int) -> list[Listing]:
    """``tags/``: every tag with its count; one page per tag."""
    return _named_index(
        entries, cards, per_page, folder=cards.paths.tags, title="Tags", kind="tag", keys=lambda e: e.article.tags
    )


def credits(entries: list[Entry], cards: Cards, per_page: int) -> list[Listing]:
    """``credits/``: the image-credits ledger, every credited photographer or agency with the
    articles that use their images."""

    def credit(entry: Entry) -> list[str]:
        image = entry.article.image
        return [image.credit] if image is not None and image.credit else []

    return _named_index(
        entries, cards, per_page, folder=cards.paths.credits, title="Image credits", kind="credit", keys=credit
    )


def search(paths: Paths) -> list[Listing]:
    return [Listing(f"{paths.search}/index.md", "Search", "search")]


def build_all(entries: list[Entry], cards: Cards, per_page: int, registry: dict[str, Author]) -> list[Listing]:
    """Every generated page of the archive."""
    pages = home(entries, cards, per_page)
    pages += archive(entries, cards, per_page)
    pages += authors(entries, cards, per_page, registry)
    pages += tags(entries, cards, per_page)
    pages += credits(entries, cards, per_page)
    pages += search(cards.paths)
    return pages
