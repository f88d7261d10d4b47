"""The article body: main content found in the parsed page, converted to Markdown.

1. Furniture that content-finding heuristics keep letting through is pruned from the tree by a
   table of common class/id names (share and follow bars, newsletter and cookie boxes, related
   lists, comments, ads, author boxes, "read more" teasers) and of whole-line boilerplate.
2. Figure captions and credits are taken out of the tree (they are re-attached to their image).
3. trafilatura's main-content finder (fast mode: no second-opinion extractors) picks the article
   nodes out of what is left.
4. :class:`~morgue.converter.MarkdownConverter` turns them into Markdown: every text node escaped,
   links absolute, images with alt text, each figure's caption and credit under its image.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import trafilatura
from lxml import etree

from ..converter import MarkdownConverter, image_src, safe_url
from ..markdown import plain_text
from .boilerplate import is_boilerplate
from .figures import Figure, key
from .metadata import text_of

# Class or id words of furniture. Matched against whole "words" of the attribute
# (split at spaces, dashes and underscores; camelCase kept), so "shared-content" is not "share".
_FURNITURE_WORDS = (
    r"share|sharing|shares|sharebar|social|socials|follow|newsletter|newsletters|subscribe|subscription|signup"
    r"|cookie|cookies|consent|gdpr|related|recommended|recommendations|recirculation|recirc|more-stories"
    r"|comments|comment|disqus|respond|advert|advertisement|advertising|ads|ad|dfp|sponsor|sponsored|promo|promotion"
    r"|outbrain|taboola|breadcrumb|breadcrumbs|pagination|pager|toolbar|popup|modal|paywall|banner|skip|sr-only"
    r"|visually-hidden|print-only|hidden|tags|tagcloud|author-box|authorbox|author-bio|about-author|bio"
    r"|read-more|readmore|read-next|readnext|teaser|teasers|widget|sidebar|rail|footer|masthead|navigation|nav"
)
_FURNITURE = re.compile(rf"(?:^|[\s_-])(?:{_FURNITURE_WORDS})(?:$|[\s_-])", re.I)
# Class words that mark content containers: never pruned even when a furniture word is present.
_CONTENT = re.compile(
    r"(?:^|[\s_-])(?:article-body|story-body|post-content|entry-content|article-content|main)"
    r"(?:$|[\s_-])",
    re.I,
)
#: Fewer characters of text than this from trafilatura: the page's article region is read instead.
SMALL_BODY = 400
_HEADER_LINE = re.compile(
    r"byline|author|dateline|timestamp|published|(?:^|[\s_-])(?:date|meta|kicker)(?:$|[\s_-])", re.I
)
_PRUNE_TAGS = ("aside", "nav", "footer", "form", "button", "dialog")
_MAX_PRUNED_TEXT = 1500  # a "related" box holding this much running text is more likely the article


def _marks(el: etree._Element) -> str:
    return " ".join(filter(None, (el.get("class"), el.get("id"), el.get("role"), el.get("data-component"))))


def _is_furniture(el: etree._Element) -> bool:
    if el.tag in _PRUNE_TAGS:
        return True
    marks = _marks(el)
    if not marks or _CONTENT.search(marks):
        return False
    if not _FURNITURE.search(marks):
        return False
    return len(text_of(el)) <= _MAX_PRUNED_TEXT or el.tag in ("ul", "ol")


def prune(root: etree._Element) -> None:
    """Remove furniture elements from the tree (in place)."""
    doomed = []
    body = next(root.iter("body"), root)
    for el in body.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        if _is_furniture(el):
            doomed.append(el)
    for el in doomed:
        _drop(el)


def _drop(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def detach_captions(figures: Iterable[Figure]) -> None:
    """Take each figure's caption and credit out of the tree: the converter writes them under the image."""
    for figure in figures:
        for el in list(figure.element.iter("figcaption")):
            _drop(el)
        for el in list(figure.element.iter()):
            if el is not figure.element and isinstance(el.tag, str) and el.getparent() is not None:
                cls = (el.get("class") or "").lower()
                if "caption" in cls or "credit" in cls or "copyright" in cls:
                    _drop(el)


def _drop_boilerplate_blocks(body: etree._Element, url: str | None = None) -> None:
    """Blocks that are page furniture whatever the markup: whole-line boilerplate ("Share",
    "Advertisement"), a teaser heading ("Related", "You may also like") with the list after it,
    newsletter promotions, a bare link to the page itself, and "Updated at ..." lines."""
    own = key(url) if url else None
    after_teaser = False
    for el in list(body):
        if after_teaser and el.tag in ("list", "ul", "ol"):
            _drop(el)
            continue
        after_teaser = False
        text = text_of(el)
        if not text or el.tag not in _BLOCKS:
            continue
        if el.tag in ("head", "h2", "h3", "h4", "p") and _TEASER_HEADING.fullmatch(text):
            after_teaser = True
            _drop(el)
        elif (
            (len(el) <= 3 and is_boilerplate(text))
            or _UPDATED.fullmatch(text)
            or (_BARE_URL.fullmatch(text) and own and key(text) == own)
            or (len(text) < 400 and _PROMO.search(text))
        ):
            _drop(el)


_BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "div"}
)
_TEASER_HEADING = re.compile(
    r"(?:related(?: posts| articles| stories| content| coverage| reading| news)?|you (?:may|might) (?:also )?(?:like|enjoy)"
    r"|more (?:from|on|stories|articles|news|in)\b.{0,40}|read (?:more|next|also)|recommended(?: for you| reading)?"
    r"|(?:most|more) (?:popular|read)|trending(?: now)?|top stories|further reading|see also|also read"
    r"|mehr zum thema|das könnte sie auch interessieren|weitere artikel|lire aussi|à lire aussi|sur le même sujet"
    r"|te puede interesar|lee también|más noticias|相关(?:文章|阅读|新闻)|延伸阅读|関連記事)[:：]?\s*(?:\S.{0,120})?",
    re.I,
)
_PROMO = re.compile(
    r"\b(?:sign up|subscribe|register)\b.{0,120}\b(?:newsletter|inbox|daily email|updates)\b"
    r"|\b(?:newsletter|inbox)\b.{0,80}\b(?:sign up|subscribe)\b|\bget (?:the|our) .{0,60}newsletter\b",
    re.I,
)
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_UPDATED = re.compile(
    r"(?:(?:last )?updated|published|posted|aktualisiert|actualizado|mis à jour)(?: on| at| am| le)?:? .{0,40}\d.{0,30}",
    re.I,
)


def _loose(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _drop_repeated_header(body: etree._Element, shown: Iterable[str | None]) -> None:
    """Leading blocks that repeat the title or standfirst (the page header shows those)."""
    known = {_loose(t) for t in shown if t and len(t) > 3}
    for el in list(body)[:4]:
        text = _loose(text_of(el))
        if not text:
            continue
        if text in known:
            _drop(el)
        else:
            break


def _largest_region(root: etree._Element) -> etree._Element:
    for tag in ("article", "main"):
        regions = list(root.iter(tag))
        if regions:
            return max(regions, key=lambda el: len(el))
    return next(root.iter("body"), root)


def main_content(root: etree._Element, url: str | None) -> etree._Element | None:
    """trafilatura's main-content tree of the (pruned) page, or ``None`` when it finds nothing."""
    doc = trafilatura.bare_extraction(
        root,
        url=None,  # links and images are made absolute by the converter, for the kept ones only
        fast=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        include_links=True,
        include_formatting=True,
        with_metadata=False,
        deduplicate=False,
    )
    if doc is None or doc.body is None:
        return None
    return doc.body


def extract_body(
    root: etree._Element,
    url: str | None,
    figures: list[Figure],
    skip_images: set[str] | None = None,
    header: Iterable[str | None] = (),
    large: bool = False,
) -> str:
    """Markdown body of the page (empty string when the page holds no article text).

    trafilatura finds the main content. When it finds little (under :data:`SMALL_BODY`
    characters: a short page, or a page whose furniture it mistook for text) and for ``large``
    pages (many megabytes, where its scoring grows faster than the page), the page's
    ``<article>`` (else ``<main>``, else ``<body>``) is converted instead, pruned of furniture and
    of the header lines (title, byline, dates).
    """
    header = tuple(header)
    detach_captions(figures)
    converter = _converter(url, figures, skip_images or set())
    markdown = ""
    if not large:
        body = main_content(root, url)
        if body is not None:
            _drop_boilerplate_blocks(body, url)
            _drop_repeated_header(body, header)
            markdown = converter.convert(body)
    if large or len(plain_text(markdown).strip()) < SMALL_BODY:
        region = _largest_region(root)
        prune(region)
        _drop_page_header(region)
        _drop_boilerplate_blocks(region, url)
        _drop_repeated_header(region, header)
        markdown = converter.convert(region)
    return markdown


def _drop_page_header(region: etree._Element) -> None:
    """The headline, byline and date lines of an article region (the frontmatter holds them)."""
    for el in list(region.iter("h1", "header", "time")):
        if el.getparent() is not None:
            _drop(el)
    for el in list(region.iter()):
        marks = " ".join(filter(None, (el.get("class"), el.get("id")))) if isinstance(el.tag, str) else ""
        if marks and _HEADER_LINE.search(marks) and el.getparent() is not None and len(text_of(el)) < 200:
            _drop(el)


def _converter(url: str | None, figures: list[Figure], skip: set[str]) -> BodyConverter:
    by_key: dict[str, Figure] = {}
    for figure in figures:
        for source in figure.sources:
            by_key.setdefault(key(source), figure)

    def info(src: str) -> tuple[str | None, str | None] | None:
        figure = by_key.get(key(src))
        return (figure.caption, figure.credit) if figure else None

    return BodyConverter(url, figure_info=info, skip_images=skip)


class BodyConverter(MarkdownConverter):
    """The converter, minus the images shown elsewhere (the lead image goes in the page header)."""

    def __init__(self, base_url, *, figure_info, skip_images: set[str]) -> None:
        super().__init__(base_url, figure_info=figure_info)
        self.skip_images = skip_images

    def convert_img(self, el, text):
        if key(safe_url(image_src(el), self.base_url)) in self.skip_images:
            return ""
        return super().convert_img(el, text)

    convert_graphic = convert_img

    def convert_figure(self, el, text):
        img = next((i for i in el.iter("img") if image_src(i)), None)
        if img is not None and key(safe_url(image_src(img), self.base_url)) in self.skip_images:
            return ""
        return super().convert_figure(el, text)
