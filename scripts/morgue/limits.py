"""Documented limits that keep one hostile input from crashing or stalling a batch.

| limit | value | what happens past it |
|---|---|---|
| size of one document | :data:`morgue.sources.MAX_BYTES` (64 MiB, after gunzip) | refused: ``file too large`` |
| element nesting of an HTML page | :data:`MAX_DEPTH` levels | refused: ``nested too deeply`` |
| time to convert one document | :data:`TIMEOUT` seconds (``morgue ingest --timeout``) | abandoned: ``took longer than`` |

Why a depth limit: HTML parsers fail on pathological nesting in different ways (lxml silently
drops everything below about 256 levels, recursive converters overflow the stack, html5lib
takes minutes). Real pages stay far below: the deepest of 744 corpus pages nests 69 levels.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
from collections.abc import Iterator

from .errors import InputError

#: Deepest element nesting accepted in an HTML page (libxml2's own limit; see module doc).
MAX_DEPTH = 256
#: Seconds one document may take to convert before it is abandoned and reported.
TIMEOUT = 120.0

_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
     "keygen", "basefont", "bgsound", "frame", "image"}
)  # fmt: skip
# elements whose end tag is optional: the parser closes them itself, so they never pile up
_SELF_CLOSING = frozenset(
    {"p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "rt", "rp", "rb", "rtc",
     "colgroup", "caption"}
)  # fmt: skip
_RAW = "script|style|textarea|title|xmp|plaintext|noscript|iframe|noembed|noframes|template"
_TOKEN = re.compile(
    rf"<!--.*?(?:-->|\Z)|<({_RAW})\b[^>]*>.*?(?:</\1\s*>|\Z)|<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>",
    re.S | re.I,
)


def nesting_depth(html: str, stop_at: int | None = None) -> int:
    """How deep elements nest in ``html``, as a lenient parser would build it (optional end tags
    and void elements do not count; a stray end tag closes nothing). Stops early past ``stop_at``."""
    stack: list[str] = []
    open_count: dict[str, int] = {}
    deepest = 0
    for match in _TOKEN.finditer(html):
        name = match.group(3)
        if not name:
            continue
        name = name.lower()
        if name in _VOID or name in _SELF_CLOSING:
            continue
        if match.group(2):  # an end tag closes up to the nearest open element of its name
            if open_count.get(name):
                while stack:
                    top = stack.pop()
                    open_count[top] -= 1
                    if top == name:
                        break
        elif not match.group(4):
            stack.append(name)
            open_count[name] = open_count.get(name, 0) + 1
            if len(stack) > deepest:
                deepest = len(stack)
                if stop_at is not None and deepest > stop_at:
                    break
    return deepest


def check_depth(html: str, limit: int = MAX_DEPTH) -> None:
    """Raise :class:`InputError` for a page nested deeper than ``limit`` levels."""
    if nesting_depth(html, stop_at=limit) > limit:
        raise InputError(f"nested too deeply: elements nest more than {limit} levels (limit {limit})")


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
