"""The main-content finder (:mod:`morgue.extract.content`) on small pages built for one rule each.

Real pages pinned against the corpus truth are in ``test_html_pages.py``; these show the rules
one at a time: sections summed, furniture adding nothing, comment threads never chosen, teaser
cards, unlucky class names, hidden text, pages without running text, and no recursion.
"""

from __future__ import annotations

import time

from lxml import etree

from morgue.extract import content
from morgue.extract.html import parse
from morgue.extract.metadata import text_of

SENTENCE = "The council voted on Tuesday to rebuild the old bridge, a project that has waited for years."


def paragraphs(n: int, word: str = "Bridge") -> str:
    return "".join(f"<p>{word} {i}. {SENTENCE}</p>" for i in range(n))


def chosen(html: str) -> etree._Element:
    page = parse(html).find("body")
    scores = content.score(page)
    node = content.best(page, scores)
    content.clean(node, scores)
    return node


def test_an_article_in_sections_is_found_whole():
    node = chosen(
        "<body><nav>" + "".join(f"<a href='/s{i}'>Section {i}</a>" for i in range(30)) + "</nav>"
        f"<article><h1>Title</h1><div class='chunk'>{paragraphs(3, 'First')}</div>"
        f"<div class='ad-slot'></div><div class='chunk'>{paragraphs(3, 'Second')}</div></article></body>"
    )
    text = text_of(node)
    assert "First 2." in text and "Second 2." in text and "Section" not in text


def test_a_comment_thread_longer_than_the_article_is_never_chosen():
    comments = "".join(f"<li class='comment'>{paragraphs(2, 'Reader')}</li>" for i in range(10))
    node = chosen(
        f"<body><div class='wrap'><article><h1>T</h1>{paragraphs(4)}</article>"
        f"<section id='comments'><ol class='commentlist'>{comments}</ol></section></div></body>"
    )
    assert "Bridge 3." in text_of(node) and "Reader" not in text_of(node)


def test_a_login_pop_up_with_its_own_headline_is_never_chosen():
    node = chosen(
        "<body><article class='registration-modal'><h1>Sign in</h1>"
        f"<p>{SENTENCE} {SENTENCE} {SENTENCE}</p></article><div class='video'><h2>Clip</h2>"
        "<p>New York is the centre of the pandemic. Sport has stopped.</p></div></body>"
    )
    assert "Sign in" not in text_of(node)


def test_teaser_cards_add_nothing():
    cards = "".join(
        f"<div class='card'><a href='/story{i}'><h3>Other story {i}</h3></a><p>{SENTENCE} {SENTENCE}</p></div>"
        for i in range(8)
    )
    node = chosen(f"<body><main><div class='story'>{paragraphs(3)}</div><div class='more'>{cards}</div></main></body>")
    assert "Bridge 2." in text_of(node) and "Other story" not in text_of(node)


def test_summaries_inside_links_are_link_text():
    cards = "".join(f"<a href='/s{i}'><h4>Headline {i}</h4><p>{SENTENCE}</p></a>" for i in range(10))
    node = chosen(f"<body><div class='list'>{cards}</div><div class='text'>{paragraphs(3)}</div></body>")
    assert "Headline" not in text_of(node) and "Bridge 2." in text_of(node)


def test_furniture_names_on_a_column_of_running_text_are_unlucky():
    node = chosen(
        f"<body><div class='entry themeform share'><div class='entry-inner'>{paragraphs(5)}</div></div>"
        "<div class='sidebar'><p>About this blog, a short note that is long enough to count.</p></div></body>"
    )
    assert "Bridge 4." in text_of(node) and "About this blog" not in text_of(node)


def test_an_embedded_post_is_not_a_share_bar():
    node = chosen(
        f"<body><article><h1>T</h1>{paragraphs(2)}<div class='social-media-embed'>"
        "<blockquote class='twitter-tweet'><p>Meth. We are on it, says the campaign.</p>&mdash; A reader</blockquote>"
        f"</div>{paragraphs(2, 'Last')}<div class='social-share'><a href='/t'>Tweet</a></div></article></body>"
    )
    assert "We are on it" in text_of(node) and "Tweet" not in text_of(node)


def test_furniture_inside_the_article_is_dropped():
    node = chosen(
        f"<body><article><h1>T</h1>{paragraphs(2)}<div class='share-bar'><a href='/f'>Facebook</a></div>"
        f"<aside><p>{SENTENCE}</p></aside><div class='newsletter-signup'>Sign up for our daily email.</div>"
        f"{paragraphs(2, 'Last')}</article></body>"
    )
    text = text_of(node)
    assert "Facebook" not in text and "Sign up" not in text and text.count("council") == 4


def test_hidden_text_is_dropped_but_a_paywall_keeps_the_article():
    node = chosen(
        f"<body><article><h1>T</h1><div style='display:none'><p>{SENTENCE} hidden metadata</p></div>"
        f"<p>Lead. {SENTENCE}</p><div class='paywall' hidden>{paragraphs(5)}</div></article></body>"
    )
    text = text_of(node)
    assert "hidden metadata" not in text and "Lead." in text and "Bridge 4." in text


def test_no_javascript_fallbacks_add_nothing():
    fallback = f"<noscript>{SENTENCE} Please enable JavaScript to see this advertisement.</noscript>"
    node = chosen(
        f"<body><div id='page'><div class='story'>{paragraphs(3)}</div><div class='rail'>{fallback * 6}</div>"
        "<p>A short line.</p></div></body>"
    )
    assert node.get("class") == "story"


def test_a_page_that_appends_the_next_story_gives_its_own():
    page = parse(
        f"<body><main><article><h1>Bridge vote</h1>{paragraphs(3)}</article>"
        f"<article><h1>Next story</h1>{paragraphs(5, 'Harbour')}</article></main></body>"
    ).find("body")
    scores = content.score(page)
    node = content.best(page, scores)
    assert "Harbour" in text_of(node)  # both stories score: the main element holds them
    assert "Harbour" not in text_of(content.one_story(node, scores, "Bridge vote"))
    assert "Bridge" not in text_of(content.one_story(node, scores, "Next story"))


def test_a_paragraph_is_never_the_article_alone():
    places = "".join(f"<p><a href='/p{i}'>Town {i}</a>, <a href='/q{i}'>Village {i}</a></p>" for i in range(6))
    node = chosen(f"<body><main><div class='story'><p>{SENTENCE} {SENTENCE}</p>{places}</div></main></body>")
    assert node.get("class") == "story"


def test_a_page_without_running_text_is_read_from_its_article():
    node = chosen("<body><nav><a href='/'>Home</a></nav><article><h1>T</h1><p>Short line.</p></article></body>")
    assert node.tag == "article"


def test_deep_nesting_has_no_recursion():
    root = etree.Element("body")
    node = root
    for _ in range(20_000):  # far past Python's recursion limit (the parser stops at 256 levels)
        node = etree.SubElement(node, "div")
    node.text = SENTENCE
    start = time.process_time()
    scores = content.score(root)
    assert text_of(content.best(root, scores)) == SENTENCE
    assert time.process_time() - start < 10
