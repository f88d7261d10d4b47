"""MkDocs plugin ``morgue``: each event handler is a few lines over the library.

* every page's frontmatter is parsed by morgue's own reader: invalid YAML fails the build
  (MkDocs alone would render it as page text); article pages are checked against the schema;
* frontmatter strings are HTML-escaped before the theme sees them (Material prints
  ``page.meta.title`` and ``description`` unescaped);
* article pages get an ``article`` template context (byline, date, image credit, source link);
* rendered article HTML is sanitised with nh3.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .. import frontmatter
from ..errors import MorgueError
from ..registry import FILENAME as AUTHORS_FILE
from ..registry import author_slug, load_registry
from .context import article_context
from .sanitize import sanitize_html


class MorgueConfig(Config):
    articles = opt.Type(str, default="articles")
    authors_file = opt.Type(str, default=AUTHORS_FILE)


def _escaped(value: Any) -> Any:
    if isinstance(value, str):
        return html.escape(value)
    if isinstance(value, list):
        return [_escaped(v) for v in value]
    if isinstance(value, dict):
        return {k: _escaped(v) for k, v in value.items()}
    return value


class MorguePlugin(BasePlugin[MorgueConfig]):
    def on_config(self, config):
        self._registry = {}
        self._articles: dict[str, Any] = {}
        return config

    def on_pre_build(self, *, config) -> None:
        path = Path(config["docs_dir"], self.config.authors_file)
        try:
            self._registry = load_registry(path)
        except MorgueError as err:
            raise PluginError(str(err)) from None

    def is_article(self, page) -> bool:
        return page.file.src_uri.startswith(self.config.articles.rstrip("/") + "/")

    def on_page_markdown(self, markdown: str, *, page, config, files) -> str:
        path = page.file.abs_src_path or page.file.src_uri
        text = page.file.content_string
        try:
            doc = frontmatter.split(text, path)
            if self.is_article(page):
                frontmatter.validate(doc.meta, path, text)
                self._articles[page.file.src_uri] = frontmatter.from_dict(doc.meta, doc.body)
        except MorgueError as err:
            raise PluginError(f"invalid frontmatter: {err}") from None
        page.meta = _escaped(page.meta)
        return markdown

    def on_page_content(self, html_text: str, *, page, config, files) -> str:
        if page.file.src_uri in self._articles:
            return sanitize_html(html_text)
        return html_text

    def on_page_context(self, context, *, page, config, nav):
        article = self._articles.get(page.file.src_uri)
        if article is not None:
            context["article"] = article_context(
                article,
                html_text=page.content or "",
                locale=_locale(config),
                author=self._author_entry,
            )
        return context

    def _author_entry(self, name: str) -> dict[str, Any]:
        slug = author_slug(name)
        profile = self._registry.get(slug)
        return {"name": name, "slug": slug, "description": profile.description if profile else None}


def _locale(config) -> str:
    theme_language = config["theme"].get("language") if hasattr(config["theme"], "get") else None
    return (theme_language or "en").replace("-", "_")
