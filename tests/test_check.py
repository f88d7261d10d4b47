"""`morgue check` on an archive with one problem of each kind, and on a clean one."""

from __future__ import annotations

import datetime as dt
import json

from morgue.check import check
from tests.conftest import run_cli

GOOD = "---\ntitle: Good\ndate: 2020-01-02\nauthors:\n- Lea Novak\n---\n\nSee [the other](../02/other.md).\n"
REGISTRY = "authors:\n  lea-novak:\n    name: Lea Novak\n"


def _write(root, rel, text):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _archive(tmp_path):
    root = tmp_path / "content"
    _write(root, ".authors.yml", REGISTRY)
    _write(root, "articles/2020/01/good.md", GOOD)
    _write(root, "articles/2020/02/other.md", "---\ntitle: Other\nsource_url: https://a.example/x\n---\n\nText.\n")
    return root


def test_clean_archive_has_no_problem(tmp_path):
    root = _archive(tmp_path)
    assert check(root) == []
    result = run_cli("check", "-c", str(root))
    assert result.exit_code == 0 and result.stdout == ""
    assert "checked 2 articles: 0 errors, 0 warnings" in result.stderr


def test_every_kind_of_problem_is_reported_with_path_and_line(tmp_path):
    root = _archive(tmp_path)
    _write(
        root, ".authors.yml", REGISTRY + "  lea-novak:\n    name: Lea N\n  ann:\n    name: Ann Berg\n    url: nope\n"
    )
    _write(root, "articles/2020/03/schema.md", "---\ntitle: ''\nauthors: Jane\ncolour: red\n---\n\nText.\n")
    _write(root, "articles/2020/03/dates.md", "---\ntitle: D\ndate: 2021-02-30\n---\n\nText.\n")
    _write(root, "articles/2020/03/order.md", "---\ntitle: O\ndate: 2020-03-05\nupdated: 2020-03-01\n---\n\nx\n")
    _write(root, "articles/2020/03/future.md", "---\ntitle: F\ndate: 2999-01-01\n---\n\nText.\n")
    _write(root, "articles/2020/03/who.md", "---\ntitle: W\nauthors:\n- Nobody Known\n---\n\nText.\n")
    _write(root, "articles/2020/03/twice.md", "---\ntitle: T\nsource_url: http://A.example/x/?utm_source=1\n---\n\ny\n")
    _write(root, "articles/2020/03/Case.md", "---\ntitle: C\n---\n\nText.\n")
    _write(root, "articles/2020/03/case.md", "---\ntitle: c\n---\n\nText.\n")
    _write(
        root,
        "articles/2020/03/links.md",
        "---\ntitle: L\n---\n\nOk [a](../01/good.md).\n\n[b](missing.md) ![i](pic.png)\n\n`[c](no.md)`\n",
    )
    _write(root, "articles/2020/03/.links.md.incoming", "new version")
    _write(root, "articles/2020/03/yaml.md", "---\ntitle: [unclosed\n---\n\nText.\n")
    _write(root, "index.md", "---\nhide: [toc\n---\n\n# Home\n")
    result = run_cli("check", "-c", str(root))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    a = f"{root}/articles/2020/03"
    expected = [
        f"{root}/.authors.yml:4: duplicate key 'lea-novak'",
        f"{root}/.authors.yml:8: authors.ann.url: 'nope' does not match",
        f"{root}/.authors.yml:6: warning: key 'ann' is not the slug of 'Ann Berg' ('ann-berg')",
        f"{a}/dates.md:3: date: not a real date or time: day is out of range for month",
        f"{a}/order.md:4: updated: before the publication date",
        f"{a}/future.md:3: warning: date: 2999-01-01 is in the future",
        f"{a}/who.md:3: authors: unknown author 'Nobody Known': add a profile to .authors.yml",
        f"{a}/schema.md:2: title: must not be empty",
        f"{a}/schema.md:3: authors: must be of type array",
        f"{a}/schema.md:4: colour: unknown frontmatter key",
        f"{a}/twice.md:3: source_url: same source as {root}/articles/2020/02/other.md",
        f"{a}/case.md: same page URL as {a}/Case.md",
        f"{a}/links.md:7: broken link: missing.md",
        f"{a}/links.md:7: broken link: pic.png",
        f"{a}/links.md: warning: a new version from ingest waits for review in .links.md.incoming",
        f"{a}/yaml.md:3: invalid YAML in frontmatter",
        f"{root}/index.md:3: invalid YAML in frontmatter",
    ]
    for want in expected:
        assert [line for line in lines if line.startswith(want)], f"missing: {want}\n" + "\n".join(lines)
    assert not [line for line in lines if "no.md" in line or "good.md" in line]
    assert len([line for line in lines if "schema.md:2:" in line]) == 1  # one problem per field
    assert "errors, 4 warnings" in result.stderr  # lea-novak: the second entry (Lea N) won


def test_future_dates_are_relative_to_today(tmp_path):
    root = _archive(tmp_path)
    _write(root, "articles/2020/03/f.md", "---\ntitle: F\ndate: 2030-01-01\n---\n\nText.\n")
    assert [p.severity for p in check(root, today=dt.date(2029, 1, 1))] == ["warning"]
    assert check(root, today=dt.date(2031, 1, 1)) == []


def test_schema_command_prints_both_schemas():
    article = json.loads(run_cli("schema").stdout)
    authors = json.loads(run_cli("schema", "authors").stdout)
    assert "title" in article["required"] and "authors" in authors["properties"]


def test_impossible_date_fails_the_build_naming_file_line_and_field(tmp_path):
    """PyYAML raises ValueError (not a YAML error) for 2021-02-30: the build names the place."""
    from tests.conftest import make_site_project, mkdocs_build

    project = make_site_project(tmp_path)
    _write(project / "content", "articles/2021/02/bad.md", "---\ntitle: Bad\ndate: 2021-02-30\n---\n\nText.\n")
    build = mkdocs_build(project)
    assert build.returncode != 0
    assert "articles/2021/02/bad.md:3: date: not a real date or time" in build.stderr + build.stdout
