"""Copy the real test material the tests use from ``../shared`` into ``tests/fixtures/shared``.

    python -m tests.vendor [--shared ../shared]      (make fixtures SHARED=../shared)

The tests read their corpus pages from ``tests/fixtures/shared`` (a subset of ``../shared`` in the
same layout), so that a fresh clone, here or on GitHub's runners, tests exactly the same pages.
What is copied:

* ``seed/`` and ``tools/`` (the corpus' own scorers and the bad-input generator), whole;
* ``corpora/bad-input/``, whole (the manifest names every file);
* from ``corpora/metadata-dev``: every page ``tests/test_html_pages.py`` pins (its ``PAGES``), page
  and truth;
* from ``corpora/scrapinghub-aeb``: every page ``tests/test_html_pages.py`` pins (its ``BODIES``),
  with their entries of ``ground-truth.json``;
* each corpus' ``SOURCE.md`` (origin and licence) and ``corpora/README.md``.

The pinned lists are read from the test module's source (not imported: importing it needs the
copy this script makes). Re-run after pinning a new page; the copy is replaced whole.
"""

from __future__ import annotations

import argparse
import ast
import json
import shutil
import sys
from pathlib import Path

TESTS = Path(__file__).resolve().parent
TARGET = TESTS / "fixtures" / "shared"


def pinned() -> tuple[list[str], list[str]]:
    """The metadata-dev ids (keys of ``PAGES``) and scrapinghub id prefixes (``BODIES``) pinned."""
    tree = ast.parse((TESTS / "test_html_pages.py").read_text(encoding="utf-8"))
    values = {
        target.id: node.value
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name) and target.id in {"PAGES", "BODIES"}
    }
    pages = [ast.literal_eval(key) for key in values["PAGES"].keys]
    bodies = [ast.literal_eval(item.elts[0]) for item in values["BODIES"].elts]
    return pages, bodies


def _copy(src: Path, dst: Path) -> None:
    dst.parent.mkdir(parents=True, exist_ok=True)
    if src.is_dir():
        shutil.copytree(src, dst)
    else:
        shutil.copy2(src, dst)


def vendor(shared: Path, target: Path = TARGET) -> dict[str, int]:
    """Replace ``target`` with the subset of ``shared`` the tests use; returns counts per corpus."""
    pages, prefixes = pinned()
    corpora = shared / "corpora"
    if target.exists():
        shutil.rmtree(target)
    for part in ("seed", "tools", "corpora/bad-input", "corpora/README.md"):
        _copy(shared / part, target / part)
    for tool_cache in target.rglob("__pycache__"):
        shutil.rmtree(tool_cache)

    meta = corpora / "metadata-dev"
    _copy(meta / "SOURCE.md", target / "corpora/metadata-dev/SOURCE.md")
    for page_id in pages:
        truth = json.loads((meta / "truth" / f"{page_id}.json").read_text(encoding="utf-8"))
        _copy(meta / "truth" / f"{page_id}.json", target / "corpora/metadata-dev/truth" / f"{page_id}.json")
        _copy(meta / "html" / truth["html_file"], target / "corpora/metadata-dev/html" / truth["html_file"])

    aeb = corpora / "scrapinghub-aeb"
    _copy(aeb / "SOURCE.md", target / "corpora/scrapinghub-aeb/SOURCE.md")
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    chosen = {}
    for prefix in prefixes:
        matches = [page_id for page_id in truth if page_id.startswith(prefix)]
        if len(matches) != 1:
            raise SystemExit(f"scrapinghub-aeb: prefix {prefix!r} matches {len(matches)} pages")
        chosen[matches[0]] = truth[matches[0]]
        name = f"html/{matches[0]}.html.gz"
        _copy(aeb / name, target / "corpora/scrapinghub-aeb" / name)
    out = target / "corpora/scrapinghub-aeb/ground-truth.json"
    out.write_text(json.dumps(dict(sorted(chosen.items())), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return {"metadata-dev": len(pages), "scrapinghub-aeb": len(chosen)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=TESTS.parent.parent / "shared", help="default: ../shared")
    args = parser.parse_args()
    if not (args.shared / "corpora").is_dir():
        sys.exit(f"{args.shared}: no corpora/ here; pass --shared")
    counts = vendor(args.shared)
    print(f"{TARGET.relative_to(TESTS.parent)}: " + ", ".join(f"{n} pages of {c}" for c, n in counts.items()))


if __name__ == "__main__":
    main()
