"""The article body: main content found in the parsed page, converted to Markdown.

1. Figure captions and credits are taken out of the tree (they are re-attached to their image).
2. :mod:`.content` scores the page in one pass and picks the element holding the article; the
   furniture inside it (share bars, related lists, comments, ads, author boxes, hidden text) is
   dropped, then the header lines (title, byline, dates) and whole-line boilerplate ("Share",
   "Related", newsletter promotions).
3. Where that gives little text (a page of short items, or text the scorer could not tell from
   furniture), trafilatura's main-content finder reads the page too, and the longer text is kept.
4. :class:`~morgue.converter.MarkdownConverter` turns the result into Markdown: every text node
   escaped, links absolute, images with alt text, each figure's caption and credit under its image.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from lxml import etree

from ..converter import MarkdownConverter, image_src, safe_url
from ..markdown import plain_text
from . import content
from .boilerplate import is_boilerplate
from .classnames import says
from .figures import Figure, key
from .metadata import text_of

#: Fewer characters of article text than this: trafilatura's reading of the page is asked too.
SMALL_BODY = 400
_HEADER_LINE = re.compile(
    r"byline|author|dateline|timestamp|published|(?:^|[\s_-])(?:date|meta|kicker)(?:$|[\s_-])", re.I
)
_MAX_TEASERS_TEXT = 1500
_MAX_LINE = 400
_SHORT_LINE = 80  # a block of running text is at least this long  # longest boilerplate line, teaser heading or promotion looked for  # a box after a teaser heading holding more running text than this is the article
# trafilatura's extraction tree names blocks its own way
_LEAF_BLOCKS = content.BLOCK_TAGS | {"head", "item", "list", "quote", "row", "cell"}
_TEASER_HEADING = re.compile(
    r"(?:related(?: posts| articles| stories| content| coverage| reading| news)?|you (?:may|might) (?:also )?(?:like|enjoy)"
    r"|more (?:from|on|stories|articles|news|in)\b.{0,40}|read (?:more|next|also)|recommended(?: for you| reading)?"
    r"|(?:most|more) (?:popular|read)|trending(?: now)?|top stories|further reading|explore further|see also|also read"
    r"|mehr zum thema|das könnte sie auch interessieren|weitere artikel|lesen sie auch|auch interessant"
    r"|lire aussi|à lire aussi|sur le même sujet|vous aimerez aussi|articles similaires"
    r"|te puede interesar|lee también|más noticias|noticias relacionadas|artículos relacionados"
    r"|você (?:também )?pode gostar|veja também|leia também|notícias relacionadas|leggi anche|potrebbe interessarti"
    r"|articoli correlati|lees ook|相关(?:文章|阅读|新闻)|延伸阅读|関連記事|あわせて読みたい|관련\s?기사)[:：.…]*\s*(?:\S.{0,120})?",
    re.I,
)
_PROMO = re.compile(  # words run together where the markup had them in separate elements ("ourNewsletter")
    r"\b(?:sign up|subscribe|register)\b.{0,120}(?:newsletter|inbox|daily email|updates)\b"
    r"|\b(?:newsletter|inbox)\b.{0,80}\b(?:sign up|subscribe)\b|\bget (?:the|our) .{0,60}newsletter\b",
    re.I,
)
# a tag list: the label alone, with a colon, or before a comma-separated list (no sentence)
_TAGS_LINE = re.compile(
    r"(?:tags?|topics|schlagwörter|stichwörter|etiquetas|temas|mots-clés|标签|タグ)"
    r"(?:\s*[:：].{0,300}|\s+[^.!?]{0,300},[^.!?]{0,300})?",
    re.I,
)
_SENTENCE = re.compile(r"\w[.!?。！？](?:\s|$)")
_BARE_URL = re.compile(r"(?:https?://|www\.)\S+")
_UPDATED = re.compile(
    r"(?:(?:last )?updated|published|posted|aktualisiert|actualizado|mis à jour)(?: on| at| am| le)?:? .{0,40}\d.{0,30}",
    re.I,
)


def detach_captions(figures: Iterable[Figure]) -> None:
    """Take each figure's caption and credit out of the tree: the converter writes them under the image."""
    for figure in figures:
        for el in list(figure.element.iter("figcaption")):
            content.drop(el)
        for el in list(figure.element.iter()):
            if el is not figure.element and isinstance(el.tag, str) and el.getparent() is not None:
                cls = (el.get("class") or "").lower()
                if "caption" in cls or "credit" in cls or "copyright" in cls:
                    content.drop(el)


def _leaf_blocks(node: etree._Element) -> list[etree._Element]:
    """Block elements under ``node`` that hold no other block, in document order."""
    blocks = [el for el in node.iter(*_LEAF_BLOCKS) if el is not node]
    holders = {el.getparent() for el in blocks}
    return [el for el in blocks if el not in holders]


def drop_lines(node: etree._Element, url: str | None, shown: Iterable[str | None]) -> None:
    """Blocks that are page furniture whatever the markup, wherever they sit under ``node``:
    leading lines repeating the title or the standfirst (the standfirst only when more text
    follows: a one-paragraph story often declares itself as its description), whole-line
    boilerplate ("Share", "Advertisement"), paragraphs that are a link and nothing else, a teaser
    heading ("Related", "You may also like") with what it introduces, newsletter promotions, a bare
    link to the page itself, "Updated at ..." and "Tags: ..." lines."""
    own = key(url) if url else None
    known = {_loose(t) for t in shown if t and len(t) > 3}
    leading = True
    for el in _leaf_blocks(node):
        if el.getparent() is None:
            continue  # inside a block dropped already
        text = text_of(el)
        if not text:
            continue
        if leading and _loose(text) in known and len(text_of(node)) - len(text) >= _SHORT_LINE and not _opens_text(el):
            content.drop(el)
            continue
        leading = False
        if len(text) > _MAX_LINE:  # running text: no teaser heading or boilerplate line is this long
            if el.tag in ("p", "div") and _all_link(el, text):
                content.drop(el)
        elif el.tag in ("h2", "h3", "h4", "h5", "h6", "head", "p", "div") and _TEASER_HEADING.fullmatch(text):
            _drop_teasers(el)
        elif (
            (el.tag in ("p", "div") and _all_link(el, text))
            or is_boilerplate(text)
            or _UPDATED.fullmatch(text)
            or _TAGS_LINE.fullmatch(text)
            or (_BARE_URL.fullmatch(text) and own and key(text) == own)
            or _PROMO.search(text)
        ):
            content.drop(el)


def _opens_text(el: etree._Element) -> bool:
    """``el`` is the first of a run of paragraphs (the story's first paragraph, which pages often
    repeat as their description), not a standfirst set apart above the text."""
    following = el.getnext()
    return el.tag == "p" and following is not None and following.tag == "p" and len(text_of(following)) >= _SHORT_LINE


def _drop_teasers(heading: etree._Element) -> None:
    """A teaser heading and what it introduces: for a heading element, its siblings up to the next
    heading; for a line, the list or box after it. Running text is never what a teaser heading
    introduces (a "Read more" button above the rest of the article)."""
    following = heading.getnext() if heading.getnext() is not None else heading.getparent().getnext()
    doomed = []
    if heading.tag in content.HEADINGS:
        for sibling in heading.itersiblings():
            if (sibling.tag in content.HEADINGS and sibling.tag <= heading.tag) or _running_text(sibling):
                break
            doomed.append(sibling)
    elif (
        following is not None
        and following.tag in ("ul", "ol", "list", "div", "section")
        and not _running_text(following)
    ):
        doomed.append(following)
    for el in [heading, *doomed]:
        content.drop(el)


def _all_link(el: etree._Element, text: str) -> bool:
    """A paragraph that is one link and nothing else: a teaser ("Read more: ...", a headline)."""
    linked = sum(len(text_of(a)) for a in el.iter("a", "ref"))
    return linked >= 0.9 * len(text)


def _running_text(el: etree._Element) -> bool:
    """More text than a teaser box holds, most of it outside links."""
    text = len(text_of(el))
    if text <= _MAX_TEASERS_TEXT:
        return False
    return 2 * sum(len(text_of(a)) for a in el.iter("a", "ref")) < text


def _loose(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def _drop_page_header(region: etree._Element) -> None:
    """The headline, byline and date lines of an article region (the frontmatter holds them)."""
    for el in list(region.iterdescendants("h1", "header", "time")):
        if el.getparent() is not None:
            content.drop(el)
    for el in list(region.iterdescendants(etree.Element)):
        marks = " ".join(filter(None, (el.get("class"), el.get("id"))))
        if marks and says(_HEADER_LINE, marks) and el.getparent() is not None and len(text_of(el)) < 200:
            content.drop(el)


def main_content(root: etree._Element) -> etree._Element | None:
    """trafilatura's main-content tree of the page, or ``None`` when it finds nothing."""
    import trafilatura  # imported on first use: most pages never need it

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


def _text_length(markdown: str) -> int:
    if len(markdown) > 8 * SMALL_BODY:
        return len(markdown)  # links and figures never take seven eighths of a body this long
    return len(plain_text(markdown).strip())


def extract_body(
    root: etree._Element,
    url: str | None,
    figures: list[Figure],
    skip_images: set[str] | None = None,
    header: Iterable[str | None] = (),
    reread: Callable[[], etree._Element] | None = None,
) -> str:
    """Markdown body of the page (empty string when the page holds no article text).

    :mod:`.content` finds the main content. Where it gives under :data:`SMALL_BODY` characters of
    text, trafilatura reads the page too (``reread`` parses it again: this tree has been trimmed)
    and its text wins if it is longer and not short itself, or, where this gives nothing, if it
    holds a sentence. Without ``reread`` (pages too large
    for trafilatura's scoring, which grows faster than the page), there is no second opinion.
    """
    header = tuple(header)
    detach_captions(figures)
    converter = _converter(url, figures, skip_images or set())
    page = next(root.iter("body"), root)
    scores = content.score(page)
    node = content.one_story(content.best(page, scores), scores, header[0] if header else None)
    if node.tag == "noscript":  # a page whose text is all in its no-JavaScript fallback
        node.tag = "div"
    content.clean(node, scores)
    _drop_page_header(node)
    drop_lines(node, url, header)
    markdown = converter.convert(node)
    if reread is None or _text_length(markdown) >= SMALL_BODY:
        return markdown
    second = main_content(reread())
    if second is None:
        return markdown
    drop_lines(second, url, header)
    other = converter.convert(second)
    ours = _text_length(markdown)
    if _text_length(other) >= max(SMALL_BODY, ours):
        return other
    if not ours and _SENTENCE.search(plain_text(other)):
        return other  # a short text (a video's description) beats none; a run of menu words does not
    return markdown


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

    def skip(self, el):
        return False  # hidden elements were dropped with the furniture (text a paywall hides is kept)

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
