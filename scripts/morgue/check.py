"""``morgue check``: validate the archive as the site will see it, reporting every problem.

Checks, for every article under ``content/articles/``: frontmatter YAML and schema, real dates
(``updated`` not before ``date``; a date in the future is a warning), authors known to the
registry, two articles with one source URL, file names that collide on a case-insensitive disk
or as site URLs, internal links and images that point at nothing, new versions from ingest still
waiting for review (``.<name>.md.incoming``). Other pages: their frontmatter must parse. The
registry (``.authors.yml``): YAML, duplicate keys, schema, keys articles cannot reach.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import unquote, urlsplit

from . import frontmatter, registry
from .errors import MorgueError
from .store import ARTICLES, url_key

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``path:line: message`` (warnings as ``path:line: warning: ...``)."""

    path: str
    line: int | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {'warning: ' if self.severity == 'warning' else ''}{self.message}"


@dataclass
class _Page:
    rel: str  # relative to the content folder, "/"-separated
    text: str
    doc: frontmatter.Document | None


def check(content: str | os.PathLike[str], *, today: dt.date | None = None) -> list[Problem]:
    """Every problem in the archive at ``content``, sorted by file and line."""
    root = Path(content)
    found: list[Problem] = []
    known, problems = _registry(root)
    found += problems
    pages = list(_pages(root, found))
    articles = [p for p in pages if p.rel.startswith(ARTICLES + "/") and p.doc is not None]
    for page in articles:
        found += _article(root, page, known, today or dt.date.today())
    found += _same_source(root, articles)
    found += _colliding_names(root, pages)
    found += _pending_reviews(root)
    return sorted(found, key=lambda p: (p.path, p.line or 0, p.message))


def _shown(root: Path, rel: str) -> str:
    return (root / rel).as_posix()


# --------------------------------------------------------------------------- registry
def _registry(root: Path) -> tuple[set[str] | None, list[Problem]]:
    path = root / registry.FILENAME
    if not path.exists():
        return set(), []
    text = path.read_text(encoding="utf-8")
    errors = registry.problems(text, str(path))
    found = [Problem(str(path), e.line, _message(e)) for e in errors]
    found += [Problem(str(path), e.line, e.message, "warning") for e in registry.unreachable(text, str(path))]
    try:
        return set(registry.parse_registry(text, str(path))), found
    except MorgueError:
        return None, found  # authors cannot be checked against a broken registry


def _message(error: MorgueError) -> str:
    return f"{error.field}: {error.message}" if error.field else error.message


# --------------------------------------------------------------------------- pages
def _pages(root: Path, found: list[Problem]) -> Iterator[_Page]:
    for path in sorted(root.rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if any(part.startswith(".") for part in rel.split("/")):
            continue
        try:
            text = path.read_text(encoding="utf-8")
            yield _Page(rel, text, frontmatter.split(text, _shown(root, rel)))
        except UnicodeDecodeError:
            found.append(Problem(_shown(root, rel), None, "not UTF-8 text"))
        except MorgueError as err:
            found.append(Problem(_shown(root, rel), err.line, _message(err)))
            yield _Page(rel, "", None)


def _article(root: Path, page: _Page, known: set[str] | None, today: dt.date) -> list[Problem]:
    assert page.doc is not None
    shown = _shown(root, page.rel)
    meta = page.doc.meta
    found = [Problem(shown, e.line, _message(e)) for e in frontmatter.problems(meta, shown, page.text)]
    found += _dates(shown, page, today)
    if known is not None and isinstance(meta.get("authors"), list):
        for name in meta["authors"]:
            if isinstance(name, str) and name.strip() and registry.author_slug(name) not in known:
                message = f"authors: unknown author {name!r}: add a profile to {registry.FILENAME}"
                found.append(Problem(shown, _line(page, "authors"), message))
    found += _links(root, page)
    return found


def _line(page: _Page, key: str) -> int | None:
    return frontmatter.key_line(page.text, key)


def _dates(shown: str, page: _Page, today: dt.date) -> list[Problem]:
    meta, found, days = page.doc.meta, [], {}
    for key in ("date", "updated"):
        try:
            value = frontmatter.parse_when(meta.get(key))
        except (ValueError, TypeError):
            continue  # the schema check has reported it
        if isinstance(value, (dt.date, dt.datetime)):
            days[key] = value.date() if isinstance(value, dt.datetime) else value
    if "date" in days and days["date"] > today + dt.timedelta(days=1):
        found.append(Problem(shown, _line(page, "date"), f"date: {days['date']} is in the future", "warning"))
    if "date" in days and "updated" in days and days["updated"] < days["date"]:
        found.append(Problem(shown, _line(page, "updated"), "updated: before the publication date"))
    return found


_MD_LINK = re.compile(r"(?<!\\)!?\[(?:[^\]\\\n]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_HTML_LINK = re.compile(r"""<(?:a|img)\b[^>]*?\s(?:href|src)\s*=\s*["']([^"']+)["']""", re.I)
_FENCE = re.compile(r"^\s*(```|~~~)")


def _links(root: Path, page: _Page) -> list[Problem]:
    """Relative links and images in the body that point at no file of the site."""
    found, in_code = [], False
    for number, line in enumerate(page.doc.body.split("\n"), start=page.doc.body_line):
        if _FENCE.match(line):
            in_code = not in_code
        if in_code:
            continue
        line = re.sub(r"`[^`]*`", "", line)
        for match in (*_MD_LINK.finditer(line), *_HTML_LINK.finditer(line)):
            target = match.group(1)
            if not _resolves(root, page.rel, target):
                found.append(Problem(_shown(root, page.rel), number, f"broken link: {target}"))
    return found


def _resolves(root: Path, rel: str, target: str) -> bool:
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not parts.path:
        return True  # external, mail, or a fragment of this page
    path = unquote(parts.path)
    base = PurePosixPath(rel).parent
    candidate = PurePosixPath(path.lstrip("/")) if path.startswith("/") else base / path
    resolved = os.path.normpath(candidate.as_posix())
    if resolved.startswith(".."):
        return False
    if path.endswith("/"):  # a page URL: the page's source file
        return any((root / f"{resolved}{suffix}").is_file() for suffix in (".md", "/index.md", "/README.md"))
    return (root / resolved).exists()


# --------------------------------------------------------------------------- across articles
def _same_source(root: Path, articles: list[_Page]) -> list[Problem]:
    by_url: dict[str, list[_Page]] = defaultdict(list)
    for page in articles:
        url = page.doc.meta.get("source_url")
        if isinstance(url, str) and (key := url_key(url)):
            by_url[key].append(page)
    found = []
    for pages in by_url.values():
        for page in pages[1:]:
            message = f"source_url: same source as {_shown(root, pages[0].rel)} (the same article twice?)"
            found.append(Problem(_shown(root, page.rel), _line(page, "source_url"), message))
    return found


def _colliding_names(root: Path, pages: list[_Page]) -> list[Problem]:
    """Files that become the same page URL (``a.md`` and ``a/index.md``), or the same file on a
    case-insensitive disk (``A.md`` and ``a.md``): one would hide the other."""
    by_url: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        stem = page.rel.removesuffix(".md")
        for suffix in ("/index", "/README"):
            stem = stem.removesuffix(suffix) if stem.endswith(suffix) else stem
        by_url[stem.casefold()].append(page.rel)
    found = []
    for rels in by_url.values():
        for rel in sorted(rels)[1:]:
            message = f"same page URL as {_shown(root, sorted(rels)[0])} (names differ only in case or index)"
            found.append(Problem(_shown(root, rel), None, message))
    return found


def _pending_reviews(root: Path) -> list[Problem]:
    base = root / ARTICLES
    found = []
    for incoming in sorted(base.rglob(".*.md.incoming")) if base.is_dir() else ():
        article = incoming.with_name(incoming.name[1:].removesuffix(".incoming"))
        message = f"a new version from ingest waits for review in {incoming.name}: merge it, then delete that file"
        found.append(Problem(article.as_posix(), None, message, "warning"))
    return found
