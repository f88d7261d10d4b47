"""Scraped text -> Markdown that renders as exactly that text.

Scraped text must never become markup on the published page. :func:`escape_text` makes a text
node inert for Python-Markdown and the extensions the site enables: ``&`` and ``<`` become
entities (no raw HTML, no entity tricks, no autolinks), inline markers are backslash-escaped
(emphasis, code, links, attribute lists ``{: ...}``, footnotes, table pipes), and block markers
at the start of a line are neutralised (headings, quotes, lists, rules, fences, admonitions,
snippet includes, indented code).
"""

from __future__ import annotations

import html
import re

# Characters Python-Markdown treats specially inside a line. All are in its ESCAPED_CHARS
# (``|`` once the tables extension is on, as it is on the site), so ``\x`` renders as ``x``.
_INLINE = re.compile(r"([\\`*_{}\[\]|])")
# Block syntax that only matters at the start of a line (after optional spaces).
_LINE_START = re.compile(
    r"""^(?P<indent>[ \t]*)(?P<mark>
        \#                       # ATX heading (Python-Markdown needs no space: "#tag" is one)
      | >                        # block quote
      | [-+](?=\s|$)             # bullet list (``*`` is escaped inline)
      | \d{1,9}(?=[.)](\s|$))    # ordered list: escape the dot instead (below)
      | (?:-[ \t]*){3,}$         # thematic break / setext underline / snippet marker ``--8<--``
      | -{2,}                    # ``--8<--`` snippet includes and other dash runs
      | =+[ \t]*$                # setext heading underline
      | ~{3,}                    # tilde code fence
      | !{3}                     # admonition ``!!! note``
      | \?{3}                    # collapsible admonition ``??? note``
      | /{3}                     # pymdownx.blocks ``/// note``
      | :                        # definition list ``: term``
    )""",
    re.X,
)


_ENTITY = {"=": "&#61;", ":": "&#58;", "~": "&#126;", "?": "&#63;", "/": "&#47;"}


def _escape_line_start(line: str) -> str:
    line = line.lstrip(" \t")  # four leading spaces would make an indented code block
    match = _LINE_START.match(line)
    if not match:
        return line
    mark = match.group("mark")
    if mark[0].isdigit():
        return mark + "\\" + line[len(mark) :]
    if mark[0] in _ENTITY:  # not backslash-escapable in Python-Markdown: use a character reference
        return _ENTITY[mark[0]] + line[1:]
    return "\\" + line


def escape_text(text: str) -> str:
    """Markdown source that renders ``text`` literally (one paragraph; newlines kept as soft breaks)."""
    text = _INLINE.sub(_backslashed, text.replace("&", "&amp;").replace("<", "&lt;"))
    if "\n" not in text:  # a text node: one line
        return _escape_line_start(text)
    return "\n".join(_escape_line_start(line) for line in text.split("\n"))


def _backslashed(match: re.Match[str]) -> str:
    # a function rather than the template r"\\\1", which Python re-reads on every call of sub()
    return "\\" + match.group()


def paragraphs_to_markdown(paragraphs: list[str] | tuple[str, ...]) -> str:
    """Body Markdown from plain-text paragraphs, each escaped and separated by a blank line."""
    return "\n\n".join(escape_text(p) for p in paragraphs if p.strip())


_FIGURE = re.compile(r'^<figure markdown="span">\n.*?\n</figure>$', re.M | re.S)
_IMAGE = re.compile(r"(?<!\\)!\[(?:\\.|[^\]\\])*\]\([^)]*\)")
_UNESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~])")
_LINK = re.compile(r"!?(?<!\\)\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|\*|_)")
_BLOCK_MARK = re.compile(r"^(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+\.\s+)", re.M)


def plain_text(markdown: str) -> str:
    """Readable text of a Markdown body (links reduced to their text, escapes and markers removed).

    Figures (image, caption, credit) and images are not text. Good enough to derive a title or a
    description; not a renderer.
    """
    text = _IMAGE.sub("", _FIGURE.sub("", markdown))
    text = _LINK.sub(r"\1", text)
    text = _BLOCK_MARK.sub("", text)
    text = _EMPHASIS.sub("", text)
    text = _UNESCAPE.sub(r"\1", text)
    return html.unescape(text)
