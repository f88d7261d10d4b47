"""Bytes -> text, in the order that decodes real mis-encoded scrapes (see docs/facts.md):

1. a byte-order mark wins (UTF-8, UTF-16 LE/BE);
2. bytes that are valid UTF-8 are UTF-8, whatever a declaration says;
3. the declared charset (HTTP header, then ``<meta charset>`` / ``http-equiv``), read through the
   WHATWG label mapping browsers use (gb2312 -> gb18030, latin1 -> windows-1252, shift_jis -> cp932,
   euc-kr -> cp949);
4. detection (charset-normalizer).

UTF-8 text that was itself mis-decoded once (mojibake such as ``â€™``) is repaired with
``ftfy.fix_encoding``, which leaves correct CJK text alone.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer
import ftfy

from ..errors import InputError

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))

# WHATWG Encoding Standard labels whose Python codec differs from the label's literal meaning.
_WHATWG = {
    **dict.fromkeys(
        [
            "gb2312",
            "gbk",
            "x-gbk",
            "chinese",
            "csgb2312",
            "csiso58gb231280",
            "gb_2312",
            "gb_2312-80",
            "iso-ir-58",
            "gb18030",
        ],
        "gb18030",
    ),
    **dict.fromkeys(
        [
            "latin1",
            "latin-1",
            "iso-8859-1",
            "iso8859-1",
            "iso_8859-1",
            "l1",
            "ascii",
            "us-ascii",
            "cp819",
            "ibm819",
            "iso-ir-100",
            "windows-1252",
            "cp1252",
            "x-cp1252",
            "ansi_x3.4-1968",
            "csisolatin1",
        ],
        "cp1252",
    ),
    **dict.fromkeys(
        ["shift_jis", "shift-jis", "sjis", "ms_kanji", "x-sjis", "csshiftjis", "windows-31j", "ms932"], "cp932"
    ),
    **dict.fromkeys(
        [
            "euc-kr",
            "euc_kr",
            "ks_c_5601-1987",
            "ks_c_5601-1989",
            "ksc5601",
            "ksc_5601",
            "windows-949",
            "cseuckr",
            "csksc56011987",
            "iso-ir-149",
            "korean",
        ],
        "cp949",
    ),
    **dict.fromkeys(["big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"], "big5hkscs"),
    **dict.fromkeys(["iso-8859-9", "latin5", "iso8859-9", "l5"], "cp1254"),
    **dict.fromkeys(["tis-620", "iso-8859-11", "windows-874"], "cp874"),
    **dict.fromkeys(["utf-16", "utf-16le", "unicode"], "utf-16-le"),
    "utf-16be": "utf-16-be",
    "x-user-defined": "cp1252",
}

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""",
    re.I,
)
# Mojibake's telltale pairs: a character that starts a UTF-8 sequence read as cp1252 / latin-1,
# then one that continues it ("â€™", "Ã©").
_MOJIBAKE_LEADS = "ÃÂâÅÐÑãäåæçèéêëìíîïðñ"
_MOJIBAKE_SECONDS = "".join(map(chr, range(0x80, 0xC0))) + (  # and what cp1252 makes of 0x80-0x9F
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a\u201b"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122"
)
_MOJIBAKE = re.compile(f"[{re.escape(_MOJIBAKE_LEADS)}][{re.escape(_MOJIBAKE_SECONDS)}]")
# The same pairs in UTF-8, to search the page's bytes before they are decoded: several times
# faster than the text (most pages hold the leads, accented letters, but none of the pairs).
_MOJIBAKE_UTF8 = re.compile(
    b"(?:%s)(?:%s)"
    % tuple(b"|".join(re.escape(c.encode()) for c in chars) for chars in (_MOJIBAKE_LEADS, _MOJIBAKE_SECONDS))
)

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip data (name the file .gz)"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"\x7fELF", "an executable"),
    (b"\x00\x00\x00", "binary data"),
)


def codec_for(label: str | None) -> str | None:
    """Python codec for an encoding label, mapped as browsers do; ``None`` for unknown labels."""
    if not label:
        return None
    key = label.strip().strip("\"'").lower()
    if key in _WHATWG:
        return _WHATWG[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """Charset named by ``<meta charset>`` or ``http-equiv`` in the first 4 KB (the WHATWG prescan window, widened)."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii", "ignore") if match else None


def check_not_binary(data: bytes) -> None:
    """Raise :class:`InputError` for empty input and for known binary formats."""
    if not data.strip():
        raise InputError("empty input (0 bytes)" if not data else "empty input (only whitespace)")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(f"binary file, not HTML or text: starts like {what}")
    if not any(data.startswith(bom) for bom, _ in _BOMS[1:]) and b"\x00" in data[:4096]:
        raise InputError("binary file, not HTML or text: NUL bytes in the first 4 KB")


def repair_mojibake(text: str, utf8: bytes | None = None) -> str:
    """Undo UTF-8-read-as-cp1252/latin-1 mojibake; text without its telltale pairs is returned
    unchanged. ``utf8``: the text's own UTF-8 bytes, when at hand (searched instead of the text)."""
    found = _MOJIBAKE_UTF8.search(utf8) if utf8 is not None else _MOJIBAKE.search(text)
    return ftfy.fix_encoding(text) if found else text


def decode(data: bytes, declared: str | None = None, *, sniff_meta: bool = True) -> str:
    """Decode scraped bytes (see module doc). ``declared`` is an HTTP-header charset, if any."""
    check_not_binary(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return repair_mojibake(data[len(bom) :].decode(codec, errors="replace"))
    try:
        return repair_mojibake(data.decode("utf-8"), data)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason == "unexpected end of data":
            # valid UTF-8 cut inside the last character: a truncated file, not another encoding
            return repair_mojibake(data[: exc.start].decode("utf-8"), data[: exc.start])
    for label in (declared, declared_charset(data) if sniff_meta else None):
        codec = codec_for(label)
        if codec and codec not in ("utf-8", "utf-16-le", "utf-16-be"):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                continue
    best = charset_normalizer.from_bytes(data[:200_000]).best()
    if best is not None:
        codec = codec_for(best.encoding) or best.encoding
        return data.decode(codec, errors="replace")
    return data.decode("cp1252", errors="replace")
