"""Full-text search over the built site with Pagefind (the ``pagefind[extended]`` wheel ships its
binary, with Chinese and Japanese word segmentation).

Only article pages are indexed (``data-pagefind-body`` marks their text; the filters ``author``,
``year`` and ``tag`` ride along in the page). Pagefind splits an index into small chunks that the
search page fetches per query, so nothing search-related is downloaded before a reader searches.

Pagefind holds everything it indexes in memory (over 3 GB for 10,000 articles at once), so a
large archive is indexed in parts of at most ``part_size`` articles, one Pagefind run after
another. The parts are date ranges, newest first (:func:`plan`): the search page lists results
newest first and searches an older part only when the reader asks for more results than the
newer parts hold, so a first query fetches the index chunks of one part, not of every part.
For "best match" it merges every part (Pagefind's ``mergeIndex``: one WebAssembly module).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import MorgueError

BUNDLE = "pagefind"
#: Target size of Pagefind's index chunks (``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``). A query fetches,
#: from each part it searches, the chunk holding each of its words; smaller chunks than Pagefind's
#: default cut a first two- or three-word query at 10,000 articles, every part searched (three
#: then), from 320-470 KB to 250-370 KB
#: (benchmarks/site_build.py), at the price of a slightly larger chunk table.
CHUNK_SIZE = 6000
#: Pagefind's files that morgue's search page does not use (Pagefind's own UIs).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-modular-ui.js", "pagefind-modular-ui.css", "pagefind-highlight.js")  # fmt: skip


class SearchIndexError(MorgueError):
    """Pagefind failed to index the site."""


def index_language(languages: Iterable[str | None], site_language: str) -> str:
    """One index language for the whole archive, so that one search box finds every language.
    Chinese or Japanese articles make it a CJK index (word segmentation for them; Latin text still
    splits on spaces and matches by prefix); otherwise the site's language (with its stemmer)."""
    primary = {(lang or "").split("-")[0].lower() for lang in languages}
    for cjk in ("zh", "ja"):
        if cjk in primary:
            return cjk
    return site_language.split("-")[0].split("_")[0].lower() or "en"


@dataclass(frozen=True)
class Part:
    """One Pagefind run's share of the archive: a range of dates."""

    bundle: str  # site-relative folder of its index: "pagefind/", then "pagefind/2/", ...
    pages: tuple[str, ...]  # built article pages (site-relative)
    since: str  # ISO day of its oldest dated article ("" when none is dated)


def plan(pages: Sequence[tuple[str, dt.date | None]], part_size: int) -> list[Part]:
    """Split ``(built page, day)`` pairs, given newest first with the undated last (the catalog's
    order), into parts of at most ``part_size`` pages: each part a date range, the newest first."""
    parts, size = [], max(1, part_size)
    for n, start in enumerate(range(0, len(pages), size)):
        chunk = pages[start : start + size]
        days = [day for _, day in chunk if day is not None]
        bundle = f"{BUNDLE}/" if n == 0 else f"{BUNDLE}/{n + 1}/"
        parts.append(Part(bundle, tuple(page for page, _ in chunk), min(days).isoformat() if days else ""))
    return parts


def build_index(site_dir: str, parts: Sequence[Part], *, language: str) -> None:
    """One Pagefind run per part, into the part's bundle folder."""
    for part in parts:
        _index_part(Path(site_dir), part.pages, Path(site_dir, part.bundle), language)


def _index_part(site: Path, pages: Sequence[str], output: Path, language: str) -> None:
    """One Pagefind run over hard links to ``pages`` (same relative paths, so the same URLs)."""
    with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=site) as staging:
        for rel in pages:
            target = Path(staging, rel)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / rel, target)
            except OSError:
                shutil.copyfile(site / rel, target)
        _run(staging, output, language)
    for name in UNUSED:
        (output / name).unlink(missing_ok=True)


def _run(site: str, output: Path, language: str) -> None:
    command = [sys.executable, "-m", "pagefind", "--site", site, "--output-path", str(output)]
    command += ["--force-language", language, "--silent"]
    env = {**os.environ, "PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": str(CHUNK_SIZE)}
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False, env=env)
    except OSError as err:
        raise SearchIndexError(f"cannot run pagefind: {err}", path=site) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise SearchIndexError(f"pagefind failed: {detail[-1] if detail else done.returncode}", path=str(output))
