"""The body pipeline's line rules (:func:`morgue.extract.body.drop_lines`) on small articles."""

from __future__ import annotations

from morgue.extract.body import drop_lines
from morgue.extract.html import parse
from morgue.extract.metadata import text_of

SENTENCE = "The council voted on Tuesday to rebuild the old bridge, a project that has waited for years."


def lines(html: str, shown=("Bridge vote", "The council voted to rebuild the bridge.")) -> str:
    node = parse(html).find(".//article")
    drop_lines(node, "https://news.example.com/bridge", shown)
    return text_of(node)


def test_the_title_and_a_standfirst_set_apart_are_not_repeated():
    text = lines(
        "<article><h2>Bridge vote</h2><p class='dek'>The council voted to rebuild the bridge.</p>"
        f"<div class='text'><p>{SENTENCE}</p><p>{SENTENCE}</p></div></article>"
    )
    assert text == f"{SENTENCE} {SENTENCE}"


def test_a_first_paragraph_the_page_repeats_as_its_description_is_kept():
    text = lines(f"<article><p>The council voted to rebuild the bridge.</p><p>{SENTENCE}</p></article>")
    assert text.startswith("The council voted to rebuild the bridge.")


def test_a_one_paragraph_story_that_is_its_own_description_is_kept():
    assert lines("<article><p>The council voted to rebuild the bridge.</p></article>") != ""


def test_teasers_boilerplate_and_link_lines_go():
    text = lines(
        f"<article><p>{SENTENCE}</p><p><a href='/x'>Council approves budget for next year</a></p>"
        "<p>Share this article</p><h3>Related stories</h3><ul><li><a href='/a'>Old bridge closes</a></li></ul>"
        "<p>Sign up for our daily newsletter in your inbox.</p><p>Sign up for our<b>Newsletter</b>.</p>"
        "<p>Tags: bridge, council, roads</p></article>"
    )
    assert text == SENTENCE


def test_a_read_more_button_above_the_rest_of_the_story_keeps_it():
    rest = "".join(f"<p>{SENTENCE} {SENTENCE}</p>" for _ in range(12))
    text = lines(f"<article><p>{SENTENCE}</p><div>Read more</div><div class='rest'>{rest}</div></article>")
    assert text.count("council") == 25
