"""The ``morgue`` command: argument parsing and reporting over the library.

Each command parses its arguments, calls the library, and reports. This is the one place that
turns :class:`~morgue.errors.MorgueError` into messages and exit codes.
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import click

from . import __version__, frontmatter, limits, sources
from . import ingest as batch
from .authoring import new_article
from .errors import MorgueError
from .pipeline import convert as convert_document
from .site import preview
from .sources import Document
from .store import write_atomic


def _error(err: MorgueError) -> None:
    click.echo(f"error: {err}", err=True)


def _warn(where: str, note: str) -> None:
    click.echo(f"warning: {where}: {note}", err=True)


def _documents(inputs: tuple[str, ...]) -> Iterator[Document | MorgueError]:
    for item in sources.expand(inputs):
        if isinstance(item, MorgueError):
            yield item
            continue
        for doc in sources.read(item):
            if isinstance(doc, sources.Skipped):
                _warn(doc.where, f"skipped: {doc.reason}")
            else:
                yield doc


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="morgue")
def main() -> None:
    """morgue: scraped news articles in, a clean, credited, searchable archive out."""


def content_option(exists: bool = False) -> Callable[..., Any]:
    """``--content/-c DIR``: the archive's content folder (the MkDocs docs_dir)."""
    return click.option(
        "--content",
        "-c",
        default="content",
        show_default=True,
        type=click.Path(exists=exists, file_okay=False, path_type=Path),
        help="The archive's content folder (the MkDocs docs_dir).",
    )


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option(
    "--out-dir",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Write DIR/<input name>.md for each input. Without it, a single input is printed to stdout.",
)
def convert(inputs: tuple[str, ...], out_dir: Path | None) -> None:
    """Convert scraped INPUTS (HTML pages, text dumps, folders) to Markdown with YAML frontmatter.

    Sidecars (NAME.meta.yml or NAME.meta.json beside an input) supply what the scraper knew.
    Nothing is filed: use `morgue ingest` to add articles to the archive.
    """
    failed = 0
    written: set[str] = set()
    to_stdout = out_dir is None
    for item in _documents(inputs):
        if isinstance(item, MorgueError):
            _error(item)
            failed += 1
            continue
        try:
            converted = convert_document(item)
        except MorgueError as err:
            _error(err)
            failed += 1
            continue
        for note in converted.notes:
            _warn(item.where, note)
        text = frontmatter.dumps(converted.article)
        if to_stdout:
            if written:
                raise click.UsageError("several documents to convert: give --out-dir")
            click.echo(text, nl=False)
            written.add(item.name)
            continue
        name = item.name if item.name not in written else f"{item.name}-{item.line or len(written)}"
        written.add(name)
        write_atomic(out_dir / f"{name}.md", text)
    if failed:
        sys.exit(1)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=str))
@content_option()
@click.option(
    "--include", "-i", multiple=True, metavar="GLOB", help="In folders, read only matching files (repeatable)."
)
@click.option("--exclude", "-x", multiple=True, metavar="GLOB", help="In folders, skip matching files (repeatable).")
@click.option(
    "--jobs", "-j", default=0, show_default="all cores", help="Conversion processes; 1 converts in this process."
)
@click.option(
    "--timeout",
    default=limits.TIMEOUT,
    show_default=True,
    type=click.FloatRange(min=0),
    help="Seconds one document may take to convert before it is abandoned (0: no limit).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE.json",
    help="Also write the run's report (counts, failures to retry, every input's outcome) as JSON.",
)
@click.option("--dask", metavar="ADDRESS", help="Convert on the Dask cluster at ADDRESS (needs morgue[dask]).")
@click.option("--progress/--no-progress", default=None, help="Progress bar (default: only on a terminal).")
@click.option("--quiet", "-q", is_flag=True, help="Print only errors and the summary, not each filed article.")
def ingest(
    inputs: tuple[str, ...],
    content: Path,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int,
    timeout: float,
    report_path: Path | None,
    dask: str | None,
    progress: bool | None,
    quiet: bool,
) -> None:
    """Clean INPUTS and file them in the archive: content/articles/<yyyy>/<mm>/<slug>.md.

    INPUTS are HTML pages, text dumps, scraper JSON Lines, WARC files (any of them gzipped) or
    folders of them. Re-running on the same inputs changes nothing; files edited by hand are never
    overwritten. Author bios and contacts go to content/.authors.yml. Ends with a summary; exits
    non-zero if any input failed (the others are still filed).
    """
    options = batch.Options(include=include, exclude=exclude, jobs=jobs, timeout=timeout or None, dask=dask)
    with _progress_bar(progress) as bar:

        def show(entry: batch.Entry) -> None:
            bar.update(1)
            if entry.status == "failed":
                bar.write(f"error: {entry.input}: {entry.detail}", file=sys.stderr)
            elif not quiet and entry.status not in ("unchanged", "skipped"):
                detail = f" ({entry.detail})" if entry.detail else ""
                bar.write(f"{entry.status:>9}  {content / (entry.path or '')}  <- {entry.input}{detail}")

        try:
            report = batch.ingest(inputs, content, options, progress=show)
        except MorgueError as err:
            _error(err)
            sys.exit(1)
    for where, note in report.notes:
        _warn(where, note)
    _summary(report)
    if report_path is not None:
        write_atomic(report_path, report.to_json())
    if report.counts["failed"]:
        sys.exit(1)


def _summary(report: batch.Report) -> None:
    counts = report.counts
    click.echo("ingested: " + ", ".join(f"{counts[k]} {k}" for k in batch.STATUSES))
    for status in ("skipped", "duplicate", "conflict"):
        for reason, n in sorted(report.reasons(status).items(), key=lambda kv: (-kv[1], kv[0])):
            click.echo(f"  {status}: {n} x {reason}")
    if report.failed:
        click.echo("failed inputs (fix and run again):", err=True)
        for path in report.retry():
            click.echo(f"  {path}", err=True)


@contextlib.contextmanager
def _progress_bar(enabled: bool | None) -> Iterator[Any]:
    from tqdm import tqdm

    with tqdm(unit=" docs", disable=(None if enabled is None else not enabled), file=sys.stderr, leave=False) as bar:
        yield bar


@main.command("check")
@content_option(exists=True)
@click.option("--strict", is_flag=True, help="Fail on warnings too (future dates, pending reviews...).")
def check_command(content: Path, strict: bool) -> None:
    """Validate every article and the author registry, printing `path:line: message` for each problem.

    Checks frontmatter against the schema, real dates, authors missing from .authors.yml, two
    articles with one source URL, names that collide as page URLs, broken internal links and
    images, new versions from ingest waiting for review; and the registry's YAML and schema.
    Exits non-zero when there are errors (or, with --strict, warnings).
    """
    from .check import check

    problems = check(content)
    for problem in problems:
        click.echo(str(problem))
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    articles = sum(1 for _ in (content / "articles").rglob("*.md")) if (content / "articles").is_dir() else 0
    click.echo(f"checked {articles} articles: {errors} errors, {warnings} warnings", err=True)
    if errors or (strict and warnings):
        sys.exit(1)


@main.command("schema")
@click.argument("which", type=click.Choice(["article", "authors"]), default="article")
def schema_command(which: str) -> None:
    """Print the JSON Schema of article frontmatter (default) or of the author registry.

    Save it (`morgue schema > article.schema.json`) and point an editor's YAML tooling at it.
    """
    from . import registry

    value = frontmatter.schema() if which == "article" else registry.schema()
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


@main.command()
@click.argument("title")
@click.option("--author", "-a", "authors", multiple=True, help="An author's display name (repeat for several).")
@click.option("--date", type=click.DateTime(formats=["%Y-%m-%d"]), help="Publication day, YYYY-MM-DD (default: today).")
@click.option("--tag", "-t", "tags", multiple=True, help="A tag (repeat for several).")
@click.option("--language", "-l", help="BCP 47 language tag of the article (en, zh, de-AT ...).")
@click.option("--description", "-d", help="Standfirst shown under the title in listings.")
@content_option()
def new(
    title: str,
    authors: tuple[str, ...],
    date,
    tags: tuple[str, ...],
    language: str | None,
    description: str | None,
    content: Path,
) -> None:
    """Start a hand-written article: content/articles/<yyyy>/<mm>/<slug>.md with valid frontmatter.

    Prints the new file's path. The file is checked by the same schema as cleaned articles, and
    `morgue ingest` never overwrites it. New authors are added to content/.authors.yml.
    """
    try:
        path = new_article(
            content,
            title,
            authors=authors,
            date=date.date() if date else None,
            tags=tags,
            language=language,
            description=description,
        )
    except MorgueError as err:
        _error(err)
        sys.exit(1)
    click.echo(str(path))


@main.command()
@click.option("--config-file", "-f", type=click.Path(exists=True, dir_okay=False), help="mkdocs.yml to use.")
@click.option("--dev-addr", "-a", metavar="IP:PORT", help="Address to serve on (default 127.0.0.1:8000).")
@click.option("--open", "open_browser", is_flag=True, help="Open the preview in a browser.")
def serve(config_file: str | None, dev_addr: str | None, open_browser: bool) -> None:
    """Preview the archive while editing, at http://127.0.0.1:8000 by default.

    Runs `mkdocs serve --dirty`: an edit re-renders only the pages it affects (the article, and the
    listings that show it), so it appears in seconds even in a large archive. The search index is
    built by `mkdocs build` only.
    """
    sys.exit(preview.serve(config_file, dev_addr, open_browser=open_browser))
