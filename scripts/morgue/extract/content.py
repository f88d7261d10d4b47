"""The page's main content, found in one pass over the parsed tree.

Every block element (paragraph, list item, cell, heading, a ``<div>`` holding text directly) is
weighed by the text it holds itself: running text counts for the article, text inside links
against it (navigation, teaser lists, tag clouds), short lines (labels, dates) count for nothing,
and list items and table cells count half (menus and teasers are lists more often than text). An
element's score is the sum of the weights of the blocks inside it; the main content is the
element with the highest score, so an article split into several sections (ads between them) is
found whole, and a container that also holds menus and link lists loses to the smaller one that
holds the text alone.

Furniture adds nothing to the score of the elements around it: navigation, asides, footers,
forms, elements whose class or id names share bars, related lists, ads, captions... (a table of
common class words), teaser cards (a linked headline and a few lines), hidden elements and
``<noscript>`` fallbacks. So a
long list of teasers cannot pull the choice up to a container of article and teasers. Comment
threads, cookie notices and pop-ups are never chosen themselves; other furniture-named
elements may be (a layout column called "content-with-sidebar"). A furniture name on an element
holding the page's ``<h1>``, several paragraphs of running text side by side, or a quote (an
embedded post: a box called "social-media-embed" around a tweet) is an unlucky name for an
article, a page wrapper or a part of the story, and counts for nothing; a comment or pop-up name
only where both a headline and such paragraphs say so (a login pop-up has its own ``<h1>``).

:func:`clean` then drops the furniture inside the chosen element.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from lxml import etree

#: Elements that end a paragraph: text on either side of them belongs to different blocks.
BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "li", "ul", "ol", "dl", "dt", "dd",
        "td", "th", "tr", "table", "tbody", "thead", "tfoot", "caption", "blockquote", "pre",
        "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "form", "aside", "nav", "body",
        "address", "details", "summary", "center", "fieldset", "hgroup", "menu", "noscript",
    }
)  # fmt: skip
#: Elements whose text is never page text.
SILENT_TAGS = frozenset({"script", "style", "template", "svg", "math", "canvas", "select", "option", "textarea"})
#: Elements that are page furniture whatever their class.
FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "form", "dialog", "button"})
# ... of which these are not even read: never the article, never around it (the converter skips
# navigation and asides too). A third of a news page's elements are in them.
_UNREAD_TAGS = frozenset({"nav", "aside", "footer"})
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")

# Class or id words of furniture. A class/id string is read as words: split at spaces and
# underscores, then at dashes (BEM modifiers after "--" dropped first; camelCase split for all
# but the content words), so "shared-content" is not "share". A two-word name ("read-more") is two
# words joined by a dash; a word may carry a container noun glued on ("relatedposts", "commentlist").
_FURNITURE_WORDS = (
    "share", "sharing", "shares", "sharebar", "social", "socials", "follow", "newsletter",
    "newsletters", "subscribe", "subscription", "signup", "related", "recommended",
    "recommendations", "recirculation", "recirc", "more-stories", "advert", "advertisement",
    "advertising", "ads", "ad", "dfp", "sponsor", "sponsored", "promo", "promotion",
    "outbrain", "taboola", "breadcrumb", "breadcrumbs", "pagination", "pager", "tags",
    "tagcloud", "author-box", "authorbox", "author-bio", "about-author", "bio", "read-more",
    "readmore", "read-next", "readnext", "teaser", "teasers", "footer", "navigation", "nav",
    "tooltip", "popover", "rollover", "hovercard", "caption", "captions", "credit", "credits",
    "copyright",
)  # fmt: skip
# Words that name a layout column or a visibility state as often as furniture ("content-with-sidebar",
# "hidden-xs"): such an element adds nothing to the elements around it, but may hold the article.
_LAYOUT_WORDS = (
    "sidebar", "rail", "masthead", "banner", "toolbar", "skip", "sr-only", "visually-hidden",
    "print-only", "hidden",
)  # fmt: skip
# Words of boxes that are never the article, whatever they hold: comment threads, cookie and
# consent notices, pop-ups.
_APART_WORDS = (
    "comment", "comments", "disqus", "respond", "replies", "cookie", "cookies", "consent",
    "gdpr", "modal", "popup",
)  # fmt: skip
# Words that mark content containers: never furniture, whatever else the class says.
_CONTENT_WORDS = (
    "article-body", "articlebody", "story-body", "post-content", "post-body", "entry-content",
    "article-content", "article-text", "story-content", "main-content",
)  # fmt: skip
_GLUED = (
    "", "post", "posts", "article", "articles", "stories", "link", "links", "item", "items", "list", "box", "bar",
    "area", "wrap", "wrapper", "container", "section", "block",
)  # fmt: skip
_MODIFIER = re.compile(r"--[\w-]*")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z][a-z])")


def _word_tables() -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """The kind of each furniture word (glued nouns included), and of each two-word name."""
    single: dict[str, int] = {}
    pairs: dict[tuple[str, str], int] = {}
    for kind, words in ((LAYOUT, _LAYOUT_WORDS), (FURNITURE, _FURNITURE_WORDS), (APART, _APART_WORDS)):
        for word in words:
            for glued in _GLUED:
                if "-" in word:
                    first, second = word.split("-")
                    pairs[(first, second + glued)] = kind
                else:
                    single[word + glued] = kind
    return single, pairs


_SHORT = 30  # a block shorter than this (characters) is a label, not running text
_PARAGRAPH = 50  # a <p> of running text holds at least this many characters
_RUN = 4  # furniture never holds this many paragraphs of running text side by side
_CARD_TEXT = 400  # a teaser card holds less text than this besides its links
_ITEM_TAGS = frozenset({"li", "td", "th", "dd", "dt"})
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

LAYOUT, FURNITURE, APART = 1, 2, 3
_SINGLE, _PAIRS = _word_tables()
_CONTENT_SINGLE = frozenset(w for w in _CONTENT_WORDS if "-" not in w)
_CONTENT_PAIRS = frozenset(tuple(w.split("-")) for w in _CONTENT_WORDS if "-" in w)


@functools.lru_cache(maxsize=16384)
def _kind(tag: str, said: str) -> int:
    """:data:`APART`, :data:`FURNITURE`, :data:`LAYOUT` or 0 (content, or nothing said) for an
    element named ``tag`` whose class, id, role... say ``said``."""
    if tag == "noscript":  # a fallback the page shows no one (ads, tracking frames), or its whole text
        return LAYOUT
    if "-" in tag:  # a custom element's name says what it is (<ps-promo>)
        said = f"{said} {tag}"
    tagged = FURNITURE if tag in FURNITURE_TAGS else 0
    if not said:
        return tagged
    if "--" in said:
        said = _MODIFIER.sub("", said)
    lowered = said.lower()
    content, kind = _read_words(lowered, content_words=True)
    if content:
        return 0
    if lowered != said:  # "PromoSmall-title": words "promo", "small", "title"
        kind = _read_words(_CAMEL.sub(" ", said).lower(), content_words=False)[1]
    return kind if kind == APART else max(kind, tagged)


def _read_words(said: str, content_words: bool) -> tuple[bool, int]:
    """``(content container, strongest furniture kind)`` of a lower-case class/id string."""
    strongest = 0
    for part in said.replace("_", " ").split():
        words = part.split("-") if "-" in part else (part,)
        previous = None
        for word in words:
            if content_words and (word in _CONTENT_SINGLE or (previous, word) in _CONTENT_PAIRS):
                return True, 0
            kind = _SINGLE.get(word, 0)
            if previous is not None:
                kind = max(kind, _PAIRS.get((previous, word), 0))
            strongest = max(strongest, kind)
            previous = word
    return False, strongest


_INVISIBLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_MARK_ATTRIBUTES = frozenset({"class", "id", "role", "data-component"})
_HIDING_ATTRIBUTES = frozenset({"hidden", "aria-hidden", "style"})


def hidden(el: etree._Element) -> bool:
    """The page never shows ``el``: ``hidden``, ``aria-hidden="true"`` or an inline style hiding it."""
    get = el.get
    if get("hidden") is not None or get("aria-hidden") == "true":
        return True
    style = get("style")
    return bool(style) and _INVISIBLE.search(style) is not None


@dataclass
class Scores:
    """Per element: its subtree's score, text length and link text length; furniture and hidden
    elements found on the way."""

    score: dict[etree._Element, float] = field(default_factory=dict)
    chars: dict[etree._Element, int] = field(default_factory=dict)
    links: dict[etree._Element, int] = field(default_factory=dict)
    furniture: dict[etree._Element, int] = field(default_factory=dict)
    silent: set[etree._Element] = field(default_factory=set)


def _weight(tag: str, length: int, linked: int) -> float:
    if length < _SHORT:
        return -float(linked)
    if tag in _ITEM_TAGS:  # lists and tables hold menus and teasers more often than running text
        return 0.5 * length - 2 * linked
    return float(length - 2 * linked)


class _Tally:
    """What one element holds, summed as its children end (see :func:`score`)."""

    __slots__ = ("chars", "h1", "heading", "headlines", "linked", "links", "longest", "own", "quote", "run", "score")

    def __init__(self, own: int, tag: str) -> None:
        self.own = own  # text of this element's own paragraph (its text, inline children, tails)
        self.linked = 0  # ... of which inside links
        self.chars = 0  # text of the block children's subtrees
        self.links = 0  # ... of which inside links
        self.score = 0.0  # what the children add
        self.h1 = tag == "h1"
        self.heading = tag in HEADINGS
        self.quote = tag == "blockquote"  # an embedded post (tweet, Instagram) is a quote
        self.headlines = 0  # linked headings inside
        self.run = 0  # paragraphs of running text among the children
        self.longest = 0  # the longest such run in the subtree


_SKIPPED_TAGS = SILENT_TAGS | _UNREAD_TAGS
_UNUSED = _Tally(0, "")  # the tally of an element whose subtree is skipped


def score(body: etree._Element) -> Scores:
    """Scores of every element under ``body``, in one walk: each element's tally is completed
    when it ends and handed to its parent's (an explicit stack, no recursion)."""
    out = Scores()
    stack: list[_Tally] = [_Tally(0, "")]
    walk = etree.iterwalk(body, events=("start", "end"))
    for event, el in walk:
        tag = el.tag
        if event == "start":
            if tag in _SKIPPED_TAGS or not isinstance(tag, str):
                walk.skip_subtree()
                stack.append(_UNUSED)  # its text (a script's can be long) is counted otherwise, or not at all
            else:
                text = el.text
                stack.append(_Tally(len(text.strip()) if text else 0, tag))
            continue
        tally = stack.pop()
        parent = stack[-1]
        tail = el.tail
        if tail:
            parent.own += len(tail.strip())
        if tag in _UNREAD_TAGS:  # all of its text counts against what holds it, as link text does
            out.furniture[el] = FURNITURE
            length = int(_TEXT_LENGTH(el))
            parent.chars += length
            parent.links += length
            parent.score -= length
        elif tag in SILENT_TAGS or not isinstance(tag, str):
            continue
        else:
            _close(el, tag, tally, parent, out)
    return out


def _close(el: etree._Element, tag: str, tally: _Tally, parent: _Tally, out: Scores) -> None:
    """Complete ``el``'s tally: weigh its paragraph, classify it, hand the result to ``parent``."""
    own, linked = tally.own, tally.linked
    longest = tally.longest if tally.longest > tally.run else tally.run
    keys = el.keys()
    said = ""
    if keys:
        if not _HIDING_ATTRIBUTES.isdisjoint(keys) and longest < _RUN and hidden(el):
            out.silent.add(el)  # never shown (text a paywall script hides is kept)
            return
        get = el.get
        said = " ".join([get(k) for k in keys if k in _MARK_ATTRIBUTES])
    chars = tally.chars + own
    links = tally.links
    sub = tally.score
    headlines = tally.headlines
    block = tag in BLOCK_TAGS
    if tag == "a":  # everything in a link is link text, blocks too (a teaser's summary)
        linked = own
        links = chars
        sub = -float(tally.chars)
        if tally.heading and not headlines:
            headlines = 1
    elif tally.heading and tag in HEADINGS and own and 2 * linked >= own:
        headlines = 1
    if block:
        if own:
            sub += _weight(tag, own, linked)
    else:  # inline: its text is part of the parent's paragraph
        parent.own += own
        parent.linked += linked
        chars -= own
    out.score[el] = sub
    out.chars[el] = chars + (0 if block else own)
    out.links[el] = links
    kind = _kind(tag, said)
    if (kind == FURNITURE and (longest >= _RUN or tally.quote or tally.h1)) or (
        kind == APART and tally.h1 and longest >= _RUN
    ):
        kind = 0  # a page wrapper, an article or an embedded post with an unlucky name
    if not kind and headlines == 1 and block and tag not in HEADINGS and not tally.h1 and chars - links < _CARD_TEXT:
        kind = LAYOUT  # a teaser card: a linked headline and a few lines
    if kind:
        out.furniture[el] = kind
        sub = min(sub, 0.0)  # furniture adds nothing to the elements around it
    parent.chars += chars
    parent.links += links
    parent.score += sub
    parent.h1 = parent.h1 or tally.h1
    parent.heading = parent.heading or tally.heading
    parent.quote = parent.quote or tally.quote
    parent.headlines += headlines
    if tag == "p" and own >= _PARAGRAPH and 2 * linked < own:
        parent.run += 1
    if longest > parent.longest:
        parent.longest = longest


def _in_furniture(el: etree._Element, scores: Scores) -> bool:
    furniture = scores.furniture
    return furniture.get(el, 0) > LAYOUT or any(furniture.get(a, 0) > LAYOUT for a in el.iterancestors())


def best(body: etree._Element, scores: Scores) -> etree._Element:
    """The element with the highest score (the deepest one among equals), outside furniture; a
    lone ``<p>`` stands for its parent (the rest of the story lost points to its links); on a page
    without running text (no positive score), its ``<article>`` (else ``<main>``, else ``body``)."""
    ranked = sorted(scores.score.items(), key=lambda item: -item[1])
    for el, value in ranked:
        if value <= 0:
            break
        if not _in_furniture(el, scores):
            parent = el.getparent()
            if (
                el.tag == "p"
                and parent is not None
                and scores.score.get(parent, 0.0) > 0
                and parent not in scores.furniture
            ):
                return parent  # a paragraph is a part of the article (the rest lost points to its links)
            return el
    return _region(body, scores)


def one_story(node: etree._Element, scores: Scores, title: str | None) -> etree._Element:
    """The story the page is about, when ``node`` holds several, each an ``<article>`` of running
    text under its own ``<h1>`` (a page that appends the next story as the reader scrolls): the
    one whose headline is ``title``, else the first."""
    stories: dict[etree._Element, str] = {}
    for article in node.iter("article"):
        if article is node or scores.score.get(article, 0.0) <= 0 or any(a in stories for a in article.iterancestors()):
            continue
        heading = next(article.iter("h1"), None)
        if heading is not None:
            stories[article] = _loose(heading.text_content())
    if len(stories) < 2:
        return node
    wanted = _loose(title or "")
    return next(
        (article for article, headline in stories.items() if wanted and headline == wanted), next(iter(stories))
    )


def _loose(text: str) -> str:
    return " ".join(re.sub(r"[\W_]+", " ", text.casefold()).split())


def _region(body: etree._Element, scores: Scores) -> etree._Element:
    for tag in ("article", "main"):
        regions = list(body.iter(tag))
        if regions:
            return max(regions, key=lambda el: scores.chars.get(el, 0))
    return body


_MAX_DROPPED_TEXT = 1500  # a furniture-marked box holding this much text is more likely the article


def clean(node: etree._Element, scores: Scores) -> None:
    """Drop the furniture inside the chosen element (in place)."""
    doomed = []
    for el in node.iterdescendants(etree.Element):
        if el in scores.silent:
            doomed.append(el)
            continue
        kind = scores.furniture.get(el)
        if not kind or el.tag == "noscript":  # the converter reads a figure's image from its fallback
            continue
        if (
            kind == APART
            or el.tag in FURNITURE_TAGS
            or el.tag in ("ul", "ol")
            or scores.chars.get(el, 0) <= _MAX_DROPPED_TEXT
        ):
            doomed.append(el)
    for el in doomed:
        drop(el)


def drop(el: etree._Element) -> None:
    """Remove ``el`` from the tree, keeping the text that follows it."""
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
