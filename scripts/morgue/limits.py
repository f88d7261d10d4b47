"""Documented limits that keep one hostile input from crashing or stalling a batch.

| limit | value | what happens past it |
|---|---|---|
| size of one document | :data:`morgue.sources.MAX_BYTES` (64 MiB, after gunzip) | refused: ``file too large`` |
| element nesting of an HTML page | :data:`MAX_DEPTH` levels (checked on the parsed tree) | refused: ``nested too deeply`` |
| time to convert one document | :data:`TIMEOUT` seconds (``morgue ingest --timeout``) | abandoned: ``took longer than`` |

Why a depth limit: HTML parsers fail on pathological nesting in different ways (libxml2, under
lxml, silently drops everything below 256 levels; recursive converters overflow the stack;
html5lib takes minutes). Real pages stay far below: the deepest of the 744 corpus pages nests
51 levels.
"""

from __future__ import annotations

import contextlib
import functools
import signal
import threading
from collections.abc import Iterator

from lxml import etree

from .errors import InputError

#: Deepest element nesting accepted in an HTML page: libxml2's HTML parser stops nesting at 256
#: levels and drops what lies deeper, so a page that reaches that depth is refused.
MAX_DEPTH = 255
#: Seconds one document may take to convert before it is abandoned and reported.
TIMEOUT = 120.0


@functools.cache
def _deeper_than(limit: int) -> etree.XPath:
    return etree.XPath("boolean(" + "/*" * (limit + 1) + ")")


def check_depth(root: etree._Element, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`InputError` when the parsed page nests elements more than ``limit`` levels
    deep (checked in C by one XPath: a path of ``limit + 1`` element steps)."""
    if _deeper_than(limit)(root):
        raise InputError(
            f"nested too deeply: elements nest more than {limit} levels (limit {limit}); "
            "the HTML parser would silently drop what lies deeper"
        )


class Timeout(InputError):
    """A document took longer to convert than the time limit."""


@contextlib.contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise :class:`Timeout` in the block after ``seconds`` of wall time.

    Uses a POSIX interval timer, so it works in the main thread of a process (the CLI, and each
    worker of ``morgue ingest --jobs N``); elsewhere (a thread of a Dask worker) the block runs
    without a limit.
    """
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise Timeout(f"took longer than {seconds:g} s to convert (limit {seconds:g} s); abandoned")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
