"""The built archive in a real headless Chromium."""

from __future__ import annotations

import pytest

from tests.browser import browser_page, serve
from tests.conftest import make_site_project, mkdocs_build, run_cli

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
