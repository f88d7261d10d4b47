"""Real `mkdocs build --strict` runs of small archives."""

from __future__ import annotations

import re

import lxml.html

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
