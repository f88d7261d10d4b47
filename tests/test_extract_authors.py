"""Authors from small pages written for the case (not copied from the corpus): how the signals
a page carries (JSON-LD, ``<meta>``, visible bylines) are reconciled into the people credited."""

from __future__ import annotations

import json

from morgue.extract.bylines import byline_names, clean_name, name_of_initials, signed_names, split_names
from morgue.extract.html import extract_html, parse
from morgue.extract.metadata import Signals
from morgue.extract.textof import lines_of, text_of

BODY = "<p>" + "The council met on Tuesday and voted on the harbour plan after a long debate. " * 4 + "</p>"


def _authors(head: str, byline: str, ld: dict | None = None) -> list[str]:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    html = (
        f"<html><head><title>Harbour plan approved</title>{head}{script}</head><body><article>"
        f"<h1>Harbour plan approved</h1>{byline}{BODY}</article></body></html>"
    )
    meta = Signals(parse(html), "https://news.example/2024/05/harbour").read()
    return meta.authors or meta.organisations


def _article(author) -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Harbour plan approved",
        "author": author,
    }


def test_visible_byline_completes_declared_authors():
    ld = _article({"@type": "Person", "name": "Mara Quint"})
    byline = '<p class="byline">By Mara Quint and Oskar Lind</p>'
    assert _authors("", byline, ld) == ["Mara Quint", "Oskar Lind"]


def test_byline_roles_are_not_added_as_people():
    ld = _article({"@type": "Person", "name": "Mara Quint"})
    byline = '<p class="byline">Mara Quint, Senior Staff Technologist</p>'
    assert _authors("", byline, ld) == ["Mara Quint"]


def test_first_name_completed_by_the_byline_under_the_headline():
    ld = _article({"@type": "Person", "name": "Mara"})
    byline = "<div><strong>By</strong></div><div><p>Mara Quint</p></div>"
    assert _authors("", byline, ld) == ["Mara Quint"]


def test_login_completed_by_the_visible_name():
    head = '<meta name="author" content="oskar_lindqvist">'
    byline = "<p>Von Oskar Lindqvíst</p>"
    assert _authors(head, byline) == ["Oskar Lindqvíst"]


def test_login_kept_when_nothing_completes_it():
    assert _authors('<meta name="author" content="oskar_lindqvist">', "") == ["oskar_lindqvist"]


def test_several_names_in_one_author_meta():
    assert _authors('<meta name="author" content="Mara Quint,Oskar Lind">', "") == ["Mara Quint", "Oskar Lind"]


def test_pen_names_and_roles():
    assert clean_name("Quirky Reporter", whole=True) == "Quirky Reporter"  # a pen name, the whole byline
    assert clean_name("Quirky Reporter") == "Quirky"
    assert split_names("Mara Quint, Games Editor") == ["Mara Quint"]
    assert split_names("Byby MARA QUINT and OSKAR LIND") == ["MARA QUINT", "OSKAR LIND"]


def test_organisations_credited_together_when_no_person_is_named():
    ld = _article({"@type": "Person", "name": "Harbour Courier et AFP"})
    assert _authors('<meta property="og:site_name" content="Harbour Courier">', "", ld) == ["Harbour Courier", "AFP"]


def test_login_named_by_the_signature_at_the_end():
    ld = _article({"@type": "Person", "name": "oskar.lindqvist"})
    byline = "<p>Reported for the Courier. (Oskar M. Lindqvist)</p>"
    assert _authors("", byline, ld) == ["Oskar M. Lindqvist"]


def test_one_byline_block_per_author():
    byline = (
        '<div class="bylines"><div class="byline"><address><a rel="author" href="/p/mara">Mara Quint</a></address></div>'
        '<div class="byline"><address><a rel="author" href="/p/oskar">Oskar Lind</a></address></div></div>'
    )
    assert _authors("", byline) == ["Mara Quint", "Oskar Lind"]


def test_translator_block_is_not_an_author():
    byline = (
        '<div class="post-authors"><div class="post-author"><span class="name">Von: Mara Quint</span></div>'
        '<div class="post-author"><span class="name">Übersetzt von: <a class="author" href="/team/oskar-lind/">'
        "Oskar Lind</a></span></div></div>"
    )
    assert _authors("", byline) == ["Mara Quint"]


def test_section_link_beside_the_author_is_not_a_name():
    byline = (
        '<div class="meta"><span class="byline-item"><a href="/author/mara/">Mara</a></span> '
        '<span class="byline-item"><a href="/category/harbour/">Harbour</a></span></div>'
    )
    assert _authors("", byline) == ["Mara"]


def test_text_follows_document_order_through_nested_inline_elements():
    el = parse('<div>Author: <a href="/u/7"><b>Mara_Q</b></a> am 29.12.2010<script>x()</script>, 13:36 Uhr</div>')
    div = next(el.iter("div"))
    assert text_of(div) == "Author: Mara_Q am 29.12.2010, 13:36 Uhr"
    nested = next(parse("<div><div><p>One</p></div>\nTwo<p>Three <!-- note --> four</p></div>").iter("div"))
    assert lines_of(nested) == ["One", "Two", "Three four"]


def test_a_handle_alone_in_a_dated_byline():
    byline = '<div class="post-author">Author: <a href="/u/7"><b>Mara_Q</b></a> am 29.12.2010, 13:36 Uhr</div>'
    assert _authors("", byline) == ["Mara_Q"]
    byline = '<div class="group-author">Von <a href="/team/mq">Mara.Quint</a> am Samstag, 19. Oktober 2019 um 11:14 Uhr</div>'
    assert _authors("", byline) == ["Mara.Quint"]


def test_organisation_declared_twice_is_the_byline():
    ld = _article({"@type": "Organization", "name": "Harbour Courier"})
    head = '<meta name="author" content="Harbour Courier">'
    byline = '<p class="byline">Foto: <span class="author">Lena Stein</span></p>'
    assert _authors(head, byline, ld) == ["Harbour Courier"]


def test_person_shown_when_the_organisation_is_declared_once():
    ld = _article({"@type": "Organization", "name": "Harbour Courier"})
    assert _authors("", '<p class="byline">By Lena Stein</p>', ld) == ["Lena Stein"]


def test_dateline_ending_in_the_author_above_the_headline():
    html = (
        "<html><head><title>Harbour plan approved</title></head><body><div>"
        "<small>04.02.2022 | 13:10 Uhr | Lena Stein</small><h1>Harbour plan approved</h1>"
        + BODY
        + "</div></body></html>"
    )
    assert Signals(parse(html), None).read().authors == ["Lena Stein"]


def test_dateline_shapes():
    assert byline_names("May 3, 2021 by Jane Doe") == ["Jane Doe"]
    assert byline_names("3. Mai 2022 · Lena Stein und Max Roe") == ["Lena Stein", "Max Roe"]
    assert byline_names("12.05.2023 | Politik") is None
    assert byline_names("2022-01-02 - Berlin") is None


def test_organisation_named_for_its_purpose_stays_whole():
    assert split_names("Society for Harbour Studies") == ["Society for Harbour Studies"]
    assert split_names("Lena Stein for the Courier") == ["Lena Stein"]
    head = '<meta name="author" content="Foundation for Harbour Studies">'
    assert _authors(head, '<p class="byline"><a href="/users/lena_s">lena_s</a></p>') == ["lena_s"]


def test_declared_editor_yields_to_the_byline():
    ld = _article({"@type": "Person", "name": "Oskar Lind"})
    byline = (
        '<div class="info"><div class="author-name">Lena Stein</div></div>'
        + BODY
        + '<div class="info-author">Editor : <a class="author" href="/author/12/oskar-lind">Oskar Lind</a></div>'
    )
    assert _authors("", byline, ld) == ["Lena Stein"]
    assert _authors("", '<div class="author-name">Lena Stein</div>', ld) == ["Oskar Lind"]


def test_less_common_author_meta_names():
    for name in ("articleAuthor", "article:author_name", "og:author"):
        assert _authors(f'<meta name="{name}" content="Lena Stein">', "") == ["Lena Stein"]


def test_initials_completed_from_the_profile_url():
    byline = '<p class="byline">Posted by <a rel="author" href="https://blog.example/author/linastein/">LS</a></p>'
    assert _authors("", byline) == ["Lina Stein"]
    assert name_of_initials("LS", "/autor/lina-stein/") == "Lina Stein"
    assert name_of_initials("LMS", "/author/lina-maria-stein") == "Lina Maria Stein"
    assert name_of_initials("LS", "/author/lisasimmons/") is None  # two places to cut: no guess
    assert name_of_initials("LS", "/author/oskar-lind/") is None
    byline = '<p class="byline">Posted by <a rel="author" href="/author/harbourdesk/">LS</a></p>'
    assert _authors("", byline) == ["LS"]


def _converted_authors(body: str) -> list[str]:
    html = f"<html><head><title>Harbour plan</title></head><body><article><h1>Harbour plan</h1>{BODY}{body}</article></body></html>"
    return list(extract_html(html, "https://news.example/2024/05/harbour").article.authors)


def test_signature_ending_the_article():
    assert _converted_authors("<p><b>Von:</b></p><p>Lena Stein</p>") == ["Lena Stein"]
    assert _converted_authors("<p>Autor: <a href='/about'>Oskar Lind</a></p>") == ["Oskar Lind"]
    assert _converted_authors("<p>— Lena Stein</p>") == ["Lena Stein"]
    assert _converted_authors("<ul><li>Weitere Informationen</li><li>Neue Wege</li></ul>") == []
    assert _converted_authors("<p>Von Montag bis Freitag geöffnet.</p>") == []
    assert signed_names("Text.\n\n*Text: Lena Stein*\n") == ["Lena Stein"]


def test_signature_only_when_no_one_else_is_named():
    html = (
        "<html><head><title>Harbour plan</title><meta name='author' content='Oskar Lind'></head><body>"
        f"<article><h1>Harbour plan</h1>{BODY}<p>— Lena Stein</p></article></body></html>"
    )
    assert extract_html(html, "https://news.example/a").article.authors == ("Oskar Lind",)


def test_other_credits_after_the_byline_are_not_authors():
    assert byline_names("Text von Lena Stein   Illustration von Oskar Lind") == ["Lena Stein"]
    assert byline_names("By Lena Stein. Photos by Oskar Lind") == ["Lena Stein"]


def test_byline_under_an_h2_headline_when_there_is_no_h1():
    html = (
        "<html><head><title>Harbour plan approved | Blog</title></head><body><div><h2>Harbour plan approved</h2>"
        f"<p><em>Text von Lena Stein   Illustration von Oskar Lind</em></p>{BODY}</div></body></html>"
    )
    assert Signals(parse(html), "https://blog.example/harbour").read().authors == ["Lena Stein"]
