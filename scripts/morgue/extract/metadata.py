"""Article metadata from every signal a page carries, reconciled field by field.

Signals, strongest first: JSON-LD (schema.org article object), Open Graph and ``article:*``,
Twitter cards, other ``<meta>`` conventions (parsely, sailthru, Dublin Core, citation_*),
microdata (``itemprop``), ``<time>`` elements, visible bylines, and the URL. Each field takes the
first usable value in its own order; values are cleaned the same way whichever signal gave them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from ..errors import MorgueError
from ..model import When
from ..text import clean_line
from . import jsonld, marks
from .bylines import (
    byline_in_lines,
    clean_name,
    is_organisation,
    looks_like_name,
    name_of_initials,
    split_names,
    without_date,
)
from .classnames import says
from .credits import split_caption_credit
from .dateline import byline_near, dateline, marked_date, settle
from .dates import date_from_url, labelled_date, local_midnight, parse_iso
from .language import normalise_language
from .metatags import MetaTags
from .textof import lines_of, text_of
from .titles import following_heading, headline, host_words, in_navigation, is_logo, loose, squeeze

_PERMALINK = re.compile(r"\s*[¶#🔗]\s*$")  # a heading's permalink anchor
_URLISH = re.compile(r"^(?:https?:)?//|^www\.|\.(?:com|org|net)/", re.I)
_PROFILE_SLUG = re.compile(rf"/{marks.PROFILE_FOLDER}/(?P<slug>[a-z]+(?:-[a-z]+){{1,2}})/?$")
_HANDLE_ONLY = re.compile(r"^@\w+$")
# A first name alone ("Todd") or a login ("christian.stadtfeld", "gabor_munier"): a later source may complete it.
_COMPLETING = 4  # JSON-LD, two kinds of <meta>, marked bylines (then the byline under the headline)
_INITIALS = re.compile(r"^[A-Z]{2,3}$")  # "DT": a byline's initials, completed by the profile URL
_LOGIN = re.compile(r"^[a-z]+(?:[._-][a-z]+)+$")
_CAPITALISED_RUN = re.compile(r"\b(?=([A-ZÀ-Þ][\w'’-]+(?:\s+(?:[A-Z]\.|[A-ZÀ-Þ][\w'’-]+)){1,3}))")
_PARTIAL_NAME = re.compile(r"^(?:[A-Za-zÀ-ÿ]+|[a-z]+(?:[._-][a-z]+)+)$")


@dataclass
class PageMeta:
    """What the page says about itself, before the body is extracted."""

    title: str | None = None
    authors: list[str] = field(default_factory=list)
    organisations: list[str] = field(default_factory=list)
    date: When | None = None
    updated: When | None = None
    site_name: str | None = None
    canonical_url: str | None = None
    language: str | None = None
    description: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    image_urls: list[str] = field(default_factory=list)
    image_alt: str | None = None
    image_caption: str | None = None
    image_credit: str | None = None


class Signals:
    """The page's metadata sources, read once; one method per field reconciles them."""

    def __init__(self, root: etree._Element, url: str | None) -> None:
        self.root = root
        self.url = url
        self.meta = MetaTags(root)
        self.graph = jsonld.Graph(jsonld.blocks(root))
        self.article = self.graph.article() or {}
        self.marked = marks.scan(root)
        self._publishers: tuple[str, set[str], set[str]] | None = None  # the site's names, once per page
        self._dom_found: list[str] | None = None  # the visible byline, once per page
        self._editors: set[str] = set()  # names the page labels as its editors (loosely)

    # ------------------------------------------------------------------ helpers
    def _ld(self, key: str) -> str | None:
        return jsonld.text_of(self.article.get(key))

    def _h1s(self) -> list[tuple[etree._Element, str]]:
        """The page's ``<h1>`` elements and texts; one set in a breadcrumb trail or a ``<nav>``
        (the page's place in the site, written for search engines) stands for the ``<h2>`` after it,
        the headline the article's header shows."""
        out = []
        for h1 in self.marked.h1s:
            if is_logo(h1):
                continue
            shown = following_heading(h1) if in_navigation(h1) else h1
            text = _PERMALINK.sub("", text_of(shown)) if shown is not None else ""
            if text and len(text) < 400:
                out.append((shown, text))
            if len(out) >= 4:
                break
        return out

    def headline(self, title: str | None, site_name: str | None) -> etree._Element | None:
        """The ``<h1>`` showing the title (else the first that is not the site's name)."""
        site = loose(site_name or "")
        h1s = [(el, loose(text)) for el, text in self._h1s() if loose(text) and loose(text) != site]
        wanted = loose(title or "")
        match = next((el for el, flat in h1s if wanted and (flat == wanted or wanted in flat)), None)
        return match if match is not None else (h1s[0][0] if h1s else None)

    def _titled_h2(self, title: str | None) -> etree._Element | None:
        """With no ``<h1>``, the ``<h2>`` saying the title (a post under a blog's name): where
        its byline is looked for (its dates are not: the markup and htmldate settle them)."""
        wanted = loose(title or "")
        if not wanted or self._h1s():
            return None
        return next((h2 for h2, text in self._h2s() if loose(text) == wanted), None)

    # ------------------------------------------------------------------ fields
    def site_name(self) -> str | None:
        publisher = self.graph.resolve(self.article.get("publisher")) if self.article else None
        name = self.meta.first("og:site_name", "application-name", "al:android:app_name", "al:iphone:app_name")
        if not name and isinstance(publisher, dict):
            name = jsonld.text_of(publisher.get("name"))
        if not name:
            org = self.graph.first("NewsMediaOrganization") or self.graph.first("Organization")
            name = jsonld.text_of(org.get("name")) if org else None
        return clean_line(name)

    def title(self, site_name: str | None) -> str | None:
        """The headline as the page shows it, reconciled with the titles it declares (JSON-LD,
        Open Graph, Twitter, other ``<meta>``, ``<title>``): see :func:`.titles.headline`."""
        declared = [
            self._ld("headline"),
            self.meta.first("og:title"),
            self.meta.first("twitter:title"),
            self.meta.first("parsely-title", "sailthru.title", "dc.title", "dcterms.title", "citation_title"),
            self.meta.first("headline", "title"),
            next((text_of(t) for t in self.root.iter("title")), None),
        ]
        said = {squeeze(t) for t in declared if t}
        shown = [text for el, text in self._h1s() if el.tag == "h1" or squeeze(text) in said]
        return headline(shown, declared, site_name, self.url, lambda: [text for _, text in self._h2s()])

    def _h2s(self) -> list[tuple[etree._Element, str]]:
        """The first four ``<h2>`` elements with a short text, outside navigation, and their texts
        (a post's heading under a blog's name)."""
        out = []
        for h2 in self.root.iter("h2"):
            text = _PERMALINK.sub("", text_of(h2))
            if text and len(text) < 300 and not in_navigation(h2):
                out.append((h2, text))
            if len(out) >= 4:
                break
        return out

    def authors(self, site_name: str | None, headline: etree._Element | None = None) -> tuple[list[str], list[str]]:
        """``(people, organisations)`` credited as authors: people from the first source naming a person,
        strongest first (JSON-LD, ``<meta>``, bylines marked as such, a byline line next to the
        ``headline``, links to author profile pages); author boxes and profile URLs only for
        pages that name no one at all. Organisations listed beside people in JSON-LD ("AP",
        "dpa") are kept with them; the organisations are those of the first source naming any
        ("Le Figaro et AFP"), the byline of a page that names no person, or whose JSON-LD and
        ``<meta>`` both credit an organisation and no one (a name shown elsewhere is not its byline)."""
        strong = [
            self._ld_authors,
            lambda: [(v, False) for v in self.meta.all(*_META_AUTHORS)],
            lambda: [(v, False) for v in self.meta.all(*_META_AUTHORS_MORE)],
            lambda: [(v, False) for v in self._dom_bylines()],
            lambda: [(v, False) for v in (byline_near(headline) if headline is not None else [])],
            lambda: [(v, False) for v in self._profile_link_names()],
            lambda: [(v, False) for v in self._labelled_meta_authors()],  # the account that posted it
        ]
        weak = [lambda: [(v, False) for v in self._box_names()], lambda: [(v, False) for v in self._profile_slugs()]]
        site = loose(site_name or "")
        people: list[str] = []
        organisations: list[str] = []
        first_orgs: list[str] = []
        declared_orgs = False  # JSON-LD credits organisations only
        for i, source in enumerate([*strong, *weak]):
            if i >= len(strong) and organisations:
                break
            named = self._names(source(), site)
            for name, org in named:
                target = organisations if org else people
                if name not in target:
                    target.append(name)
            if not first_orgs:
                first_orgs = [n for n, org in named if org]
            if i == 0:
                declared_orgs = bool(named) and not people
            elif i == 1 and declared_orgs and named and all(org for _, org in named):
                break  # JSON-LD and <meta> both credit an organisation, no person: the page's own byline
            if people:
                # the later sources naming people directly; the line under the headline only to
                # complete a first name or login (walking the page there costs more than the rest)
                end = _COMPLETING + 1 if any(_PARTIAL_NAME.match(n) for n in people) else _COMPLETING
                people = _completed(people, (self._names(later(), site) for later in strong[i + 1 : end]))
                people = [self._name_of_login(n) if _LOGIN.match(n) else n for n in people]
                people = [self._name_of_initials(n) if _INITIALS.match(n) else n for n in people]
                if i < 3 and self._editors and all(loose(n) in self._editors for n in people):
                    shown = [n for n, org in self._names([(v, False) for v in self._dom_bylines()], site) if not org]
                    people = shown or people  # declared the page's editor; the byline shows the author
                if i == 0:  # agencies credited beside people ("AP", "dpa"), not the publisher itself
                    publisher = loose(self._publisher_name() or "")
                    people += [o for o in organisations if o not in people and loose(o) not in (site, publisher)]
                break
        return people, list(dict.fromkeys(first_orgs))

    def _name_of_login(self, login: str) -> str:
        """The name a login stands for ("jane.roe" -> "Jane P. Roe") when the page's text shows
        exactly one such name (a signature, a caption); else the login."""
        body = next(self.root.iter("body"), self.root)
        text = " ".join(body.xpath(".//text()[not(ancestor::script or ancestor::style)]"))
        found = set()
        for run in _CAPITALISED_RUN.finditer(text):  # every run of capitalised words, from each of its words
            words = run.group(1).split()
            found.update(
                " ".join(words[:n]) for n in range(2, len(words) + 1) if _completes(login, " ".join(words[:n]))
            )
        return found.pop() if len(found) == 1 else login

    def _name_of_initials(self, initials: str) -> str:
        """The name a byline's initials stand for ("DT" -> "Donald Townsend") when the initials
        link to the author's profile page and its URL spells the name; else the initials."""
        for a in [*self.marked.author_links, *self.marked.profile_links]:
            if text_of(a) == initials:
                name = name_of_initials(initials, a.get("href") or "")
                if name:
                    return name
        return initials

    def _publisher_names(self, site: str) -> set[str]:
        """The publication's names (loosely): site name, JSON-LD publisher, ``<meta name=publisher>``."""
        names = {site, loose(self._publisher_name() or "")}
        for value in self.meta.all("publisher", "dc.publisher", "dcterms.publisher", "article:publisher"):
            names.add(loose(_URL_IN_TEXT.sub(" ", value)))
        for value in self.meta.all("copyright", "dc.rights", "dcterms.rights"):  # "Copyright (c) Condé Nast 2022"
            names.add(loose(_COPYRIGHT_WORDS.sub(" ", value)))
        return {n for n in names if n}

    def _publisher_name(self) -> str | None:
        publisher = self.graph.resolve(self.article.get("publisher")) if self.article else None
        return jsonld.text_of(publisher.get("name")) if isinstance(publisher, dict) else None

    def _ld_authors(self) -> list[tuple[str, bool]]:
        if not self.article:
            return []
        found = jsonld.people(self.graph, self.article.get("author"))
        found = found or jsonld.people(self.graph, self.article.get("creator"))
        return [(name, org) for name, org, _ in found]

    def _names(self, entries: list[tuple[str, bool]], site: str) -> list[tuple[str, bool]]:
        """Cleaned ``(name, is_organisation)`` pairs; the site's own name counts as an organisation."""
        if self._publishers is None or self._publishers[0] != site:
            self._publishers = (site, host_words(self.url), self._publisher_names(site))
        _, host, publishers = self._publishers
        out = []
        for raw, org in entries:
            if _HANDLE_ONLY.match(raw.strip()) or (_URLISH.search(raw) and " " not in raw.strip()):
                continue  # a handle or a URL alone ("Jane Roe (https://...)" keeps the name)
            found = []
            for name in [clean_line(raw) or ""] if org else split_names(raw):
                flat = loose(name)
                if not flat or _PHOTO_AGENCY.search(name):
                    continue  # a picture agency credits the photo, not the article
                if (
                    org
                    or flat in publishers
                    or flat.replace(" ", "") in host
                    or any(word in host for word in flat.split() if len(word) >= 3)  # "MDR THÜRINGEN"
                    or _DOMAIN.match(name)
                    or (is_organisation(name) and (not looks_like_name(name) or flat.startswith("the ")))
                ):
                    found.append((name, True))
                elif _plausible(name):
                    found.append((name, False))
            if any(is_org for _, is_org in found):  # "hessenschau.de, Frankfurt, Germany": an address
                found = [(n, is_org) for n, is_org in found if is_org or len(n.split()) > 1]
            out += found
        return out

    def _dom_bylines(self) -> list[str]:
        """Visible bylines: the innermost byline-marked elements naming someone, outside comments,
        forms and teasers; the first one, plus its siblings (several ``rel=author`` links)."""
        if self._dom_found is not None:
            return self._dom_found
        candidates = []
        for el in self.marked.bylines:
            marks = el.get("class") or ""
            if el.tag in _NOT_BYLINE_TAGS or says(_NOT_BYLINE_CLASS, marks) or says(_FURNITURE_CONTAINER, marks):
                continue  # a photographer, an avatar, a date; a comment's author
            if _EDITOR_LABEL.search(_text_just_before(el)) or _EDITOR_LABEL.match(el.text or ""):
                self._editors.update(loose(n) for n in _names_in_byline(el))  # "Editor: <a class=author>"
                continue
            candidates.append(el)
            if len(candidates) > 60:
                break
        inner: dict[etree._Element, list[etree._Element]] = {}  # candidate -> candidates inside it
        chosen = set(candidates)
        for el in candidates:
            for ancestor in el.iterancestors():
                if ancestor in chosen:
                    inner.setdefault(ancestor, []).append(el)
        cache: dict[etree._Element, list[str]] = {}

        def names(el: etree._Element) -> list[str]:
            if el not in cache:
                cache[el] = _names_in_byline(el)
            return cache[el]

        found: list[str] = []
        group = first = None

        def _twin(a: etree._Element, b: etree._Element) -> bool:  # in sibling "byline" blocks alike, one author each
            for x in [a, *a.iterancestors()][:5]:
                parent = x.getparent()
                y = next((y for y in [b, *b.iterancestors()] if y.getparent() is parent), None)
                if x in chosen and y is not None and y is not x:
                    alike = y.tag == x.tag and y.get("class") == x.get("class")
                    return alike and not _OTHER_ROLE.match(text_of(y))  # not "Übersetzt von: ..."
            return False

        for el in candidates:
            if not names(el) or any(names(d) for d in inner.get(el, ())):
                continue  # names nobody, or an inner candidate says it more precisely
            if group is not None and el.getparent() is not group and not _twin(first, el):
                break  # the first byline and its siblings, or a twin of the byline element holding it
            if _in_furniture(el):
                continue
            found += [n for n in names(el) if n not in found]
            group, first = el.getparent(), el
            if len(found) >= 6:
                break
        self._dom_found = found
        return found

    def _labelled_meta_authors(self) -> list[str]:
        """``twitter:label1`` "Written by" / ``twitter:data1`` "Jane Roe" (and label2/data2)."""
        out = []
        for n in ("1", "2"):
            label, value = self.meta.first(f"twitter:label{n}"), self.meta.first(f"twitter:data{n}")
            if label and value and _WRITTEN_BY.match(label.strip()):
                out.append(value)
        return out

    def _profile_link_names(self) -> list[str]:
        """Names linked to author profile pages (``<a href="/author/kathy-wise">Kathy Wise</a>``):
        the first such link outside comments, teasers and navigation, and its siblings."""
        found: list[str] = []
        group = None
        for a in self.marked.profile_links:
            if group is not None and a.getparent() is not group:
                break
            text = text_of(a)
            if (
                not looks_like_name(text)
                or _in_furniture(a)
                or any(x.tag in ("nav", "header") for x in a.iterancestors())
            ):
                continue
            if text not in found:
                found.append(text)
            group = a.getparent()
        return found[:6]

    def _box_names(self) -> list[str]:
        """Names in author boxes ("About the author") when nothing else names the author."""
        from .authorbox import name_in, outermost

        names = []
        for box in outermost(self.marked.boxes):
            name = name_in(box, [])
            if name and name not in names:
                names.append(name)
        return names[:3]

    def _profile_slugs(self) -> list[str]:
        """A name from an author profile URL (``/author/jon-fingas``), the last resort."""
        declared = [u for v in self.meta.all("article:author", "author") if _URLISH.search(v) for u in v.split(",")]
        for urls in (
            declared,
            self.meta.links.get("author", []),
            [a.get("href") for a in self.marked.author_links[:2]],
        ):
            names = []
            for url in urls:  # several profile URLs in one value: several authors
                match = _PROFILE_SLUG.search((url or "").strip())
                words = match["slug"].split("-") if match else []
                if 2 <= len(words) <= 3 and all(w.isalpha() for w in words):
                    names.append(" ".join(w.capitalize() for w in words))
            if names:
                return list(dict.fromkeys(names))
        return []

    def dates(self, headline: etree._Element | None = None) -> tuple[When | None, When | None]:
        """``(published, updated)``: what the markup declares, settled with the dateline shown
        next to ``headline`` (see :func:`.dateline.settle`); pages declaring nothing are read
        from their dateline, ``<time>`` elements, a line labelled as the date ("Erschienen am:
        01.11.2023"), htmldate, then the URL. A day in the URL more than a month before the
        declared date is the first publication (the page was re-stamped when it was moved)."""
        declared = [when for when in (parse_iso(v) for v in self._declared(_PUBLISHED)) if when is not None]
        updated = next((d for d in (parse_iso(v) for v in self._declared(_MODIFIED)) if d is not None), None)
        shown = dateline(headline) if headline is not None else None
        published = settle(declared, updated, shown)
        if published is None:
            published = self._time_element()
        if published is None:
            body = next(self.root.iter("body"), self.root)
            published = labelled_date(lines_of(body)) or marked_date(self.root)
        in_url = date_from_url(self.url)
        if published is None:
            published = _htmldate(self.root, self.url) or in_url
        elif in_url is not None and _day(published) - in_url > _REPUBLISHED:
            published = in_url  # a URL keeps the day it was first published under; the page was re-stamped
        language = self.language()
        return local_midnight(published, language), local_midnight(updated, language)

    def _declared(self, keys: tuple[str, ...]) -> list[str]:
        """Values under ``keys`` (``ld:`` for the JSON-LD article's properties), in that order."""
        out: list[str] = []
        for key in keys:
            if key.startswith("ld:"):
                values = [self._ld(key[3:])]
            elif key == _MICRODATA_PUBLISHED:
                values = [self._microdata_published()]
            else:
                values = self.meta.values.get(key, ())
            out += [v for v in values if v and v not in out]
        return out

    def _microdata_published(self) -> str | None:
        """The first ``itemprop="datePublished"`` in the page's own markup (not a ``<meta>``, which
        :class:`MetaTags` reads)."""
        for el in self.marked.times:
            if el.get("itemprop") == "datePublished" and el.tag != "meta":
                return el.get("datetime") or el.get("content") or text_of(el)
        return None

    def _time_element(self) -> When | None:
        for el in self.marked.times:
            value = el.get("datetime") or el.get("content") or text_of(el)
            when = parse_iso(value)
            if when is not None:
                return when
        return None

    def language(self) -> str | None:
        html = self.root if self.root.tag == "html" else None
        for value in (
            html.get("lang") if html is not None else None,
            html.get("{http://www.w3.org/XML/1998/namespace}lang") if html is not None else None,
            self.meta.first("content-language", "language", "dc.language", "og:locale"),
            self._ld("inLanguage"),
        ):
            tag = normalise_language(value)
            if tag and tag.lower() not in ("und", "xx", "mul"):
                return tag
        return None

    def description(self) -> str | None:
        return clean_line(
            self.meta.first("og:description")
            or self.meta.first("description")
            or self._ld("description")
            or self.meta.first("twitter:description", "dc.description")
        )

    def tags(self) -> tuple[list[str], list[str]]:
        tags: list[str] = []
        raw = self.meta.all("article:tag", "og:article:tag", "parsely-tags", "news_keywords", "sailthru.tags")
        keywords = self.article.get("keywords") if self.article else None
        if isinstance(keywords, list):
            raw += [str(k) for k in keywords]
        elif isinstance(keywords, str):
            raw.append(keywords)
        if not raw:
            raw = self.meta.all("keywords")
        for value in raw:
            for part in re.split(r"\s*[,;]\s*", value) if ("," in value or ";" in value) else [value]:
                label = clean_line(part)
                if label and len(label) <= 80 and label not in tags and not label.startswith(("tag:", "id:")):
                    tags.append(label)
        categories: list[str] = []
        section = jsonld.as_list(self.article.get("articleSection")) if self.article else []
        for value in [*self.meta.all("article:section", "og:article:section", "parsely-section"), *section]:
            label = clean_line(str(value))
            if label and label not in categories and len(label) <= 80:
                categories.append(label)
        return tags[:30], categories[:10]

    def canonical(self) -> str | None:
        for value in (self.meta.link("canonical"), self.meta.first("og:url")):
            if value and re.match(r"^https?://", value):
                return value
        return None

    def images(self) -> tuple[list[str], dict[str, str | None]]:
        """Declared lead-image URLs (strongest first) and what the declarations say about it."""
        urls: list[str] = []
        about: dict[str, str | None] = {"alt": None, "caption": None, "credit": None}
        for value in self.meta.all("og:image", "og:image:url", "og:image:secure_url"):
            urls.append(value)
        about["alt"] = self.meta.first("og:image:alt", "twitter:image:alt")
        for obj in jsonld.image_objects(self.graph, self.article.get("image")) if self.article else []:
            urls.append(obj["url"])
            about["caption"] = about["caption"] or jsonld.text_of(obj.get("caption"))
            credit = jsonld.text_of(obj.get("creditText")) or jsonld.text_of(obj.get("copyrightHolder"))
            credit = credit or jsonld.text_of(obj.get("author")) or jsonld.text_of(obj.get("creator"))
            about["credit"] = about["credit"] or credit
        if about["caption"]:
            caption, in_caption = split_caption_credit(about["caption"])
            about["caption"], about["credit"] = caption, about["credit"] or in_caption
        for value in self.meta.all("twitter:image", "twitter:image:src", "parsely-image-url", "thumbnailurl", "image"):
            urls.append(value)
        out: list[str] = []
        for value in urls:
            if value and not value.startswith("data:") and value not in out:
                out.append(value)
        return out, about

    def read(self) -> PageMeta:
        site = self.site_name()
        title = self.title(site)
        headline = self.headline(title, site)
        people, organisations = self.authors(site, headline if headline is not None else self._titled_h2(title))
        published, updated = self.dates(headline)
        tags, categories = self.tags()
        image_urls, about = self.images()
        return PageMeta(
            title=title,
            authors=people,
            organisations=organisations,
            date=published,
            updated=updated,
            site_name=site,
            canonical_url=self.canonical(),
            language=self.language(),
            description=self.description(),
            tags=tags,
            categories=categories,
            image_urls=image_urls,
            image_alt=about["alt"],
            image_caption=about["caption"],
            image_credit=about["credit"],
        )


_MICRODATA_PUBLISHED = "itemprop:datePublished"
_REPUBLISHED = dt.timedelta(days=30)  # a declared date this long after the URL's day re-stamps an old article
# Where pages declare their publication and update dates, strongest first.
_PUBLISHED = (
    "ld:datePublished",
    *("article:published_time", "og:article:published_time", "article:published"),
    *("parsely-pub-date", "sailthru.date", "cxenseparse:recs:publishtime"),
    "datepublished",
    _MICRODATA_PUBLISHED,  # the article's own markup says more than a page-wide "date" or dc.date
    *("dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dc.date.created"),
    *("dcterms.created", "citation_publication_date", "citation_date", "pubdate", "publishdate", "publish-date"),
    *("publish_date", "date", "article.published", "article_date_original", "og:pubdate", "datecreated"),
    "ld:dateCreated",
)
_MODIFIED = (
    *("ld:dateModified", "article:modified_time", "og:updated_time", "article:modified", "datemodified"),
    *("dc.date.modified", "dcterms.modified", "last-modified"),
)
_ARTICLE_BODY = re.compile(
    r"(?:^|[\s_-])(?:post-content|post-body|entry-content|article-body|article-content|story-body|articlebody)(?=$|[\s_-])",
    re.I,
)
_COPYRIGHT_WORDS = re.compile(r"copyright|\(c\)|©|all rights reserved|\b\d{4}\b|[-–]", re.I)
_PARTICLES = frozenset({"de", "da", "van", "von", "der", "den", "la", "le", "del", "di", "du", "bin", "al", "ibn"})
_DOMAIN = re.compile(r"^(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}$", re.I)  # "mdr.de", "finanztreff.de"
_URL_IN_TEXT = re.compile(r"\(?(?:https?://|www\.)\S+\)?")
_WRITTEN_BY = re.compile(
    r"^(?:written by|author|authors|by|verfasst von|geschrieben von|autor(?:in)?|von|écrit par|auteur|escrito por|autor)\b",
    re.I,
)
_PHOTO_AGENCY = re.compile(
    r"\b(?:getty images|istock(?:photo)?|shutterstock|alamy|unsplash|pexels|pixabay|imago|picture[ -]alliance"
    r"|keystone|wireimage|adobe ?stock)\b",
    re.I,
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
_META_AUTHORS = ("author", "article:author", "og:article:author", "dc.creator", "dcterms.creator")
_META_AUTHORS_MORE = (
    *("parsely-author", "sailthru.author", "byl", "citation_author", "cxenseparse:author", "articleauthor"),
    *("article:author_name", "og:author", "vr:author"),
)
_EDITOR_LABEL = re.compile(
    r"(?:^|\b)(?:editor|editors|edited by|redaktur|penyunting|redigiert von|bearbeitet von|责任编辑|编辑|編集)\s*[:：]?\s*$",
    re.I,
)
_SECTION_PATH = re.compile(
    r"/(?:category|categories|tags?|topics?|section|sections|rubriken?|kategorien?|themen?)/", re.I
)
# Labels crediting someone other than the author: a translator, a photographer, an illustrator.
_OTHER_ROLE = re.compile(
    r"^\W*(?:übersetz\w*|translat\w*|tradu\w*|fotos?|photos?|photograph\w*|bilder?|illustrat\w*|grafik\w*"
    r"|graphics?|video|kamera|camera|edited|redigiert|mitarbeit|additional reporting)\b",
    re.I,
)
_NOT_BYLINE_TAGS = frozenset({"meta", "link", "body", "html", "article", "main", "script", "style", "img", "time"})
_NOT_BYLINE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:bio|avatar|description|image|photo|img|more|follow|social|share|date|time)s?(?=$|[\s_-])", re.I
)
_FURNITURE_CONTAINER = re.compile(
    r"(?:^|[\s_-])(?:comments?|comment-\w+|respond|reply|replies|related|recommend\w*|teasers?|sidebar|footer"
    r"|widgets?|popular|trending|newsletter|promos?|promotion|more)(?=$|[\s_-])",
    re.I,
)


def _names_in_byline(el: etree._Element) -> list[str]:
    """The names a byline element gives: its ``itemprop=name``, else a line of it shaped like a
    byline ("By Jane Roe" above "NEW YORK" and a date), else its text split into names."""
    links = [a.get("href") or "" for a in el.iter("a")]
    if links and all(_SECTION_PATH.search(href) for href in links):
        return []  # a link to the section or tag the article is filed under ("byline-element" beside the author)
    name_els = el.xpath('.//*[@itemprop="name"]')
    if name_els:  # one per author
        text = ", ".join(filter(None, (e.get("content") or text_of(e) for e in name_els[:6])))
    else:
        text = text_of(el)
        if len(text) > 40:
            named = byline_in_lines(lines_of(el)[:6])
            if named:
                return [n for n in named if _dom_name(n, n)]
    if not text or len(text) > 150 or text.endswith((":", "：")):
        return []  # nothing, a paragraph, or a label ("Datum:", "Autor:")
    shown = without_date(text)  # "Von Jane.Roe am Samstag, 19. Oktober 2019": the date is not more names
    return [n for n in split_names(text) if _dom_name(n, shown)]


def _completed(people: list[str], later: Iterator[list[tuple[str, bool]]]) -> list[str]:
    """``people`` as the first source gave them, completed by a later source that names them all
    and more (JSON-LD with one of two authors the byline shows), or that gives the full name of a
    first name or login ("Todd" -> "Todd Bates", "gabor_munier" -> "Gàbor Muniér")."""
    partial = [n for n in people if _PARTIAL_NAME.match(n)]
    for entries in later:
        names = [n for n, org in entries if not org]
        known = {loose(n) for n in people}
        more = [n for n in names if loose(n) not in known]
        if 0 < len(more) <= 2 and known <= {loose(n) for n in names} and all(_full_name(n) for n in more):
            return names
        for short in partial:
            full = next((n for n in names if _completes(short, n)), None)
            if full and full not in people:
                people = [full if n == short else n for n in people]
                partial = [n for n in partial if n != short]
    return people


def _full_name(name: str) -> bool:
    """A person's full name, not a role or a team ("Senior Staff Technologist")."""
    return looks_like_name(name) and clean_name(name) == name and not is_organisation(name)


def _completes(short: str, full: str) -> bool:
    """``full`` is the whole name ``short`` abbreviates: its first name, or its words as a login."""
    words = _folded(full).split()
    if len(words) < 2 or not looks_like_name(full):
        return False
    parts = [p for p in re.split(r"[._-]+", _folded(short)) if p]
    if len(parts) == 1:
        return words[0] == parts[0]
    return parts[0] == words[0] and parts[-1] == words[-1]


def _folded(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))


def _text_just_before(el: etree._Element) -> str:
    """The text right before ``el`` in its parent (its label: "Editor :", "Von")."""
    previous = el.getprevious()
    text = previous.tail if previous is not None else (el.getparent().text if el.getparent() is not None else "")
    return (text or "")[-40:]


def _in_furniture(el: etree._Element) -> bool:
    """Inside a comment thread, a form, an aside or a teaser list (their names are not the byline).
    ``<nav>`` and ``<footer>`` are not: articles put their byline in both. Page-level classes
    (``<body class="template-newsletter">``) say nothing about one element."""
    for ancestor in el.iterancestors():
        tag = ancestor.tag
        if tag in ("body", "html"):
            break
        if tag in ("form", "aside"):
            return True
        if tag in ("article", "main"):
            continue  # the article's own classes ("sticky-sidebar-parent", "node--promoted") describe the article
        marks = " ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))
        if ancestor.get("itemprop") in ("articleBody", "blogPost") or (marks and says(_ARTICLE_BODY, marks)):
            return False  # inside the article's own text: what surrounds the article says nothing
        if marks and says(_FURNITURE_CONTAINER, marks):
            return True
    return False


def _day(when: When) -> dt.date:
    return when.date() if isinstance(when, dt.datetime) else when


def _htmldate(root: etree._Element, url: str | None) -> When | None:
    """htmldate's reading of the page (date-like text near headings, in classes, in the markup):
    only for pages whose metadata gives no date, as it costs more than all other signals together."""
    from htmldate import find_date

    try:
        found = find_date(root, url=url, original_date=True, extensive_search=False)
        found = found or find_date(root, url=url, original_date=True, extensive_search=True)
    except MorgueError:  # the time limit, raised wherever the conversion is
        raise
    except Exception:  # htmldate is a heuristic: a failure there means "no date", never a failed page
        return None
    return parse_iso(found) if found else None


def _dom_name(name: str, text: str) -> bool:
    """A name read from visible page text: shaped like a person's name, or a lone short word
    (a blogger's handle) when the byline holds nothing else."""
    if not _plausible(name):
        return False
    if _CJK.search(name):  # no spaces to tell a name from any short word: the byline must be short too
        return len(text) <= 30 and (looks_like_name(name) or len(name) >= len(text) - 6)
    return looks_like_name(name) or (len(text) <= 40 and len(name.split()) == 1 and len(name) <= 25)


def _plausible(name: str) -> bool:
    """A cleaned name that can be a person's byline (not a sentence, not a label)."""
    words = name.split()
    if len(name) > 50 or len(words) > 6:
        return False
    if len(words) > 1 and words[0].islower() and words[0] not in _PARTICLES and any(w[0].isupper() for w in words):
        return False  # "deinen Hochzeitsbloggern": words of a sentence, not a name ("cindy mangomini" is one)
    if not clean_name(name):
        return False
    return any(ch.isalpha() for ch in name)
