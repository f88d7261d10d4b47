"""Where articles live in ``content/`` and how they get there.

* Path: ``articles/<yyyy>/<mm>/<slug>.md`` (``articles/undated/<slug>.md`` without a date); the
  slug comes from the title and never leaves the folder.
* Identity: an article is the same article when its normalised source URL matches, or, without
  a URL, when its body matches. A second copy of a body already filed is a duplicate.
* Idempotent: filing the same article again changes no byte.
* Hand edits win: every file morgue writes carries ``morgue_digest``, the digest of its own text.
  A file whose text no longer matches its digest (or that has none) was written or edited by a
  person: it is never overwritten; the new version is put beside it as ``.<name>.incoming`` (a
  dot-file MkDocs does not publish) and reported.
  When the source has not changed since, the editor's file simply stays (``unchanged``).
* Within one run, a second input with the URL of one already filed is a ``duplicate``.
* Atomic: each file is written to a temporary file in the same folder, synced, then renamed; a
  run killed mid-way leaves whole files only, and the next run picks up where it stopped.
* Fast re-runs: ``.morgue/ingested.json`` remembers which input (by a fingerprint of its bytes,
  its metadata and the converter's code) produced which file, so unchanged inputs are not
  converted again; ``.morgue/index.json`` keeps each article's URL and body keys with its size
  and modification time, so a large archive is not re-read to file a few new articles. Both are
  caches: deleting them loses nothing.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from . import frontmatter, registry
from .atomic import sync_folders, write_atomic
from .errors import MorgueError, StoreError
from .markdown import plain_text
from .model import Article, Author, Converted
from .text import slugify

ARTICLES = "articles"
UNDATED = "undated"
DIGEST_KEY = "morgue_digest"
_DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}: (sha256:[0-9a-f]{{64}})\n", re.M)
_TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|yclid|igshid|_ga|ref|ref_src|cmpid|ocid|smid)$", re.I
)

CACHE = ".morgue/ingested.json"
INDEX = ".morgue/index.json"
#: Threads writing articles, and how many writes may be in flight before filing waits.
WRITERS = 2
MAX_PENDING_WRITES = 64
SAME_URL = "same URL as an article filed earlier in this run"
SAME_TEXT = "same text as an article already filed"

Status = Literal["new", "updated", "unchanged", "duplicate", "conflict"]


@dataclass(frozen=True)
class Outcome:
    status: Status
    path: str  # relative to the content folder, with "/" separators
    detail: str | None = None


def url_key(url: str | None) -> str | None:
    """Normalised URL used to recognise the same article: scheme, host case, ``www.``, default
    ports, trailing slash, tracking parameters and fragment do not matter."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").lower().removeprefix("www.")
        port = parts.port
    except ValueError:
        return url.strip()
    if port and port not in (80, 443):
        host = f"{host}:{port}"
    path = re.sub(r"/+$", "", parts.path) or "/"
    query = urlencode(
        sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k))
    )
    return urlunsplit(("", host, path, query, ""))


def body_key(body: str) -> str:
    """Fingerprint of an article body's text, insensitive to whitespace and Markdown escaping."""
    text = re.sub(r"\s+", " ", plain_text(body)).strip().casefold()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def digest_of(text: str) -> str:
    """Digest of a file's text with its own ``morgue_digest`` line left out."""
    return "sha256:" + hashlib.sha256(_DIGEST_LINE.sub("", text, count=1).encode("utf-8")).hexdigest()


def recorded_digest(text: str) -> str | None:
    match = _DIGEST_LINE.search(text)
    return match.group(1) if match else None


def is_hand_edited(text: str) -> bool:
    """True when the file was not written by morgue as it is now (no digest, or text changed since)."""
    recorded = recorded_digest(text)
    return recorded is None or recorded != digest_of(text)


def render_article(article: Article) -> str:
    """The file morgue writes for ``article``: frontmatter with its digest, then the body."""
    meta = frontmatter.to_dict(article)
    unsigned = frontmatter.render(meta, article.body)
    return frontmatter.render({**meta, DIGEST_KEY: digest_of(unsigned)}, article.body)


@dataclass(frozen=True)
class Filing:
    """A converted article with what filing it takes worked out: the text of its file, its
    identity (normalised source URL, body fingerprint) and the slug of its file name. None of it
    needs the archive, so in a batch it is done where the conversion ran (a worker), not in the
    process that files."""

    converted: Converted
    text: str
    url: str | None
    body: str
    slug: str

    @classmethod
    def of(cls, converted: Converted) -> Filing:
        article = converted.article
        text, body = render_article(article), body_key(article.body)
        return cls(converted, text, url_key(article.source.url), body, slugify(article.title))


def article_dir(article: Article) -> str:
    if article.date is None:
        return f"{ARTICLES}/{UNDATED}"
    return f"{ARTICLES}/{article.date.year:04d}/{article.date.month:02d}"


class Store:
    """The articles and author registry under one content folder.

    The index of filed articles (by source URL and by body) is built on first use, so a run
    whose inputs are all known from the cache never reads the archive.
    """

    def __init__(self, content: str | os.PathLike[str], *, converter: str = "", write_behind: bool = False) -> None:
        self.root = Path(content)
        self.write_behind = write_behind  # articles written by background threads until flush()
        self.converter = converter  # identifies the converter's code: cache entries of another are dropped
        self.registry_path = self.root / registry.FILENAME
        self.cache_path = self.root / CACHE
        self._by_url: dict[str, str] | None = None
        self._by_body: dict[str, str] = {}
        self._keys: dict[str, tuple[str | None, str]] = {}  # path -> (URL key, body key)
        self._unsynced: set[Path] = set()  # folders with renames not yet made durable
        self._writer: cf.ThreadPoolExecutor | None = None
        self._pending: list[cf.Future[None]] = []
        self._digests: dict[str, str | None] = {}  # path -> morgue_digest of what this run wrote there
        self._paths: set[str] = set()
        self._run_urls: dict[str, str] = {}  # URL key -> path, for articles filed in this run
        self._run_paths: set[str] = set()
        self._authors: dict[str, Author] | None = None
        self._cache_old, self._cache_new = self._load_cache(), {}
        self._remove_partial_writes()

    # ------------------------------------------------------------------ index
    def _index(self) -> dict[str, str]:
        if self._by_url is None:
            self._by_url = {}
            self._scan()
        return self._by_url

    def _scan(self) -> None:
        """Index every article by URL and body. Keys of files unchanged since the last run (same
        size and modification time) come from ``.morgue/index.json`` instead of being re-read."""
        base = self.root / ARTICLES
        if not base.is_dir():
            return
        known = self._load_json(INDEX).get("files", {})
        for path in sorted(base.rglob("*.md")):
            rel = path.relative_to(self.root).as_posix()
            if any(part.startswith(".") for part in rel.split("/")):
                continue
            self._paths.add(rel)
            try:
                stat = path.stat()
                cached = known.get(rel)
                if isinstance(cached, list) and len(cached) == 4 and cached[:2] == [stat.st_size, stat.st_mtime_ns]:
                    self._add(rel, cached[2], cached[3])
                    continue
                doc = frontmatter.split(path.read_text(encoding="utf-8"), rel)
            except (MorgueError, OSError, UnicodeDecodeError):
                continue  # `morgue check` reports broken files; the store just leaves them alone
            self._remember(rel, doc.meta.get("source_url"), doc.body)

    def _remove_partial_writes(self) -> None:
        base = self.root / ARTICLES
        for tmp in base.rglob(".tmp-*.part") if base.is_dir() else ():  # left by a write killed mid-way
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _remember(self, rel: str, url: object, body: str) -> None:
        self._add(rel, url_key(url) if isinstance(url, str) else None, body_key(body))

    def _add(self, rel: str, key: str | None, bkey: str) -> None:
        if key:
            self._index().setdefault(key, rel)
        self._by_body.setdefault(bkey, rel)
        self._paths.add(rel)
        self._keys[rel] = (key, bkey)

    def save_index(self) -> None:
        """Write ``.morgue/index.json`` (if the index was built in this run)."""
        if self._by_url is None:
            return
        files = {}
        for rel, (key, bkey) in sorted(self._keys.items()):
            try:
                stat = (self.root / rel).stat()
            except OSError:
                continue
            files[rel] = [stat.st_size, stat.st_mtime_ns, key, bkey]
        self._write_json(INDEX, {"version": 1, "files": files})

    def _free_path(self, article: Article, slug: str) -> str:
        folder = article_dir(article)
        rel = f"{folder}/{slug}.md"
        n = 2
        while rel in self._paths or (self.root / rel).exists():
            rel = f"{folder}/{slug}-{n}.md"
            n += 1
        return rel

    # ------------------------------------------------------------------ filing
    def file(self, item: Converted | Filing) -> Outcome:
        """File one converted article (and remember its authors for :meth:`save`)."""
        filing = item if isinstance(item, Filing) else Filing.of(item)
        converted, text, key, bkey = filing.converted, filing.text, filing.url, filing.body
        article = converted.article
        index = self._index()
        if key and key in self._run_urls:
            return Outcome("duplicate", self._run_urls[key], SAME_URL)
        self._merge_authors(converted)
        existing = index.get(key) if key else None
        if existing is None and bkey in self._by_body:
            other = self._by_body[bkey]
            if other in self._run_paths or (self._keys[other][0] or None) not in (None, key):
                return self._filed(key, Outcome("duplicate", other, SAME_TEXT))
            existing = other  # the same text, filed before without a URL (or with this one)
        rel = existing or self._free_path(article, filing.slug)
        target = self.root / rel
        try:
            outcome = self._write(rel, target, text, existing is not None and target.exists())
        except OSError as exc:
            raise StoreError(f"cannot write article: {exc.strerror or exc}", path=target) from None
        if outcome.status in ("new", "updated"):
            self._add(rel, key, bkey)
        return self._filed(key, outcome)

    def _write(self, rel: str, target: Path, text: str, exists: bool) -> Outcome:
        if not exists:
            self._write_article(target, text)
            return Outcome("new", rel)
        current = target.read_text(encoding="utf-8")
        if current == text:
            return Outcome("unchanged", rel)
        if not is_hand_edited(current):
            self._write_article(target, text)
            return Outcome("updated", rel)
        if recorded_digest(current) == recorded_digest(text):
            return Outcome("unchanged", rel, "edited by hand; the source has not changed since")
        incoming = target.with_name(f".{target.name}.incoming")
        if self._text(incoming.relative_to(self.root).as_posix()) != text:
            write_atomic(incoming, text)
        return Outcome("conflict", rel, f"edited by hand; new version kept in {incoming.name}")

    def _write_article(self, target: Path, text: str) -> None:
        """Write an article; with ``write_behind``, in the background (syncing a file to disk takes
        milliseconds a batch need not wait for): :meth:`flush` waits, and syncs each folder once."""
        self._digests[target.relative_to(self.root).as_posix()] = recorded_digest(text)
        if not self.write_behind:
            write_atomic(target, text)
            return
        if self._writer is None:
            self._writer = cf.ThreadPoolExecutor(WRITERS, thread_name_prefix="morgue-write")
        while len(self._pending) >= MAX_PENDING_WRITES:
            self._settle(self._pending.pop(0))
        self._pending.append(self._writer.submit(write_atomic, target, text, sync_folder=False))
        self._unsynced.add(target.parent)

    def _settle(self, future: cf.Future[None]) -> None:
        try:
            future.result()
        except OSError as exc:
            raise StoreError(f"cannot write article: {exc.strerror or exc}", path=exc.filename) from None

    def flush(self) -> None:
        """Wait for the articles being written, then make their renames durable."""
        while self._pending:
            self._settle(self._pending.pop(0))
        sync_folders(sorted(self._unsynced))
        self._unsynced.clear()

    def close(self) -> None:
        """Flush, and stop the background writers."""
        try:
            self.flush()
        finally:
            if self._writer is not None:
                self._writer.shutdown()
                self._writer = None

    def _filed(self, key: str | None, outcome: Outcome) -> Outcome:
        """Note what this run filed, so a later copy of the same article is a duplicate."""
        if key:
            self._run_urls.setdefault(key, outcome.path)
        if outcome.status != "duplicate":
            self._run_paths.add(outcome.path)
        return outcome

    def _text(self, rel: str) -> str | None:
        try:
            return (self.root / rel).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None

    # ------------------------------------------------------------------ input cache
    def known_inputs(self) -> frozenset[str]:
        """Fingerprints of the inputs the cache remembers (:meth:`known` checks their articles)."""
        return frozenset(self._cache_old)

    def is_known(self, fingerprint: str) -> bool:
        """True when the input with ``fingerprint`` was filed before and the archive still holds
        its article as it was then (same ``morgue_digest``; an editor's later edits do not matter)."""
        entry = self._cache_old.get(fingerprint)
        if not entry or not isinstance(entry.get("path"), str):
            return False
        text = self._text(entry["path"])
        return text is not None and recorded_digest(text) == entry.get("digest")

    def known(self, fingerprint: str) -> Outcome | None:
        """The outcome of filing a known input again (see :meth:`is_known`), without converting it."""
        if not self.is_known(fingerprint):
            return None
        entry = self._cache_old[fingerprint]
        rel, url = entry["path"], entry.get("url")
        if url and url in self._run_urls:
            return Outcome("duplicate", self._run_urls[url], SAME_URL)
        if rel in self._run_paths:
            return Outcome("duplicate", rel, SAME_TEXT)
        self._cache_new.setdefault(fingerprint, entry)
        if entry.get("status") == "duplicate":
            return self._filed(url, Outcome("duplicate", rel, entry.get("detail")))
        return self._filed(url, Outcome("unchanged", rel))

    def remember(self, fingerprint: str, filing: Filing, outcome: Outcome) -> None:
        """Record which file the input with ``fingerprint`` produced, or duplicated (the first
        time it is seen in a run; conflicts are not recorded: they are converted again)."""
        if outcome.status == "conflict" or fingerprint in self._cache_new:
            return
        if outcome.path in self._digests:  # written in this run (perhaps still being written)
            digest = self._digests[outcome.path]
        else:
            text = self._text(outcome.path)
            digest = recorded_digest(text) if text else None
        if digest:
            entry = {"path": outcome.path, "digest": digest, "url": filing.url}
            if outcome.status == "duplicate":
                entry.update(status="duplicate", detail=outcome.detail)
            self._cache_new[fingerprint] = {k: v for k, v in entry.items() if v}

    def _load_cache(self) -> dict[str, dict]:
        data = self._load_json(CACHE)
        if data.get("converter") != self.converter:
            return {}
        inputs = data.get("inputs", {})
        return inputs if isinstance(inputs, dict) else {}

    def save_cache(self) -> None:
        """Write the input cache: entries seen in this run win; older ones are kept."""
        inputs = {**self._cache_old, **self._cache_new}
        self._write_json(CACHE, {"version": 1, "converter": self.converter, "inputs": inputs})

    def _load_json(self, rel: str) -> dict:
        try:
            data = json.loads((self.root / rel).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) and data.get("version") == 1 else {}

    def _write_json(self, rel: str, data: dict) -> None:
        text = json.dumps(data, sort_keys=True, indent=0, ensure_ascii=False) + "\n"
        try:
            if self._text(rel) != text:
                write_atomic(self.root / rel, text)
        except OSError as exc:
            raise StoreError(f"cannot write {rel}: {exc.strerror or exc}", path=self.root / rel) from None

    # ------------------------------------------------------------------ authors
    def authors(self) -> dict[str, Author]:
        if self._authors is None:
            self._authors = registry.load_registry(self.registry_path)
        return self._authors

    def _merge_authors(self, converted: Converted) -> None:
        profiles = {a.name: a for a in converted.authors}
        found = [profiles.get(name) or Author(name=name) for name in converted.article.authors]
        found += [a for a in converted.authors if a.name not in converted.article.authors]
        registry.merge_into(self.authors(), found)

    def save_registry(self) -> bool:
        """Write the registry if it changed; returns whether it was written."""
        if self._authors is None:
            return False
        text = registry.dump_registry(self._authors)
        try:
            if self.registry_path.exists() and self.registry_path.read_text(encoding="utf-8") == text:
                return False
            write_atomic(self.registry_path, text)
        except OSError as exc:
            raise StoreError(f"cannot write author registry: {exc.strerror or exc}", path=self.registry_path) from None
        return True

    def save(self) -> None:
        """Make the articles written so far durable, then write what the run learnt: the author
        registry, the input cache, the article index."""
        self.flush()
        self.save_registry()
        self.save_cache()
        self.save_index()
