"""Real `mkdocs build --strict` runs of small archives, and how the search index is split."""

from __future__ import annotations

import datetime as dt
import re

import lxml.html

from morgue.site import search
from tests.conftest import FIXTURES, make_site_project, mkdocs_build, run_cli


def _article(project, rel, text):
    path = project / "content" / "articles" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_invalid_yaml_fails_the_build_naming_file_and_line(tmp_path):
    project = make_site_project(tmp_path)
    _article(project, "2020/01/bad.md", "---\ntitle: ok\ndate: [2020\n---\n\nText.\n")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert re.search(r"articles/2020/01/bad\.md:\d+: invalid YAML", build.stderr + build.stdout)


def test_schema_violation_fails_the_build(tmp_path):
    project = make_site_project(tmp_path)
    _article(project, "2020/01/bad.md", "---\ntitle: ok\nauthors: Jane Doe\n---\n\nText.\n")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "bad.md:3: authors:" in build.stderr + build.stdout


def test_hand_written_article_and_hostile_values_build_safely(tmp_path):
    project = make_site_project(tmp_path)
    _article(
        project,
        "2021/03/hand.md",
        "---\n"
        'title: "</title><script>alert(1)</script> &lt;/title&gt;"\n'
        "date: 2021-03-03\n"
        "authors: ['<img src=x onerror=alert(1)>']\n"
        'description: "\\" onmouseover=\\"alert(1)"\n'
        "image: {credit: '<b>Agency</b>'}\n"
        "source_url: 'https://example.com/a?x=\"><script>alert(2)</script>'\n"
        "---\n\nWritten by an editor. <script>alert(3)</script> [x](javascript:alert(4))\n",
    )
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    page = (project / "site" / "articles" / "2021" / "03" / "hand" / "index.html").read_text(encoding="utf-8")
    tree = lxml.html.fromstring(page)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        assert not [name for name in element.attrib if name.lower().startswith("on")], lxml.html.tostring(element)
        assert not element.get("href", "").strip().lower().startswith("javascript:")
        if element.tag == "script":
            assert "alert" not in (element.text or "")
    assert tree.find(".//title").text.startswith("</title><script>alert(1)</script>")
    assert "Written by an editor." in page


def test_text_fixtures_build_strict(tmp_path):
    project = make_site_project(tmp_path)
    result = run_cli("ingest", str(FIXTURES / "text"), "--content", str(project / "content"))
    assert result.exit_code == 0, result.output
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    pages = list((project / "site" / "articles").rglob("index.html"))
    assert len(pages) == 4
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert 'class="morgue-byline"' in html and 'class="morgue-credit"' in html


def test_search_parts_are_date_ranges_newest_first():
    day = dt.date
    pages = [  # the catalog's order: newest first, the undated last
        ("a/index.html", day(2024, 5, 1)),
        ("b/index.html", day(2024, 1, 9)),
        ("c/index.html", day(2019, 3, 2)),
        ("d/index.html", None),
        ("e/index.html", None),
    ]
    parts = search.plan(pages, 2)
    assert [p.bundle for p in parts] == ["pagefind/", "pagefind/2/", "pagefind/3/"]
    assert [p.pages for p in parts] == [
        ("a/index.html", "b/index.html"),
        ("c/index.html", "d/index.html"),
        ("e/index.html",),
    ]
    assert [p.since for p in parts] == ["2024-01-09", "2019-03-02", ""]  # a part's oldest dated article
    assert [p.pages for p in search.plan(pages, 10)] == [tuple(page for page, _ in pages)]
    assert search.plan([], 10) == []


def test_search_index_language_covers_every_article():
    assert search.index_language(["en", "de"], "en") == "en"
    assert search.index_language(["en", "zh-Hans", None], "en") == "zh"  # CJK segmentation for all
    assert search.index_language([None], "de_AT") == "de"
