"""What a URL honestly tells: a title from its slug (capitalisation restored from the body)."""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import unquote, urlsplit

_SLUG_WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?", re.I)
_ID_LIKE = re.compile(
    r"^(?:\d+|[0-9a-f]{8,}|[a-z]?\d[\w]*|index|default|article|story|news|post|amp|html?|php|aspx?)$", re.I
)
_SENTENCE_END = re.compile(r"[.!?。！？:]\s+$")


def slug_of(url: str | None) -> str | None:
    """The last meaningful path segment of ``url`` (``cisco-looks-to-boost-china``), or ``None``."""
    if not url:
        return None
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return None
    for segment in reversed([s for s in path.split("/") if s]):
        segment = re.sub(r"\.(?:s?html?|php|aspx?|jsp|cms)$", "", segment, flags=re.I)
        words = _SLUG_WORDS.findall(segment.replace("_", "-"))
        meaningful = [w for w in words if not _ID_LIKE.match(w)]
        if len(meaningful) >= 3 and ("-" in segment or "_" in segment):
            return segment
    return None


def _casing_in(body: str) -> dict[str, str]:
    """For each word of ``body``, the capitalised form it takes in mid-sentence, when it always does."""
    forms: dict[str, Counter[str]] = {}
    for match in re.finditer(r"[A-Za-z][A-Za-z0-9]*", body):
        word = match.group()
        before = body[max(0, match.start() - 3) : match.start()]
        sentence_start = match.start() == 0 or bool(_SENTENCE_END.search(before)) or before.endswith("\n")
        if sentence_start:
            continue
        forms.setdefault(word.lower(), Counter())[word] += 1
    casing: dict[str, str] = {}
    for lower, seen in forms.items():
        form, _count = seen.most_common(1)[0]
        if form != lower and lower not in seen:
            casing[lower] = form
    return casing


def title_from_url(url: str | None, body: str = "") -> str | None:
    """A readable title from the URL slug: words in sentence case, proper nouns as the body writes them.

    ``/2015/09/24/cisco-looks-to-boost-china-operations/`` with a body mentioning "Cisco" and
    "China" gives ``Cisco looks to boost China operations``. Identifiers in the slug are dropped.
    """
    slug = slug_of(url)
    if not slug:
        return None
    words = [w for w in _SLUG_WORDS.findall(slug.replace("_", "-")) if not re.fullmatch(r"\d{5,}|[0-9a-f]{10,}", w)]
    if not words:
        return None
    casing = _casing_in(body)
    out = []
    for i, word in enumerate(words):
        form = casing.get(word.lower(), word.lower())
        if i == 0:
            form = form[0].upper() + form[1:]
        out.append(form)
    return " ".join(out)
