"""The seed scrape end to end: convert, ingest, build; what the foundation issue promises."""

from __future__ import annotations

import datetime as dt
import re

import yaml

from morgue.extract.textdump import split_blocks
from tests.conftest import SEED, make_site_project, mkdocs_build, run_cli

FURNITURE = ("Image Credit", "Avatar photo", "Leave a comment", "Leave a Reply", "Akismet", "Learn how your comment")


def _split(markdown_file: str) -> tuple[dict, str]:
    _, head, body = markdown_file.split("---\n", 2)
    return yaml.safe_load(head), body


def test_convert_seed_with_sidecar(seed_inbox):
    result = run_cli("convert", str(seed_inbox / SEED.name))
    assert result.exit_code == 0, result.stderr
    meta, body = _split(result.stdout)
    assert meta["authors"] == ["Cate Cadell"]
    assert meta["date"] == dt.date(2015, 9, 24)
    assert meta["image"] == {"credit": "Ken Wolter"}
    assert meta["source_url"].startswith("https://technode.com/2015/09/24/")
    # title from the URL slug, words' capitalisation restored from the body
    assert meta["title"] == "Cisco looks to boost China operations with a local partner"
    assert meta["language"] == "en"

    paragraphs = [p for p in body.strip().split("\n\n")]
    source_blocks = split_blocks(SEED.read_text(encoding="utf-8"))
    # the article is the run of prose before the scraper's furniture starts
    first_furniture = next(i for i, b in enumerate(source_blocks) if b.startswith("Image Credit"))
    article = source_blocks[:first_furniture]
    assert len(article) == 8
    unescaped = [re.sub(r"\\(.)", r"\1", p).replace("&amp;", "&") for p in paragraphs]
    assert unescaped == article
    for phrase in (*FURNITURE, "Cate is a tech writer", "@catecadell"):
        assert phrase not in body


def test_ingest_then_build_shows_byline_credit_and_source(seed_inbox, tmp_path):
    project = make_site_project(tmp_path)
    content = project / "content"
    result = run_cli("ingest", str(seed_inbox), "--content", str(content))
    assert result.exit_code == 0, result.output
    assert "1 new" in result.stdout

    filed = list((content / "articles" / "2015" / "09").glob("*.md"))
    assert [p.name for p in filed] == ["cisco-looks-to-boost-china-operations-with-a-local-partner.md"]
    registry = yaml.safe_load((content / ".authors.yml").read_text(encoding="utf-8"))
    cate = registry["authors"]["cate-cadell"]
    assert cate["name"] == "Cate Cadell"
    assert cate["description"].startswith("Cate is a tech writer.")
    assert "@catecadell" in cate["contact"]

    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    page = (project / "site" / "articles" / "2015" / "09" / filed[0].stem / "index.html").read_text(encoding="utf-8")
    article = page[page.index('<article class="morgue-article"') : page.index("</article>")]
    assert re.search(r'class="morgue-author"[^>]*>Cate Cadell<', article)
    assert '<time class="morgue-date" datetime="2015-09-24">' in article
    assert re.search(r'class="morgue-credit">Image: <a href="[./]*credits/ken-wolter/">Ken Wolter</a>', article)
    assert (
        'href="https://technode.com/2015/09/24/cisco-looks-to-boost-china-operations-with-a-local-partner/"' in article
    )
    for phrase in FURNITURE:
        assert phrase not in page
