"""The archive's generated pages, feeds and search index, from real `mkdocs build --strict` runs."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import lxml.html
import pytest

from tests.conftest import make_site_project, mkdocs_build

pytestmark = pytest.mark.slow

SITE_URL = "https://archive.example.org/"
AUTHORS = """authors:
  jane-roe:
    name: Jane Roe
    description: Jane covers courts & crime.
    contact: ['@janeroe', jane@example.org, 'https://example.org/jane']
  evil:
    name: Evil
    url: 'javascript:alert(1)'
    avatar: 'javascript:alert(2)'
"""

ARTICLES = {
    "2021/03/court.md": (
        "title: Court rules on the harbour bridge\ndate: 2021-03-04\nauthors: [Jane Roe]\n"
        "tags: [Courts, Harbour]\nimage: {src: 'https://img.example.org/a.jpg', credit: Ann Photo/Reuters}\n",
        "The court ruled on Tuesday that the bridge may be built.",
    ),
    "2021/03/council.md": (
        "title: Council votes on budget\ndate: 2021-03-20T09:30:00+01:00\nauthors: [Jane Roe, Max Mustermann]\n"
        "tags: [Politics]\nimage: {credit: Ann Photo/Reuters}\n",
        "The council voted on the budget after a long debate.",
    ),
    "2019/11/harbour.md": (
        "title: Harbour reopens\ndate: 2019-11-02\nauthors: ['<img src=x onerror=alert(1)>']\ntags: ['<b>x</b>', Harbour]\n"
        "image: {credit: '<script>alert(1)</script>'}\nlanguage: en\n",
        "Ships returned to the harbour.",
    ),
    "undated/memo.md": ("title: An undated memo\nauthors: [Evil]\n", "Nobody knows when this was written."),
    "2020/01/zh.md": (
        "title: 港口重新开放\ndate: 2020-01-15\nauthors: [王伟]\nlanguage: zh\ntags: [港口]\n",
        "记者报道，港口今天重新开放，船只陆续返回。",
    ),
}


def _write_archive(project, plugin_options: str | None = None):
    content = project / "content"
    (content / ".authors.yml").write_text(AUTHORS, encoding="utf-8")
    for rel, (meta, body) in ARTICLES.items():
        path = content / "articles" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{meta}---\n\n{body}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace("site_url: !ENV [SITE_URL, null]", f"site_url: {SITE_URL}")
    if plugin_options:
        text = text.replace("  - morgue\n", f"  - morgue: {plugin_options}\n", 1)
    config.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = make_site_project(tmp_path_factory.mktemp("pages"))
    _write_archive(project, "{per_page: 2, search_part_size: 3}")
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    return project / "site"


def _css(tree, selector):
    """The few CSS selectors these tests use (``.a``, ``.a b``, ``tag``, ``#id``, ``[attr]``,
    ``b[attr=v]``), as XPath: lxml's cssselect needs an extra package."""
    path = ""
    for part in selector.split():
        m = re.fullmatch(r"([a-z0-9]*)(?:\.([\w-]+))?(?:#([\w-]+))?(?:\[([\w-]+)(?:=([\w-]+))?\])?", part)
        tag, cls, ident, attr, value = m.groups()
        cond = []
        if cls:
            cond.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')")
        if ident:
            cond.append(f"@id='{ident}'")
        if attr:
            cond.append(f"@{attr}='{value}'" if value else f"@{attr}")
        path += "//" + (tag or "*") + "".join(f"[{c}]" for c in cond)
    return tree.xpath(path)


def _page(site, rel):
    return lxml.html.fromstring((site / rel / "index.html").read_text(encoding="utf-8"))


def _links(tree, selector):
    return [a.text_content().strip() for a in _css(tree, selector)]


def test_home_lists_latest_articles_paginated(built):
    home = _page(built, "")
    assert _links(home, ".morgue-card__title") == ["Court rules on the harbour bridge", "Council votes on budget"][::-1]
    assert _css(home, ".morgue-pagination a[rel=next]")[0].get("href") == "page/2/"
    last = _page(built, "page/3")
    assert _links(last, ".morgue-card__title") == ["An undated memo"]


def test_archive_by_year_month_and_undated(built):
    archive = _page(built, "archive")
    years = [h.text_content().split()[0] for h in _css(archive, ".morgue-year h2")]
    assert years == ["2021", "2020", "2019", "Undated"]
    march = _page(built, "archive/2021/03")
    assert _css(march, "h1")[0].text_content() == "March 2021"
    assert sorted(_links(march, ".morgue-card__title")) == [
        "Council votes on budget",
        "Court rules on the harbour bridge",
    ]
    assert _links(_page(built, "archive/2021"), ".morgue-groups a") == ["March 2021"]
    assert _links(_page(built, "archive/undated"), ".morgue-card__title") == ["An undated memo"]


def test_author_pages_with_profile_avatar_and_articles(built):
    index = _page(built, "authors")
    assert "Jane Roe" in _links(index, ".morgue-people__name")
    jane = _page(built, "authors/jane-roe")
    assert _css(jane, ".morgue-profile__bio")[0].text_content() == "Jane covers courts & crime."
    assert _css(jane, ".morgue-avatar--initials")[0].text_content() == "JR"
    hrefs = [a.get("href") for a in _css(jane, ".morgue-profile__contact a")]
    assert hrefs == ["mailto:jane@example.org", "https://example.org/jane"]
    assert sorted(_links(jane, ".morgue-card__title")) == [
        "Council votes on budget",
        "Court rules on the harbour bridge",
    ]
    # an author without a registry entry still gets a page; a co-author links to it
    assert _links(_page(built, "authors/max-mustermann"), ".morgue-card__title") == ["Council votes on budget"]
    evil = (built / "authors" / "evil" / "index.html").read_text(encoding="utf-8")
    assert "javascript:" not in evil


def test_tags_and_image_credits_ledger(built):
    tags = _page(built, "tags")
    assert {"Courts", "Harbour", "Politics", "港口"} <= set(_links(tags, ".morgue-groups a"))
    assert sorted(_links(_page(built, "tags/harbour"), ".morgue-card__title")) == [
        "Court rules on the harbour bridge",
        "Harbour reopens",
    ]
    credits = _page(built, "credits")
    assert "Ann Photo/Reuters" in _links(credits, ".morgue-groups a")
    ledger = _page(built, "credits/ann-photo-reuters")
    assert sorted(_links(ledger, ".morgue-card__title")) == [
        "Council votes on budget",
        "Court rules on the harbour bridge",
    ]


def test_article_header_links_authors_tags_and_credit(built):
    page = _page(built, "articles/2021/03/council")
    authors = _css(page, ".morgue-byline a")
    assert [(a.text_content(), a.get("href")) for a in authors] == [
        ("Jane Roe", "../../../../authors/jane-roe/"),
        ("Max Mustermann", "../../../../authors/max-mustermann/"),
    ]
    assert _css(page, ".morgue-tags a")[0].get("href") == "../../../../tags/politics/"
    assert _css(page, ".morgue-credit a")[0].get("href") == "../../../../credits/ann-photo-reuters/"
    assert _css(page, ".morgue-reading-time")[0].text_content() == "1 min read"
    filters = {(s.get("data-pagefind-filter"), s.text_content()) for s in _css(page, "[data-pagefind-filter]")}
    assert filters == {("author", "Jane Roe"), ("author", "Max Mustermann"), ("year", "2021"), ("tag", "Politics")}


def test_no_scraped_value_becomes_markup_on_any_page(built):
    for path in built.rglob("*.html"):
        tree = lxml.html.fromstring(path.read_text(encoding="utf-8"))
        for element in tree.iter():
            if not isinstance(element.tag, str):
                continue
            assert not [a for a in element.attrib if a.lower().startswith("on")], (path, lxml.html.tostring(element))
            assert not element.get("href", "").lower().startswith("javascript:"), path
            assert not element.get("src", "").lower().startswith("javascript:"), path
            assert element.tag != "img" or element.get("src") != "x", path
            if element.tag == "script":
                assert "alert" not in (element.text or ""), path


def test_feeds_atom_and_json(built):
    atom = ET.parse(built / "feed.xml").getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)]
    assert titles[:2] == ["Council votes on budget", "Court rules on the harbour bridge"]
    assert "An undated memo" not in titles
    first = atom.find("a:entry", ns)
    assert first.find("a:link", ns).get("href") == "https://archive.example.org/articles/2021/03/council/"
    assert "long debate" in first.findtext("a:content", namespaces=ns)
    feed = json.loads((built / "feed.json").read_text(encoding="utf-8"))
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    item = feed["items"][0]
    assert item["title"] == "Council votes on budget" and item["date_published"] == "2021-03-20T09:30:00+01:00"
    assert [a["name"] for a in item["authors"]] == ["Jane Roe", "Max Mustermann"]


def test_sitemap_404_and_search_index_in_parts(built):
    sitemap = (built / "sitemap.xml").read_text(encoding="utf-8")
    assert "/articles/2021/03/council/" in sitemap and "/authors/jane-roe/" in sitemap
    assert "Page not found" in (built / "404.html").read_text(encoding="utf-8")
    search = _page(built, "search")
    box = _css(search, "#morgue-search")[0]
    assert box.get("data-bundles").split() == ["../pagefind/", "../pagefind/2/"]  # 5 articles, 3 per part
    # the parts are date ranges, newest first: each names the day of its oldest dated article
    assert box.get("data-since").split() == ["2020-01-15", "2019-11-02"]
    for bundle in ("pagefind", "pagefind/2"):
        assert (built / bundle / "pagefind-entry.json").is_file()
    parts = {}
    for bundle in ("pagefind", "pagefind/2"):
        entry = json.loads((built / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        parts[bundle] = sum(language["page_count"] for language in entry["languages"].values())
    assert parts == {"pagefind": 3, "pagefind/2": 2}
    # every article carries the sort value the search page orders by (the undated sort last)
    council = _page(built, "articles/2021/03/council")
    assert [s.text for s in _css(council, "span[data-pagefind-sort]")] == ["2021-03-20T09:30:00+01:00"]
    memo = _page(built, "articles/undated/memo")
    assert [s.text for s in _css(memo, "span[data-pagefind-sort]")] == ["0"]
    assert not (built / "pagefind" / "pagefind-ui.js").exists()
    # no page but the search page loads search code
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "pagefind" not in home and "search_index" not in home


def test_compact_html_keeps_preformatted_text_and_line_breaks():
    from morgue.site.plugin import compact_html

    html = "<div>\n    <p>a\n\n   b</p>\n  <pre><code>x\n    y\n</code></pre>\n <textarea>\n  z</textarea>"
    assert compact_html(html) == "<div>\n<p>a\nb</p>\n<pre><code>x\n    y\n</code></pre>\n<textarea>\n  z</textarea>"
