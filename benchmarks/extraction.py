"""Extraction quality and speed: morgue's HTML convert beside trafilatura's, in the same run.

    .venv/bin/python benchmarks/extraction.py [--shared ../shared] [--half a|b] [--dump DIR]

For each page of ``corpora/scrapinghub-aeb`` (article bodies) and ``corpora/metadata-dev``
(title, authors, date, lead image, image credit) the page is put in an inbox with a sidecar
holding its URL, the way a scraper leaves it, and converted by morgue's library exactly as
``morgue convert`` does (read, decode, extract, Markdown and frontmatter). The shared scorers
(``tools/eval_body.py``, ``tools/eval_meta.py``) score the output; trafilatura 2.x
(``include_comments=False`` for bodies; ``bare_extraction(with_metadata=True)`` for metadata, as
``eval_meta.py --system trafilatura`` runs it) is run on the same pages in the same process.
Speed is pages per second of CPU time, one process, files already on disk.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

import yaml

from morgue import frontmatter, sources
from morgue.errors import MorgueError
from morgue.extract.language import detect_language
from morgue.markdown import plain_text
from morgue.pipeline import convert

ROOT = Path(__file__).resolve().parent.parent
META_COLUMNS = [
    ("authors exactly right", "authors.set"),
    ("title exact", "title.exact"),
    ("date, same day", "date.day"),
    ("lead image URL", "image.url"),
    ("lead-image credit", "credit.match"),
]


def _shared(value: str | None) -> Path:
    for candidate in (value, ROOT.parent / "shared", "/work/shared"):
        if candidate and Path(candidate, "corpora").is_dir():
            return Path(candidate)
    sys.exit("shared corpora not found: give --shared PATH")


def _inbox(pages: dict[str, tuple[Path, str]], folder: Path) -> dict[str, Path]:
    """Copy each page into ``folder`` with a sidecar holding its URL; returns id -> input path."""
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for page_id, (path, url) in pages.items():
        target = folder / path.name
        shutil.copy(path, target)
        (folder / f"{page_id}.meta.yml").write_text(yaml.safe_dump({"url": url}), encoding="utf-8")
        out[page_id] = target
    return out


def run_morgue(inputs: dict[str, Path], out_dir: Path) -> tuple[dict[str, str], dict[str, str], float]:
    """Convert every input as ``morgue convert`` does; returns (id -> Markdown file, id -> error, CPU s)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    warm_up(next(iter(inputs.values())))
    texts, errors, cpu = {}, {}, 0.0
    for page_id, path in inputs.items():
        start = time.process_time()
        try:
            items = list(sources.read(path))
            item = items[0]
            if isinstance(item, MorgueError):
                raise item
            text = frontmatter.dumps(convert(item).article)
        except MorgueError as exc:
            text, errors[page_id] = None, str(exc)
        cpu += time.process_time() - start
        if text is not None:
            texts[page_id] = text
            (out_dir / f"{page_id}.md").write_text(text, encoding="utf-8")
    return texts, errors, cpu


def warm_up(path: Path) -> None:
    """One untimed conversion, as the peer gets one: imports, and the language model that pages
    without a declared language need (loaded once per process, ~0.5 s)."""
    for item in sources.read(path):
        if not isinstance(item, MorgueError):
            convert(item)
    detect_language("A sentence long enough for the language model to be loaded and asked, once, untimed.")


def body_text(markdown_file: str) -> str:
    """The article text of a converted file: the body without figures (images, captions, credits)."""
    return plain_text(frontmatter.split(markdown_file).body)


def _timed(fn, pages: dict[str, tuple]) -> tuple[dict, float]:
    out, cpu = {}, 0.0
    for page_id, args in pages.items():
        start = time.process_time()
        try:
            out[page_id] = fn(*args)
        except Exception:  # a peer's crash scores as an empty prediction
            out[page_id] = None
        cpu += time.process_time() - start
    return out, cpu


def body_benchmark(shared: Path, work: Path, with_peer: bool, half: str | None = None) -> list[str]:
    sys.path.insert(0, str(shared / "tools"))
    import eval_body

    data = shared / "corpora" / "scrapinghub-aeb"
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    if half:
        truth = {i: t for i, t in truth.items() if _half(i) == half}
    ids = sorted(truth)
    inputs = _inbox({i: (data / "html" / f"{i}.html.gz", truth[i]["url"]) for i in ids}, work / "aeb-inbox")
    texts, errors, cpu = run_morgue(inputs, work / "aeb-out")
    ours = eval_body.score(truth, {i: body_text(t) for i, t in texts.items()}, 0)
    rows = [("morgue", ours, len(ids) / cpu, len(errors))]
    if with_peer:
        import trafilatura

        htmls = {}
        for i in ids:
            with gzip.open(data / "html" / f"{i}.html.gz", "rt", encoding="utf-8") as fh:
                htmls[i] = (fh.read(), truth[i]["url"])
        trafilatura.extract(*htmls[ids[0]], include_comments=False)  # warm-up, untimed
        preds, peer_cpu = _timed(lambda h, u: trafilatura.extract(h, url=u, include_comments=False), htmls)
        rows.append(
            (f"trafilatura {trafilatura.__version__}", eval_body.score(truth, preds, 0), len(ids) / peer_cpu, 0)
        )
    lines = [
        f"## Article body: {len(ids)} pages of scrapinghub-aeb" + (f" (half {half})" if half else ""),
        "",
        "| extractor | F1 | precision | recall | pages/s (CPU) | errors |",
        "|---|---|---|---|---|---|",
    ]
    for name, m, speed, failed in rows:
        lines.append(f"| {name} | {m['f1']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {speed:.1f} | {failed} |")
    for page_id, error in sorted(errors.items()):
        lines.append(f"\nmorgue error: {page_id[:16]}: {error}")
    return lines


def _half(page_id: str) -> str:
    return "a" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "b"


def meta_benchmark(shared: Path, work: Path, with_peer: bool, half: str | None, dump: Path | None) -> list[str]:
    sys.path.insert(0, str(shared / "tools"))
    import eval_meta

    corpus = shared / "corpora" / "metadata-dev"
    pages = eval_meta.load_corpus(str(corpus))
    if half:
        pages = [p for p in pages if _half(p["id"]) == half]
    inputs = _inbox({p["id"]: (corpus / "html" / p["html_file"], p["url"]) for p in pages}, work / "meta-inbox")
    _texts, errors, cpu = run_morgue(inputs, work / "meta-out")
    ours = {p["id"]: eval_meta.load_pred_file(str(work / "meta-out"), p["id"]) or {} for p in pages}
    systems = [("morgue", ours, len(pages) / cpu)]
    if with_peer:
        import trafilatura

        htmls = {p["id"]: (eval_meta._read_html(str(corpus / "html" / p["html_file"])), p["url"]) for p in pages}
        eval_meta.run_trafilatura(*next(iter(htmls.values())))  # warm-up, untimed
        preds, peer_cpu = _timed(eval_meta.run_trafilatura, htmls)
        systems.append(
            (f"trafilatura {trafilatura.__version__}", {k: v or {} for k, v in preds.items()}, len(pages) / peer_cpu)
        )
    lines = [
        f"## Metadata: {len(pages)} pages of metadata-dev" + (f" (half {half})" if half else ""),
        "",
        "| system | " + " | ".join(name for name, _ in META_COLUMNS) + " | pages/s (CPU) |",
        "|---|" + "---|" * (len(META_COLUMNS) + 1),
    ]
    per_page = {}
    for name, preds, speed in systems:
        scores: dict[str, list[bool]] = {metric: [] for _, metric in META_COLUMNS}
        for page in pages:
            result = eval_meta.score_page(page, preds.get(page["id"]) or {})
            per_page.setdefault(page["id"], {})[name] = {"scores": result, "pred": preds.get(page["id"])}
            for metric, value in result.items():
                if metric in scores:
                    scores[metric].append(bool(value))
        cells = [f"{100 * sum(v) / len(v):.1f}% (n={len(v)})" if v else "-" for v in scores.values()]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {speed:.1f} |")
    if errors:
        lines.append(f"\nmorgue errors: {len(errors)}")
        lines += [f"- {k}: {v}" for k, v in sorted(errors.items())]
    if dump:
        dump.mkdir(parents=True, exist_ok=True)
        (dump / "meta-pages.json").write_text(json.dumps(per_page, indent=1, default=str), encoding="utf-8")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", help="folder holding corpora/ and tools/ (default: ../shared)")
    parser.add_argument("--only", choices=("body", "meta"), help="run one of the two benchmarks")
    parser.add_argument("--no-peer", action="store_true", help="skip trafilatura (faster while developing)")
    parser.add_argument("--half", choices=("a", "b"), help="score one half of the pages (over-fitting check)")
    parser.add_argument("--dump", type=Path, help="keep converted files and per-page scores in this folder")
    args = parser.parse_args(argv)
    shared = _shared(args.shared)
    work = args.dump or Path(tempfile.mkdtemp(prefix="morgue-bench-"))
    try:
        lines = []
        if args.only in (None, "body"):
            lines += [*body_benchmark(shared, work, not args.no_peer, args.half), ""]
        if args.only in (None, "meta"):
            lines += meta_benchmark(shared, work, not args.no_peer, args.half, args.dump)
        print("\n".join(lines))
    finally:
        if args.dump is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
