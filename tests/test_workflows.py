"""GitHub workflows, checked offline: three linters, least permissions, and the same `make`
targets the README documents and `.ci/run` uses (no step runs a command of its own)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, make_site_project, run_cli

WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
BIN = Path(sys.executable).parent


def _tool(name: str) -> str:
    path = BIN / name
    assert path.exists(), f"{name} is not installed in the virtualenv (it is in requirements-dev.lock)"
    return str(path)


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


def _make_targets_in(text: str) -> list[str]:
    return re.findall(r"(?<![\w-])make ([a-z][a-z-]*)", text)


def _makefile_targets() -> set[str]:
    return set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def test_there_are_the_three_workflows():
    assert {p.name for p in WORKFLOWS} == {"ci.yml", "deploy.yml", "ingest.yml"}


def test_workflows_match_the_github_schema():
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_dependabot_config_matches_its_schema():
    result = subprocess.run(
        [_tool("check-jsonschema"), "--builtin-schema", "vendor.dependabot", str(ROOT / ".github" / "dependabot.yml")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    ecosystems = {u["package-ecosystem"] for u in _load(ROOT / ".github" / "dependabot.yml")["updates"]}
    assert ecosystems == {"pip", "github-actions"}


def test_zizmor_finds_nothing():
    result = subprocess.run(
        [_tool("zizmor"), "--offline", "--no-progress", str(ROOT / ".github")], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_finds_nothing():
    result = subprocess.run([_tool("actionlint"), *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_steps_run_only_documented_make_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(_make_targets_in(readme))
    defined = _makefile_targets()
    used = set()
    for path in WORKFLOWS:
        for step in _steps(_load(path)):
            run = step.get("run")
            if not run:
                continue
            for command in ("pip install", "pytest", "mkdocs ", "properdocs ", "morgue "):
                assert command not in run, f"{path.name}: run `make <target>` instead of `{command.strip()}`"
            used.update(_make_targets_in(run))
    assert used, "the workflows run no make target"
    assert used <= defined, f"targets missing from the Makefile: {used - defined}"
    assert used <= documented, f"targets the README does not document: {used - documented}"
    assert {"test", "check", "build"} <= used


def test_ci_runs_what_ci_run_runs():
    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _make_targets_in(ci_run) == ["test"]
    ci = _load(ROOT / ".github" / "workflows" / "ci.yml")
    assert "test" in {t for step in _steps(ci) for t in _make_targets_in(step.get("run", ""))}


def test_readme_two_commands_are_make_targets():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme[readme.index("## The two commands") :]
    block = block[: block.index("```", block.index("```") + 3)]
    assert _make_targets_in(block) == ["site", "test"]
    assert {"site", "test"} <= _makefile_targets()


def test_least_privilege():
    for path in WORKFLOWS:
        workflow = _load(path)
        top = workflow.get("permissions")
        assert top in ({}, {"contents": "read"}), f"{path.name}: top-level permissions {top!r}"
        for name, job in workflow["jobs"].items():
            for scope, level in (job.get("permissions") or {}).items():
                assert level in ("read", "write", "none"), (path.name, name, scope)
        for step in _steps(workflow):
            if step.get("uses", "").startswith("actions/checkout"):
                assert step.get("with", {}).get("persist-credentials") is False, (
                    f"{path.name}: checkout keeps credentials"
                )


def test_deploy_uses_pages_actions_with_a_concurrency_group():
    deploy = _load(ROOT / ".github" / "workflows" / "deploy.yml")
    uses = [step.get("uses", "") for step in _steps(deploy)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert deploy["concurrency"]["group"] and deploy["concurrency"]["cancel-in-progress"] is False
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy[True]["push"]["branches"] == ["main"] and "workflow_dispatch" in deploy[True]


def test_ingest_opens_a_pull_request_after_checking():
    ingest = _load(ROOT / ".github" / "workflows" / "ingest.yml")
    assert {"schedule", "workflow_dispatch"} <= set(ingest[True])
    runs = [step.get("run", "") for step in _steps(ingest)]
    order = [t for run in runs for t in _make_targets_in(run)]
    assert order.index("ingest") < order.index("check")
    assert any("gh pr create" in run for run in runs)


def test_pre_commit_config_is_valid():
    result = subprocess.run(
        [_tool("pre-commit"), "validate-config", str(ROOT / ".pre-commit-config.yaml")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_site_builds_with_properdocs(seed_inbox, tmp_path):
    project = make_site_project(tmp_path)
    assert run_cli("ingest", str(seed_inbox), "--content", str(project / "content")).exit_code == 0
    result = subprocess.run(
        [_tool("properdocs"), "build", "--strict", "-f", "mkdocs.yml"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"PATH": str(BIN) + ":/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 0, result.stderr
    page = next((project / "site" / "articles").rglob("index.html")).read_text(encoding="utf-8")
    assert 'content="mkdocs-ProperDocs' in page
    assert 'class="morgue-author"' in page and 'class="morgue-credit"' in page
