"""The title: the headline a page shows, reconciled with the titles it declares.

Pages carry several titles: the visible ``<h1>`` and declared ones (JSON-LD ``headline``, Open
Graph, Twitter, ``<title>``), often with the site's name around them ("Headline | Site") and
sometimes reworded for search engines. The visible headline wins when a declared title confirms
it or rewords it; a declared title wins when the ``<h1>`` is something else (the site's logo, a
section, a kicker glued to the headline).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from urllib.parse import urlsplit

from lxml import etree

from ..text import clean_line

_TITLE_SEPARATORS = re.compile(
    r"\s+[|–—·•»«:/~-]\s+|\s+[-–—|]+\s+|\s*[|｜]\s*"
    r"|(?<=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffef）」』】])\s*[_:：｜-]\s*(?=[\u3000-\u30ff\u3400-\u9fff\uff00-\uffefA-Za-z])"
    r"|(?<=[A-Za-z0-9」』）])\s*[_:：｜]\s*(?=[\u3000-\u30ff\u3400-\u9fff])"
)


def loose(text: str) -> str:
    return re.sub(r"[\W_]+", " ", text.casefold()).strip()


def headline(
    h1s: list[str],
    declared: list[str | None],
    site_name: str | None,
    url: str | None,
    h2s: Callable[[], list[str]] | None = None,
) -> str | None:
    """The title from the page's ``<h1>`` texts and its declared titles (the JSON-LD ``headline``
    first, then the others strongest first; the ``<h2>`` texts asked for only when needed).

    1. A declared title saying the same as an ``<h1>`` whose parts ran together ("Kicker/Headline"
       shown as "KickerHeadline"), in the declared spelling;
    2. the JSON-LD headline when another declared title says the same (without the site's name):
       the publisher's headline, set in two places, whatever the ``<h1>`` shows (a kicker left
       out of it, a longer or reworded version) and in its spelling;
    3. an ``<h1>`` that a declared title confirms (same words; the strongest such title decides
       which ``<h1>``), in the declared spelling when the ``<h1>`` only lost separators between
       its parts or was spaced differently ("Kicker Headline" for "Kicker: Headline"), without
       a section's label before a pipe when a declared title is the rest;
    4. an ``<h1>`` that a declared title holds whole (the declared one adds a kicker or the site),
       or that holds a declared title of a word or two (a section's name: "Arbeit");
    5. an ``<h2>`` a declared title says, begins or ends with, or that holds one (the post's
       heading under a blog's name);
    6. the headline two titles share after different kickers;
    7. an ``<h1>`` rewording a declared title (most words shared: the visible headline of an
       article whose declared titles are written for search engines), unless a declared title is
       the ``<h1>`` without a kicker or tail;
    8. the first declared title without its site-name part, else the first ``<h1>``.
    Declared titles naming a kind of page ("Home") are left out; so are the labels of a
    template's empty field after an ``<h1>`` ("Headline : , Thema: Forschung")."""
    site = loose(site_name or "")
    h1s = [h for h in map(_unfilled, h1s) if loose(h) and loose(h) != site]
    declared = [_unescape(t) if clean_line(t) and not _GENERIC.match(clean_line(t) or "") else None for t in declared]
    titles = [t for t in declared if t]
    stripped_at = [strip_site_name(t, site_name, url, [*h1s, *titles]) if t else None for t in declared]
    forms = [t for pair in zip(declared, stripped_at, strict=True) for t in pair if t]  # strongest first
    stripped = [t for t in stripped_at if t]
    return (
        _glued(h1s, forms)
        or _agreed(stripped_at)
        or _confirmed(h1s, forms)
        or _confirmed_below([h for h in (h2s() if h2s else ()) if loose(h) != site], forms)
        or _shared_after_kickers([*h1s, *stripped])
        or _visible_or_declared(h1s, stripped)
    )


#: A separator followed by a comma: a template's field left empty, and labels after it ("Title : , Thema: Forschung").
_UNFILLED = re.compile(r"\s+[:|–—-]\s*[,;].*$")


def _unfilled(heading: str) -> str:
    """``heading`` without the labels of a template's empty field after it."""
    return _UNFILLED.sub("", heading) if "," in heading or ";" in heading else heading


#: Declared titles that name a kind of page, not this one ("Home", "Startseite").
_GENERIC = re.compile(r"^(?:home|home ?page|startseite|accueil|inicio|index|untitled|news|blog)$", re.I)


def _glued(h1s: list[str], forms: list[str]) -> str | None:
    """A declared title saying the same as an ``<h1>`` whose parts ran together ("Nationale
    DemoDer 9. Juli naht" for "Nationale Demo / Der 9. Juli naht"): the declared spelling."""
    for h1 in h1s:
        squeezed = squeeze(h1)
        same = next((f for f in forms if squeeze(f) == squeezed and loose(f) != loose(h1)), None)
        if same is not None:
            return same
    return None


def _confirmed(h1s: list[str], forms: list[str]) -> str | None:
    """An ``<h1>`` a declared title confirms, holds whole, or names the section of."""
    for form in forms:
        h1 = next((h for h in h1s if loose(h) == loose(form)), None)
        if h1 is not None:
            return _after_label(next((f for f in forms if _lost_separators(h1, f) or _respaced(h1, f)), h1), forms)
    known = [loose(t) for t in forms]
    for h1 in h1s:
        wanted = loose(h1)
        if len(wanted) >= 8 and any(wanted in k and len(wanted) >= 0.3 * len(k) for k in known):
            return h1
    for h1 in h1s:  # a declared title of a word or two inside the <h1>: a section's name ("Arbeit")
        wanted = loose(h1)
        for form in forms:
            short = loose(form)
            inside = len(short.split()) <= 2 and len(short) >= 4 and short in wanted and len(wanted) > len(short)
            if inside and not _after_kicker(form, h1):
                return h1
    return None


def _confirmed_below(h2s: list[str], forms: list[str]) -> str | None:
    """An ``<h2>`` a declared title says (in the declared spelling), begins or ends with, or that
    holds a declared title whole."""
    h2s = [h for h in h2s if len(loose(h)) >= 8]
    same = next((f for h in h2s for f in forms if loose(f) == loose(h)), None)
    if same is not None:
        return same
    for h2 in h2s:
        wanted = loose(h2)
        for known in map(loose, forms):
            part = (known.startswith(wanted) or known.endswith(wanted)) and len(wanted) >= 0.3 * len(known)
            if part or (known in wanted and len(known) >= 0.5 * len(wanted)):
                return h2
    return None


_KICKER = re.compile(r"^(?P<kicker>.{2,80}?)(?::\s+|\s+[-–—|/]\s+)(?P<rest>.+)$")


def _shared_after_kickers(candidates: list[str]) -> str | None:
    """The headline two titles share after kickers with no word in common ("Eskalation im Nahen
    Osten - «...»" and "Iranischer Angriff auf Israel: «...»"): each kicker was written for one place."""
    split = [m for m in (_KICKER.match(_flat(c)) for c in candidates) if m]
    for i, first in enumerate(split):
        for second in split[i + 1 :]:
            rest = loose(first["rest"])
            unlike = not _words(first["kicker"]) & _words(second["kicker"])
            if unlike and rest == loose(second["rest"]) and len(rest.split()) >= 3:
                return first["rest"]
    return None


def _visible_or_declared(h1s: list[str], stripped: list[str]) -> str | None:
    """An ``<h1>`` rewording a declared title, else the first declared title, else the first ``<h1>``."""
    if stripped:
        for h1 in h1s:
            if not any(_part_of(s, h1) for s in stripped) and max(_shared_words(h1, s) for s in stripped) >= _REWORDED:
                return h1
        return stripped[0]
    return h1s[0] if h1s else None


def _agreed(stripped: list[str | None]) -> str | None:
    """The JSON-LD headline (first) when another declared title says the same."""
    first, *others = stripped or [None]
    if first and any(other and loose(other) == loose(first) for other in others):
        return first
    return None


#: Share of words (of both titles together) an ``<h1>`` and a declared title have in common when
#: one rewords the other ("Lady Gaga Shares Pic of Ex ..." / "Lady Gaga Shares Photo of Ex ...").
_REWORDED = 0.4


def _shared_words(first: str, second: str) -> float:
    a, b = _words(first), _words(second)
    return len(a & b) / max(1, len(a | b))


def _words(text: str) -> set[str]:
    """The words of ``text``; for Chinese and Japanese, which do not space words, pairs of characters."""
    flat = loose(text)
    if _CJK.search(flat):
        squeezed = flat.replace(" ", "")
        return {squeezed[i : i + 2] for i in range(len(squeezed) - 1)}
    return set(flat.split())


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")


def squeeze(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


def _lost_separators(shown: str, declared: str) -> bool:
    """``shown`` is ``declared`` with separators left out inside it (a kicker's colon, a space)."""
    shown, declared = _flat(shown), _flat(declared)
    if len(shown) >= len(declared) or shown[:1] != declared[:1] or shown[-1:] != declared[-1:]:
        return False
    i = 0
    for ch in declared:
        if i < len(shown) and shown[i] == ch:
            i += 1
        elif ch.isalnum():
            return False
    return i == len(shown)


def _after_label(title: str, forms: list[str]) -> str:
    """``title`` without a label before a pipe ("Einheit der Woche | Lagen-Pyramide") when a
    declared title is the headline after it: the pipe sets off a section's name, not a kicker."""
    label, pipe, rest = title.partition(" | ")
    if pipe and label and any(loose(f) == loose(rest) for f in forms):
        return rest.strip()
    return title


def _respaced(shown: str, declared: str) -> bool:
    """``shown`` is ``declared`` spaced differently around its punctuation ("Kicker : Headline",
    a kicker's element followed by its separator's)."""
    return shown != declared and re.sub(r"\s+", "", shown) == re.sub(r"\s+", "", declared)


def _part_of(title: str, shown: str) -> bool:
    """``title`` is the ``<h1>`` ``shown`` without a kicker before it or a tail after it (a
    subtitle, the site's name), not a shortened headline ("... Kapazität" / "... Kapazität in Tennessee")."""
    part, whole = loose(title), loose(shown)
    if not part or part == whole:
        return False
    if whole.endswith(" " + part):
        return True
    if not whole.startswith(part):
        return False
    title, shown = _flat(title), _flat(shown)
    if not shown.startswith(title):
        return whole.startswith(part + " ")
    rest = shown[len(title) :].strip()
    return bool(rest) and not rest[0].islower()


def _after_kicker(part: str, shown: str) -> bool:
    """``shown`` ends with ``part`` after a separator ("Energiewende Oberland: Klimavorreiter Oberland?")."""
    part, shown = _flat(part), _flat(shown)
    return shown.endswith(part) and shown[: -len(part)].rstrip()[-1:] in (":", "|", "–", "—", "-", "/", "·", "»")


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def strip_site_name(title: str, site_name: str | None, url: str | None, others: list[str]) -> str | None:
    """``title`` without a site-name prefix or suffix ("Headline | Site", "Site - Headline")."""
    title = clean_line(title) or ""
    parts = [p for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    if len(parts) < 2:
        return title or None
    worded = [p for p in parts if any(ch.isalnum() for ch in p)]  # "Headline » ☆☆☆☆☆": ratings, ornaments
    if len(worded) == 1:
        return worded[0].strip()
    parts = worded or parts
    site = loose(site_name or "")
    host = host_words(url)

    def is_site(part: str) -> bool:
        flat = loose(part)
        squeezed = flat.replace(" ", "")
        return bool(flat) and (
            flat == site
            or (site and (flat in site or site in flat))
            or squeezed in host
            or any(len(word) >= 5 and word in squeezed for word in host)
        )

    others_loose = [loose(o) for o in others if o]
    # keep the longest run that a visible headline or a declared title confirms
    for i in range(len(parts)):
        for j in range(len(parts), i, -1):
            if i == 0 and j == len(parts):
                continue
            segment = _join_between(title, parts[i], parts[j - 1])
            if loose(segment) in others_loose and len(segment) > 10:
                return segment
    if is_site(parts[-1]):
        kept = parts[:-1]
        while len(kept) > 1 and len(kept[-1]) <= 4:  # a section before the site name ("_科技_腾讯网")
            kept.pop()
        return _drop_labels(_join_between(title, kept[0], kept[-1]))
    if is_site(parts[0]):
        return _join_between(title, parts[1], parts[-1])
    return _drop_labels(title)


def _drop_labels(title: str) -> str:
    """ "Headline | Section | Site": labels after the headline, each a few words, are navigation."""
    piped = [p.strip() for p in re.split(r"\s+\|\s+", title)]
    if len(piped) > 1 and len(piped[0].split()) >= 3 and all(len(p.split()) <= 4 for p in piped[1:]):
        return piped[0]
    return title


def _join_between(title: str, first: str, last: str) -> str:
    start = title.find(first)
    end = title.rfind(last) + len(last)
    return title[start:end].strip()


def _unescape(text: str | None) -> str:
    """Declared values double-escaped by their CMS ("Swift&#8217;s") read as text."""
    text = text or ""
    return html.unescape(text) if "&" in text else text


def host_words(url: str | None) -> set[str]:
    if not url:
        return set()
    host = (urlsplit(url).hostname or "").lower()
    parts = [p for p in host.split(".") if p not in ("www", "com", "org", "net", "co", "uk", "de", "m", "amp")]
    return {p.replace("-", "") for p in parts}


#: Marks of a breadcrumb trail: the page's place in the site ("Pfadnavigation", "fil d'Ariane").
_BREADCRUMB = re.compile(r"breadcrumb|pfadnavigation|brotkrumen|fil[ -]d.ariane", re.I)


#: Marks of the site's logo or name in a page's header.
_LOGO = re.compile(r"(?:(?<![a-z])logo|Logo)(?!ut)|(?i:site-?(?:title|name|branding)|\bbranding|blog-?(?:title|name))")


def is_logo(heading: etree._Element) -> bool:
    """``heading`` (or its parent) is marked as the site's logo or name ("site-title", "topbar__logo")."""
    parent = heading.getparent()
    return any(
        el is not None and _LOGO.search(f"{el.get('class') or ''} {el.get('id') or ''}") for el in (heading, parent)
    )


def in_navigation(heading: etree._Element) -> bool:
    """``heading`` sits in a ``<nav>`` or a breadcrumb trail (by class, id or label), a few levels
    up at most (a page-wide class such as ``<body class=has-breadcrumb>`` is no trail)."""
    for el, _ in zip(heading.iterancestors(), range(6), strict=False):
        if el.tag == "nav":
            return True
        if el.tag in ("body", "main", "article"):
            return False
        marks = " ".join(v for k, v in el.attrib.items() if k in ("class", "id", "aria-label"))
        if marks and _BREADCRUMB.search(marks):
            return True
    return False


def following_heading(heading: etree._Element) -> etree._Element | None:
    """The first ``<h2>`` after ``heading`` in document order."""
    found = heading.xpath("following::h2[1]")
    return found[0] if found else None
