"""Small text helpers shared by every stage: cleaning strings for frontmatter, slugs, shortening."""

from __future__ import annotations

import re
import unicodedata

from slugify import slugify as _slugify

# C0/C1 controls (tab and newline handled by the callers), the replacement character, byte-order
# marks, and the bidirectional embedding/override/isolate marks that can disguise text.
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffd\ufeff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufff9-\ufffb]"
)

#: Longest slug, in bytes: leaves room for ".md" and a "-2" suffix under the usual 255-byte limit.
SLUG_MAX_BYTES = 120


def strip_invisible(text: str) -> str:
    """Drop control characters, U+FFFD, BOMs and bidi overrides; keep tab, newline and ZWSP."""
    return _INVISIBLE.sub("", text)


def clean_line(text: str | None) -> str | None:
    """A single-line frontmatter value: NFC, invisible characters gone, whitespace collapsed.

    Returns ``None`` for nothing left, so callers can treat "empty" and "unknown" alike.
    """
    if text is None:
        return None
    return " ".join(strip_invisible(unicodedata.normalize("NFC", text)).split()) or None


def shorten(text: str, limit: int) -> str:
    """Cut ``text`` to at most ``limit`` characters at a word boundary, marking the cut with ``…``.

    Text without spaces (Chinese, Japanese) is cut at the character limit.
    """
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def truncate_bytes(text: str, limit: int) -> str:
    """Longest prefix of ``text`` whose UTF-8 encoding fits in ``limit`` bytes (never splits a character)."""
    encoded = text.encode("utf-8")
    if len(encoded) <= limit:
        return text
    return encoded[:limit].decode("utf-8", errors="ignore")


def slugify(text: str, max_bytes: int = SLUG_MAX_BYTES) -> str:
    """A file-name-safe, URL-safe ASCII slug (non-Latin scripts are transliterated).

    The result never contains a path separator, ``..``, NUL or a leading dot, and fits ``max_bytes``.
    """
    slug = _slugify(strip_invisible(text), max_length=max_bytes, word_boundary=True, save_order=True)
    slug = truncate_bytes(slug, max_bytes).strip("-")
    return slug or "untitled"
