"""Filing: idempotent, hand edits kept, atomic, registry merged without duplicates."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os

import yaml

from morgue.model import Article, Author, Converted, Image, Source
from morgue.store import Store, is_hand_edited, render_article, url_key


def _converted(
    title="Night buses return", url="https://news.example/2019/02/14/night-buses/", body="First.\n\nSecond.\n", **kw
):
    article = Article(
        title=title,
        body=body,
        date=dt.date(2019, 2, 14),
        authors=("Lea Novak",),
        image=Image(credit="Ines Duarte"),
        source=Source(url=url),
        **kw,
    )
    return Converted(
        article=article, authors=(Author("Lea Novak", description="Lea covers transport.", contact=("@lea",)),)
    )


def _snapshot(root):
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_new_then_unchanged_changes_no_byte(tmp_path):
    store = Store(tmp_path)
    first = store.file(_converted())
    store.save_registry()
    assert first.status == "new"
    assert first.path == "articles/2019/02/night-buses-return.md"
    before = _snapshot(tmp_path)

    again = Store(tmp_path)
    assert again.file(_converted()).status == "unchanged"
    assert again.save_registry() is False
    assert _snapshot(tmp_path) == before


def test_changed_source_updates_in_place(tmp_path):
    Store(tmp_path).file(_converted())
    outcome = Store(tmp_path).file(_converted(body="First, corrected.\n\nSecond.\n"))
    assert outcome.status == "updated"
    assert "First, corrected." in (tmp_path / outcome.path).read_text(encoding="utf-8")


def test_same_url_in_other_form_is_the_same_article(tmp_path):
    Store(tmp_path).file(_converted())
    other = _converted(
        url="http://NEWS.example/2019/02/14/night-buses?utm_source=rss#top", body="First.\n\nSecond, updated.\n"
    )
    outcome = Store(tmp_path).file(other)
    assert outcome.status == "updated"
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_hand_edit_is_never_overwritten(tmp_path):
    path = tmp_path / Store(tmp_path).file(_converted()).path
    edited = path.read_text(encoding="utf-8").replace("First.", "First, as the editor wrote it.")
    path.write_text(edited, encoding="utf-8")
    assert is_hand_edited(edited)

    outcome = Store(tmp_path).file(_converted(body="First, from a new scrape.\n\nSecond.\n"))
    assert outcome.status == "conflict"
    assert path.read_text(encoding="utf-8") == edited
    incoming = path.with_name(f".{path.name}.incoming")
    assert "First, from a new scrape." in incoming.read_text(encoding="utf-8")


def test_same_body_under_another_url_is_a_duplicate(tmp_path):
    Store(tmp_path).file(_converted())
    outcome = Store(tmp_path).file(_converted(url="https://mirror.example/copy"))
    assert outcome.status == "duplicate"
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_different_articles_with_one_title_get_distinct_paths(tmp_path):
    store = Store(tmp_path)
    a = store.file(_converted())
    b = store.file(_converted(url="https://news.example/other", body="Something else entirely.\n"))
    assert a.path != b.path and b.path.endswith("night-buses-return-2.md")


def test_undated_articles_have_their_own_folder(tmp_path):
    converted = _converted()
    undated = dataclasses.replace(converted, article=dataclasses.replace(converted.article, date=None))
    assert Store(tmp_path).file(undated).path == "articles/undated/night-buses-return.md"


def test_digest_detects_any_edit():
    text = render_article(_converted().article)
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("Second.", "Second!"))
    assert is_hand_edited(text.replace("title: Night", "title: Day"))


def test_registry_merges_without_duplicates_and_keeps_editor_values(tmp_path):
    (tmp_path / ".authors.yml").write_text(
        "authors:\n  lea-novak:\n    name: Lea Novak\n    description: Written by the editor.\n", encoding="utf-8"
    )
    store = Store(tmp_path)
    store.file(_converted())
    store.file(_converted(url="https://news.example/b", body="Other.\n"))
    store.save_registry()
    registry = yaml.safe_load((tmp_path / ".authors.yml").read_text(encoding="utf-8"))
    assert list(registry["authors"]) == ["lea-novak"]
    assert registry["authors"]["lea-novak"]["description"] == "Written by the editor."
    assert registry["authors"]["lea-novak"]["contact"] == ["@lea"]


def test_no_temporary_files_left(tmp_path):
    Store(tmp_path).file(_converted())
    assert not [p for p in tmp_path.rglob("*") if p.name.startswith(".tmp-")]
    leftover = tmp_path / "articles" / "2019" / "02" / ".tmp-dead.part"
    leftover.write_text("half", encoding="utf-8")
    Store(tmp_path)
    assert not leftover.exists()


def test_url_key_normalisation():
    assert url_key("https://WWW.Example.com/a/b/?utm_source=x&id=3#frag") == url_key("http://example.com/a/b?id=3")
    assert url_key("https://example.com/a?id=3") != url_key("https://example.com/a?id=4")
    assert url_key("https://example.com:8080/a") != url_key("https://example.com/a")


def test_files_are_lf_and_utf8(tmp_path):
    path = tmp_path / Store(tmp_path).file(_converted(title="短缺药品保供稳价")).path
    data = path.read_bytes()
    assert b"\r\n" not in data
    assert "短缺药品保供稳价".encode() in data
    assert os.path.basename(path).isascii()


def test_same_url_twice_in_one_run_is_a_duplicate(tmp_path):
    store = Store(tmp_path)
    assert store.file(_converted()).status == "new"
    again = store.file(_converted(url="https://news.example/2019/02/14/night-buses/?utm_medium=x", body="Other.\n"))
    assert again.status == "duplicate" and again.path == "articles/2019/02/night-buses-return.md"
    assert len(list(tmp_path.rglob("*.md"))) == 1


def test_unchanged_source_of_a_hand_edited_file_is_not_a_conflict(tmp_path):
    path = tmp_path / Store(tmp_path).file(_converted()).path
    path.write_text(path.read_text(encoding="utf-8").replace("First.", "First (edited)."), encoding="utf-8")
    outcome = Store(tmp_path).file(_converted())
    assert outcome.status == "unchanged" and "edited by hand" in outcome.detail
    assert not list(tmp_path.rglob("*.incoming"))


def test_files_get_the_usual_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        path = tmp_path / Store(tmp_path).file(_converted()).path
        assert path.stat().st_mode & 0o777 == 0o644
        path.chmod(0o664)  # an editor's choice survives an update
        Store(tmp_path).file(_converted(body="Changed.\n"))
        assert path.stat().st_mode & 0o777 == 0o664
    finally:
        os.umask(umask)


def test_index_cache_is_used_and_follows_hand_edits(tmp_path):
    store = Store(tmp_path)
    path = tmp_path / store.file(_converted()).path
    store.save()
    index = json.loads((tmp_path / ".morgue" / "index.json").read_text(encoding="utf-8"))
    assert list(index["files"]) == ["articles/2019/02/night-buses-return.md"]
    # an editor points the article at another URL: the next run must see it, not the cached key
    text = path.read_text(encoding="utf-8").replace(
        "https://news.example/2019/02/14/night-buses/", "https://other.example/x"
    )
    path.write_text(text, encoding="utf-8")
    outcome = Store(tmp_path).file(_converted(url="https://other.example/x", body="Elsewhere.\n"))
    assert outcome.status == "conflict" and outcome.path == "articles/2019/02/night-buses-return.md"
