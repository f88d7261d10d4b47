"""Include / exclude globs for folder inputs, in the style of ``.gitignore``.

``*`` and ``?`` stay within one path segment, ``**`` spans folders, ``[abc]`` is a class. A pattern
without ``/`` matches a name at any depth (``*.html``, ``drafts``); a pattern with one matches the
path below the input folder (``2024/**/*.html``); a trailing ``/`` means a folder and what is in it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence


@functools.cache
def _compile(pattern: str) -> re.Pattern[str]:
    folder = pattern.endswith("/")
    body = pattern.strip("/")
    out = [] if "/" in body else ["(?:.*/)?"]
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        elif body[i] == "[" and (end := body.find("]", i + 2)) != -1:
            cls = body[i + 1 : end]
            out.append("[" + ("^" + re.escape(cls[1:]) if cls[0] in "!^" else re.escape(cls)) + "]")
            i = end + 1
        else:
            out.append(re.escape(body[i]))
            i += 1
    # a pattern also matches everything below a folder it matches
    tail = "/.*" if folder else "(?:/.*)?"
    return re.compile("".join(out) + tail + r"/?\Z", re.S)


def matches(path: str, patterns: Sequence[str]) -> bool:
    """True when ``path`` (relative, ``/``-separated; folders end with ``/``) matches a pattern."""
    return any(_compile(p).match(path) for p in patterns if p)
