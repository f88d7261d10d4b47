"""The HTML -> Markdown converter: every tag, escaping, absolute links, figures, deep nesting."""

from __future__ import annotations

import html
import re
import time

import lxml.html
import pytest

from morgue.converter import MarkdownConverter, safe_url, to_markdown
from tests.test_markdown import _site_markdown

BASE = "https://news.example.com/world/2024/story.html"


def md(fragment: str, base: str | None = BASE) -> str:
    return to_markdown(lxml.html.fragment_fromstring(fragment, create_parent="div"), base)


def test_paragraphs_and_headings():
    assert md("<h1>Top</h1><p>One.</p><h3>Sub</h3><p>Two.</p>") == "## Top\n\nOne.\n\n### Sub\n\nTwo.\n"
    assert md("<h2>  spread \n over   lines </h2>") == "## spread over lines\n"


def test_inline_formatting_and_whitespace():
    assert md("<p>a <b>bold</b> and <i>it</i> <em> spaced </em>word</p>") == "a **bold** and *it* *spaced* word\n"
    assert md("<p>line<br>break</p>") == "line  \nbreak\n"
    assert md("<p>x <code>a_b</code></p>") == "x a\\_b\n"  # escaped text is never put in a code span


def test_lists_nested_and_ordered():
    out = md("<ul><li>one</li><li>two<ol start='3'><li>three</li><li>four</li></ol></li></ul>")
    assert out == "- one\n- two\n    3. three\n    4. four\n"
    rendered = _site_markdown().convert(out)
    assert rendered.count("<li>") == 4 and "<ol>" in rendered


def test_line_breaks_end_no_paragraph():
    assert md("<div>One<br>two<br><br>Three<br></div>") == "One  \ntwo\n\nThree\n"


def test_tracking_pixels_are_not_images():
    assert md('<p>Text <img src="/t.gif" width="1" height="1"> <img src="/a.jpg" width="600"></p>') == (
        "Text\n\n![](https://news.example.com/a.jpg)\n"
    )


def test_blockquote_and_rule():
    assert md("<blockquote><p>Said.</p><p>Again.</p></blockquote><hr>") == "> Said.\n>\n> Again.\n\n* * *\n"


def test_table_with_header_and_escaped_pipes():
    out = md("<table><tr><th>a|b</th><th>c</th></tr><tr><td>1</td><td><i>2</i></td></tr></table>")
    assert out == "| a\\|b | c |\n| --- | --- |\n| 1 | *2* |\n"
    assert "<table>" in _site_markdown().convert(out)


def test_layout_table_becomes_paragraphs():
    assert md("<table><tr><td><p>Only cell text.</p></td></tr></table>") == "Only cell text.\n"


def test_links_absolute_and_safe():
    assert md('<p><a href="../other.html">rel</a></p>') == "[rel](https://news.example.com/world/other.html)\n"
    assert md('<p><a href="javascript:alert(1)">js</a> <a href="#top">anchor</a></p>') == "js anchor\n"
    assert md('<p><a href="https://e.com/a b(c)">x</a></p>') == "[x](https://e.com/a%20b%28c%29)\n"
    assert safe_url("data:text/html,x", BASE) is None
    assert safe_url("//cdn.example.com/a.jpg", BASE) == "https://cdn.example.com/a.jpg"


def test_images_with_alt_lazy_sources_and_no_data_uris():
    assert md('<p><img src="/a.jpg" alt="A *cat*"></p>') == "![A \\*cat\\*](https://news.example.com/a.jpg)\n"
    assert (
        md('<img src="data:image/gif;base64,R0l" data-src="/real.jpg">') == "![](https://news.example.com/real.jpg)\n"
    )
    assert md('<img src="data:image/gif;base64,R0l">') == ""


def test_figure_keeps_caption_and_credit_apart():
    out = md(
        '<figure><img src="/p.jpg" alt="Crowd"><figcaption>Protest in Hamburg. Photo: Jane Roe/AP</figcaption></figure>'
    )
    assert out == (
        '<figure markdown="span">\n![Crowd](https://news.example.com/p.jpg)\n'
        '<figcaption markdown="span">Protest in Hamburg. <span class="morgue-credit">Jane Roe/AP</span></figcaption>\n'
        "</figure>\n"
    )
    rendered = _site_markdown().convert(out)
    assert "<figure>" in rendered and "<figcaption>" in rendered and '<img alt="Crowd"' in rendered


def test_scripts_forms_and_hidden_elements_are_dropped():
    out = md("<p>keep</p><script>bad()</script><form><p>field</p></form><p hidden>no</p><nav>menu</nav>")
    assert out == "keep\n"


@pytest.mark.parametrize(
    "text",
    [
        "# not a heading",
        "<script>alert(1)</script>",
        "{: onclick=alert(1) }",
        '--8<-- "mkdocs.yml"',
        "[x](javascript:alert(1))",
        "1. not a list",
        "| a | b |",
    ],
)
def test_scraped_text_never_becomes_markup(text):
    fragment = "<p>" + text.replace("&", "&amp;").replace("<", "&lt;") + "</p>"
    rendered = _site_markdown().convert(md(fragment))
    assert html.unescape(re.sub(r"<p>|</p>", "", rendered)) == text


def test_trafilatura_vocabulary():
    tree = lxml.etree.fromstring(
        '<body><head rend="h3">Sub</head><p>A <hi rend="#b">b</hi> <ref target="/x">link</ref></p>'
        '<list rend="ol"><item>one</item><item>two</item></list><quote><p>q</p></quote>'
        '<graphic src="https://e.com/i.jpg" alt="i"/><table><row><cell>h</cell><cell>k</cell></row>'
        "<row><cell>1</cell><cell>2</cell></row></table></body>"
    )
    out = MarkdownConverter(BASE).convert(tree)
    assert out == (
        "### Sub\n\nA **b** [link](https://news.example.com/x)\n\n1. one\n2. two\n\n> q\n\n"
        "![i](https://e.com/i.jpg)\n\n| h | k |\n| --- | --- |\n| 1 | 2 |\n"
    )


def test_deep_nesting_has_no_recursion_and_bounded_time():
    depth = 20_000  # far past Python's recursion limit; lxml's SubElement makes deeper trees slow to build
    root = lxml.etree.Element("div")
    node = root
    for _ in range(depth):  # built directly: libxml2's parser would stop at 256 levels
        node = lxml.etree.SubElement(node, "div")
    node.text = "bottom"
    start = time.process_time()
    assert MarkdownConverter().convert(root) == "bottom\n"
    assert time.process_time() - start < 10


def test_deeply_nested_tables_do_not_recurse():
    root = lxml.etree.Element("div")
    node = root
    for _ in range(3000):
        node = lxml.etree.SubElement(lxml.etree.SubElement(lxml.etree.SubElement(node, "table"), "tr"), "td")
    node.text = "inner"
    assert "inner" in MarkdownConverter().convert(root)
