"""Ingest speed: articles/s on one core and on all cores, and the time of a no-change re-run.

    python benchmarks/ingest.py [--pages N] [--jobs J] [--keep DIR]

Builds an inbox of N real news pages (default 2,200) from the corpora (``metadata-dev`` and
``scrapinghub-aeb``: 744 pages; each further copy of a page gets its own URL in a sidecar and a
sentence of its own, so that it is a different article), then times real ``morgue ingest``
processes, each into a fresh content folder:

* ``--jobs 1`` and ``--jobs J`` (default: every core): articles/s (wall) and CPU seconds (the
  ingest process's own, plus what its workers report spending on reading and converting pages);
* a no-change re-run of the J-job archive (the input cache at work), and the same re-run with
  the cache deleted (every input converted again, every file found unchanged);
* the peer, in the same run: trafilatura 2.3 alone (``bare_extraction``, the engine morgue's
  HTML conversion builds on) over the same pages in one process.

The machine may be shared: the load average before each run is printed beside it.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _shared() -> Path:
    for candidate in (os.environ.get("MORGUE_SHARED"), ROOT.parent / "shared", Path("/work/shared")):
        if candidate and Path(candidate, "corpora").is_dir():
            return Path(candidate)
    sys.exit("../shared (the corpora) not found; set MORGUE_SHARED")


def corpus_pages(shared: Path) -> list[tuple[str, bytes, str | None]]:
    """(name, HTML bytes, URL) of every corpus page, sorted."""
    pages = []
    meta = shared / "corpora" / "metadata-dev"
    for path in sorted((meta / "html").glob("*.html")):
        truth = json.loads((meta / "truth" / f"{path.stem}.json").read_text(encoding="utf-8"))
        pages.append((path.stem, path.read_bytes(), truth.get("url")))
    aeb = shared / "corpora" / "scrapinghub-aeb" / "html"
    for path in sorted(aeb.glob("*.html.gz")):
        pages.append((path.name.removesuffix(".html.gz"), gzip.decompress(path.read_bytes()), None))
    return pages


_PARAGRAPH_END = re.compile(rb"</p>", re.I)


def variant(html: bytes, copy: int) -> bytes:
    """The page with a sentence of its own at the end of each paragraph (copy 0: as it is)."""
    if copy == 0:
        return html
    note = f" (Archive copy {copy}.)".encode()
    return _PARAGRAPH_END.sub(lambda m: note + m.group(0), html)


def make_inbox(inbox: Path, count: int, pages: list[tuple[str, bytes, str | None]]) -> None:
    inbox.mkdir(parents=True)
    for n in range(count):
        name, html, url = pages[n % len(pages)]
        copy = n // len(pages)
        stem = f"{n:05d}-{name}"
        (inbox / f"{stem}.html").write_bytes(variant(html, copy))
        base = url or f"https://bench.example/{name}"
        page_url = base if copy == 0 else f"{base}{'&' if '?' in base else '?'}archive-copy={copy}"
        (inbox / f"{stem}.meta.yml").write_text(f"url: '{page_url}'\n", encoding="utf-8")


def run_ingest(inbox: Path, content: Path, jobs: int) -> dict:
    """One real ``morgue ingest`` process; wall and CPU time (its own and its workers')."""
    load = os.getloadavg()[0]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [sys.executable, "-m", "morgue", "ingest", str(inbox), "-c", str(content)]
    result = subprocess.run(
        [*command, "--jobs", str(jobs), "--no-progress", "-q", "--report", str(content.parent / "report.json")],
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 1):
        sys.exit(result.stderr)
    report = json.loads((content.parent / "report.json").read_text(encoding="utf-8"))
    main_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    convert_cpu = report["conversion_cpu_seconds"]
    cpu = main_cpu if jobs == 1 else main_cpu + convert_cpu  # workers report their own CPU time
    main = main_cpu - convert_cpu if jobs == 1 else main_cpu  # reading, writing, filing: the serial part
    return {"wall": wall, "cpu": cpu, "main": main, "counts": report["counts"], "load": load}


def run_peer(pages: list[bytes]) -> dict:
    """trafilatura alone over the same pages, in this process."""
    import trafilatura

    load = os.getloadavg()[0]
    started, cpu0 = time.perf_counter(), time.process_time()
    for html in pages:
        trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    return {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu0, "load": load}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=2200, help="inputs to ingest (default 2,200)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the parallel run")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args()

    work = args.keep or Path(tempfile.mkdtemp(prefix="morgue-ingest-bench-"))
    shutil.rmtree(work / "inbox", ignore_errors=True)
    pages = corpus_pages(_shared())
    make_inbox(work / "inbox", args.pages, pages)
    print(f"inbox: {args.pages:,} pages from {len(pages)} corpus pages ({os.cpu_count()} cores)", flush=True)

    rows = []
    for label, jobs in (("morgue ingest --jobs 1", 1), (f"morgue ingest --jobs {args.jobs}", args.jobs)):
        content = work / f"content-{jobs}"
        shutil.rmtree(content, ignore_errors=True)
        result = run_ingest(work / "inbox", content, jobs)
        filed = result["counts"]["new"]
        rows.append((label, result, filed))
        print(f"{label:<34} {filed:>6,} articles  {filed / result['wall']:7.1f} articles/s  "
              f"wall {result['wall']:7.1f} s  cpu {result['cpu']:7.1f} s (serial part {result['main']:5.1f} s)  "
              f"load {result['load']:.1f}", flush=True)  # fmt: skip
    (_, one, _), (_, many, filed) = rows
    serial = many["main"] / many["cpu"]
    print(f"speed-up on {args.jobs} processes: {one['wall'] / many['wall']:.2f}x (wall); "
          f"CPU per article {1000 * one['cpu'] / filed:.1f} ms and {1000 * many['cpu'] / filed:.1f} ms; "
          f"serial share {serial:.0%} (Amdahl bound on {args.jobs} idle cores: "
          f"{1 / (serial + (1 - serial) / args.jobs):.2f}x)")  # fmt: skip

    content = work / f"content-{args.jobs}"
    rerun = run_ingest(work / "inbox", content, args.jobs)
    assert rerun["counts"]["new"] == 0 and rerun["counts"]["updated"] == 0, rerun["counts"]
    print(f"{'no-change re-run':<34} {rerun['counts']['unchanged']:>6,} unchanged  wall {rerun['wall']:7.2f} s  "
          f"cpu {rerun['cpu']:6.1f} s  load {rerun['load']:.1f}", flush=True)  # fmt: skip
    (content / ".morgue" / "ingested.json").unlink()
    uncached = run_ingest(work / "inbox", content, args.jobs)
    print(f"{'no-change re-run, cache deleted':<34} {uncached['counts']['unchanged']:>6,} unchanged  "
          f"wall {uncached['wall']:7.2f} s  cpu {uncached['cpu']:6.1f} s  load {uncached['load']:.1f}", flush=True)  # fmt: skip

    htmls = [p.read_bytes() for p in sorted((work / "inbox").glob("*.html"))]
    peer = run_peer(htmls)
    print(f"{'peer: trafilatura alone, 1 process':<34} {len(htmls):>6,} pages     "
          f"{len(htmls) / peer['wall']:7.1f} pages/s     wall {peer['wall']:7.1f} s  cpu {peer['cpu']:7.1f} s  "
          f"load {peer['load']:.1f}")  # fmt: skip
    if not args.keep:
        shutil.rmtree(work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
