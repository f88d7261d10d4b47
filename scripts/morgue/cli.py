"""The ``morgue`` command: argument parsing and reporting over the library.

Each command parses its arguments, calls the library, and reports. This is the one place that
turns :class:`~morgue.errors.MorgueError` into messages and exit codes.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import click

from . import __version__, frontmatter, sources
from .errors import MorgueError
from .pipeline import convert as convert_document
from .sources import Document
from .store import Store, write_atomic


def _error(err: MorgueError) -> None:
    click.echo(f"error: {err}", err=True)


def _warn(where: str, note: str) -> None:
    click.echo(f"warning: {where}: {note}", err=True)


def _documents(inputs: tuple[str, ...]) -> Iterator[Document | MorgueError]:
    for item in sources.expand(inputs):
        if isinstance(item, MorgueError):
            yield item
        else:
            yield from sources.read(item)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="morgue")
def main() -> None:
    """morgue: scraped news articles in, a clean, credited, searchable archive out."""


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
@click.option(
    "--content",
    "-c",
    default="content",
    show_default=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="The archive's content folder (the MkDocs docs_dir).",
)
def ingest(inputs: tuple[str, ...], content: Path) -> None:
    """Clean INPUTS and file them in the archive: content/articles/<yyyy>/<mm>/<slug>.md.

    Re-running on the same inputs changes nothing; files edited by hand are never overwritten.
    Author bios and contacts go to content/.authors.yml. Exits non-zero if any input failed;
    the others are still filed.
    """
    store = Store(content)
    counts: Counter[str] = Counter()
    for item in _documents(inputs):
        if isinstance(item, MorgueError):
            _error(item)
            counts["failed"] += 1
            continue
        try:
            converted = convert_document(item)
            outcome = store.file(converted)
        except MorgueError as err:
            _error(err)
            counts["failed"] += 1
            continue
        for note in converted.notes:
            _warn(item.where, note)
        counts[outcome.status] += 1
        detail = f" ({outcome.detail})" if outcome.detail else ""
        if outcome.status != "unchanged":
            click.echo(f"{outcome.status:>9}  {content / outcome.path}  <- {item.where}{detail}")
    try:
        store.save_registry()
    except MorgueError as err:
        _error(err)
        counts["failed"] += 1
    order = ("new", "updated", "unchanged", "duplicate", "conflict", "failed")
    click.echo("ingested: " + ", ".join(f"{counts[k]} {k}" for k in order))
    if counts["failed"]:
        sys.exit(1)
