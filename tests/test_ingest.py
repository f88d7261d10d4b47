"""Batch ingest on real corpus pages: parallel runs give the same files, re-runs change no byte,
hand edits are kept, a run killed with SIGKILL and run again ends whole, reports list failures."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from morgue.ingest import Options, ingest
from tests.conftest import CORPORA, SEED, run_cli

PAGES = sorted((CORPORA / "metadata-dev" / "html").glob("*.html"))


def _inbox(tmp_path: Path, count: int, name: str = "inbox") -> Path:
    """``count`` real news pages, each with the sidecar a scraper would write (its URL)."""
    inbox = tmp_path / name
    inbox.mkdir()
    truth = CORPORA / "metadata-dev" / "truth"
    for page in PAGES[:count]:
        shutil.copy(page, inbox / page.name)
        url = json.loads((truth / f"{page.stem}.json").read_text(encoding="utf-8"))["url"]
        (inbox / f"{page.stem}.meta.yml").write_text(yaml.safe_dump({"url": url}), encoding="utf-8")
    return inbox


def _snapshot(root: Path) -> dict[str, bytes]:
    """Every file of a content folder but the caches in ``.morgue/`` (machine-local: file times)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file() and ".morgue" not in p.parts)
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files}


def _articles(root: Path) -> dict[str, bytes]:
    return {k: v for k, v in _snapshot(root).items() if k.startswith("articles/")}


@pytest.fixture(scope="module")
def inbox(tmp_path_factory) -> Path:
    return _inbox(tmp_path_factory.mktemp("pages"), 24)


def test_parallel_run_files_the_same_bytes_as_one_process(inbox, tmp_path):
    one = ingest([inbox], tmp_path / "one", Options(jobs=1))
    two = ingest([inbox], tmp_path / "two", Options(jobs=2))
    assert one.counts == two.counts and one.counts["new"] >= 20
    assert _snapshot(tmp_path / "one") == _snapshot(tmp_path / "two")


def test_rerun_changes_no_byte_and_converts_nothing(inbox, tmp_path):
    content = tmp_path / "content"
    first = ingest([inbox], content, Options(jobs=1))
    before = _snapshot(content)
    again = ingest([inbox], content, Options(jobs=1))
    assert again.counts["unchanged"] == first.counts["new"] and again.counts["new"] == 0
    assert _snapshot(content) == before
    # without the cache the answer is the same, only slower
    (content / ".morgue" / "ingested.json").unlink()
    third = ingest([inbox], content, Options(jobs=1))
    assert third.counts == again.counts
    assert _articles(content) == _articles(tmp_path / "content")


def test_rerun_restores_a_deleted_article_the_cache_remembers(inbox, tmp_path):
    """The workers find every input in the input cache, but one article is gone from the archive:
    that input is converted after all and its file comes back as it was."""
    content = tmp_path / "content"
    first = ingest([inbox], content, Options(jobs=2))
    before = _articles(content)
    gone = content / sorted(before)[3]
    gone.unlink()
    again = ingest([inbox], content, Options(jobs=2))
    assert again.counts["new"] == 1 and again.counts["unchanged"] == first.counts["new"] - 1
    assert _articles(content) == before


def test_changed_source_updates_unless_edited_by_hand(tmp_path):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.txt").write_text("Buses return tonight.\n\nThe first leaves at ten.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("Trams are late.\n\nRepairs take a week.\n", encoding="utf-8")
    content = tmp_path / "content"
    ingest([inbox], content, Options(jobs=1))
    a, b = sorted((content / "articles").rglob("*.md"))
    for name in ("a", "b"):
        (inbox / f"{name}.meta.yml").write_text("url: https://news.example/" + name + "\n", encoding="utf-8")
    ingest([inbox], content, Options(jobs=1))  # now with URLs: both updated in place
    edited = b.read_text(encoding="utf-8").replace("Repairs take a week.", "Repairs take a week (editor).")
    b.write_text(edited, encoding="utf-8")

    same = ingest([inbox], content, Options(jobs=1))  # source unchanged: the editor's file just stays
    assert same.counts["unchanged"] == 2 and same.counts["conflict"] == 0
    assert b.read_text(encoding="utf-8") == edited

    (inbox / "a.txt").write_text("Buses return tonight.\n\nThe first leaves at eleven.\n", encoding="utf-8")
    (inbox / "b.txt").write_text("Trams are late.\n\nRepairs take two weeks.\n", encoding="utf-8")
    changed = ingest([inbox], content, Options(jobs=1))
    assert changed.counts["updated"] == 1 and changed.counts["conflict"] == 1
    assert "eleven" in a.read_text(encoding="utf-8")
    assert b.read_text(encoding="utf-8") == edited
    incoming = b.with_name(f".{b.name}.incoming")
    assert "two weeks" in incoming.read_text(encoding="utf-8")
    before = _snapshot(content)
    assert ingest([inbox], content, Options(jobs=1)).counts["conflict"] == 1  # still waiting for review
    assert _snapshot(content) == before


def test_folders_with_globs_gz_jsonl_and_report(tmp_path):
    inbox = tmp_path / "inbox"
    (inbox / "2024").mkdir(parents=True)
    (inbox / "drafts").mkdir()
    shutil.copy(SEED, inbox / "2024" / SEED.name)
    with gzip.open(inbox / "2024" / "page.html.gz", "wb") as fh:
        fh.write(PAGES[0].read_bytes())
    (inbox / "drafts" / "draft.txt").write_text("Not ready.\n\nStill a draft.\n", encoding="utf-8")
    records = [
        {"url": "https://news.example/a", "title": "Bridge reopens", "text": "The bridge reopened on Monday.", "author": "Ana Lima"},
        {"url": "https://news.example/b", "title": "Budget passes", "html": "<p>The council passed the budget.</p>", "tags": ["city"]},
        "not a record",
    ]  # fmt: skip
    (inbox / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    content, report = tmp_path / "content", tmp_path / "report.json"
    result = run_cli("ingest", str(inbox), "-c", str(content), "--exclude", "drafts/", "--report", str(report))
    assert result.exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["counts"]["new"] == 4 and data["counts"]["failed"] == 1
    assert data["failed"] == [
        {"status": "failed", "input": f"{inbox / 'feed.jsonl'}:3", "detail": "expected a JSON object, found a string"}
    ]
    assert data["retry"] == [str(inbox / "feed.jsonl")]
    assert not [e for e in data["inputs"] if "draft" in e["input"]]
    assert f"{inbox / 'feed.jsonl'}:3: expected a JSON object" in result.stderr
    assert "\r" not in result.stderr and " docs" not in result.stderr  # no progress bar off a terminal
    only = run_cli("ingest", str(inbox), "-c", str(tmp_path / "only"), "--include", "*.txt")
    assert "2 new" in only.stdout and "0 failed" in only.stdout  # drafts/draft.txt and the seed


def test_sigkill_mid_batch_then_rerun_ends_whole(tmp_path):
    """A real ``morgue ingest`` process killed with SIGKILL mid-batch, then run again: every
    article whole, none twice, the same files as an uninterrupted run."""
    inbox = _inbox(tmp_path, 40)
    reference = tmp_path / "reference"
    ingest([inbox], reference, Options(jobs=1))
    content = tmp_path / "content"
    command = [sys.executable, "-m", "morgue", "ingest", str(inbox), "-c", str(content), "--jobs", "2", "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while len(list(content.rglob("*.md"))) < 8 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
        assert process.poll() is None, "the batch ended before it could be killed"
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the ingest process and its workers
        process.wait()
    partial = len(list((content / "articles").rglob("*.md")))
    assert 8 <= partial < len(_articles(reference))
    for path in (content / "articles").rglob("*.md"):  # what is there is whole
        assert yaml.safe_load(path.read_text(encoding="utf-8").split("---\n", 2)[1])["title"]

    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert _articles(content) == _articles(reference)
    assert not list(content.rglob(".tmp-*"))
    urls = [yaml.safe_load(t.decode().split("---\n", 2)[1]).get("source_url") for t in _articles(content).values()]
    assert len(urls) == len(set(urls))


def test_dask_cluster_files_the_same_bytes(inbox, tmp_path):
    """``morgue ingest --dask`` on a local cluster (worker processes on loopback) = a local run."""
    from distributed import LocalCluster

    ingest([inbox], tmp_path / "local", Options(jobs=1))
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        result = run_cli("ingest", str(inbox), "-c", str(tmp_path / "dask"), "--dask", cluster.scheduler_address)
    assert result.exit_code == 0, result.output
    assert _snapshot(tmp_path / "dask") == _snapshot(tmp_path / "local")


def test_a_worker_killed_mid_batch_costs_nothing(inbox, tmp_path):
    """A conversion worker killed (as the kernel's OOM killer would) mid-batch: its documents are
    converted again in fresh workers, and the archive is the same as an undisturbed run's."""
    import psutil

    ingest([inbox], tmp_path / "reference", Options(jobs=1))
    killed: list[int] = []

    def kill_a_worker(entry):
        servers = [p for p in psutil.Process().children() if "forkserver" in " ".join(p.cmdline())]
        workers = [w for server in servers for w in server.children()]  # workers fork from the server
        if not killed and workers:
            workers[0].send_signal(signal.SIGKILL)
            killed.append(workers[0].pid)

    report = ingest([inbox], tmp_path / "content", Options(jobs=2), progress=kill_a_worker)
    assert killed and report.counts["failed"] == 0
    assert _articles(tmp_path / "content") == _articles(tmp_path / "reference")
