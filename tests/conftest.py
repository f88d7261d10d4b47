"""Shared fixtures: where the real test material lives, the CLI entry function, a real site build."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from morgue.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _shared() -> Path:
    """The real test material: the pinned subset of ``../shared`` vendored into the repository (so a
    fresh clone tests the same pages everywhere; ``make fixtures`` refreshes it), or the folder
    ``MORGUE_SHARED`` names (the whole ``../shared``, say)."""
    chosen = Path(os.environ.get("MORGUE_SHARED") or FIXTURES / "shared")
    if not (chosen / "corpora").is_dir():
        raise RuntimeError(f"{chosen}: no corpora/ here (run `make fixtures`, or set MORGUE_SHARED)")
    return chosen


SHARED = _shared()
CORPORA = SHARED / "corpora"
SEED = SHARED / "seed" / "technode-cisco-inspur.txt"
SEED_SIDECAR = SHARED / "seed" / "technode-cisco-inspur-with-url.meta.yml"


def run_cli(*args: str):
    """Run ``morgue ARGS`` through its entry function; returns click's Result (stdout, stderr, exit_code)."""
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def seed_inbox(tmp_path: Path) -> Path:
    """A folder holding the seed scrape and its sidecar, renamed the way the sidecar asks."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEED, inbox / SEED.name)
    shutil.copy(SEED_SIDECAR, inbox / "technode-cisco-inspur.meta.yml")
    return inbox


def make_site_project(tmp_path: Path) -> Path:
    """A copy of the repository's site configuration (mkdocs.yml, theme/) around an empty content/."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")  # docs_dir: content, site_dir: site
    (project / "content").mkdir()
    (project / "content" / "index.md").write_text("# Test archive\n", encoding="utf-8")
    return project


def mkdocs_build(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """A real ``mkdocs build --strict`` in ``project``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", *extra],
        cwd=project,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
