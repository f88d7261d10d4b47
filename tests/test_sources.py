"""Readers on inputs built here: WARC records of every kind, JSON Lines quirks, folder globs."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from morgue import sources
from morgue.ingest import convert_document
from morgue.model import Converted
from morgue.sources.globs import matches

PAGE = (
    "<html><head><title>Harbour ferry returns</title></head><body><article><h1>Harbour ferry returns</h1>"
    "<p>The harbour ferry returned to service on Monday after a winter of repairs to its engines.</p>"
    "<p>Commuters said the crossing now takes eleven minutes, four fewer than the bus.</p></article></body></html>"
)


def _chunked(data: bytes, size: int = 50) -> bytes:
    parts = [
        f"{len(data[i : i + size]):x}\r\n".encode() + data[i : i + size] + b"\r\n" for i in range(0, len(data), size)
    ]
    return b"".join(parts) + b"0\r\n\r\n"


def _warc(path, records):
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for kind, url, headers, body in records:
            request = kind == "request"
            http = (
                StatusAndHeaders(headers[0], headers[1], protocol="HTTP/1.1", is_http_request=request)
                if headers
                else None
            )
            mime = "text/html; charset=utf-8" if kind == "resource" else ""
            payload = io.BytesIO(body)
            record = writer.create_warc_record(url, kind, payload=payload, http_headers=http, warc_content_type=mime)
            writer.write_record(record)


def test_warc_records_of_every_kind(tmp_path):
    latin = PAGE.replace("returns", "returns – Zürich").encode("cp1252")
    records = [
        ("response", "https://news.example/ferry", ("200 OK", [("Content-Type", "text/html; charset=windows-1252")]), latin),
        ("response", "https://news.example/chunked", ("200 OK", [("Content-Type", "text/html"), ("Transfer-Encoding", "chunked"),
            ("Content-Encoding", "gzip")]), _chunked(gzip.compress(PAGE.replace("Harbour", "River").encode()))),
        ("response", "https://news.example/gone", ("404 Not Found", [("Content-Type", "text/html")]), b"<p>Not found</p>"),
        ("response", "https://news.example/logo.png", ("200 OK", [("Content-Type", "image/png")]), b"\x89PNG\r\n\x1a\n"),
        ("request", "https://news.example/ferry", ("GET /ferry", [("Host", "news.example")]), b""),
        ("resource", "https://news.example/saved.html", None, PAGE.replace("Harbour", "Lake").encode()),
    ]  # fmt: skip
    path = tmp_path / "crawl.warc.gz"
    _warc(path, records)
    items = list(sources.read(path))
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "Document", "Skipped", "Skipped", "Document"], items
    assert items[2].reason == "HTTP status 404" and items[3].reason == "not HTML (image/png)"
    titles = [convert_document(items[i]).article.title for i in (0, 1, 4)]
    assert titles == ["Harbour ferry returns – Zürich", "River ferry returns", "Lake ferry returns"]
    assert items[0].meta["url"] == "https://news.example/ferry" and items[0].charset == "windows-1252"
    assert items[0].where == f"{path} (record 1, offset 0, https://news.example/ferry)"


def test_warc_sidecar_gives_defaults(tmp_path):
    path = tmp_path / "crawl.warc"
    _warc(
        path, [("response", "https://news.example/ferry", ("200 OK", [("Content-Type", "text/html")]), PAGE.encode())]
    )
    (tmp_path / "crawl.meta.yml").write_text("site_name: The Harbour Post\nlanguage: en\n", encoding="utf-8")
    (doc,) = sources.read(path)
    article = convert_document(doc).article
    assert article.source.site_name == "The Harbour Post" and article.source.url == "https://news.example/ferry"


def test_jsonl_records_fields_and_defaults(tmp_path):
    records = [
        {"link": "https://news.example/a", "headline": "Ferry returns", "byline": "Ana Lima and Ben Okoro",
         "datePublished": "2024-03-05T08:00:00+01:00", "keywords": "transport, harbour", "maintext": "The ferry is back.\n\nIt is faster."},
        {"url": "https://news.example/b", "title": "Full page", "html": PAGE, "authors": [{"name": "Cleo Park"}], "site": "Override"},
    ]  # fmt: skip
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(gzip.compress("\ufeff".encode() + "\n".join(json.dumps(r) for r in records).encode()))
    (tmp_path / "feed.meta.yml").write_text("site_name: Default Site\n", encoding="utf-8")
    first, second = (convert_document(d) for d in sources.read(path))
    assert isinstance(first, Converted) and isinstance(second, Converted)
    a = first.article
    assert (a.title, a.authors, a.tags, a.source.site_name) == (
        "Ferry returns",
        ("Ana Lima", "Ben Okoro"),
        ("transport", "harbour"),
        "Default Site",
    )
    assert a.date.isoformat() == "2024-03-05T08:00:00+01:00"
    assert second.article.authors == ("Cleo Park",) and second.article.source.site_name == "Override"
    assert "commuters said" in second.article.body.lower()


def test_jsonl_huge_line_is_refused_and_the_next_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_BYTES", 1000)
    monkeypatch.setattr("morgue.sources.jsonl.MAX_BYTES", 1000)
    path = tmp_path / "feed.jsonl"
    big = json.dumps({"title": "x", "text": "word " * 1000})
    small = json.dumps({"title": "Small", "text": "A small record."})
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    first, second = sources.read(path)
    assert str(first) == f"{path}:1: record too large (over 1,000 bytes)"
    assert second.line == 2 and second.meta["title"] == "Small"


def test_globs():
    assert matches("a/b/c.html", ["*.html"]) and not matches("a/b/c.txt", ["*.html"])
    assert matches("2024/05/x.html", ["2024/**"]) and not matches("2023/05/x.html", ["2024/**"])
    assert matches("x/drafts/", ["drafts/"]) and matches("x/drafts/a.html", ["drafts"])
    assert matches("2024/x.html", ["2024/**/*.html"]) and not matches("draftsx/a.html", ["drafts"])
    assert matches("c.html", ["[!ab].html"]) and not matches("a.html", ["[!ab].html"])
