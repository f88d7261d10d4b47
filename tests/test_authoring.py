"""`morgue new`: a hand-written article with valid frontmatter, checked by the one schema."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from morgue import frontmatter
from morgue.registry import load_registry
from tests.conftest import make_site_project, mkdocs_build, run_cli


def test_new_writes_a_valid_article_and_registers_the_author(tmp_path):
    content = tmp_path / "content"
    result = run_cli(
        "new", "Harbour: a new bridge?", "--author", "Jane Roe", "--date", "2024-02-29",
        "--tag", "Harbour", "--content", str(content),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    path = content / "articles" / "2024" / "02" / "harbour-a-new-bridge.md"
    assert result.output.strip() == str(path)
    article = frontmatter.loads(path.read_text(encoding="utf-8"), str(path))
    assert article.title == "Harbour: a new bridge?"
    assert article.date == dt.date(2024, 2, 29)
    assert article.authors == ("Jane Roe",) and article.tags == ("Harbour",)
    assert "morgue_digest" not in path.read_text(encoding="utf-8")  # hand-written: ingest never overwrites it
    assert load_registry(content / ".authors.yml")["jane-roe"].name == "Jane Roe"


def test_new_never_overwrites_and_defaults_to_today(tmp_path):
    content = tmp_path / "content"
    first = run_cli("new", "Same title", "--content", str(content)).output.strip()
    second = run_cli("new", "Same title", "--content", str(content)).output.strip()
    assert first != second and second.endswith("same-title-2.md")
    today = dt.date.today()
    assert f"/articles/{today:%Y}/{today:%m}/" in first.replace("\\", "/")
    assert frontmatter.loads(Path(first).read_text(encoding="utf-8")).date == today


def test_new_rejects_invalid_values_naming_the_field(tmp_path):
    result = run_cli("new", "  ", "--content", str(tmp_path))
    assert result.exit_code == 1 and "title" in result.output
    result = run_cli("new", "Ok", "--language", "not a language", "--content", str(tmp_path))
    assert result.exit_code == 1 and "language" in result.output
    assert not (tmp_path / "articles").exists()


def test_a_new_article_builds_with_its_author_page(tmp_path):
    project = make_site_project(tmp_path)
    assert (
        run_cli("new", "Hello", "-a", "Ann Lee", "--date", "2020-01-02", "-c", str(project / "content")).exit_code == 0
    )
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr
    assert "Hello" in (project / "site" / "authors" / "ann-lee" / "index.html").read_text(encoding="utf-8")
