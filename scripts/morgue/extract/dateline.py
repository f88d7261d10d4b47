"""The dateline: the date a page shows its readers next to the headline ("PUBLISHED: November 8,
2023 at 11:30 p.m.", "Von Claudia Riedler 19. Oktober 2019 00:04 Uhr", "Erstellt am: 01.11.2023").

It is read from the short lines that follow the headline (or, failing that, just precede it),
before the article's text runs on: a ``<time>`` element, or a line of a few words holding a date.
A date announced as an update ("Updated: ...", "Aktualisiert: ...") or as the print edition
("Ausgabe vom ...") is not the publication date and is passed over. Figures and their captions,
menus, navigation, forms and asides are not looked into. :func:`settle` weighs it against the
dates the markup declares.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from lxml import etree

from ..model import When
from .bylines import byline_in_lines, byline_names, is_label, looks_like_name
from .classnames import says
from .dates import dates_in, parse_iso, whole_date
from .textof import INLINE_TAGS, lines_of, text_of

#: Characters of text after the headline searched for the dateline, and before it.
_REACH = 1200
_REACH_BEFORE = 200
_BYLINE_REACH = 600
_MAX_LINE = 120
_MAX_OTHER_WORDS = 8  # words in a dateline besides its dates: labels, names, a section ("Von X | Politik")
# Never a dateline; a blockquote holds a quote or an embedded post, whose dates are not the article's.
_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "button", "select", "figure", "figcaption", "picture",
     "form", "nav", "aside", "iframe", "video", "audio", "blockquote"}
)  # fmt: skip
# Boxes whose dates are not the article's: captions and picture or video boxes (a photo's date), teasers, comments.
_NOT_DATELINE = re.compile(
    r"caption|credit|legend|related|teaser|comment|share|social|menu|navi"
    r"|(?<![a-z])(?:pic|photo|image|img|gallery|video)",
    re.I,
)
_NOT_PUBLISHED_LABEL = (
    r"(?:updated|last modified|modified|aktualisiert|geändert|mis à jour|actualizado|actualización|aggiornato"
    r"|bijgewerkt|更新|ausgabe vom|ausgabe|print edition|edition|issue|édition du|edición impresa)"
)
# A label just before a date that says it is not the publication: an update ("Updated: ",
# "Updated 20:49, ", "Aktualisiert am "), or the print edition the article also ran in.
_NOT_PUBLISHED = re.compile(
    _NOT_PUBLISHED_LABEL
    + r"\W{0,3}(?:on|am|le|el|il|op)?\W{0,3}(?:\d{1,2}[:.]\d{2}\W{0,3}(?:uhr|[ap]\.?m\.?)?\W{0,3})?$",
    re.I,
)
# A label just after a date that says it is not the publication: "2019年12月17日更新", "December 5, 2016 Issue".
_NOT_PUBLISHED_AFTER = re.compile(r"\s*(?:更新|修改|(?:aktualisiert|updated|issue|edition|ausgabe)\b)", re.I)
_NOT_PUBLISHED_ANYWHERE = re.compile(_NOT_PUBLISHED_LABEL, re.I)
# Classes marking an element as a date, and boxes whose dates are not the page's (for :func:`marked_date`).
_DATE_MARK = re.compile(r"date|datum|fecha|time|zeit", re.I)
_NOT_MARKED_DATE = re.compile(
    r"updat|modif|aktualis|sidebar|widget|related|teaser|caption|credit|menu|navi"
    r"|(?<![a-z])(?:pic|photo|image|video)",
    re.I,
)
_SKIP_MARKED = _SKIP - {"form"} | {"footer", "blockquote"}  # a whole page may sit in a form (ASP.NET)
_DIGIT = re.compile(r"\d")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)  # not shown to readers
_DATES_AND_TIMES = re.compile(r"[\w.]*\d[\w.:/-]*|\b(?:[ap]\.?m\.?|uhr)(?!\w)", re.I)  # tokens with digits, and "p.m."


def dateline(headline: etree._Element) -> When | None:
    """The publication date shown next to ``headline`` (the page's ``<h1>``): in the lines after
    it, else just before it (a date above the headline); ``None`` if neither shows one."""
    return _search(_following(headline), _REACH) or _search(_preceding(headline), _REACH_BEFORE)


def _search(elements: Iterator[etree._Element], reach: int) -> When | None:
    for el in elements:
        own = (el.text or "") + "".join(child.tail or "" for child in el)
        reach -= len(own.strip())
        if reach < 0:
            return None
        if el.tag == "time":
            when = _time_value(el)
        elif _DIGIT.search(own):
            when = _line_value(el)
        else:
            continue
        if when is not None:
            return when
    return None


def _time_value(el: etree._Element) -> When | None:
    if _NOT_PUBLISHED_ANYWHERE.search(el.get("class") or "") or _NOT_PUBLISHED.search(_text_before(el)):
        return None
    text = text_of(el)
    if _NOT_PUBLISHED_ANYWHERE.search(text):  # "Dec. 6, 2024 / Updated Dec. 7, 2024": its datetime may be either
        return _first_published(text)
    return parse_iso(el.get("datetime")) or _first_published(text)


def _text_before(el: etree._Element) -> str:
    """The text just before ``el`` inside its parent ("Updated" in "<span>Updated</span><time>"), or
    the short label in the block just above the one ``el`` opens ("<dt>Updated:</dt><dd><time>")."""
    parent = el.getparent()
    if parent is None:
        return ""
    if not (parent.text or "").strip() and parent[0] is el:
        return _label_above(parent)
    parts = [parent.text or ""]
    for sibling in parent:
        if sibling is el:
            break
        if sibling.tag not in INLINE_TAGS:  # a paragraph before is not this line's label
            parts = []
            continue
        parts += [text_of(sibling), sibling.tail or ""]
    return " ".join(parts).strip()[-40:]


def _label_above(el: etree._Element) -> str:
    """The text of the short block just before the block that ``el`` opens (a term above its
    definition: "Updated:" above the date), if it is short enough to be a label."""
    for _ in range(3):
        previous = el.getprevious()
        if previous is not None:
            label = text_of(previous) if isinstance(previous.tag, str) else ""
            return label if len(label) <= 30 else ""
        parent = el.getparent()
        if parent is None or (parent.text or "").strip():
            return ""
        el = parent
    return ""


def _line_value(el: etree._Element) -> When | None:
    line = text_of(el)
    if len(line) > _MAX_LINE or _NOT_PUBLISHED_ANYWHERE.search(el.get("class") or ""):
        return None
    return _first_published(line, _text_before(el))


def _first_published(line: str, before: str = "") -> When | None:
    """The first date in ``line`` not announced as an update or an edition (``before`` is the text
    just before the line); ``None`` when the line reads as a sentence rather than a dateline."""
    found = dates_in(line, short_years=True)
    if len(_DATES_AND_TIMES.sub(" ", line).split()) > _MAX_OTHER_WORDS:
        return None
    for start, end, when in found:
        if not _NOT_PUBLISHED.search(f"{before} {line[:start]}") and not _NOT_PUBLISHED_AFTER.match(line[end:]):
            return when
    return None


def _following(el: etree._Element) -> Iterator[etree._Element]:
    """Elements after ``el`` in document order (its own content excluded)."""
    node = el
    while node is not None:
        for sibling in node.itersiblings():
            yield from _walk(sibling)
        node = node.getparent()


def _preceding(el: etree._Element) -> Iterator[etree._Element]:
    """Elements just before ``el``: its earlier siblings and its parent's, nearest first."""
    node = el
    for _ in range(2):
        for sibling in node.itersiblings(preceding=True):
            yield from _walk(sibling)
        node = node.getparent()
        if node is None or node.tag in ("body", "html"):
            return


def _walk(el: etree._Element) -> Iterator[etree._Element]:
    """``el`` and its descendants in document order, without figures, captions, menus and forms."""
    return _pruned(el, _SKIP, _NOT_DATELINE, hidden=True)


def _pruned(
    el: etree._Element, tags: frozenset[str], classes: re.Pattern[str], *, hidden: bool = False
) -> Iterator[etree._Element]:
    """``el`` and its descendants in document order, without the elements (and what they hold)
    named in ``tags``, whose class says ``classes`` or, with ``hidden``, hidden by their style."""
    stack = [el]
    while stack:
        node = stack.pop()
        if not isinstance(node.tag, str) or node.tag in tags:
            continue
        marks = node.get("class")
        if (marks and says(classes, marks)) or (hidden and _HIDDEN.search(node.get("style") or "")):
            continue
        yield node
        stack.extend(reversed(node))


def marked_date(root: etree._Element) -> When | None:
    """The date in the first element whose class marks it as a date and that holds only a date,
    its parts read apart ("<div class=datum><span>Feb</span> <span>18</span><span>2009</span>",
    a forum post's "<span class=postTime>28.09.19</span><span>12:44</span>"): for pages with no
    other date, in document order (a blog's post header, a thread's first post). Sidebars,
    navigation, teasers, figures and update stamps are passed over."""
    for node in _pruned(next(root.iter("body"), root), _SKIP_MARKED, _NOT_MARKED_DATE):
        marks = node.get("class")
        if marks and _DATE_MARK.search(marks):
            text = " ".join(" ".join(node.itertext()).split())
            when = whole_date(text) if 0 < len(text) <= 40 else None
            if when is not None:
                return when
    return None


def byline_near(headline: etree._Element) -> list[str]:
    """Names in a byline line shown just after ``headline`` ("Von Alexander Rosenkranz",
    "Text von Christian Seiler", "Autor: Fritz Imhof", "Von:" above "Götz Warnke") when no
    markup marks it as a byline."""
    reach = _BYLINE_REACH
    label: list[str] = []  # a label alone in its element ("<strong>By</strong>"): the names are in the next one
    for el in _following(headline):
        own = (el.text or "") + "".join(child.tail or "" for child in el)
        reach -= len(own.strip())
        if reach < 0:
            break
        if not own.strip() or len(text_of(el)) > 4 * _MAX_LINE:
            continue
        lines = [line for line in lines_of(el) if len(line) <= _MAX_LINE]
        names = byline_in_lines(label + lines)
        if names:
            return [n for n in names if looks_like_name(n)]
        label = lines[-1:] if lines and is_label(lines[-1]) else []
    return _byline_before(headline)


def _byline_before(headline: etree._Element) -> list[str]:
    """Names in a byline line just above ``headline`` ("04.02.2022 | 13:10 Uhr | Jane Roe"): the
    nearest few lines before it."""
    seen = 0
    for el in _preceding(headline):
        own = (el.text or "") + "".join(child.tail or "" for child in el)
        if not own.strip():
            continue
        lines = [line for line in lines_of(el) if len(line) <= _MAX_LINE]
        names = next((found for line in lines if (found := byline_names(line))), None)
        if names:
            return [n for n in names if looks_like_name(n)]
        seen += 1
        if seen >= 3:
            break
    return []


def settle(declared: list[When], updated: When | None, shown: When | None) -> When | None:
    """The publication date from what the markup declares (strongest first), the last update it
    declares, and the dateline shown to readers.

    A declared date later than the declared last update is a re-publication stamp, not the
    publication, when the dateline shows an earlier day. When the declared dates disagree, the
    one the dateline confirms wins (a bare day never overrules a declared time); when the
    dateline confirms none, a declared bare day yields to the day shown (neither is more
    precise, and the page shows its readers the one), and with no dateline a time without an
    offset yields to one declared in the page's own offset on another day (only the offset
    pins the day). A time declared in UTC is given in the page's own offset when the page
    shows it (the same instant under another offset, or a dateline showing the local time)."""
    republished = declared and updated is not None and _later(declared[0], updated)
    if republished and shown is not None and _day(shown) < _day(declared[0]):
        declared = [d for d in declared if d != declared[0]]
    if not declared:
        return shown
    when = declared[0]
    if shown is not None and _day(shown) != _day(when):
        precise = isinstance(when, dt.datetime)  # a bare day does not overrule a declared time
        confirmed = (d for d in declared[1:] if _day(d) == _day(shown) and (isinstance(d, dt.datetime) or not precise))
        when = next(confirmed, when if precise else shown)
    elif shown is None and isinstance(when, dt.datetime) and when.tzinfo is None:
        when = next((d for d in declared[1:] if _offset(d) and _day(d) != when.date()), when)
    return _local(when, declared, shown)


def _offset(when: When) -> bool:
    """A datetime declared with a non-zero offset: the page's own clock."""
    return isinstance(when, dt.datetime) and bool(when.utcoffset())


def _local(when: When, declared: list[When], shown: When | None) -> When:
    if not isinstance(when, dt.datetime) or when.utcoffset() != dt.timedelta(0):
        return when
    shows_utc_day = shown is not None and _day(shown) == when.date()
    for other in declared:  # the same instant in the page's own offset (unless the page shows the UTC day)
        same = isinstance(other, dt.datetime) and bool(other.utcoffset()) and other == when
        if same and (not shows_utc_day or other.date() == when.date()):
            return other
    if isinstance(shown, dt.datetime) and shown.tzinfo is not None:
        return shown if shown == when and shown.utcoffset() else when  # the same instant, in the page's offset
    if isinstance(shown, dt.datetime):
        shift = shown - when.replace(tzinfo=None)
        minutes = 15 * round(shift.total_seconds() / 900)  # offsets are whole quarters of an hour
        if minutes and abs(minutes) <= 14 * 60 and abs(shift.total_seconds() - 60 * minutes) < 60:
            return when.astimezone(dt.timezone(dt.timedelta(minutes=minutes)))
    elif isinstance(shown, dt.date) and not isinstance(shown, dt.datetime) and shown != when.date():
        earliest, latest = (when - dt.timedelta(hours=12)).date(), (when + dt.timedelta(hours=14)).date()
        return shown if earliest <= shown <= latest else when  # the local day of that instant (offset not shown)
    return when


def _later(first: When, second: When) -> bool:
    if not (isinstance(first, dt.datetime) and isinstance(second, dt.datetime)):
        return False
    if (first.tzinfo is None) != (second.tzinfo is None):
        return False
    return first > second


def _day(when: When) -> dt.date:
    return when.date() if isinstance(when, dt.datetime) else when
