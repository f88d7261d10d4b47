"""`morgue serve`: dirty rebuilds that re-render exactly the pages an edit affects."""

from __future__ import annotations

import os
import time

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from morgue.site.preview import serve_command
from tests.conftest import make_site_project

pytestmark = pytest.mark.slow


def _article(project, rel, title, author, tag):
    path = project / "content" / "articles" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\ntitle: {title}\ndate: {rel[:4]}-{rel[5:7]}-10\nauthors: [{author}]\ntags: [{tag}]\n---\n\nText.\n",
        encoding="utf-8",
    )
    return path


def _previewer(project, site):
    """What `mkdocs serve --dirty` does on each change: reload the config, build dirty."""

    def rebuild():
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=False)
        config.plugins.on_startup(command="serve", dirty=True)
        build(config, dirty=True)

    return rebuild


def _snapshot(site):
    return {p.relative_to(site).as_posix(): p.stat().st_mtime_ns for p in site.rglob("*.html")}


def test_dirty_preview_rebuilds_the_edited_article_and_the_listings_that_show_it(tmp_path):
    project = make_site_project(tmp_path)
    edited = _article(project, "2021/03/a.md", "First title", "Ann Lee", "Courts")
    _article(project, "2020/05/b.md", "Other story", "Bob Ray", "Sport")
    site = tmp_path / "preview"

    rebuild = _previewer(project, site)
    rebuild()
    before = _snapshot(site)
    assert "articles/2021/03/a/index.html" in before
    time.sleep(0.05)
    edited.write_text(edited.read_text(encoding="utf-8").replace("First title", "Second title"), encoding="utf-8")
    rebuild()
    after = _snapshot(site)
    rewritten = {page for page, mtime in after.items() if mtime != before.get(page)}
    assert {
        "articles/2021/03/a/index.html",  # the article
        "index.html",  # the home page's latest articles
        "archive/2021/03/index.html",
        "authors/ann-lee/index.html",
        "tags/courts/index.html",
    } <= rewritten
    assert not rewritten & {
        "articles/2020/05/b/index.html",
        "archive/2020/05/index.html",
        "authors/bob-ray/index.html",
        "tags/sport/index.html",
        "archive/index.html",  # counts unchanged
    }
    for page in ("articles/2021/03/a/index.html", "index.html", "authors/ann-lee/index.html"):
        assert "Second title" in (site / page).read_text(encoding="utf-8")


def test_dirty_preview_shows_a_new_article_everywhere(tmp_path):
    project = make_site_project(tmp_path)
    _article(project, "2021/03/a.md", "First", "Ann Lee", "Courts")
    site = tmp_path / "preview"

    rebuild = _previewer(project, site)
    rebuild()
    _article(project, "2022/01/new.md", "Brand new", "Cy Doe", "Courts")
    rebuild()
    assert (site / "articles/2022/01/new/index.html").is_file()
    assert "Brand new" in (site / "archive/2022/01/index.html").read_text(encoding="utf-8")
    assert "Brand new" in (site / "tags/courts/index.html").read_text(encoding="utf-8")
    assert "2022" in (site / "archive/index.html").read_text(encoding="utf-8")
    assert (site / "authors/cy-doe/index.html").is_file()


def test_serve_command_runs_mkdocs_serve_dirty():
    command = serve_command("mkdocs.yml", "127.0.0.1:8001")
    assert command[1:] == [
        "-m", "mkdocs", "serve", "--dirty", "--watch-theme", "--no-strict",
        "--config-file", "mkdocs.yml", "--dev-addr", "127.0.0.1:8001",
    ]  # fmt: skip
    assert os.path.basename(command[0]).startswith("python")


def test_dirty_preview_rebuilds_everything_after_a_theme_edit(tmp_path):
    project = make_site_project(tmp_path)
    _article(project, "2021/03/a.md", "First", "Ann Lee", "Courts")
    _article(project, "2020/05/b.md", "Other story", "Bob Ray", "Sport")
    site = tmp_path / "preview"

    rebuild = _previewer(project, site)
    rebuild()
    template = project / "theme" / "partials" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace("min read", "minutes to read"), encoding="utf-8")
    rebuild()
    for page in ("articles/2021/03/a/index.html", "articles/2020/05/b/index.html"):
        assert "minutes to read" in (site / page).read_text(encoding="utf-8")
