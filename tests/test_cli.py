"""The CLI through its entry function: output, files, exit codes, errors that name the input."""

from __future__ import annotations

import shutil

import pytest
import yaml

from morgue.cli import main
from tests.conftest import CORPORA, FIXTURES, SEED, run_cli


def test_every_command_has_help_text():
    assert main.help
    for name, command in main.commands.items():
        assert command.help and len(command.help) > 40, f"`morgue {name}` needs help text"
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_convert_to_out_dir_names_files_after_inputs(seed_inbox, tmp_path):
    shutil.copy(FIXTURES / "text" / "reuters-style.txt", seed_inbox)
    out = tmp_path / "out"
    result = run_cli("convert", str(seed_inbox), "--out-dir", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["reuters-style.md", "technode-cisco-inspur.md"]


def test_convert_several_inputs_to_stdout_is_a_usage_error(seed_inbox):
    shutil.copy(FIXTURES / "text" / "reuters-style.txt", seed_inbox)
    result = run_cli("convert", str(seed_inbox))
    assert result.exit_code == 2
    assert "--out-dir" in result.stderr


def test_convert_html_page(tmp_path):
    page = CORPORA / "metadata-dev" / "html" / "fundus__uk_iNews_2025_01_28.html"
    result = run_cli("convert", str(page))
    assert result.exit_code == 0, result.stderr
    meta = yaml.safe_load(result.stdout.split("---\n")[1])
    assert meta["title"] and meta["authors"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.html", b"", "empty input"),
        ("image.html", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "binary"),
        ("nothing.txt", b"Leave a Reply\n\nShare this:\n", "no article content"),
    ],
)
def test_bad_input_is_reported_and_the_batch_goes_on(tmp_path, name, content, message):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / SEED.name)
    (inbox / name).write_bytes(content)
    result = run_cli("ingest", str(inbox), "--content", str(tmp_path / "content"))
    assert result.exit_code == 1
    assert f"{inbox / name}: " in result.stderr and message in result.stderr
    assert "1 new" in result.stdout and "1 failed" in result.stdout
    assert len(list((tmp_path / "content" / "articles").rglob("*.md"))) == 1


def test_broken_sidecar_is_named(tmp_path):
    shutil.copy(SEED, tmp_path / SEED.name)
    (tmp_path / "technode-cisco-inspur.meta.yml").write_text("url: [unclosed\n", encoding="utf-8")
    result = run_cli("convert", str(tmp_path / SEED.name))
    assert result.exit_code == 1
    assert "technode-cisco-inspur.meta.yml" in result.stderr and "invalid sidecar" in result.stderr


def test_missing_input_is_an_error(tmp_path):
    result = run_cli("convert", str(tmp_path / "nope.html"))
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_ingest_twice_reports_unchanged(seed_inbox, tmp_path):
    content = tmp_path / "content"
    run_cli("ingest", str(seed_inbox), "--content", str(content))
    result = run_cli("ingest", str(seed_inbox), "--content", str(content))
    assert result.exit_code == 0
    assert "0 new, 0 updated, 1 unchanged" in result.stdout


def test_version():
    result = run_cli("--version")
    assert result.exit_code == 0 and "morgue" in result.stdout
