"""HTML (an lxml tree) -> Markdown that keeps the article's structure and never becomes markup.

One converter class with a ``convert_<tag>`` method per tag, found by name (markdownify's shape):
a site quirk is a one-method subclass. Every text node goes through
:func:`morgue.markdown.escape_text`; links and images are made absolute against the page URL and
only ``http(s)``/``mailto`` targets survive. The tree is walked with an explicit stack, so a page
nested 100,000 levels deep converts without recursion.

The converter also reads the vocabulary of trafilatura's extraction tree (``head``, ``list``,
``item``, ``quote``, ``hi``, ``ref``, ``graphic``, ``row``, ``cell``, ``lb``), which maps onto the
HTML methods.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

from lxml import etree

from .extract.credits import split_caption_credit
from .markdown import escape_text
from .text import strip_invisible

# A run of layout whitespace, to be written as one space. A lone space (between most words) is
# left out of the pattern: it would be replaced by itself, and matching it costs more than the rest.
_WS = re.compile(r" [ \t\r\n\f\v]+|[\t\r\n\f\v][ \t\r\n\f\v]*")
_SPACES = re.compile(r"(?<=\S) {2,}(?=\S)")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_SAFE_URL = re.compile(r"^(?:https?:|mailto:)", re.I)
_CELL_OPEN, _CELL_CLOSE, _ROW_OPEN, _ROW_CLOSE = "\ue000", "\ue001", "\ue002", "\ue003"
_MARKS = re.compile("[\ue000-\ue003]")
_ROW = re.compile("\ue002([^\ue002\ue003]*)\ue003")
_CELL = re.compile("\ue000([^\ue000\ue001]*)\ue001")
_PIPE = re.compile(r"(?<!\\)\|")
_URL_ESCAPES = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E", '"': "%22", "\\": "%5C"})

#: Elements whose content never reaches the Markdown.
SKIP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "title",
        "meta",
        "link",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "canvas",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "option",
        "nav",
        "aside",
        "dialog",
    }
)
#: Elements that make a block (paragraph-like) of their content.
BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "address",
        "center",
        "details",
        "summary",
        "dl",
        "dt",
        "dd",
        "figure",
        "figcaption",
        "body",
        "html",
        "doc",
        "fieldset",
        "hgroup",
    }
)


#: Elements whose whitespace-only text between children is layout, not text.
_CONTAINERS = frozenset({"ul", "ol", "list", "table", "thead", "tbody", "tfoot", "tr", "row"})


@functools.lru_cache(maxsize=4096)  # an image's URL is asked for again when it is written
def safe_url(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; ``None`` unless it is http(s) or mailto."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith("#"):
        return None
    try:
        url = urljoin(base, href) if base else href
        if url.startswith("//"):
            url = "https:" + url
        urlsplit(url)
    except ValueError:
        return None
    if not _SAFE_URL.match(url):
        return None
    return url.translate(_URL_ESCAPES)


def _text(value: str | None) -> str:
    """A text node, whitespace collapsed (leading/trailing space kept as one space), escaped."""
    if not value:
        return ""
    if not value.strip(" \t\r\n\f\v"):  # layout whitespace between elements: one space, no pattern run
        return " "
    collapsed = _WS.sub(" ", strip_invisible(_MARKS.sub("", value)))
    core = collapsed.strip(" ")
    if not core:
        return " " if collapsed else ""
    lead = " " if collapsed[0] == " " else ""
    trail = " " if collapsed[-1] == " " else ""
    return lead + escape_text(core) + trail


def _single_spaced(line: str) -> str:
    """Runs of spaces between words made one (the pattern only run on a line holding a run)."""
    return _SPACES.sub(" ", line) if "  " in line else line


def _inline(text: str) -> str:
    """Block content squeezed onto one line (for headings, table cells, link text)."""
    return _WS.sub(" ", text).strip()


def _block(text: str) -> str:
    text = text.strip()
    return f"\n\n{text}\n\n" if text else ""


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    return "\n".join([first + lines[0], *[(rest + line) if line.strip() else "" for line in lines[1:]]])


def _tag(el: etree._Element | None) -> str:
    if el is None:
        return ""
    tag = el.tag
    if not isinstance(tag, str):
        return ""  # comments and processing instructions
    if "}" in tag:
        tag = tag.split("}", 1)[1]
    return tag.lower()


class MarkdownConverter:
    """Converts an element and its descendants to Markdown.

    ``base_url`` makes relative links absolute. ``images`` keeps ``![alt](src)`` images (off:
    alt text and images are dropped). ``figure_info`` maps an image URL to ``(caption, credit)``
    for images whose figure caption was taken out of the tree before extraction.
    """

    def __init__(
        self,
        base_url: str | None = None,
        *,
        images: bool = True,
        figure_info: Callable[[str], tuple[str | None, str | None] | None] | None = None,
    ) -> None:
        self.base_url = base_url
        self.images = images
        self.figure_info = figure_info
        self._pre: set[etree._Element] = set()

    # ------------------------------------------------------------------ driver
    def convert(self, root: etree._Element) -> str:
        """Markdown of ``root`` (its tail is not included); blank lines between blocks, no trailing space."""
        out = self._walk(root)
        out = _BLANKS.sub("\n\n", out)
        lines = out.split("\n")
        # a hard line break ("  ") is kept inside a paragraph only, not at its end
        ends = {i for i, line in enumerate(lines) if i + 1 == len(lines) or not lines[i + 1].strip()}
        lines = [
            _single_spaced(line if line.endswith("  ") and i not in ends else line.rstrip())
            for i, line in enumerate(lines)
        ]
        return "\n".join(lines).strip("\n ") + ("\n" if out.strip() else "")

    def _walk(self, root: etree._Element) -> str:
        """Post-order walk with an explicit stack: each element's children are converted first.
        A stack entry is ``(element, its tag once its children are queued, parent, parent's tag)``."""
        # the elements themselves, not id()s: lxml proxies of nodes nobody holds are freed and their
        # ids reused; a proxy kept in a set is the one lxml returns for its node
        self._pre = {node for pre in root.iter("pre") for node in pre.iter()}
        results: list[list[str]] = [[]]
        parent = root.getparent()
        stack: list[tuple[etree._Element, str | None, etree._Element | None, str]] = [
            (root, None, parent, _tag(parent))
        ]
        while stack:
            el, tag, parent, parent_tag = stack.pop()
            if tag is not None:
                inner = "".join(results.pop())
                results[-1].append(self.convert_element(el, inner, tag))
                if el is not root and el.tail:
                    results[-1].append(self._tail(el, parent, parent_tag))
                continue
            tag = _tag(el)
            if not tag or tag in SKIP or self.skip(el) or (tag == "head" and parent_tag == "html"):
                if el is not root and el.tail:
                    results[-1].append(self._tail(el, parent, parent_tag))
                continue
            results.append([self._own_text(el, tag)])
            stack.append((el, tag, parent, parent_tag))
            stack.extend((child, None, el, tag) for child in reversed(el))
        return "".join(results[0])

    def _own_text(self, el: etree._Element, tag: str) -> str:
        if self._in_pre(el):
            return el.text or ""
        if tag in _CONTAINERS and not (el.text or "").strip():
            return ""
        return _text(el.text)

    def _tail(self, el: etree._Element, parent: etree._Element | None, parent_tag: str) -> str:
        if parent is not None and self._in_pre(parent):
            return el.tail or ""
        if parent_tag in _CONTAINERS and not (el.tail or "").strip():
            return ""  # whitespace between list items or table cells is not text
        return _text(el.tail)

    def _in_pre(self, el: etree._Element | None) -> bool:
        """``el`` is a ``<pre>`` or inside one (the set is made once per walk)."""
        return el is not None and el in self._pre

    def skip(self, el: etree._Element) -> bool:
        """Hook for subclasses: ``True`` drops ``el`` and its content. Hidden elements are dropped."""
        return el.get("hidden") is not None or el.get("aria-hidden") == "true"

    def convert_element(self, el: etree._Element, text: str, tag: str | None = None) -> str:
        tag = tag or _tag(el)
        method = getattr(self, f"convert_{tag}", None)
        if method is not None:
            return method(el, text)
        if tag in BLOCKS:
            return _block(text)
        return text

    # ------------------------------------------------------------------ blocks
    def convert_p(self, el: etree._Element, text: str) -> str:
        return _block(text)

    def _heading(self, level: int, text: str) -> str:
        text = _inline(text)
        return f"\n\n{'#' * level} {text}\n\n" if text else ""

    def convert_h1(self, el, text):
        return self._heading(2, text)  # the page title is the article's h1: body headings start at h2

    def convert_h2(self, el, text):
        return self._heading(2, text)

    def convert_h3(self, el, text):
        return self._heading(3, text)

    def convert_h4(self, el, text):
        return self._heading(4, text)

    def convert_h5(self, el, text):
        return self._heading(5, text)

    def convert_h6(self, el, text):
        return self._heading(6, text)

    def convert_head(self, el, text):  # trafilatura: <head rend="h2">
        rend = el.get("rend") or "h2"
        level = int(rend[1]) if re.fullmatch(r"h[1-6]", rend) else 2
        return self._heading(max(level, 2), text)

    def convert_blockquote(self, el, text):
        text = _BLANKS.sub("\n\n", text.strip())
        if not text:
            return ""
        return "\n\n" + "\n".join(("> " + line) if line.strip() else ">" for line in text.split("\n")) + "\n\n"

    convert_quote = convert_blockquote

    def convert_hr(self, el, text):
        return "\n\n* * *\n\n"

    def convert_br(self, el, text):
        return "  \n"

    convert_lb = convert_br

    def convert_pre(self, el, text):
        lines = [line.rstrip() for line in text.strip("\n").split("\n")]
        if not any(lines):
            return ""
        # Literal text, one hard line break per source line: safe and readable (no code fence that
        # would let snippet or fence markers through).
        return _block("  \n".join(_text(line).strip() or "" for line in lines))

    def convert_code(self, el, text):
        if self._in_pre(el):
            return text
        text = _inline(text)
        return f"`{text.replace('`', '')}`" if text and "\\" not in text and "&" not in text else text

    # ------------------------------------------------------------------ lists
    def _list_item(self, el, text):
        parent = el.getparent()
        ordered = parent is not None and (
            _tag(parent) == "ol" or (_tag(parent) == "list" and (parent.get("rend") or "").startswith("o"))
        )
        if ordered:
            start = parent.get("start") or "1"
            position = sum(1 for sib in parent if _tag(sib) in ("li", "item") and sib is not el)
            try:
                number = int(start) + [s for s in parent if _tag(s) in ("li", "item")].index(el)
            except (ValueError, IndexError):
                number = position + 1
            marker = f"{number}. "
        else:
            marker = "- "
        body = _BLANKS.sub("\n\n", text.strip())
        if not body:
            return ""
        return _indent(body, marker, " " * 4) + "\n"

    convert_li = _list_item
    convert_item = _list_item

    def _list(self, el, text):
        text = text.strip("\n")
        if not text.strip():
            return ""
        parent = el.getparent()
        if parent is not None and _tag(parent) in ("li", "item"):
            return "\n" + text + "\n"
        return "\n\n" + text + "\n\n"

    convert_ul = _list
    convert_ol = _list
    convert_list = _list

    # ------------------------------------------------------------------ tables
    # Cells and rows are marked with private-use characters during the walk (scraped text never
    # holds them: :func:`_text` removes them); the table method reads its rows back from the marks.
    def convert_table(self, el, text):
        rows = []
        for row in _ROW.findall(text):
            cells = [_inline(cell) for cell in _CELL.findall(row)]
            if any(cells):
                rows.append(cells)
        if not rows:
            return _block(_MARKS.sub(" ", text))
        if len(rows) == 1 or max(len(r) for r in rows) == 1:  # a layout table: its text as paragraphs
            return "".join(_block(cell) for r in rows for cell in r if cell)
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
        lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
        return _block("\n".join(lines))

    def convert_tr(self, el, text):
        return f"{_ROW_OPEN}{text}{_ROW_CLOSE}"

    convert_row = convert_tr

    def convert_td(self, el, text):
        text = _PIPE.sub(r"\\|", _MARKS.sub(" ", text))  # pipes of a nested table stay text
        return f"{_CELL_OPEN}{text}{_CELL_CLOSE}"

    convert_th = convert_td
    convert_cell = convert_td

    def convert_caption(self, el, text):
        return _block(text)

    # ------------------------------------------------------------------ inline
    def _wrap(self, text: str, mark: str) -> str:
        core = text.strip()
        if not core or "\n" in core:
            return text
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        return f"{lead}{mark}{core}{mark}{trail}"

    def convert_em(self, el, text):
        return self._wrap(text, "*")

    convert_i = convert_em
    convert_cite = convert_em

    def convert_strong(self, el, text):
        return self._wrap(text, "**")

    convert_b = convert_strong

    def convert_hi(self, el, text):  # trafilatura: <hi rend="#b"> / "#i"
        rend = el.get("rend") or ""
        if "b" in rend:
            return self.convert_strong(el, text)
        if "i" in rend:
            return self.convert_em(el, text)
        return text

    def convert_a(self, el, text):
        url = safe_url(el.get("href") or el.get("target"), self.base_url)
        core = text.strip()
        if not core:
            return text
        if url is None or "\n" in core:
            return text
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() else ""
        return f"{lead}[{core}]({url}){trail}"

    convert_ref = convert_a

    def convert_img(self, el, text):
        if not self.images or _pixel(el):
            return ""
        url = safe_url(image_src(el), self.base_url)
        if url is None:
            return ""
        info = self.figure_info(url) if self.figure_info else None
        caption, credit = info if info else (None, None)
        return self.figure(url, el.get("alt"), caption, credit)

    convert_graphic = convert_img

    def figure(self, url: str, alt: str | None, caption: str | None, credit: str | None) -> str:
        """An image; with a caption or credit, a Material-style ``<figure>`` (md_in_html) keeping them apart."""
        image = f"![{_inline(_text(alt or ''))}]({url})"
        caption_md = _inline(_text(caption or ""))
        credit_md = _inline(_text(credit or ""))
        if not caption_md and not credit_md:
            return f"\n\n{image}\n\n"
        parts = [caption_md] if caption_md else []
        if credit_md:
            parts.append(f'<span class="morgue-credit">{credit_md}</span>')
        return (
            f'\n\n<figure markdown="span">\n{image}\n'
            f'<figcaption markdown="span">{" ".join(parts)}</figcaption>\n</figure>\n\n'
        )

    def convert_figure(self, el, text):
        img = next((i for i in el.iter("img", "graphic") if image_src(i)), None)
        url = safe_url(image_src(img), self.base_url) if img is not None else None
        if url is None or not self.images:
            return _block(text)
        caption_el = next(el.iter("figcaption"), None)
        caption = _WS.sub(" ", caption_el.text_content()).strip() if caption_el is not None else None
        caption, credit = split_caption_credit(caption) if caption else (None, None)
        if not caption and not credit and self.figure_info:
            caption, credit = self.figure_info(url) or (None, None)
        return self.figure(url, img.get("alt"), caption, credit)

    def convert_figcaption(self, el, text):
        return _block(text)


def _pixel(el: etree._Element) -> bool:
    """A tracking pixel or spacer (``width="1" height="1"``): not an image of the article."""
    for attr in ("width", "height"):
        value = (el.get(attr) or "").strip().removesuffix("px")
        if value.isdigit() and int(value) < 10:
            return True
    return False


_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-url", "data-hi-res-src", "src")


def image_src(el: etree._Element | None) -> str | None:
    """The real source of an ``<img>`` (lazy-loading attributes first, then ``srcset``'s first)."""
    if el is None:
        return None
    for attr in _LAZY_ATTRS:
        value = el.get(attr)
        if value and not value.startswith("data:"):
            return value.strip()
    srcset = el.get("srcset") or el.get("data-srcset")
    if srcset:
        first = srcset.split(",")[0].split()[0] if srcset.split(",")[0].split() else ""
        return first or None
    return None


def to_markdown(root: etree._Element, base_url: str | None = None) -> str:
    """Markdown of ``root`` with the default converter."""
    return MarkdownConverter(base_url).convert(root)
