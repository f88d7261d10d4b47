"""Frontmatter: fixed key order, real YAML, validation errors that name file, line and field."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from morgue import frontmatter
from morgue.errors import SchemaError
from morgue.model import Article, Image, Source

HOSTILE_TITLE = "Breaking: \"China's AI\" --- {{ chips }} 'plan' & more\n---\nlayout: evil\n# not a heading | pipe %YAML !tag @at [x]: {y}"


def _article(**changes) -> Article:
    base = dict(
        title="A title",
        body="Text.\n",
        date=dt.date(2015, 9, 24),
        authors=("Cate Cadell",),
        image=Image(credit="Ken Wolter"),
        source=Source(url="https://example.com/a", site_name="Example"),
        language="en",
        tags=("china", "cisco"),
    )
    base.update(changes)
    return Article(**base)


def test_keys_in_fixed_order_and_unknown_values_absent():
    text = frontmatter.dumps(_article())
    keys = [
        line.split(":")[0] for line in text.split("---\n")[1].splitlines() if line and not line.startswith((" ", "-"))
    ]
    assert keys == ["title", "date", "authors", "image", "source_url", "site_name", "language", "tags"]
    assert "description" not in text and "updated" not in text


def test_round_trip():
    article = _article(updated=dt.datetime(2015, 9, 25, 8, 30, tzinfo=dt.timezone(dt.timedelta(hours=8))))
    assert frontmatter.loads(frontmatter.dumps(article)) == article


def test_datetime_written_as_iso_timestamp():
    article = _article(date=dt.datetime(2024, 5, 3, 15, 47, 42, tzinfo=dt.UTC))
    assert "date: 2024-05-03T15:47:42+00:00\n" in frontmatter.dumps(article)


def test_yaml_breaking_title_stays_one_value():
    text = frontmatter.dumps(_article(title=HOSTILE_TITLE))
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["title"] == HOSTILE_TITLE
    assert "layout" not in meta
    assert frontmatter.loads(text).title == HOSTILE_TITLE


def test_unicode_kept_readable():
    assert "title: 短缺药品保供稳价\n" in frontmatter.dumps(_article(title="短缺药品保供稳价"))


def test_invalid_yaml_names_the_line():
    text = "---\ntitle: ok\ndate: [2015\n---\nbody\n"
    with pytest.raises(SchemaError) as info:
        frontmatter.loads(text, "content/articles/x.md")
    assert str(info.value).startswith("content/articles/x.md:")
    assert info.value.line in (3, 4)


def test_schema_error_names_line_and_field():
    text = "---\ntitle: ok\nauthors: Cate Cadell\nsource_url: javascript:alert(1)\n---\nbody\n"
    with pytest.raises(SchemaError) as info:
        frontmatter.loads(text, "a.md")
    assert info.value.field == "authors"
    assert info.value.line == 3
    assert str(info.value).startswith("a.md:3: authors:")


@pytest.mark.parametrize(
    ("yaml_text", "field"),
    [
        ("title: ''", "title"),
        ("title: t\nsource_url: javascript:alert(1)", "source_url"),
        ("title: t\nimage: {src: 'javascript:alert(1)'}", "image.src"),
        ("title: t\ndate: 24/09/2015", "date"),
        ("title: t\ntags: [a, a]", "tags"),
        ("title: t\nlayout: evil", "layout"),
        ("title: t\nimage: {}", "image"),
        ("title: t\nlanguage: english please", "language"),
    ],
)
def test_schema_rejects(yaml_text, field):
    with pytest.raises(SchemaError) as info:
        frontmatter.loads(f"---\n{yaml_text}\n---\nbody\n", "a.md")
    assert info.value.field == field


def test_missing_title_is_reported():
    with pytest.raises(SchemaError, match="title"):
        frontmatter.loads("---\ndate: 2015-09-24\n---\nbody\n", "a.md")


def test_unclosed_frontmatter():
    with pytest.raises(SchemaError, match="closing"):
        frontmatter.split("---\ntitle: x\nbody\n", "a.md")


def test_schema_file_is_valid_json_schema():
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(frontmatter.schema())
