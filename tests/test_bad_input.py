"""The bad-input corpus, driven by its manifest: every file gets what ``manifest.json`` says.

Each file is converted on its own (what ``morgue convert`` makes of it) and the whole corpus is
ingested in one run (what the archive gets: duplicates, paths, the batch going on past errors),
then built with a real ``mkdocs build --strict``.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import lxml.html
import pytest
import yaml

from morgue import sources
from morgue.ingest import convert_document, input_file
from morgue.markdown import plain_text
from morgue.model import Converted
from tests.conftest import CORPORA, SHARED, make_site_project, mkdocs_build, run_cli

BAD = CORPORA / "bad-input"
MANIFEST = [e for e in json.loads((BAD / "manifest.json").read_text(encoding="utf-8")) if e["kind"] != "expected"]
INVISIBLE = re.compile("[\u202e\u202d\u200e\u200f\x1b\x07\x00\ufffd\ufeff]")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _expected(entry: dict) -> tuple[str, list[str]]:
    """Title and paragraphs of an encoding case's ``.expected.txt``."""
    path = BAD / entry["file"]
    text = path.with_name(sources.stem_of(path) + ".expected.txt").read_text(encoding="utf-8")
    title, *paragraphs = [block.strip() for block in text.split("\n\n") if block.strip()]
    return title, paragraphs


@pytest.fixture(scope="module")
def converted() -> dict[str, list]:
    """Each manifest file read and converted on its own: Converted, Skipped or MorgueError items."""
    out: dict[str, list] = {}
    for entry in MANIFEST:
        items = []
        for item in sources.read(BAD / entry["file"]):
            items.append(convert_document(item) if isinstance(item, sources.Document) else item)
        out[entry["file"]] = items
    return out


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> dict:
    """The whole corpus ingested in one run, then built: the report, the content folder, the site."""
    project = make_site_project(tmp_path_factory.mktemp("bad"))
    content = project / "content"
    report = project / "report.json"
    started = time.monotonic()
    result = run_cli("ingest", str(BAD / "hostile"), str(BAD / "encoding"), "-c", str(content), "--report", str(report))
    elapsed = time.monotonic() - started
    assert result.exit_code == 1, result.output  # some inputs fail, the rest are filed
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    data = json.loads(report.read_text(encoding="utf-8"))
    return {"report": data, "content": content, "site": project / "site", "elapsed": elapsed}


def _entries(archive: dict, name: str) -> list[dict]:
    return [e for e in archive["report"]["inputs"] if sources.stem_of(Path(input_file(e["input"]))) == name]


def _only_article(items: list) -> Converted:
    articles = [i for i in items if isinstance(i, Converted)]
    assert len(articles) == 1, items
    return articles[0]


def _errors(items: list) -> list[str]:
    return [str(i) for i in items if isinstance(i, Exception)]


def _page_text(archive: dict, rel: str) -> tuple[lxml.html.HtmlElement, str]:
    page = archive["site"] / rel.removesuffix(".md") / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    body = tree.find_class("md-content")[0]
    return body, _flat(body.text_content())


# --------------------------------------------------------------------------- checks per file
def check_error(entry, items, archive):
    """``expect: "clear error: ..."``: one error naming the file, and no article."""
    errors = _errors(items)
    assert len(errors) == 1 and not [i for i in items if isinstance(i, Converted)], items
    assert errors[0].startswith(str(BAD / entry["file"]) + ": ")
    want = {"empty.html": "empty input (0 bytes)", "png-renamed.html": "PNG"}[Path(entry["file"]).name]
    assert want in errors[0]
    assert [e["status"] for e in _entries(archive, sources.stem_of(BAD / entry["file"]))] == ["failed"]


def check_encoding(entry, items, archive):
    title, paragraphs = _expected(entry)
    article = _only_article(items).article
    assert article.title == title
    text = _flat(plain_text(article.body))
    for paragraph in paragraphs:
        assert _flat(paragraph) in text


def check_truncated_mid_char(entry, items, archive):
    title, paragraphs = _expected({"file": "encoding/gbk-labelled-gb2312.html"})
    article = _only_article(items).article
    assert article.title == title
    text = _flat(plain_text(article.body))
    assert paragraphs[0] in text and paragraphs[1] in text
    assert "\ufffd" not in article.title and "\ufffd" not in (article.description or "")


def check_truncated_mid_tag(entry, items, archive):
    _, paragraphs = _expected({"file": "encoding/gbk-labelled-gb2312.html"})
    body = _only_article(items).article.body
    for paragraph in paragraphs:
        assert paragraph in _flat(plain_text(body))
    assert "</ar" not in body and "&lt;/ar" not in body


def check_deep_nesting(entry, items, archive):
    """Refused with a clear limit error, quickly (no RecursionError, no minutes in a parser)."""
    errors = _errors(items)
    assert len(errors) == 1 and "nested too deeply" in errors[0] and "limit 255" in errors[0]
    assert archive["elapsed"] < 60


def check_yaml_breaking_title(entry, items, archive):
    (filed,) = [e for e in _entries(archive, "yaml-breaking-title") if e["status"] == "new"]
    text = (archive["content"] / filed["path"]).read_text(encoding="utf-8")
    _, head, body = text.split("---\n", 2)
    meta = yaml.safe_load(head)
    assert "layout" not in meta and set(meta) <= {
        "title",
        "authors",
        "source_url",
        "site_name",
        "language",
        "morgue_digest",
    }
    assert meta["title"] == _flat(entry["title_unescaped"])
    assert "Body paragraph one" in body
    _, page_text = _page_text(archive, filed["path"])
    assert "{{ chips }}" in page_text  # shown as text, never given to a template engine


def check_path_traversal(entry, items, archive):
    (filed,) = [e for e in _entries(archive, "path-traversal-title") if e["status"] == "new"]
    assert filed["path"] == "articles/undated/etc-passwd.md"
    _check_paths_inside(archive["content"])


def check_long_title(entry, items, archive):
    (filed,) = [e for e in _entries(archive, "long-title-960-bytes") if e["status"] == "new"]
    assert all(len(part.encode()) <= 255 for part in filed["path"].split("/"))
    assert len(_only_article(items).article.title) <= 300


def check_control_chars(entry, items, archive):
    (filed,) = [e for e in _entries(archive, "control-chars-title") if e["status"] == "new"]
    text = (archive["content"] / filed["path"]).read_text(encoding="utf-8")
    head = text.split("---\n", 2)[1]
    assert not INVISIBLE.search(head) and not INVISIBLE.search(filed["path"])
    meta = yaml.safe_load(head)
    assert meta["title"].startswith("Chip") and "bell" in meta["title"]
    assert "Paragraph with a zero" in text


def check_markdown_active(entry, items, archive):
    (filed,) = [e for e in _entries(archive, "markdown-active-text") if e["status"] == "new"]
    node, text = _page_text(archive, filed["path"])
    for paragraph in entry["paragraphs"]:
        if paragraph.startswith(ENTITY_TEXT):
            assert "literal entity text" in text  # shown as text; see test_entity_text_shows_as_written
            continue
        assert _flat(paragraph) in text, paragraph
    article = node.find_class("md-content__inner")[0]
    for tag in ("table", "pre", "code", "blockquote", "ol", "ul", "hr", "script", "details", "img"):
        assert not article.findall(f".//{tag}"), tag
    assert len(article.findall(".//h1")) == 1
    # the page's own <h2> stays a heading; the attr_list text in it stays text
    (h2,) = article.findall(".//h2")
    assert "Subheading {: onclick=" in h2.text_content()
    for element in article.iter():
        assert not [a for a in element.attrib if a.startswith("on")]
        assert not (element.get("href") or "").lower().startswith("javascript:")


ENTITY_TEXT = "&lt;b&gt; literal entity text"


def test_entity_text_shows_as_written(archive):
    (filed,) = [e for e in _entries(archive, "markdown-active-text") if e["status"] == "new"]
    assert ENTITY_TEXT in _page_text(archive, filed["path"])[1]


def check_zero_paragraphs(entry, items, archive):
    errors = _errors(items)
    assert len(errors) == 1 and "no article content" in errors[0]


def check_duplicates(entry, items, archive):
    assert _only_article(items)
    statuses = [e["status"] for e in _entries(archive, "duplicate-a") + _entries(archive, "duplicate-b")]
    assert statuses.count("duplicate") >= 1 and len(statuses) == 2


def check_jsonl(entry, items, archive):
    path = str(BAD / entry["file"])
    by_line = {}
    for item in items:
        line = item.line if isinstance(item, Exception) else None
        if isinstance(item, Converted):
            continue
        by_line[line] = str(item)
    assert sorted(by_line) == [3, 4, 5, 8, 11]
    for line, fragment in {
        3: "invalid UTF-8",
        4: "lone surrogate",
        5: "empty",
        8: "JSON object",
        11: "invalid JSON",
    }.items():
        assert by_line[line].startswith(f"{path}:{line}: ") and fragment in by_line[line]
    outcomes = {int(e["input"].rsplit(":", 1)[1]): e for e in _entries(archive, "scraper-bad-records")}
    assert {n: e["status"] for n, e in outcomes.items()} == {
        1: "new", 2: "duplicate", 3: "failed", 4: "failed", 5: "failed", 6: "new", 7: "new", 8: "failed",
        10: "new", 11: "failed",
    }  # fmt: skip
    assert outcomes[2]["path"] == outcomes[1]["path"]
    xss = (archive["content"] / outcomes[6]["path"]).read_text(encoding="utf-8")
    assert outcomes[6]["path"].startswith("articles/undated/etc-passwd") and "<script" not in xss
    warnings = [w["warning"] for w in archive["report"]["warnings"] if w["input"] == f"{path}:10"]
    assert warnings and "unreadable date" in warnings[0]


def check_warc(entry, items, archive):
    path = str(BAD / entry["file"])
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Converted", "Skipped", "Converted", "InputError"], items
    title, paragraphs = _expected({"file": "encoding/gbk-no-declaration.html"})
    gbk = items[0].article
    assert gbk.title == title and all(p in _flat(plain_text(gbk.body)) for p in paragraphs)
    assert gbk.source.url == "https://news.example.cn/tech/gbk-header-only"
    assert "not HTML (image/png)" in items[1].reason
    assert "Content-Encoding" in plain_text(items[2].article.body)
    assert str(items[3]).startswith(path + ": record 5") and "truncated" in str(items[3])
    statuses = [e["status"] for e in _entries(archive, sources.stem_of(Path(path)))]
    assert statuses.count("failed") == 1 and "skipped" in statuses


CHECKS = {
    "hostile/empty.html": check_error,
    "hostile/png-renamed.html": check_error,
    "hostile/truncated-mid-char.html": check_truncated_mid_char,
    "hostile/truncated-mid-tag.html": check_truncated_mid_tag,
    "hostile/deep-nesting-100k.html": check_deep_nesting,
    "hostile/deep-unclosed-formatting-100k.html": check_deep_nesting,
    "hostile/yaml-breaking-title.html": check_yaml_breaking_title,
    "hostile/path-traversal-title.html": check_path_traversal,
    "hostile/long-title-960-bytes.html": check_long_title,
    "hostile/control-chars-title.html": check_control_chars,
    "hostile/markdown-active-text.html": check_markdown_active,
    "hostile/zero-paragraphs.html": check_zero_paragraphs,
    "hostile/duplicate-a.html": check_duplicates,
    "hostile/duplicate-b.html": check_duplicates,
    "hostile/scraper-bad-records.jsonl": check_jsonl,
    "hostile/awkward.warc": check_warc,
    "hostile/awkward-truncated-member.warc.gz": check_warc,
}


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: e["file"])
def test_manifest_entry(entry, converted, archive):
    check = check_encoding if entry["kind"] == "encoding" else CHECKS.get(entry["file"])
    assert check is not None, f"no check for {entry['file']}: the manifest grew; say what it must produce"
    if entry.get("expect", "").startswith("clear error"):
        assert check is check_error
    check(entry, converted[entry["file"]], archive)


def _check_paths_inside(content: Path) -> None:
    root = content.resolve()
    for path in content.rglob("*"):
        assert path.resolve().is_relative_to(root)
        assert "\x00" not in str(path) and ".." not in path.relative_to(content).parts


def test_every_filed_article_is_whole_and_inside(archive):
    _check_paths_inside(archive["content"])
    for path in (archive["content"] / "articles").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("---\n") and text.endswith("\n")
        assert yaml.safe_load(text.split("---\n", 2)[1])["title"]


def test_reingest_changes_no_byte(archive):
    content = archive["content"]
    before = {p: p.read_bytes() for p in content.rglob("*") if p.is_file()}
    result = run_cli("ingest", str(BAD / "hostile"), str(BAD / "encoding"), "-c", str(content), "-q")
    assert "0 new, 0 updated" in result.stdout
    assert {p: p.read_bytes() for p in content.rglob("*") if p.is_file()} == before


def test_huge_page_is_refused_within_the_time_limit(tmp_path):
    """The 30 MB page with a 2-second limit: a clear error, the batch goes on, bounded time."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    tool = SHARED / "tools" / "make_bad_input.py"
    subprocess.run([sys.executable, str(tool), "--huge", str(inbox / "huge.html")], check=True, capture_output=True)
    (inbox / "small.txt").write_text("A small article.\n\nIt has two paragraphs.\n", encoding="utf-8")
    started = time.monotonic()
    result = run_cli("ingest", str(inbox), "-c", str(tmp_path / "content"), "--jobs", "1", "--timeout", "2")
    assert time.monotonic() - started < 30
    assert result.exit_code == 1
    assert f"{inbox / 'huge.html'}: took longer than 2 s to convert (limit 2 s)" in result.stderr
    assert "1 new" in result.stdout
