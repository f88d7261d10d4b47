"""Figures on a page: image, alt text, caption and photo credit kept apart; the lead image.

A figure is a ``<figure>`` (or an element whose class says it is a figure/image/media block)
holding an image and, maybe, a caption and a credit. The credit comes from an element marked as
one (class or itemprop: credit, copyright, source, photographer...), else from the caption's
own text ("... Photo: X", "X/Reuters").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import islice
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from ..converter import image_src
from ..text import clean_line
from .bylines import byline_names
from .classnames import says
from .credits import clean_credit, credit_from_line, credit_label, split_caption_credit
from .metadata import text_of
from .textof import has_text

_CREDIT_CLASS = re.compile(
    r"credit|copyright|photographer|fotograf|source|quelle|courtesy|rights|urheber|bildnachweis"
    r"|attribution|agency|licen[cs]e|lizenz",
    re.I,
)
_PHOTO_AUTHOR = re.compile(r"author|byline|autor|photog", re.I)
_IMAGE_WORD = re.compile(r"image|img|photo|foto|bild|picture|media|figure|figcaption|caption", re.I)
_CAPTION_CLASS = re.compile(
    r"caption|legend|description|bildunterschrift|unterschrift|text|desc|subtitle|(?:img|image|photo|bild)[-_]?info",
    re.I,
)
_FIGURE_CLASS = re.compile(r"\b(?:figure|image|img|photo|picture|media|lead|hero|teaser-image|foto|bild)\b", re.I)
_PICTURE_CLASS = re.compile(r"\b(?:figure|image|img|photo|picture|foto|bild)\b", re.I)
_MAX_CAPTION = 600
_LEAD_MIN_WIDTH = 200
_MAX_CLIMB = 5
_MAX_IMAGES = 150
_INLINE = frozenset({"a", "b", "i", "em", "strong", "span", "small", "cite", "abbr", "sub", "sup", "br", "time", "u"})
_MAX_FIGURE_TEXT = 1200
_SIZE = re.compile(r"(?:^|\D)([1-9]\d{0,4})[x×]([1-9]\d{0,4})(?:\D|$)")
# Words in the URL or class of an image that is not a picture (icons, logos, placeholders,
# tracking pixels); checked as plain substrings, which is much cheaper than a regex alternation.
_TINY_WORDS = (
    *("pixel", "spacer", "blank", "transparent", "1x1", "tracking", "logo", "icon", "avatar", "sprite", "badge"),
    *("emoji", "gravatar", "qrcode", "qr-code", "noscript-image", "placeholder"),
)
_TINY_ENDINGS = re.compile(r"\.(?:svg|gif)(?:$|\?)", re.I)


@functools.lru_cache(maxsize=8192)  # an image's URL and class are looked at again at each step
def _tiny(text: str | None) -> bool:
    """``text`` (an image URL or class) names an icon, logo, placeholder or pixel, not a picture."""
    if not text:
        return False
    lower = text.lower()
    return any(word in lower for word in _TINY_WORDS) or bool(_TINY_ENDINGS.search(lower))


_CHROME = re.compile(
    r"(?:^|[\s_-])(?:masthead|nav|navbar|menu|footer|sidebar|logo|social|share|avatar|ad|ads"
    r"|advert|promo|related|teaser|newsletter|comments?)(?:$|[\s_-])",
    re.I,
)


@dataclass
class Figure:
    src: str
    alt: str | None
    caption: str | None
    credit: str | None
    element: etree._Element
    sources: tuple[str, ...] = ()  # every rendition named in the markup (src, srcset, lazy attributes)
    small: bool = False  # shown as a thumbnail (width under 200 px): never a lead image by itself
    aside: bool = False  # a teaser (list item, linked headline, card) or a video's poster: never the lead by itself


def _absolute(value: str | None, base: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()
    if value.startswith(("https://", "http://")):
        return value
    try:
        url = urljoin(base, value) if base else value
    except ValueError:
        return None
    if url.startswith("//"):
        url = "https:" + url
    return url if re.match(r"^https?://", url) else None


def renditions(img: etree._Element, base: str | None) -> list[str]:
    """All URLs an image names: the largest ``srcset`` rendition first (what a wide screen shows),
    then lazy-loading attributes, ``src``, and the other ``srcset`` entries."""
    out: list[str] = []
    values = [img.get(a) for a in ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "src")]
    candidates = [v for attr in ("srcset", "data-srcset", "data-lazy-srcset") for v in srcset_urls(img.get(attr))]
    values = candidates[:1] + values + candidates[1:]
    for value in values:
        if value and not value.startswith("data:"):
            url = _absolute(value, base)
            if url and url not in out:
                out.append(url)
    return out


_SRCSET_URL = re.compile(r"[\s,]*(\S+)")
_WIDTH = re.compile(r"(?:[?&](?:w|width)=|[-_](?=\d+x\d))(\d{1,4})")


def srcset_urls(srcset: str | None) -> list[str]:
    """URLs of a ``srcset``, largest first (entries are ``URL [N]w`` or ``URL [N]x``, comma-separated)."""
    if not srcset:
        return []
    entries = []
    pos = 0
    while match := _SRCSET_URL.match(srcset, pos):  # as the HTML standard splits it: URLs end at whitespace
        url, pos = match.group(1), match.end()
        descriptor = ""
        if url.endswith(","):  # "URL," has no descriptor: what follows is the next entry
            url = url.rstrip(",")
        else:
            comma = srcset.find(",", pos)
            comma = len(srcset) if comma < 0 else comma
            descriptor, pos = srcset[pos:comma], comma + 1
        size = re.match(r"(\d+(?:\.\d+)?)[wx]", descriptor.strip())
        if url and not url.startswith("data:"):
            entries.append((float(size.group(1)) if size else 0.0, url))
    return [url for _, url in sorted(entries, key=lambda e: -e[0])]


def _tiny_rendition(url: str) -> bool:
    """A placeholder rendition (``?w=40``, ``-50x28.jpg``) shown until the real one loads."""
    match = _WIDTH.search(url or "")
    return bool(match) and int(match.group(1)) < _LEAD_MIN_WIDTH


def _image_in(el: etree._Element) -> etree._Element | None:
    for img in el.iter("img", "source", "amp-img"):
        if img.tag == "source" and not (img.get("srcset") or img.get("data-srcset")):
            continue
        if img.tag != "source" and not image_src(img) and not img.get("srcset"):
            continue
        if _tiny(image_src(img)) and not img.get("srcset"):
            continue
        return img
    return None


def _in_caption(el: etree._Element) -> bool:
    return el.tag == "figcaption" or any(a.tag in ("figcaption", "figure") for a in el.iterancestors())


def _credit_elements(fig: etree._Element) -> list[etree._Element]:
    """Elements holding the credit: marked as one (class, itemprop, id), or a short ``<footer>``,
    ``<small>`` or ``<cite>`` (the usual markup for a credit line under a photo)."""
    out = []
    for el in fig.iter():
        if el is fig or not isinstance(el.tag, str):
            continue
        marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"), el.get("id"))))
        marked = marks and says(_CREDIT_CLASS, marks) and not says(_CAPTION_CLASS, el.get("itemprop") or "")
        # "author"/"byline" marks a photographer only where it is about the image ("image-byline",
        # a figcaption's itemprop=author), not an article byline that shares the container
        marked = marked or (marks and says(_PHOTO_AUTHOR, marks) and (says(_IMAGE_WORD, marks) or _in_caption(el)))
        short_note = el.tag in ("footer", "small", "cite") and 0 < len(text_of(el)) <= 120
        if (marked or short_note) and not any(o in el.iterancestors() for o in out):
            out.append(el)
    return out


def _text_blocks(el: etree._Element) -> list[str]:
    """Short texts of a figure-like container, one per leaf block, in order (no image alt text)."""
    blocks = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "noscript", "button"):
            continue
        if node.tag in _INLINE or any(isinstance(c.tag, str) and c.tag not in _INLINE for c in node):
            continue
        text = text_of(node)
        if text and not any(text in b for b in blocks):
            blocks.append(text)
    return blocks


def read_figure(fig: etree._Element, base: str | None, img: etree._Element | None = None) -> Figure | None:
    """Image, alt, caption and credit of a figure-like element (``<figure>`` or an image's container)."""
    img = img if img is not None else _image_in(fig)
    if img is None:
        return None
    sources = renditions(img, base)
    if img.tag == "source":  # <picture><source srcset=...><img ...>: prefer the <img>'s own source
        real = next((i for i in fig.iter("img") if image_src(i)), None)
        if real is not None:
            sources = renditions(real, base) + [s for s in sources if s not in renditions(real, base)]
            img = real
    for source in _by_width(s for s in fig.iter("source") if s is not img):
        sources += [s for s in renditions(source, base) if s not in sources]
    if _tiny(sources[0]) if sources else False:  # a placeholder first: the real renditions before it
        shown = [s for s in sources if not _tiny(s)]
        sources = shown + [s for s in sources if s not in shown]
    if not sources:
        return None
    caption, credit = _caption_and_credit(fig, _credit_attribute(img))
    if credit is None and (beside := _caption_beside(fig)) is not None:
        caption_beside, credit = _caption_and_credit(beside, None)
        caption = caption or caption_beside
    width = img.get("width") or ""
    return Figure(
        small=(width.isdigit() and int(width) < _LEAD_MIN_WIDTH) or _tiny_rendition(sources[0]),
        src=sources[0],
        alt=clean_line(img.get("alt")),
        caption=clean_line(caption),
        credit=clean_line(credit),
        element=fig,
        sources=tuple(sources),
    )


def _credit_attribute(img: etree._Element) -> str | None:
    """A credit the ``<img>`` carries in an attribute (``data-credit``, ``data-source``...)."""
    for attr in ("data-credit", "data-copyright", "data-photographer", "data-source", "data-author"):
        value = img.get(attr)
        if value and not _URL_LIKE.search(value):
            return clean_credit(value)
    return None


_URL_LIKE = re.compile(r"^(?:https?:|/|www\.)|\.(?:jpe?g|png|webp|gif|html?)\b", re.I)


def _caption_and_credit(scope: etree._Element, credit: str | None) -> tuple[str | None, str | None]:
    """Caption and credit in ``scope`` (a figure, or the caption element beside one): from credit
    elements, the caption element, else the container's text blocks; a credit at the caption's end
    is split off."""
    credit_texts = []
    for el in _credit_elements(scope):
        text = el.get("content") or text_of(el)
        if credit_label(text) and el.getparent() is not None:  # "<span>Image:</span> <span>GCIS</span>"
            text = text_of(el.getparent())
        text = _last_block(el) or text  # a credit box holding the caption, then the credit
        value = clean_credit(credit_from_line(text) or text)
        credit_texts.append(text)
        credit = credit or value
    caption_el = next(iter(scope.iter("figcaption")), None)
    if caption_el is None:
        caption_el = next((e for e in scope.iter() if _caption_classed(e)), None)
    caption = _visible_text(caption_el) if caption_el is not None else None
    if credit is None:  # "<figure><img><span>Foto: X</span><figcaption>Caption.</figcaption></figure>"
        credit = _credit_line_beside(scope, caption_el)
    if caption_el is not None and credit is None:  # "<span>Caption.</span><span>Getty Images</span>"
        parts = [text_of(child) for child in caption_el if isinstance(child.tag, str) and not _hidden(child)]
        parts = [p for p in parts if p]
        if len(parts) > 1 and _credit_like(parts[-1]) and len(parts[-1]) < len(caption) / 2:
            credit = clean_credit(credit_from_line(parts[-1]) or parts[-1])
            caption = " ".join(parts[:-1])
        elif credit is None and (labelled := _labelled_last_span(caption_el)):  # "Caption.<span>Foto: X</span>"
            credit, caption = labelled
    if caption_el is None:  # an unmarked container: first block the caption, a short last one the credit
        blocks = [b for b in _text_blocks(scope) if b not in credit_texts]
        if blocks:
            if credit is None and len(blocks) > 1 and _credit_like(blocks[-1]):
                credit = clean_credit(credit_from_line(blocks[-1]) or blocks[-1])
                blocks = blocks[:-1]
            caption = " ".join(blocks)
    if caption and len(caption) > _MAX_CAPTION:
        caption = None
    if caption:
        for text in credit_texts:
            if text and text in caption:
                caption = caption.replace(text, " ")
        caption, in_caption = split_caption_credit(caption)
        credit = credit or in_caption
    return caption or None, credit


def _last_block(el: etree._Element) -> str | None:
    """The text of ``el``'s last child element when it reads as a credit and an earlier one does
    not (a caption sentence before it)."""
    texts = [text_of(c) for c in el if isinstance(c.tag, str) and not _hidden(c)]
    texts = [t for t in texts if t]
    if len(texts) < 2 or not _credit_like(texts[-1]) or all(_credit_like(t) for t in texts[:-1]):
        return None
    return texts[-1]


def _labelled_last_span(caption_el: etree._Element) -> tuple[str, str] | None:
    """``(credit, caption)`` of a caption element whose text ends with an element holding a
    labelled credit line ("A camp in Albania.<span>Foto: X (REUTERS)</span>")."""
    last = next((c for c in reversed(caption_el) if isinstance(c.tag, str) and not _hidden(c) and text_of(c)), None)
    if last is None or (last.tail or "").strip():
        return None
    credit = credit_from_line(text_of(last))
    if not credit:
        return None
    before = text_of(caption_el).replace(text_of(last), " ")
    return credit, re.sub(r"\s+", " ", before).strip()


def _caption_classed(el: etree._Element) -> bool:
    """A caption element by its class (not an image's wrapper named, say, "withoutCaption")."""
    return (
        isinstance(el.tag, str)
        and says(_CAPTION_CLASS, el.get("class") or "")
        and _image_in(el) is None
        and has_text(el)
    )


def _hidden(el: etree._Element) -> bool:
    """Not shown: the ``hidden`` attribute ("Show more" buttons), or ``display:none``."""
    return el.get("hidden") is not None or "display:none" in (el.get("style") or "").replace(" ", "")


def _visible_text(el: etree._Element) -> str:
    """``text_of(el)`` without its hidden children and icons' titles (an SVG's ``<title>``)."""
    skipped = [c for c in el.iter() if isinstance(c.tag, str) and (c.tag == "svg" or _hidden(c)) and c is not el]
    if not skipped:
        return text_of(el)
    text = text_of(el)
    for child in skipped:
        inner = text_of(child)
        if inner:
            text = text.replace(inner, " ", 1)
    return re.sub(r"\s+", " ", text).strip()


def _credit_line_beside(scope: etree._Element, caption_el: etree._Element | None) -> str | None:
    """A labelled credit line ("Foto: X", "Photo: X") in a figure, outside its caption element."""
    if scope.tag != "figure" and caption_el is None:
        return None
    for block in _leaf_blocks(scope, caption_el):
        credit = credit_from_line(block)
        if credit:
            return credit
    return None


def _leaf_blocks(el: etree._Element, skip: etree._Element | None) -> list[str]:
    """Texts of ``el``'s innermost elements holding text, outside ``skip`` (at most a few)."""
    out = []
    for node in el.iter():
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "noscript", "svg") or _hidden(node):
            continue
        if skip is not None and (node is skip or skip in node.iterancestors()):
            continue
        if node.text and node.text.strip() and not any(isinstance(c.tag, str) for c in node):
            out.append(node.text.strip())
            if len(out) >= 6:
                break
    return out


def _caption_beside(container: etree._Element) -> etree._Element | None:
    """A caption element placed after the figure rather than inside it (``<figure>...</figure>
    <figcaption>``, or a ``<p class="img-description">`` after the image's wrapper)."""
    node = container
    while node.getparent() is not None and node.getparent().tag in ("picture", "source"):
        node = node.getparent()  # libxml2 nests a <picture>'s <source>s around its <img>
    for _ in range(2):
        for sibling in islice(node.itersiblings(), 2):
            if not isinstance(sibling.tag, str) or sibling.tag in ("script", "style", "noscript"):
                continue
            text = text_of(sibling)
            if 0 < len(text) <= _MAX_CAPTION and _image_in(sibling) is None:
                inner = next((e for e in sibling.iter() if isinstance(e.tag, str) and _is_caption_element(e)), None)
                if inner is not None:  # the caption element, or a wrapper holding only it
                    return sibling if inner is sibling or text_of(inner) == text else inner
            if text or _image_in(sibling) is not None:
                return None  # the figure's next content is something else
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main") or has_text(parent):
            return None  # the caption would have to be inside this wrapper
        node = parent
    return None


def _is_caption_element(el: etree._Element) -> bool:
    if el.tag == "figcaption":
        return True
    marks = " ".join(filter(None, (el.get("class"), el.get("itemprop"))))
    return bool(marks) and bool(_CAPTION_CLASS.search(marks) or _CREDIT_CLASS.search(marks))


def _credit_like(text: str) -> bool:
    """A short block that reads as a credit: labelled, an agency, or a few capitalised words."""
    if credit_from_line(text):
        return True
    words = text.split()
    return 0 < len(words) <= 6 and not text.endswith((".", "!", "?", ":")) and text[0].isupper()


def _container(img: etree._Element) -> etree._Element:
    """The figure an image belongs to: its ``<figure>``, else the largest ancestor holding only
    this image and a little text (caption, credit)."""
    best = img
    node = img
    climbed = 0
    while climbed < _MAX_CLIMB:
        parent = node.getparent()
        if parent is None or parent.tag in ("body", "html", "article", "main"):
            break
        if node.tag == "figure":
            return node
        if _images_in(parent) > 1 or _longer_than(parent, _MAX_FIGURE_TEXT):
            break
        node = parent
        if node.tag not in ("picture", "a", "source", "noscript"):
            best = node
        if node.tag not in ("picture", "source"):  # libxml2 nests a <picture>'s <source>s: not a level
            climbed += 1
    parent = node.getparent()
    if climbed == _MAX_CLIMB and parent is not None and parent.tag == "figure" and _images_in(parent) <= 1:
        return parent  # a <figure> around a deeply wrapped image (a video player's poster)
    return node if node.tag == "figure" else best


def _images_in(el: etree._Element) -> int:
    """How many different images ``el`` shows (a ``<noscript>`` copy of a lazy image is the same
    one; icons, such as a zoom button's, are not pictures)."""
    seen: set[str] = set()
    for img in islice(el.iter("img"), 12):
        src = image_src(img)
        if not src:
            continue
        stem = file_stem(src)
        if stem not in seen and not _tiny(src) and not _is_pixel(img):
            seen.add(stem)
            if len(seen) > 1:
                break
    return len(seen)


def _longer_than(el: etree._Element, limit: int) -> bool:
    """``el`` holds more than ``limit`` characters of text, a script's or a style's not counted
    (stops counting there)."""
    total = 0
    for text in el.itertext():
        total += len(text)
        if total > limit:
            break
    else:
        return False
    if next(el.iter("script", "style", "template"), None) is None:
        return True
    total = 0
    for node in el.iter():
        if node.tag not in ("script", "style", "template"):
            total += len(node.text or "")
        if node is not el:
            total += len(node.tail or "")
        if total > limit:
            return True
    return False


def find_figures(root: etree._Element, base: str | None) -> list[Figure]:
    """Figures in document order: every content image in the body (not icons, logos, avatars,
    tracking pixels) with the figure or container it sits in."""
    out: list[Figure] = []
    seen: set[etree._Element] = set()
    body = next(root.iter("body"), root)
    count = 0
    for img in body.iter("img"):
        if img.getparent() is not None and img.getparent().tag == "noscript":
            continue  # the lazy image's fallback copy
        count += 1
        if count > _MAX_IMAGES:
            break
        src = image_src(img) or img.get("srcset") or ""
        if _tiny(img.get("class")) or _is_pixel(img):
            continue
        if _tiny(src):
            src = _picture_srcset(img)  # a placeholder <img> in a <picture> whose <source>s hold the image
        if not src or _tiny(src):
            continue
        if _in_chrome(img):
            continue
        container = _container(img)
        if container in seen:
            continue
        seen.add(container)
        figure = read_figure(container, base, img)
        if figure is not None:
            figure.aside = _is_aside(container, figure.caption, figure.credit)
            out.append(figure)
    return out


_ASIDE_CLASS = re.compile(r"video|player|teaser|card|related|more-|recirc|promo", re.I)


def _is_aside(container: etree._Element, caption: str | None, credit: str | None = None) -> bool:
    """A teaser, a video poster or an author's photo rather than an article's picture: in a list
    item or a card, teaser or video block, captioned by a link (a teaser's headline) or by a
    byline."""
    if caption and byline_names(caption):
        return True
    for level, ancestor in enumerate(container.iterancestors()):
        if level >= 4 or ancestor.tag in ("article", "main", "body"):
            break
        if ancestor.tag == "li":
            return True
    for el in (container, *islice(container.iterancestors(), 3)):
        marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if marks and says(_ASIDE_CLASS, marks):
            return True
    if caption and len(caption) > 20:
        links = (text_of(a) for a in container.iter("a") if a.get("href"))
        linked = max((len(t) for t in links if not (credit and t and t in credit)), default=0)  # not the credit's link
        return linked >= 0.6 * len(caption)
    return False


def _in_chrome(img: etree._Element) -> bool:
    """Inside page chrome: header, navigation, footer, asides, author boxes, teaser lists."""
    for level, ancestor in enumerate(img.iterancestors()):
        if ancestor.tag == "aside" and says(_PICTURE_CLASS, ancestor.get("class") or ""):
            continue  # <aside class="image wide">: a picture set beside the text
        if ancestor.tag in ("header", "nav", "footer", "aside", "form"):
            return ancestor.tag != "header" or not _article_header(ancestor)
        if level < 4 and ancestor.tag not in (
            "html",
            "body",
            "main",
            "article",
        ):  # layout classes further up say little
            marks = " ".join(filter(None, (ancestor.get("class"), ancestor.get("id"))))
            if marks and says(_CHROME, marks):
                return True
    return False


def _article_header(header: etree._Element) -> bool:
    """A ``<header>`` of the article (holding its headline, or inside the ``<article>``), not the page's."""
    return any(True for _ in header.iter("h1")) or any(a.tag == "article" for a in header.iterancestors())


def _picture_srcset(img: etree._Element) -> str:
    """The ``srcset`` of the ``<img>`` or of its ``<picture>``'s ``<source>``s, or ``""``."""
    own = img.get("srcset") or img.get("data-srcset")
    if own:
        return own
    picture = next((a for a in img.iterancestors() if a.tag == "picture"), None)
    if picture is None:
        return ""
    return next(
        (v for s in _by_width(picture.iter("source")) for v in (s.get("srcset"), s.get("data-srcset")) if v), ""
    )


def _by_width(sources: Iterable[etree._Element]) -> list[etree._Element]:
    """``<source>`` elements, those for narrow screens (``media="(max-width: ...)"``) last."""
    return sorted(sources, key=lambda s: "max-width" in (s.get("media") or ""))


def _is_pixel(img: etree._Element) -> bool:
    """A tracking pixel or spacer: a side of 1 to 49 px, or both sides 0 (``height="0"`` beside a
    real width only means the height is left to the browser, and a responsive image, one with a
    ``srcset`` or in a ``<picture>``, sized 0 by 0 is sized by its CSS)."""
    sizes = [v for v in ((img.get(a) or "").strip().rstrip("px") for a in ("width", "height")) if v.isdigit()]
    if any(0 < int(v) < 50 for v in sizes):
        return True
    if not sizes or any(int(v) for v in sizes):
        return False
    in_picture = any(a.tag == "picture" for a in islice(img.iterancestors(), 4))  # libxml2 nests <source>s
    return not (img.get("srcset") or img.get("data-srcset") or in_picture)


@functools.lru_cache(maxsize=8192)  # each rendition's URL is compared several times per page
def key(url: str | None) -> str:
    """A URL's host and path, for matching renditions of the same image."""
    if not url:
        return ""
    try:
        parts = urlsplit(url.replace("&amp;", "&"))
    except ValueError:
        return url
    return (parts.hostname or "") + parts.path


# Identifiers: long numbers, and runs of letters and digits (hashes); not sizes ("1200x630"),
# dates ("20250602"), words, or a word with a size ("w1200").
_ID_TOKEN = re.compile(r"(?<![0-9])[0-9]{7,}(?![0-9])|[a-z0-9]{8,}")
_NOT_ID = re.compile(
    r"^(?:\d+x\d+|(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:[0-2]\d|3[01])\d*|[a-z]+|[a-z]+\d{1,4}|\d{1,4}[a-z]+)$"
)


@functools.lru_cache(maxsize=4096)
def image_ids(url: str | None) -> frozenset[str]:
    """The identifiers in an image URL that survive resizing and cropping: hashes, UUID parts and
    long numbers in its path (or in an image URL carried in its query), not sizes, dates or words.
    Two renditions of one image share one (``.../4c113d3e-..._w948_r1.778.jpg`` and
    ``.../4c113d3e-..._w1280_r1.77.jpg``)."""
    if not url:
        return frozenset()
    try:
        parts = urlsplit(unquote(url.replace("&amp;", "&")).lower())
    except ValueError:
        return frozenset()
    return frozenset(t for t in _ID_TOKEN.findall(parts.path + "?" + parts.query) if not _NOT_ID.match(t))


@functools.lru_cache(maxsize=8192)
def file_stem(url: str | None) -> str:
    path = key(url).rsplit("/", 1)[-1]
    return re.sub(r"\.(?:jpe?g|png|webp|gif|avif)$", "", path, flags=re.I).lower()
