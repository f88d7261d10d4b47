"""The built archive in a real headless Chromium."""

from __future__ import annotations

import re

import pytest

from tests.browser import browser_page, serve
from tests.conftest import ROOT, make_site_project, mkdocs_build, run_cli

pytestmark = pytest.mark.browser


@pytest.fixture
def seed_site(seed_inbox, tmp_path):
    project = make_site_project(tmp_path)
    assert run_cli("ingest", str(seed_inbox), "--content", str(project / "content")).exit_code == 0
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    return project / "site"


def test_article_page_shows_byline_date_credit_and_source(seed_site):
    with serve(seed_site) as base, browser_page() as (page, errors, blocked):
        page.goto(base + "articles/2015/09/cisco-looks-to-boost-china-operations-with-a-local-partner/")
        article = page.locator("article.morgue-article")
        assert article.locator("h1").inner_text() == "Cisco looks to boost China operations with a local partner"
        assert article.locator(".morgue-byline").inner_text() == "By Cate Cadell"
        assert article.locator("time.morgue-date").get_attribute("datetime") == "2015-09-24"
        assert article.locator(".morgue-credit").is_visible()
        assert "Ken Wolter" in article.locator(".morgue-credit").inner_text()
        link = article.locator(".morgue-source a")
        assert link.get_attribute("href").startswith("https://technode.com/2015/09/24/")
        body_text = page.locator("body").inner_text()
        for phrase in ("Leave a Reply", "Akismet", "Avatar photo"):
            assert phrase not in body_text
        assert errors == []
        assert blocked == []  # the page asks for nothing outside the site


@pytest.fixture(scope="module")
def example_site(tmp_path_factory):
    """The example inbox (English, German, Chinese, Korean pages) filed and built; the search
    index is split in parts of 3 articles so that searches go across merged parts."""
    project = make_site_project(tmp_path_factory.mktemp("example"))
    assert run_cli("ingest", str(ROOT / "examples" / "inbox"), "--content", str(project / "content")).exit_code == 0
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - morgue\n", "  - morgue: {search_part_size: 3}\n", 1))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    assert (project / "site" / "pagefind" / "2" / "pagefind-entry.json").is_file()
    return project / "site"


def _results(page):
    page.wait_for_selector(".morgue-search__result")
    return page.locator(".morgue-search__result > a").all_inner_texts()


def test_author_page_lists_the_authors_articles(example_site):
    with serve(example_site) as base, browser_page() as (page, errors, blocked):
        page.goto(base + "articles/2015/09/cisco-looks-to-boost-china-operations-with-a-local-partner/")
        page.locator(".morgue-byline a", has_text="Cate Cadell").click()
        page.wait_for_url("**/authors/cate-cadell/")
        assert page.locator("h1").inner_text() == "Cate Cadell"
        assert "tech writer" in page.locator(".morgue-profile__bio").inner_text()
        assert page.locator(".morgue-avatar").is_visible()
        titles = page.locator(".morgue-card__title").all_inner_texts()
        assert titles == ["Cisco looks to boost China operations with a local partner"]
        page.goto(base + "authors/")
        assert "Cate Cadell" in page.locator(".morgue-people__name").all_inner_texts()
        assert errors == [] and blocked == []


def test_search_finds_an_article_and_a_filter_narrows_it(example_site):
    with serve(example_site) as base, browser_page() as (page, errors, blocked):
        page.goto(base)
        page.fill("#morgue-q", "the")  # the header's search box opens the search page
        page.press("#morgue-q", "Enter")
        page.wait_for_url("**/search/?q=the")
        everything = _results(page)
        assert "Cisco looks to boost China operations with a local partner" in everything
        assert len(everything) >= 3  # found in both index parts
        cisco = page.locator(".morgue-search__result", has_text="Cisco looks to boost")
        assert cisco.locator(".morgue-search__about").inner_text() == "September 24, 2015 · Cate Cadell"
        assert not page.locator("#morgue-q").is_visible()  # the page's own box replaces the header's
        page.locator(".morgue-search__filters summary").click()
        page.wait_for_function("document.querySelector('select[data-filter=author]').options.length > 1")
        page.select_option("select[data-filter=author]", "Cate Cadell")
        page.wait_for_function("document.querySelectorAll('.morgue-search__result').length === 1")
        assert _results(page) == ["Cisco looks to boost China operations with a local partner"]
        assert "author=Cate+Cadell" in page.url
        page.select_option("select[data-filter=author]", "")
        page.select_option("select[data-filter=year]", "2025")
        page.wait_for_function("document.querySelectorAll('.morgue-search__result').length === 1")
        assert _results(page) == ["Two arrested after Just Stop Oil protest at Sigourney Weaver West End play"]
        assert errors == [] and blocked == []


HARBOUR = {  # (folder, date) -> body: five articles that all match "harbour"
    ("2024/06", "2024-06-01"): "The harbour opened a new ferry pier.",
    ("2023/05", "2023-05-01"): "Fishermen at the harbour protested the new quota. The harbour master listened.",
    ("2022/04", "2022-04-01"): "A storm closed the harbour for two days.",
    ("2021/03", "2021-03-01"): "The harbour, the harbour, the harbour: the council debated little else.",
    ("undated", None): "Old photographs of the harbour were found in the attic.",
}


@pytest.fixture(scope="module")
def harbour_site(tmp_path_factory):
    """Five dated articles in index parts of two, two search results at a time."""
    project = make_site_project(tmp_path_factory.mktemp("harbour"))
    for (folder, date), body in HARBOUR.items():
        path = project / "content" / "articles" / folder / "harbour.md"
        path.parent.mkdir(parents=True)
        when = f"date: {date}\n" if date else ""
        path.write_text(f"---\ntitle: Harbour {date or 'undated'}\n{when}---\n\n{body}\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    options = "{search_part_size: 2, search_per_page: 2}"
    config.write_text(config.read_text().replace("  - morgue\n", f"  - morgue: {options}\n", 1))
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    return project / "site"


def _parts_fetched(requested):
    """Which index parts the page fetched files of: 1 (site/pagefind/), 2 (site/pagefind/2/), ..."""
    out = set()
    for url in requested:
        m = re.search(r"/pagefind/(?:(\d+)/)?[^/]+\.pf_(?:meta|index|fragment|filter)$", url)
        if m:
            out.add(int(m.group(1) or 1))
    return out


def _wait_for_results(page, count):
    page.wait_for_function(f"document.querySelectorAll('.morgue-search__result').length === {count}")
    return page.locator(".morgue-search__result > a").all_inner_texts()


def test_newest_first_searches_older_parts_only_when_asked(harbour_site):
    requested: list[str] = []
    with serve(harbour_site) as base, browser_page() as (page, errors, blocked):
        page.on("request", lambda r: requested.append(r.url))
        page.goto(base + "search/?q=harbour")
        assert _wait_for_results(page, 2) == ["Harbour 2024-06-01", "Harbour 2023-05-01"]
        status = page.locator(".morgue-search__status")
        assert "since May 2023" in status.inner_text()
        assert _parts_fetched(requested) == {1}  # the newest part only
        page.click(".morgue-search__more")
        assert _wait_for_results(page, 4)[2:] == ["Harbour 2022-04-01", "Harbour 2021-03-01"]
        assert _parts_fetched(requested) == {1, 2}
        page.click(".morgue-search__more")
        assert _wait_for_results(page, 5)[4] == "Harbour undated"  # the undated come last
        page.wait_for_function("document.querySelector('.morgue-search__more').hidden")
        assert status.inner_text() == "5 articles found."
        assert _parts_fetched(requested) == {1, 2, 3}
        # a new query starts again from the newest part; every word must match, also in parts
        # that lack one of them (Pagefind alone would match the others there)
        page.fill(".morgue-search__input", "harbour storm")
        page.press(".morgue-search__input", "Enter")
        page.wait_for_function("document.querySelector('.morgue-search__status').textContent.includes('found')")
        assert _wait_for_results(page, 1) == ["Harbour 2022-04-01"]
        assert status.inner_text() == "1 article found."
        # a word that no article holds is left out, as a single index would
        page.fill(".morgue-search__input", "harbour xyzzy")
        page.press(".morgue-search__input", "Enter")
        assert _wait_for_results(page, 2) == ["Harbour 2024-06-01", "Harbour 2023-05-01"]
        # best match: every part at once, ranked by relevance
        page.select_option("select[data-sort]", "relevance")
        page.fill(".morgue-search__input", "harbour")
        page.press(".morgue-search__input", "Enter")
        _wait_for_results(page, 2)
        assert "sort=relevance" in page.url
        assert page.locator(".morgue-search__status").inner_text() == "5 articles found."
        page.click(".morgue-search__more")
        _wait_for_results(page, 4)
        page.click(".morgue-search__more")
        best = _wait_for_results(page, 5)
        assert sorted(best) == sorted(f"Harbour {date or 'undated'}" for _, date in HARBOUR)
        page.fill(".morgue-search__input", "harbour storm")
        page.press(".morgue-search__input", "Enter")
        page.wait_for_function("document.querySelector('.morgue-search__status').textContent.includes('found')")
        assert _wait_for_results(page, 1) == ["Harbour 2022-04-01"]
        page.fill(".morgue-search__input", "protested quota harbour")
        page.press(".morgue-search__input", "Enter")
        page.wait_for_function("document.querySelector('.morgue-search__status').textContent.includes('found')")
        assert _results(page)[0] == "Harbour 2023-05-01"  # the one article with every word, not the newest
        assert errors == [] and blocked == []


def test_chinese_query_finds_the_chinese_article(example_site):
    with serve(example_site) as base, browser_page() as (page, errors, blocked):
        page.goto(base + "search/?q=" + "临床用药")
        results = _results(page)
        assert results == ["短缺药品保供稳价 全力保障临床用药需求"]
        assert page.locator(".morgue-search__excerpt mark").first.inner_text()
        page.fill(".morgue-search__input", "药品")
        page.press(".morgue-search__input", "Enter")
        page.wait_for_function("document.querySelector('.morgue-search__status').textContent.includes('found')")
        assert "短缺药品保供稳价 全力保障临床用药需求" in _results(page)
        assert errors == [] and blocked == []


def test_listing_pages_load_without_errors_or_search_downloads(example_site):
    requested: list[str] = []
    with serve(example_site) as base, browser_page() as (page, errors, blocked):
        page.on("request", lambda r: requested.append(r.url))
        for path in ("", "archive/", "archive/2015/09/", "tags/", "credits/", "credits/ken-wolter/", "404.html"):
            page.goto(base + path)
            assert page.locator("h1").first.is_visible()
        assert errors == [] and blocked == []
        assert not [url for url in requested if "pagefind" in url or "search_index" in url]
