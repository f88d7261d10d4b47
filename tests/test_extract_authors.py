"""Authors from small pages written for the case (not copied from the corpus): how the signals
a page carries (JSON-LD, ``<meta>``, visible bylines) are reconciled into the people credited."""

from __future__ import annotations

import json

from morgue.extract.bylines import clean_name, split_names
from morgue.extract.html import parse
from morgue.extract.metadata import Signals

BODY = "<p>" + "The council met on Tuesday and voted on the harbour plan after a long debate. " * 4 + "</p>"


def _authors(head: str, byline: str, ld: dict | None = None) -> list[str]:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    html = (
        f"<html><head><title>Harbour plan approved</title>{head}{script}</head><body><article>"
        f"<h1>Harbour plan approved</h1>{byline}{BODY}</article></body></html>"
    )
    meta = Signals(parse(html), "https://news.example/2024/05/harbour").read()
    return meta.authors or meta.organisations[:1]


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
