"""Publication dates from URLs and from short date lines. A date that cannot be read is ``None``."""

from __future__ import annotations

import datetime as dt
import email.utils
import functools
import re
import zoneinfo

from ..model import When

_MIN_YEAR = 1990  # older dates in a URL path are IDs, not dates (news on the web starts ~1994)

_URL_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)\d{2})(?P<sep>[/_-]?)(?P<m>0[1-9]|1[0-2])(?P=sep)(?P<d>0[1-9]|[12]\d|3[01])(?![0-9])"
    r"|/(?P<y2>(?:19|20)\d{2})/(?P<m2>[1-9]|1[0-2])/(?P<d2>[1-9]|[12]\d|3[01])/"  # "/2017/7/12/": unpadded
)

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "january jan janvier janv januar jän enero ene gennaio janeiro",
            "february feb février févr februar febrero febbraio fevereiro",
            "march mar mars märz marzo março",
            "april apr avril abril aprile",
            "may mai mayo maggio maio",
            "june jun juin juni junio giugno junho",
            "july jul juillet juli julio luglio julho",
            "august aug août agosto",
            "september sep sept septembre septiembre settembre setembro",
            "october oct octobre oktober okt octubre ottobre outubro",
            "november nov novembre noviembre novembro",
            "december dec décembre déc dezember dez diciembre dic dicembre dezembro",
        ],
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?P<mon>[A-Za-zéûäèç]{3,10})\.?"
_TIME = r"(?:(?:,|\s+[|·•–-])?\s*(?:at\s+|um\s+|à\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?\s*(?P<ampm>[ap]\.?\s?m\.?)?)?"
_TEXT_DATES = [
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})" + r"(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?"),
    re.compile(
        r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日" + r"(?:\s*(?P<H>\d{1,2})[:：](?P<M>\d{2}))?"
    ),
    re.compile(r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"),
    re.compile(_MONTH + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})" + _TIME, re.I),
    re.compile(  # "24 September 2015", "24th of September", "4 de mayo de 2022"
        r"(?P<d>\d{1,2})(?:st|nd|rd|th|\.)?\s+(?:of\s+|de\s+)?" + _MONTH + r",?\s+(?:de\s+)?(?P<y>\d{4})" + _TIME, re.I
    ),
    re.compile(r"(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>\d{4})" + _TIME),
]

# "14 Gennaio 20", "3 March 21": a month's name with a two-digit year.
_SHORT_YEAR = re.compile(r"(?<![\d:.])(?P<d>\d{1,2})\.?\s+" + _MONTH + r",?\s+(?P<yy>\d{2})(?![\d:.])", re.I)
# A line that is only a date, maybe with a label and a time ("Published: September 24, 2015 10:30 am").
_DATE_LINE_LABEL = re.compile(
    r"^(?:(?:published|posted|updated|last updated|date|dated|on|veröffentlicht|publié le|publicado|发布时间|发布于|日期|时间)\s*[:：]?\s*)?",
    re.I,
)


# A line that announces the publication date by a label ("Erschienen am: 01.11.2023", "Datum 28.04.2023",
# "Published on March 3, 2020"): the label is required, so a teaser's or a comment's bare date is not one.
_PUBLISHED_LINE = re.compile(
    r"^(?:first published|published|posted|veröffentlicht|erschienen|publié|publicado|pubblicato|gepubliceerd"
    r"|datum|date|公開日|発行日|掲載日|发布时间|发布于|发表于|日期)(?:\s+(?:on|am|le|el|il|op))?\s*[:：]?\s*",
    re.I,
)


def labelled_date(lines: list[str]) -> When | None:
    """The date of the first line that is only a publication label and a date (or a label alone
    above a line that is only a date: "Datum" / "28.04.2023")."""
    for i, line in enumerate(lines):
        if len(line) > 60 or not line[:1].isalpha():
            continue
        label = _PUBLISHED_LINE.match(line)
        if label is None:
            continue
        rest = line[label.end() :].strip(" |·•,") or (lines[i + 1] if i + 1 < len(lines) else "")
        for pattern in _TEXT_DATES:
            match = pattern.fullmatch(rest.strip(" |·•,"))
            if match:
                value = _build(match)
                if value is not None:
                    return value
    return None


def date_from_url(url: str | None) -> dt.date | None:
    """The day in a URL path such as ``/2015/09/24/slug`` or ``/20150924-slug``; month-only paths give ``None``."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    for match in _URL_DATE.finditer(path):
        y, m, d = (match["y"], match["m"], match["d"]) if match["y"] else (match["y2"], match["m2"], match["d2"])
        try:
            day = dt.date(int(y), int(m), int(d))
        except ValueError:
            continue
        if _MIN_YEAR <= day.year <= dt.date.today().year + 1:
            return day
    return None


def _build(match: re.Match[str]) -> When | None:
    parts = match.groupdict()
    if parts.get("yy"):
        year = 2000 + int(parts["yy"])
        parts = {**parts, "y": str(year if year <= dt.date.today().year + 1 else year - 100)}
    month = parts.get("m")
    if month is None:
        month = _MONTHS.get((parts.get("mon") or "").lower().rstrip("."))
        if month is None:
            return None
    try:
        day = dt.date(int(parts["y"]), int(month), int(parts["d"]))
    except (ValueError, TypeError):
        return None
    if not _MIN_YEAR <= day.year <= dt.date.today().year + 1:
        return None
    if parts.get("H") is None or parts.get("M") is None:
        return day
    hour = int(parts["H"])
    ampm = re.sub(r"[.\s]", "", parts.get("ampm") or "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    try:
        return dt.datetime(day.year, day.month, day.day, hour, int(parts["M"]), int(parts.get("S") or 0))
    except ValueError:
        return day


def date_from_text(text: str) -> When | None:
    """The first readable date in ``text`` (day precision, with the time when it is given)."""
    for pattern in _TEXT_DATES:
        match = pattern.search(text)
        if match:
            value = _build(match)
            if value is not None:
                return value
    return None


def dates_in(text: str, short_years: bool = False) -> list[tuple[int, int, When]]:
    """Every readable date in ``text`` as ``(start, end, date)``, in order (a place is read by the
    first pattern that reads a date there). ``short_years`` also reads a month's name with a
    two-digit year ("14 Gennaio 20"), which only a dateline can be trusted with."""
    found: dict[int, tuple[int, When]] = {}
    taken: list[range] = []
    for pattern in [*_TEXT_DATES, _SHORT_YEAR] if short_years else _TEXT_DATES:
        for match in pattern.finditer(text):
            if any(match.start() < span.stop and span.start < match.end() for span in taken):
                continue  # "09:31 August 20, 2019": the full date was read there, not "31 August 20"
            value = _build(match)
            if value is not None:
                found[match.start()] = (match.end(), value)
                taken.append(range(match.start(), match.end()))
    return [(start, end, value) for start, (end, value) in sorted(found.items())]


def date_line(line: str) -> When | None:
    """The date when the whole ``line`` is a date line ("September 24, 2015", "发布时间：2015年9月24日")."""
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) > 80:
        return None
    rest = _DATE_LINE_LABEL.sub("", line)
    for pattern in _TEXT_DATES:
        match = pattern.fullmatch(rest.strip(" |·•,"))
        if match:
            return _build(match)
    return None


# A weekday's name before a date ("Samstag, 9. September 2017", "Wed. March 4, 2020").
_WEEKDAY = re.compile(r"^[^\W\d_]{2,12}\.?,?\s+(?=\d|[^\W\d_]{3,10}\.?\s+\d)")
# "28.09.19", "28.09.19 12:44": a numeric day with a two-digit year, read only where the markup says it is a date.
_NUMERIC_SHORT_YEAR = re.compile(
    r"(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<yy>\d{2})(?:,?\s+(?P<H>\d{1,2}):(?P<M>\d{2}))?(?:\s*uhr)?", re.I
)


def whole_date(text: str) -> When | None:
    """The date when ``text`` is only a date, maybe after its weekday and with a time, also with a
    two-digit year ("Feb 18 2009", "Samstag, 9. September 2017", "28.09.19 12:44"): for an element
    the page marks as a date, where a short year cannot be anything else."""
    text = re.sub(r"\s+", " ", text).strip()
    weekday = _WEEKDAY.match(text)
    if weekday and weekday.group().strip(" .,").lower() not in _MONTHS:
        text = text[weekday.end() :]
    match = _NUMERIC_SHORT_YEAR.fullmatch(text)
    return _build(match) if match else date_line(text)


_ISO = re.compile(
    r"^\s*(?P<date>\d{4}-\d{2}-\d{2})(?:[T ]\s*(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?P<frac>[.,]\d+)?\s*"
    r"(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2}|[+-]\d{2})?)?"
)
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?$")
# "Sat, 19 Oct 2019 00:04:00 +0200" (e-mail and RSS dates, some <meta name="date">)
_RFC2822 = re.compile(
    r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[A-Z]{1,5})$"
)


def _rfc2822(text: str) -> When | None:
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return date_from_text(text)
    return when if _MIN_YEAR <= when.year <= dt.date.today().year + 1 else None


def parse_iso(text: str | None) -> When | None:
    """An ISO 8601 date or datetime as pages write them (``Z``, ``+0100``, fractions, a space for ``T``).

    Returns an aware datetime when a zone is given, a naive one for a bare time, a date for a bare
    day; falls back to :func:`date_from_text` for other shapes ("Sep 24, 2015"); ``None`` if unreadable.
    """
    if not text:
        return None
    text = text.strip()
    if _EPOCH.match(text):
        seconds = int(text[:10])
        return dt.datetime.fromtimestamp(seconds, dt.UTC) if seconds > 631152000 else None
    match = _ISO.match(text)
    if not match:
        return _rfc2822(text) if _RFC2822.match(text) else date_from_text(text)
    try:
        day = dt.date.fromisoformat(match["date"])
    except ValueError:
        return None
    if not _MIN_YEAR <= day.year <= dt.date.today().year + 1:
        return None
    if not match["time"]:
        return day
    hms = match["time"].split(":")
    zone = match["tz"]
    tzinfo = None
    if zone in ("Z", "UTC", "GMT"):
        tzinfo = dt.UTC
    elif zone:
        digits = zone[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        if hours > 14 or minutes > 59:
            return day
        offset = dt.timedelta(hours=hours, minutes=minutes)
        tzinfo = dt.timezone(-offset if zone[0] == "-" else offset)
    try:
        return dt.datetime(
            day.year, day.month, day.day, int(hms[0]), int(hms[1]), int(hms[2]) if len(hms) > 2 else 0, tzinfo=tzinfo
        )
    except ValueError:
        return day


# Languages whose pages keep one clock, that clock's zone, and the regions a tag may name for it
# ("de-AT"). Spanish is only Spain's when the tag says so: most Spanish pages are American.
_ZONES = {
    "de": ("Europe/Berlin", {"DE", "AT", "CH", "LU", "LI"}, False),
    "fr": ("Europe/Paris", {"FR", "BE", "LU", "CH", "MC"}, False),
    "it": ("Europe/Rome", {"IT", "CH", "SM"}, False),
    "nl": ("Europe/Amsterdam", {"NL", "BE"}, False),
    "pl": ("Europe/Warsaw", {"PL"}, False),
    "es": ("Europe/Madrid", {"ES"}, True),
    "ja": ("Asia/Tokyo", {"JP"}, False),
    "ko": ("Asia/Seoul", {"KR"}, False),
    "zh": ("Asia/Shanghai", {"CN", "TW", "HK", "MO", "SG"}, False),
}


@functools.cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def local_midnight(when: When | None, language: str | None) -> When | None:
    """``when`` in the page's own offset when it is a UTC instant falling exactly on midnight in
    the zone of the page's language: a bare day the site stored as its local midnight and wrote
    in UTC ("2022-11-06T23:00:00Z" on a German page is the 7th, "2022-11-07T00:00:00+01:00").
    The instant is unchanged; any other value is returned as it is."""
    if not isinstance(when, dt.datetime) or when.utcoffset() != dt.timedelta(0) or not language:
        return when
    primary, *subtags = language.split("-")
    zone = _ZONES.get(primary.lower())
    region = next((tag.upper() for tag in subtags if len(tag) == 2), None)
    if zone is None or (region is not None and region not in zone[1]) or (zone[2] and region is None):
        return when
    local = when.astimezone(_zone(zone[0]))
    if (local.hour, local.minute, local.second, local.microsecond) != (0, 0, 0, 0):
        return when
    return local.replace(tzinfo=dt.timezone(local.utcoffset() or dt.timedelta(0)))
