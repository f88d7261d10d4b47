"""The visible text of an element, as a reader sees it on one line."""

from __future__ import annotations

from lxml import etree

_UNREAD_TAGS = frozenset({"script", "style", "noscript", "template"})
INLINE_TAGS = frozenset(
    {"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp", "small",
     "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "nobr"}
)  # fmt: skip


def text_of(el: etree._Element) -> str:
    """Visible text of an element, whitespace collapsed (scripts and styles left out). Block
    boundaries separate words; inline elements do not ("<b>Kicker</b>: Title")."""
    return " ".join(_joined(el, " ").split())


def has_text(el: etree._Element) -> bool:
    """``text_of(el)`` is not empty, learnt without reading a large element whole."""
    walk = etree.iterwalk(el, events=("start",))
    for _, node in walk:
        if node is not el and node.tail and not node.tail.isspace():
            return True
        if node.tag in _UNREAD_TAGS:
            walk.skip_subtree()
        elif isinstance(node.tag, str) and node.text and not node.text.isspace():
            return True
    return False


def lines_of(el: etree._Element) -> list[str]:
    """The element's visible text, one string per block ("By Jane Roe", "NEW YORK", "Dec 16, 2016")."""
    return [" ".join(words) for words in (part.split() for part in _joined(el, "\n").split("\n")) if words]


def _joined(el: etree._Element, boundary: str) -> str:
    """The element's visible text with ``boundary`` where a block element begins or ends. A
    child's tail comes after the child's own descendants (``<a><b>Jane Roe</b></a> am 29.12.``):
    it waits for the last of them."""
    parts: list[str] = []
    waiting: dict[etree._Element, list[str]] = {}  # last descendant -> the tails that follow it
    skip = None  # the end of a script or style, everything inside it passed over
    for node in el.iter():
        if skip is not None:
            if node is not skip:
                continue
            skip = None
        else:
            tag = node.tag if isinstance(node.tag, str) else ""
            if tag in _UNREAD_TAGS:
                skip = _last(node)
                tail, block = node.tail, False
                if skip is not node:
                    if node is not el and tail:
                        waiting.setdefault(skip, []).insert(0, tail)
                    continue
                skip = None
            else:
                block = tag and tag not in INLINE_TAGS
                if block:
                    parts.append(boundary)
                if node.text and tag:
                    parts.append(node.text)
            if node is not el and node.tail:
                tail = boundary + node.tail if block else node.tail
                if len(node):
                    waiting.setdefault(_last(node), []).insert(0, tail)
                else:
                    parts.append(tail)
        if waiting:
            parts += waiting.pop(node, ())
    return "".join(parts)


def _last(node: etree._Element) -> etree._Element:
    """The last element inside ``node`` in document order (``node`` itself when it is empty)."""
    while len(node):
        node = node[-1]
    return node
