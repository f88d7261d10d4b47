"""Escaped text renders as exactly that text through Python-Markdown with the site's extensions."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from morgue.markdown import escape_text, plain_text

ROOT = Path(__file__).resolve().parent.parent


def _site_markdown() -> markdown.Markdown:
    """A Markdown instance configured exactly as the site's (plus attr_list, the riskiest extension)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return markdown.Markdown(
        extensions=[*config.markdown_extensions, "attr_list"], extension_configs=config.mdx_configs
    )


def _text_of(rendered: str) -> str:
    assert rendered.startswith("<p>") and rendered.endswith("</p>"), rendered
    inner = rendered[3:-4]
    assert "<" not in inner.replace("&lt;", ""), f"markup created: {rendered}"
    return html.unescape(inner)


LINES = [
    "# This line starts with a hash and must not become a heading",
    "#hashtag at the start of a line: Python-Markdown makes it a heading without a space",
    "###### six and more ####### hashes",
    "---",
    "| col1 | col2 |",
    "```",
    "<!-- an HTML comment opener",
    "{{ config.site_name }} and {% include 'x' %}",
    '!!! warning "admonition syntax in text"',
    '--8<-- "/etc/passwd"',
    "<script>alert('x')</script>",
    "&lt;b&gt; literal entity text",
    "[click](javascript:alert(1)) and ![img](x onerror=alert(1)) and <https://example.com/autolink>",
    "1. looks like a list",
    "2) also a list",
    "> looks like a quote",
    "    four-space indented line",
    "* star _underscore_ **bold** ~~strike~~ $$math$$ ==mark== :smile: [^1] *[HTML]: abbr",
    "\\ trailing backslash \\",
    "{: onclick=\"alert('attr_list-p')\" }",
    "Title\n=====",
    ": definition",
    "+ plus item",
    "- dash item",
    "R&D costs 5 < 6 > 4",
]


@pytest.mark.parametrize("line", LINES)
def test_escaped_text_renders_literally(line):
    rendered = _site_markdown().convert(escape_text(line))
    expected = re.sub(r"\s+", " ", line.lstrip()).strip()
    assert re.sub(r"\s+", " ", _text_of(rendered)).strip() == expected


def test_all_lines_together_make_one_paragraph_per_line():
    source = "\n\n".join(escape_text(line) for line in LINES)
    rendered = _site_markdown().convert(source)
    assert rendered.count("<p>") == len(LINES)
    for tag in ("<h1", "<h2", "<table", "<pre", "<code", "<ol", "<ul", "<blockquote", "<hr", "<script", "<a ", "<img"):
        assert tag not in rendered
    assert not re.search(r"<[^>]*onclick", rendered)


def test_plain_text_undoes_escaping():
    for line in LINES:
        assert plain_text(escape_text(line)) == "\n".join(part.lstrip() for part in line.split("\n"))
