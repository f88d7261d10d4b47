"""Saved HTML pages -> article: the page is parsed once (lxml); metadata is read from every signal
(:mod:`.metadata`), figures with their captions and credits (:mod:`.figures`), author boxes
(:mod:`.authorbox`), and the body (:mod:`.body`)."""

from __future__ import annotations

import re
from urllib.parse import unquote

import lxml.html
from lxml import etree

from ..errors import ExtractionError, InputError
from ..limits import check_depth
from ..model import Article, Converted, Image, Source
from . import authorbox
from .body import extract_body
from .bylines import signed_names
from .credits import split_caption_credit
from .figures import Figure, file_stem, find_figures, image_ids, key
from .metadata import PageMeta, Signals

#: Pages over this many characters get no second opinion from trafilatura (see :mod:`.body`).
LARGE_PAGE = 4_000_000
# lxml.html's elements (trafilatura expects them) through a C-level lookup: lxml.html's own lookup
# is Python code run for every element each time a tree is walked.
_LOOKUP = etree.ElementDefaultClassLookup(
    element=lxml.html.HtmlElement,
    comment=lxml.html.HtmlComment,
    pi=lxml.html.HtmlProcessingInstruction,
    entity=lxml.html.HtmlEntity,
)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse(html: str) -> etree._Element:
    """The page's element tree (comments and processing instructions left out).

    A page nested deeper than libxml2 builds (it silently drops what lies below 256 levels) is
    refused (:func:`morgue.limits.check_depth`)."""
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise InputError("empty input (no HTML)")
    # collect_ids=False: no table of id attributes (for XPath id(), which nothing here calls)
    parser = etree.HTMLParser(remove_comments=True, remove_pis=True, default_doctype=False, collect_ids=False)
    parser.set_element_class_lookup(_LOOKUP)
    try:
        root = etree.fromstring(html, parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML: {exc}") from None
    if root is None:
        raise InputError("cannot parse HTML: no elements")
    check_depth(root)
    return root


def _before_text(root: etree._Element, figures: list[Figure]) -> Figure | None:
    """The first figure placed before the article's first paragraph of running text."""
    wanted = {
        f.element: f
        for f in figures
        if (f.caption or f.credit or f.element.tag == "figure") and not (f.small or f.aside)
    }
    if not wanted:
        return None
    for el in root.iter():
        figure = wanted.get(el)
        if figure is not None:
            return figure
        if el.tag == "p" and len(el.text_content()) > 200:
            return None
    return None


def _first_captioned(figures: list[Figure]) -> Figure | None:
    """The article's first figure that says what it shows or who took it."""
    return next((f for f in figures if (f.caption or f.credit) and not (f.small or f.aside)), None)


def _query_of(url: str) -> str:
    return unquote(url.split("?", 1)[1]) if "?" in url else ""


def _same_image(declared: list[str], figures: list[Figure]) -> Figure | None:
    """The figure showing another rendition of a declared image: an identifier of the declared
    URL (a hash, a long number) in its URL, one that no other figure's URL has (a site-wide
    token, or the article's own id in every picture's path, identifies nothing)."""
    ids = [set().union(*(image_ids(s) for s in f.sources)) for f in figures]
    images: dict[str, set[str]] = {}  # token -> the images (host and path) whose URLs hold it
    for figure, found in zip(figures, ids, strict=True):
        for token in found:
            images.setdefault(token, set()).add(key(figure.src))
    wanted = {t for u in declared for t in image_ids(u) if len(images.get(t, ())) == 1}
    same = [f for f, found in zip(figures, ids, strict=True) if found & wanted]
    return next((f for f in same if not f.small), same[0] if same else None)


def _lead_image(meta: PageMeta, figures: list[Figure], root: etree._Element) -> tuple[Image | None, set[str]]:
    """The lead image and the keys of its renditions (so the body does not show it twice).

    The page's declared image (Open Graph, JSON-LD) is found among the figures (same URL, same
    file name, or an identifier that survives resizing: another rendition) to learn its caption
    and credit. A page whose declared image is not on the page leads with the figure above its
    text (else with the declared image); a page declaring none, with the figure above its text or
    its first captioned figure. Teasers, video posters and author photos never lead."""
    declared = meta.image_urls
    declared_keys = {key(u) for u in declared}
    declared_stems = {file_stem(u) for u in declared if len(file_stem(u)) >= 6 or file_stem(u).isdigit()}
    same_file = [
        f
        for f in figures
        if {key(s) for s in f.sources} & declared_keys or {file_stem(s) for s in f.sources} & declared_stems
    ]  # the article's own picture before a teaser's thumbnail of it
    match = next((f for f in same_file if not (f.small or f.aside)), same_file[0] if same_file else None)
    if match is None and declared:
        match = _same_image(declared, figures)
    if match is None:
        declared_ids = {t for u in declared for t in image_ids(u)}
        pictures = [f for f in figures if not _portrait(f, meta.authors, declared_ids)]
        if any((f.caption or f.credit) and not (f.small or f.aside) for f in pictures):
            figures = pictures  # the author's photo leads only a page with no other picture (a column)
        match = _before_text(root, figures) or (None if declared else _first_captioned(figures))
    if match is not None:
        alt = match.alt or meta.image_alt
        credit = match.credit or meta.image_credit or _credit_in(alt)
        src = next((d for d in declared if d in _query_of(match.src)), match.src)  # the source a resizer shows
        image = Image(src=src, alt=alt, caption=match.caption or meta.image_caption, credit=credit)
        return image, {key(s) for s in match.sources} | declared_keys
    if declared:
        credit = meta.image_credit or _credit_in(meta.image_alt)
        image = Image(src=declared[0], alt=meta.image_alt, caption=meta.image_caption, credit=credit)
        return image, declared_keys
    return None, set()


def _portrait(figure: Figure, authors: list[str], declared_ids: set[str]) -> bool:
    """An author's photo: its short caption or alt text names one of the article's authors
    ("Jane Roe", "Bild av Jane Roe"), and it is not the page's declared image (a column's)."""
    if image_ids(figure.src) & declared_ids:
        return False
    texts = [t for t in (figure.caption, figure.alt) if t and len(t) <= 60]
    return any(name in text for name in authors if len(name) > 4 for text in texts)


def _credit_in(alt: str | None) -> str | None:
    """A credit some sites append to the alt text ("... (AP Photo/Jane Roe)")."""
    return split_caption_credit(alt)[1] if alt else None


def extract_html(html: str, url: str | None = None) -> Converted:
    root = parse(html)
    signals = Signals(root, url)
    meta = signals.read()
    base = url or meta.canonical_url
    figures = find_figures(root, base)
    image, shown = _lead_image(meta, figures, root)
    profiles = authorbox.extract_profiles(signals.marked.boxes, base, meta.authors)
    reread = None if len(html) > LARGE_PAGE else lambda: parse(html)
    body = extract_body(root, base, figures, shown, header=(meta.title, meta.description), reread=reread)
    if not body.strip():
        raise ExtractionError("no article content found in the page")
    authors = meta.authors or meta.organisations or signed_names(body)  # a signature ends the text
    article = Article(
        title=meta.title or "",
        body=body,
        date=meta.date,
        updated=meta.updated,
        authors=tuple(authors),
        image=image,
        source=Source(url=url or meta.canonical_url, site_name=meta.site_name),
        language=meta.language,
        description=meta.description,
        tags=tuple(meta.tags),
        categories=tuple(meta.categories),
    )
    return Converted(article=article, authors=tuple(profiles))
