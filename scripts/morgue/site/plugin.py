"""MkDocs plugin ``morgue``: each event handler is a few lines over the library.

* ``on_files``: every article's frontmatter is read and checked by morgue's own reader (invalid
  YAML or a schema violation fails the build, naming file and line); the archive's generated pages
  (home, archive, authors, tags, image credits, search) are added as virtual files;
* ``on_page_markdown``: frontmatter strings are HTML-escaped before the theme sees them (Material
  prints ``page.meta.title`` and ``description`` unescaped); other pages' YAML is checked too;
* ``on_page_content``: rendered article HTML is sanitised with nh3;
* ``on_page_context``: article pages get an ``article`` context, generated pages a ``listing``;
* ``on_post_build``: the Atom and JSON feeds, and the Pagefind search index.

Preview (``mkdocs serve --dirty``, which ``morgue serve`` runs): the plugin instance lives across
rebuilds, so it re-reads only changed articles and marks a generated page modified only when what
it shows changed. A dirty rebuild then re-renders exactly the pages an edit affects.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import clean_directory

from .. import frontmatter
from ..errors import MorgueError
from ..registry import FILENAME as AUTHORS_FILE
from ..registry import load_registry
from . import feeds, listings, search
from .catalog import Catalog
from .context import article_context
from .sanitize import sanitize_html

log = logging.getLogger("mkdocs.plugins.morgue")


class MorgueConfig(Config):
    articles = opt.Type(str, default="articles")
    authors_file = opt.Type(str, default=AUTHORS_FILE)
    per_page = opt.Type(int, default=25)
    feed_size = opt.Type(int, default=feeds.FEED_SIZE)
    search = opt.Type(bool, default=True)  # index with Pagefind after `mkdocs build`
    search_in_serve = opt.Type(bool, default=False)  # also after every `mkdocs serve` rebuild
    search_part_size = opt.Type(int, default=2000)  # articles per Pagefind run (bounds its memory)
    search_per_page = opt.Type(int, default=10)  # search results shown at a time


class ListingFile(File):
    """A generated page that counts as modified only when what it shows changed (dirty builds)."""

    changed: bool = True

    def is_modified(self) -> bool:
        return self.changed or not os.path.isfile(self.abs_dest_path)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


class MorguePlugin(BasePlugin[MorgueConfig]):
    def __init__(self) -> None:
        self.command = "build"
        self.dirty = False
        self._fingerprint: tuple | None = None
        self.catalog = Catalog()
        self._paths = listings.Paths()
        self._digests: dict[str, str] = {}  # generated page -> digest at the last build (serve)
        self._registry: dict = {}
        self._listings: dict[str, listings.Listing] = {}
        self._feed_html: dict[str, str] = {}  # sanitised HTML of the articles in the feeds
        self._feed_uris: set[str] = set()
        self._parts: list[search.Part] = []  # the search index's parts (built article pages by date)

    def on_startup(self, *, command, dirty) -> None:
        self.command = command  # having on_startup keeps this instance across `serve` rebuilds
        self.dirty = dirty
        if command == "serve" and dirty:
            logging.getLogger("mkdocs.commands.build").addFilter(_dirty_warning_filter)
            log.info("morgue: dirty rebuilds re-render the edited pages and every listing they change")

    def on_pre_build(self, *, config) -> None:
        path = Path(config["docs_dir"], self.config.authors_file)
        try:
            self._registry = load_registry(path)
        except MorgueError as err:
            raise PluginError(str(err)) from None
        if self.command == "serve" and self.dirty:
            self._refresh_all_if_setup_changed(config)

    def _refresh_all_if_setup_changed(self, config) -> None:
        """A dirty preview re-renders pages whose source changed; an edit to mkdocs.yml or the theme
        changes every page, so it empties the preview folder (MkDocs' temporary site_dir)."""
        stamp = (config["site_dir"], _setup_fingerprint(config))
        if self._fingerprint is not None and stamp != self._fingerprint:
            log.info("morgue: mkdocs.yml or the theme changed: rebuilding every page")
            clean_directory(config["site_dir"])
            self._digests.clear()
        self._fingerprint = stamp

    # ------------------------------------------------------------------ files
    def is_article_uri(self, src_uri: str) -> bool:
        return src_uri.startswith(self.config.articles.rstrip("/") + "/") and src_uri.endswith(".md")

    def on_files(self, files: Files, *, config) -> Files:
        articles = [f for f in files.documentation_pages() if self.is_article_uri(f.src_uri)]
        try:
            entries = self.catalog.load((f.src_uri, f.url, f.abs_src_path) for f in articles if f.abs_src_path)
        except MorgueError as err:
            raise PluginError(f"invalid frontmatter: {err}") from None
        self._feed_uris = {e.src_uri for e in self._feed_entries()}
        built = {f.src_uri: f.dest_uri for f in articles}
        pages = [(built[e.src_uri], e.day) for e in entries]
        self._parts = search.plan(pages, self.config.search_part_size)
        cards = listings.Cards(self._paths, _locale(config))
        generated = listings.build_all(entries, cards, self.config.per_page, self._registry)
        for listing in generated:
            if listing.kind == "search":
                listing.parts = [(part.bundle, part.since) for part in self._parts]
                listing.per_page = self.config.search_per_page
        self._listings = {}
        for listing in generated:
            self._add_listing(files, listing, config)
        return files

    def _add_listing(self, files: Files, listing: listings.Listing, config) -> None:
        existing = files.get_file_from_path(listing.src_uri)
        if existing is not None and existing.generated_by is None:
            text = existing.content_string  # a hand-written page (the home page): keep its text
            files.remove(existing)
        else:
            text = frontmatter.render({"title": listing.title, "hide": ["navigation", "toc"]}, "")
        page_file = ListingFile.generated(config, listing.src_uri, content=text)
        digest = listing.digest() + hashlib.sha256(text.encode("utf-8")).hexdigest()
        page_file.changed = self._digests.get(listing.src_uri) != digest
        self._digests[listing.src_uri] = digest
        files.append(page_file)
        self._listings[listing.src_uri] = listing

    # ------------------------------------------------------------------ pages
    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        if not self.is_article_uri(page.file.src_uri) or self.catalog.get(page.file.src_uri) is None:
            path = page.file.abs_src_path or page.file.src_uri
            try:
                frontmatter.split(page.file.content_string, path)
            except MorgueError as err:
                raise PluginError(f"invalid frontmatter: {err}") from None
        page.meta = _escaped(page.meta)
        return markdown

    def on_page_content(self, html_text: str, *, page, config, files) -> str:
        entry = self.catalog.get(page.file.src_uri)
        if entry is None:
            return html_text
        clean = sanitize_html(html_text)
        if entry.src_uri in self._feed_uris:
            self._feed_html[entry.src_uri] = clean
        return clean

    def on_post_page(self, output: str, *, page, config) -> str:
        return compact_html(output)

    def on_page_context(self, context, *, page, config, nav):
        entry = self.catalog.get(page.file.src_uri)
        if entry is not None:
            context["article"] = article_context(
                entry.article,
                html_text=page.content or "",
                locale=_locale(config),
                author=self._author_entry,
                tag_url=self._paths.tag,
                credit_url=self._paths.credit,
            )
        listing = self._listings.get(page.file.src_uri)
        if listing is not None:
            context["listing"] = listing
        return context

    def _author_entry(self, name: str) -> dict[str, Any]:
        url = self._paths.author(name)
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        profile = self._registry.get(slug)
        return {"name": name, "slug": slug, "url": url, "description": profile.description if profile else None}

    # ------------------------------------------------------------------ after the pages
    def on_post_build(self, *, config) -> None:
        self._write_feeds(config)
        if self.config.search and self._parts and (self.command != "serve" or self.config.search_in_serve):
            self._index(config)

    def _feed_entries(self) -> list:
        return [e for e in self.catalog.entries if e.article.date is not None][: self.config.feed_size]

    def _write_feeds(self, config) -> None:
        entries = self._feed_entries()
        site_url = config.get("site_url") or "/"
        common = {
            "title": config["site_name"],
            "site_url": site_url,
            "html_of": lambda e: self._feed_html.get(e.src_uri),
            "author_url": self._paths.author,
        }
        texts = {
            "feed.xml": feeds.atom(entries, **common),
            "feed.json": feeds.json_feed(entries, description=config.get("site_description"), **common),
        }
        for name, text in texts.items():
            target = Path(config["site_dir"], name)
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")

    def _index(self, config) -> None:
        languages = (e.article.language for e in self.catalog.entries)
        language = search.index_language(languages, _locale(config))
        try:
            site_dir = os.fspath(config["site_dir"])
            search.build_index(site_dir, self._parts, language=language)
        except MorgueError as err:
            raise PluginError(str(err)) from None


_PRE = re.compile(r"(<(pre|textarea)[\s>].*?</\2>)", re.S | re.I)
_INDENT = re.compile(r"\n\s+")


def compact_html(text: str) -> str:
    """Drop the indentation and blank lines the templates leave (15% of a page), keeping every
    line break (so rendering is unchanged) and ``<pre>``/``<textarea>`` text as it is."""
    parts = _PRE.split(text)
    out = []
    for i, part in enumerate(parts):
        kind = i % 3  # re.split with two groups: text, whole match, tag name
        if kind == 0:
            out.append(_INDENT.sub("\n", part))
        elif kind == 1:
            out.append(part)
    return "".join(out)


def _dirty_warning_filter(record: logging.LogRecord) -> bool:
    """Drop MkDocs' warning that dirty builds leave navigation stale: with this plugin they do not."""
    return "A 'dirty' build is being performed" not in record.getMessage()


def _setup_fingerprint(config) -> tuple:
    paths = [config.config_file_path] if config.config_file_path else []
    custom = config["theme"].custom_dir
    if custom:
        paths += sorted(str(p) for p in Path(custom).rglob("*") if p.is_file())
    return tuple((p, os.stat(p).st_mtime_ns) for p in paths if os.path.exists(p))


def _locale(config) -> str:
    theme_language = config["theme"].get("language") if hasattr(config["theme"], "get") else None
    return (theme_language or "en").replace("-", "_")
