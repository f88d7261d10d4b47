"""Batch ingest: inputs -> documents -> conversion on every core (or a Dask cluster) -> the store.

Filing into the archive happens in this process, in input order, so a run gives the same files
whatever the parallelism. Workers do the rest, a few inputs at a time: a file of one document
(a page, a text dump) is sent to them unread, to be read, fingerprinted and converted there;
the documents of JSON Lines and WARC files are read here and sent. An input already converted
by the same code, whose article is still in the archive as it was written, is not converted
again (see :mod:`morgue.store`): a worker that finds its fingerprint in the input cache says so.
On a Dask cluster, whose workers may not see this machine's files, every input is read here,
and the cache is checked here before anything is sent.

Nothing here prints: progress goes through a callback and the outcome is a :class:`Report`.
"""

from __future__ import annotations

import concurrent.futures as cf
import functools
import hashlib
import json
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from . import sources
from .errors import MorgueError
from .limits import TIMEOUT, time_limit
from .model import Converted
from .pipeline import convert
from .sources import Document, Skipped, Unread
from .store import Filing, Outcome, Store

T = TypeVar("T")
#: Seconds between saves of the registry and the input cache during a run.
SAVE_EVERY = 30.0
#: Inputs sent to a worker process at a time.
BATCH = 4
STATUSES = ("new", "updated", "unchanged", "duplicate", "conflict", "skipped", "failed")


# --------------------------------------------------------------------------- worker side
Task = Document | Unread  # what a worker is given: a document, or a file of one to read


@dataclass(frozen=True)
class Done:
    """What a worker sends back for one input: its fingerprint (None when it could not be read),
    then its article made ready to file, or the error, or None when ``known`` held the
    fingerprint (not converted); and the CPU seconds it took."""

    key: str | None
    result: Filing | MorgueError | None
    cpu: float


def convert_timed(task: Task, timeout: float | None = TIMEOUT, known: Container[str] = ()) -> Done:
    """Read the input (unless read already) and fingerprint it; unless ``known`` holds the
    fingerprint, convert it and render its file (so the filing process has less to do)."""
    started = time.process_time()
    doc = task.read() if isinstance(task, Unread) else task
    if isinstance(doc, MorgueError):
        return Done(None, doc, time.process_time() - started)
    key = fingerprint(doc)
    result = None if key in known else _guarded(doc, lambda: Filing.of(convert(doc)), timeout)
    return Done(key, result, time.process_time() - started)


_known: frozenset[str] = frozenset()  # in a worker process: the fingerprints the input cache holds


def _set_known(known: frozenset[str]) -> None:
    global _known
    _known = known


def _convert_in_worker(tasks: list[tuple[Task, bool]], timeout: float | None) -> list[Done]:
    """A batch of inputs, each with whether the input cache may spare its conversion."""
    return [convert_timed(task, timeout, _known if cached else ()) for task, cached in tasks]


def convert_document(doc: Document, timeout: float | None = TIMEOUT) -> Converted | MorgueError:
    """Convert one document within the time limit; errors are returned, not raised, so that
    they travel back from worker processes intact (path and line included)."""
    return _guarded(doc, lambda: convert(doc), timeout)


def _guarded(doc: Document, work: Callable[[], T], timeout: float | None) -> T | MorgueError:
    try:
        with time_limit(timeout):
            return work()
    except MorgueError as err:
        return err.located(doc.path, doc.line)
    except Exception as exc:  # a bug met on hostile input must not stop the batch
        return MorgueError(f"unexpected error while converting: {type(exc).__name__}: {exc}", path=doc.where)


# --------------------------------------------------------------------------- report
@dataclass
class Entry:
    """What happened to one input document."""

    status: str
    input: str
    path: str | None = None
    detail: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v is not None}


@dataclass
class Report:
    """The outcome of one ingest run: every input's entry and the counts."""

    content: str
    entries: list[Entry] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (input, warning)
    cpu_seconds: float = 0.0  # spent by workers (or this process) reading, fingerprinting, converting

    def add(self, entry: Entry) -> None:
        self.entries.append(entry)

    @property
    def counts(self) -> Counter[str]:
        counts = Counter({status: 0 for status in STATUSES})
        counts.update(entry.status for entry in self.entries)
        return counts

    @property
    def failed(self) -> list[Entry]:
        return [e for e in self.entries if e.status == "failed"]

    def reasons(self, status: str) -> Counter[str]:
        """How often each reason was given for ``status`` (``skipped``, ``duplicate``...)."""
        return Counter(e.detail or "" for e in self.entries if e.status == status)

    def retry(self) -> list[str]:
        """Input files with a failed document, to run again once fixed."""
        return sorted({input_file(e.input) for e in self.failed})

    def as_dict(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "counts": dict(self.counts),
            "conversion_cpu_seconds": round(self.cpu_seconds, 3),
            "reasons": {s: dict(sorted(self.reasons(s).items())) for s in ("skipped", "duplicate", "conflict")},
            "failed": [e.as_dict() for e in self.failed],
            "retry": self.retry(),
            "warnings": [{"input": where, "warning": note} for where, note in self.notes],
            "inputs": [e.as_dict() for e in self.entries],
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2) + "\n"


def input_file(where: str) -> str:
    """The input file of a location such as ``a.jsonl:3`` or ``b.warc (record 2, ...)``."""
    for sep in (" (", ":"):
        head, found, tail = where.rpartition(sep)
        if found and (sep == " (" or tail.isdigit()):
            return head
    return where


# --------------------------------------------------------------------------- running
@dataclass(frozen=True)
class Options:
    """How to run a batch. ``jobs``: worker processes (0: one per core; 1: in this process).
    ``dask``: address of a Dask scheduler to convert on instead. ``timeout``: seconds per document."""

    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    jobs: int = 0
    timeout: float | None = TIMEOUT
    dask: str | None = None


Progress = Callable[[Entry], None]


def ingest(
    inputs: Iterable[str | os.PathLike[str]],
    content: str | os.PathLike[str],
    options: Options = Options(),
    progress: Progress | None = None,
) -> Report:
    """Ingest ``inputs`` into the archive at ``content``; returns the report of the run.

    The registry and the input cache are saved every :data:`SAVE_EVERY` seconds as well as at the
    end, so a long run that is killed loses little: its re-run skips what was already filed."""
    store = Store(content, converter=converter_version(), write_behind=True)
    report = Report(content=str(content))
    saved = time.monotonic()
    with _executor(options, store.known_inputs()) as submit:
        for entry, notes in _run(_items(inputs, options), store, submit, _window(options), report):
            report.add(entry)
            report.notes.extend((entry.input, note) for note in notes)
            if progress is not None:
                progress(entry)
            if time.monotonic() - saved > SAVE_EVERY:
                _save(store, report)
                saved = time.monotonic()
    _save(store, report)
    store.close()
    return report


def _save(store: Store, report: Report) -> None:
    try:
        store.save()
    except MorgueError as err:
        report.add(Entry("failed", str(err.path), detail=err.message))


def _items(inputs: Iterable[str | os.PathLike[str]], options: Options) -> Iterator[sources.Item | Unread]:
    for item in sources.expand(inputs, options.include, options.exclude):
        if isinstance(item, MorgueError):
            yield item
        else:
            yield from sources.read(item, defer=True)


#: ``submit(task, cached)``: a future of the task's :class:`Done`; ``cached``: skip the
#: conversion of an input whose fingerprint the input cache holds.
Submit = Callable[[Task, bool], Any]


def _run(
    items: Iterator[sources.Item | Unread], store: Store, submit: Submit, window: int, report: Report
) -> Iterator[tuple[Entry, tuple[str, ...]]]:
    """File results in input order while up to ``window`` conversions run ahead."""
    pending: deque[tuple[sources.Item | Unread, Any]] = deque()
    for item in items:
        pending.append((item, submit(item, True) if isinstance(item, (Document, Unread)) else None))
        while len(pending) > window or (pending and _ready(pending[0][1])):
            yield _finish(*pending.popleft(), store, report, submit)
    while pending:
        yield _finish(*pending.popleft(), store, report, submit)


def _ready(future: Any) -> bool:
    return future is None or future.done()


def _finish(
    item: sources.Item | Unread, future: Any, store: Store, report: Report, submit: Submit
) -> tuple[Entry, tuple[str, ...]]:
    if isinstance(item, MorgueError):
        return Entry("failed", _where(item), detail=item.message), ()
    if isinstance(item, Skipped):
        return Entry("skipped", item.where, detail=item.reason), ()
    done = _result(future, item, submit, cached=True)
    report.cpu_seconds += done.cpu
    if done.result is None and done.key is not None:  # the input cache knows the input
        if (known := store.known(done.key)) is not None:
            return _entry(item, known), ()
        done = _result(submit(item, False), item, submit, cached=False)  # but its article changed since
        report.cpu_seconds += done.cpu
    result = done.result
    if isinstance(result, MorgueError):
        where = item.where if done.key is not None else _where(result)  # converting, or reading
        return Entry("failed", where, detail=result.message), ()
    assert result is not None and done.key is not None
    try:
        outcome = store.file(result)
    except MorgueError as err:
        return Entry("failed", item.where, detail=str(err)), result.converted.notes
    store.remember(done.key, result, outcome)
    return _entry(item, outcome), result.converted.notes


def _result(future: Any, item: Task, submit: Submit, *, cached: bool) -> Done:
    """The worker's answer. When its process died (killed for memory, a crash in a parser), the
    input is tried once more in a fresh worker before it is reported."""
    for attempt in range(2):
        try:
            return (future if attempt == 0 else submit(item, cached)).result()
        except cf.process.BrokenProcessPool:
            continue
        except Exception as exc:  # a Dask worker lost, a cancelled task
            return Done(None, MorgueError(f"conversion failed: {type(exc).__name__}: {exc}", path=item.where), 0.0)
    died = "the conversion process died (out of memory, or a crash in a parser)"
    return Done(None, MorgueError(died, path=item.where), 0.0)


def _entry(item: Task, outcome: Outcome) -> Entry:
    return Entry(outcome.status, item.where, outcome.path, outcome.detail)


def _where(err: MorgueError) -> str:
    if err.path is None:
        return "<input>"
    return f"{err.path}:{err.line}" if err.line is not None else err.path


def _window(options: Options) -> int:
    """Conversions allowed to run ahead of the oldest unfiled one: enough that one slow page does
    not leave the other workers idle, few enough to bound memory."""
    return 16 * _jobs(options)


def _jobs(options: Options) -> int:
    return options.jobs if options.jobs > 0 else (os.cpu_count() or 1)


class _executor:
    """The run's :data:`Submit`: in this process, a process pool, or Dask. ``known``: the
    fingerprints the input cache holds."""

    def __init__(self, options: Options, known: frozenset[str]) -> None:
        self.options = options
        self.known = known
        self.pool: Any = None
        self.batch: _Batch | None = None  # the batch being filled for the pool
        self.client: Any = None

    def __enter__(self) -> Submit:
        if self.options.dask:
            from .cluster import connect

            self.client = connect(self.options.dask)
            return self._remote
        if _jobs(self.options) == 1:
            return lambda task, cached: _Done(convert_timed(task, self.options.timeout, self.known if cached else ()))
        return self._pooled

    def _pooled(self, task: Task, cached: bool) -> _Share:
        if self.batch is None or self.batch.future is not None:
            self.batch = _Batch(self._send)
        share = self.batch.add(task, cached)
        if len(self.batch.tasks) == BATCH:
            self.batch.send()
        return share

    def _send(self, tasks: list[tuple[Task, bool]]) -> cf.Future[list[Done]]:
        if self.pool is None:  # started on first need: a run of failing inputs starts no process
            self.pool = cf.ProcessPoolExecutor(
                _jobs(self.options), mp_context=_context(), initializer=_set_known, initargs=(self.known,)
            )
        try:
            return self.pool.submit(_convert_in_worker, tasks, self.options.timeout)
        except cf.process.BrokenProcessPool:  # a worker died: carry on with fresh ones
            self.pool.shutdown(wait=False, cancel_futures=True)
            self.pool = None
            return self._send(tasks)

    def _remote(self, task: Task, cached: bool) -> Any:
        """On Dask the input is read, and the cache checked, here: a cluster's workers may not see
        this machine's files, and a known input need not travel."""
        doc = task.read() if isinstance(task, Unread) else task
        if isinstance(doc, MorgueError):
            return _Done(Done(None, doc, 0.0))
        if cached and (key := fingerprint(doc)) in self.known:
            return _Done(Done(key, None, 0.0))
        return self.client.submit(convert_timed, doc, self.options.timeout, pure=False)

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()


def _context() -> multiprocessing.context.BaseContext:
    """Workers forked from a clean server process that has imported the converter once."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["morgue.ingest"])
    return context


class _Batch:
    """Inputs for one worker, sent together (fewer messages between the processes): when
    :data:`BATCH` are gathered, or as soon as the result of one of them is wanted."""

    def __init__(self, send: Callable[[list[tuple[Task, bool]]], cf.Future[list[Done]]]) -> None:
        self.tasks: list[tuple[Task, bool]] = []
        self.future: cf.Future[list[Done]] | None = None
        self._send = send

    def add(self, task: Task, cached: bool) -> _Share:
        self.tasks.append((task, cached))
        return _Share(self, len(self.tasks) - 1)

    def send(self) -> cf.Future[list[Done]]:
        if self.future is None:
            self.future = self._send(self.tasks)
        return self.future


class _Share:
    """The future of one input of a :class:`_Batch`."""

    def __init__(self, batch: _Batch, index: int) -> None:
        self.batch = batch
        self.index = index

    def done(self) -> bool:
        return self.batch.send().done()

    def result(self) -> Done:
        return self.batch.send().result()[self.index]


class _Done:
    """A finished future, for work done in this process."""

    def __init__(self, value: Done) -> None:
        self.value = value

    def done(self) -> bool:
        return True

    def result(self) -> Done:
        return self.value


# --------------------------------------------------------------------------- fingerprints
def fingerprint(doc: Document) -> str:
    """Identity of an input document: its bytes, its kind and charset, the metadata given with it."""
    digest = hashlib.sha256()
    meta = json.dumps(doc.meta, sort_keys=True, default=str, ensure_ascii=False)
    for part in (doc.kind, doc.charset or "", meta):
        digest.update(part.encode("utf-8", "surrogatepass") + b"\0")
    digest.update(doc.data.encode("utf-8", "surrogatepass") if isinstance(doc.data, str) else doc.data)
    return digest.hexdigest()


@functools.cache
def converter_version() -> str:
    """Digest of the package's code and data: any change to the converter invalidates the cache."""
    from . import __version__

    digest = hashlib.sha256(__version__.encode())
    package = Path(__file__).resolve().parent
    for path in sorted(package.rglob("*")):
        if path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]
