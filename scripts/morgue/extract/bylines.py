"""Bylines and author names: recognise a byline, split it into people, clean each name.

A name is what a reader would call the author: no "By", no role ("Staff Writer"), no date,
e-mail address or social handle, no "in Beijing". Organisation bylines ("Reuters",
"Staff Reporter") are told apart from people by :func:`is_organisation`.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BYLINE = re.compile(
    r"^(?:(?:written|posted|reported|story|words|text|reporting)\s+by|by|von|par|por|di|door|av|de"
    r"|(?:text|ein beitrag|(?:blog[- ]?)?beitrag|artikel|geschrieben|verfasst)\s+von|écrit par|escrito por"
    r"|author|authors|autor(?:in)?|auteur|autore|text|words|story)\s*[:：]?\s+(?P<names>.+)$"
    r"|^(?:作者|文|撰文|记者|撰稿|来稿|采写)\s*[:：/／|]?\s*(?P<zh>.+)$"
    r"|^(?:記者|文|筆者)\s*[:：/]\s*(?P<ja>.+)$",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:,|;|\s&\s|\band\b|\bund\b|\bet\b|\by\b|\be\b|、|，|和|与|及|/)\s*", re.I)
_ROLE_WORDS = (
    r"writer|reporter|correspondent|editor|columnist|contributor|author|journalist|analyst|producer|photographer"
    r"|intern|critic|bureau chief|news editor"
)
_ROLES = re.compile(
    r"\b(?:senior|chief|staff|special|contributing|guest|executive|managing|deputy|associate|assistant|freelance"
    r"|political|business|technology|tech|science|health|foreign|national|international|sports?|china|asia|europe"
    r"|washington|london|beijing|us|u\.s\.)?\s*(?:" + _ROLE_WORDS + r")s?\b.*$",
    re.I,
)
_ROLE_AFTER_WORD = re.compile(rf"^[\w'’.-]+\s+(?:staff\s+)?(?:{_ROLE_WORDS})s?$", re.I)
_ORGANISATION = re.compile(
    r"\b(?:staff|team|desk|newsroom|editors|editorial|agency|agencies|news|press|media|wire|reuters|associated press"
    r"|afp|ap|dpa|xinhua|bloomberg|bbc|cnn|times|post|journal|magazine|group|inc|ltd|gmbh|redaktion|rédaction"
    r"|redacción|organi[sz]ation|foundation|association|institute|university|society|verein|verband|stiftung"
    r"|新华社|中新社|本报|编辑部)\b",
    re.I,
)
# Words byline widgets put beside a name ("Follow", "Email", a section), credentials ("MA", "PhD")
# and form labels: never a name on their own.
_NOT_A_NAME = re.compile(
    r"^(?:by|von|par|por|de|name|e-?mail|website|autor|author|authors|about the|über den|follow|folgen|more|bio"
    r"|profile|twitter|facebook|linkedin|instagram|share|opinion|games|news|staff|updated|published|contact"
    r"|ma|ms|msc|mba|md|phd|ph\.d\.|rn|do|jd|esq|dr|prof|mph|bsc|ba|bs"
    r"|admin|administrator|wordpressadmin|webmaster|root|user|guest|anonymous|alle beiträge|all posts|beitrag ?von)\.?$",
    re.I,
)
# "Name (obe)", "Name (Reuters)": initials or a source in parentheses after a name.
_TRAILING_PARENS = re.compile(r"\s*\([^()]*\)?\s*$")
# "Brendan Carlin For The Mail", "Adrian Malloch for the Guardian": whom the author wrote for.
_WROTE_FOR = re.compile(
    r"\s+(?:for|für|pour|para)\s+(?:the\s+|die\s+|der\s+|le\s+|la\s+|el\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*$", re.I
)
# "Kiran C Nair - Chrome Safe Browsing team": a team or role after a dash.
_DASH_TAIL = re.compile(r"\s+[-–—]\s+.*$")
# "Martin Untersinger (avec Damien Leloup et Morgane Tual)": co-authors in parentheses.
_WITH = re.compile(r"\s*\((?:avec|with|mit|con|com|met)\s+([^()]+)\)", re.I)
# "ByTravis Haney", "Byby JOSH HASKELL": markup lost the space (a "By" label before a "by ..." line)
_GLUED_BY = re.compile(r"^(?:By|Von|Par|Por)(?=[A-Z][a-z]|(?:by|von|par|por)\s)")
_HANDLE = re.compile(r"(?<![\w.])@[A-Za-z0-9_]{2,30}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|okt|dez)[a-zä]*\.?"
_DATEISH = re.compile(
    r"\s*(?:[|·•,–—-]\s*)?\b(?:(?:(?:last )?updated|published|posted|on|am|le|el|veröffentlicht|publié|publicado"
    r"|aktualisiert|mis à jour)(?: (?:on|am|le|el))?:? (?:\d|[a-zäéû]{3,9}\.? \d|(?:mon|tue|wed|thu|fri|sat|sun|montag"
    r"|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)).*|(?:am|on) (?:montag|dienstag|mittwoch|donnerstag"
    r"|freitag|samstag|sonntag|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b.*"
    r"|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}.*"
    rf"|{_MONTH_WORD} \d{{1,2}}\b.*|\d{{1,2}}\.? {_MONTH_WORD}(?: \d{{2,4}})?\b.*|\d{{4}}年.*"
    r"|\d+ (?:min|minutes?|mins?) read\b.*|(?:vor|il y a|hace|před) \d+ .*|\d+ (?:hours?|hrs?|days?) ago.*)$",
    re.I,
)
# Words around a name that are not part of it: "X says" in comments, "View all posts by X",
# "Follow", "Alle Artikel", "Name *" form labels.
_NOISE = re.compile(
    r"^(?:(?:view|see|read) (?:all|more) (?:posts|articles|stories)(?: by)?|alle (?:artikel|beiträge)(?: von)?"
    r"|zeige alle beiträge von|more (?:from|by)|posted by|written by|geschrieben von|veröffentlicht von|publié par"
    r"|interview|text|foto|photos?|bild|fotos?|images?|illustration|edited by|editor)\s*[:：]?\s+"
    r"|\s+(?:says|said|sagt|schreibt|dit|dice|wrote|schrieb|follow|folgen|alle artikel|all posts|profile|profil"
    r"|opinion|opinions?writer|columnist)\s*:?$",
    re.I,
)
# "Text von Jane Roe  Illustration von John Doe", "By Jane Roe. Photos by John Doe": the others credited.
_OTHER_CREDIT = re.compile(
    r"[\s.,;|·•]+(?:Illustrations?|Fotos?|Photos?|Photography|Bilder?|Grafik(?:en)?|Images?)\s*(?:von|by|de|par|:)\s+\S.*$"
)
_PLACE = re.compile(r"\s+(?:in|at|from|aus|en|à|a)\s+[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+)?\s*$")
_NAME_WORD = re.compile(r"^(?:[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’.-]*|(?:de|da|van|von|der|den|la|le|del|di|du|bin|al|y|e)|[A-Z]\.)$")
_CJK_NAME = re.compile(r"^[\u4e00-\u9fff\u3400-\u4dbf·]{2,5}$")
_HANGUL_NAME = re.compile(r"^[\uac00-\ud7a3]{2,4}$")


def contacts_in(text: str) -> list[str]:
    """E-mail addresses, social handles and profile URLs in ``text``, in order, without repeats."""
    found: list[str] = []
    emails = _EMAIL.findall(text)
    for item in [*emails, *_HANDLE.findall(_EMAIL.sub(" ", text)), *_URL.findall(text)]:
        item = item.rstrip(".,;:)")
        if item not in found:
            found.append(item)
    return found


@lru_cache(maxsize=4096)  # a byline's names are cleaned again by each check they pass through
def clean_name(text: str, whole: bool = False) -> str | None:
    """One author name cleaned of prefixes, roles, dates, places, contacts; ``None`` if nothing is left.
    ``whole``: ``text`` is a whole byline, not one of its parts (a pen name like "Rasender Reporter" stays)."""
    name = _EMAIL.sub(" ", text)
    name = _URL.sub(" ", name)
    name = _HANDLE.sub(" ", name)
    name = re.sub(r"\s+", " ", name).strip(" |·•,;:–—-()[]")
    name = _GLUED_BY.sub("", name)
    match = _BYLINE.match(name)
    if match:
        name = next(g for g in match.groups() if g)
    name = _DATEISH.sub("", name)
    for _ in range(2):
        name = _NOISE.sub("", name).strip()
    name = _without_role(name, whole)
    name = _TRAILING_PARENS.sub("", name) if not name.startswith("(") else name
    name = _DASH_TAIL.sub("", name)
    if not _ORGANISATION.match(name):  # "Organization for Transformative Works" is one name
        name = _WROTE_FOR.sub("", name)
    name = _PLACE.sub("", name)
    name = name.strip(" |·•,;:–—-()[]\"'“”")
    if not name or len(name) > 60 or sum(ch.isalpha() for ch in name) < 2 or name.endswith("*"):
        return None
    if _NOT_A_NAME.match(name):
        return None
    return name


def _without_role(name: str, whole: bool) -> str:
    """``name`` without a trailing role ("Jane Roe, Staff Writer"); a single word before a bare
    role word is a pen name or a newsroom, not a name with a role ("Rasender Reporter",
    "Guardian staff reporter"): kept whole."""
    bare = _ROLES.sub("", name).strip(" |·•,;:–—-")
    if whole and bare and " " not in bare and bare != name and _ROLE_AFTER_WORD.match(name):
        return name
    return bare


def without_date(text: str) -> str:
    """``text`` without the date that ends it ("Jane Roe am 19.10.2019, 11:14 Uhr" -> "Jane Roe")."""
    return _DATEISH.sub("", text)


def split_names(text: str) -> list[str]:
    """Names in a byline string ("By Jane Doe and John Roe, Staff Writers") in order, without repeats."""
    match = _BYLINE.match(re.sub(r"\s+", " ", text).strip())
    if match:
        text = next(g for g in match.groups() if g)
    text = _OTHER_CREDIT.sub("", text)
    names: list[str] = []
    text = _URL.sub(" ", text)  # "Bradley M. Kuhn (http://ebb.org/bkuhn/)": the URL is not names
    parts = _SPLIT.split(_DATEISH.sub("", _WITH.sub(r", \1", text)))
    for part in parts:
        name = clean_name(part, whole=len(parts) == 1)
        if name and name not in names:
            names.append(name)
    last = names[-1] if names else ""
    if (
        len(names) > 1
        and len(last.split()) == 1
        and not is_organisation(last)
        and all(len(n.split()) > 1 for n in names[:-1])
    ):
        names.pop()  # "Anna Martel und Lea Wagner, Nairobi": the last is where they wrote from
    return names


# A dateline ending in the author: "04.02.2022 | 13:10 Uhr | Jane Doe", "May 3, 2021 by Jane Doe".
_DATE_THEN_NAMES = re.compile(
    r"^(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.?\s[^\W\d]+\.?\s\d{4}"
    r"|[^\W\d]+\.?\s\d{1,2},?\s\d{4})(?:\s*[|·•,–-]?\s*\d{1,2}[:.]\d{2}(?:\s?(?:uhr|h|am|pm))?)?"
    r"(?:\s*[|·•–—]\s*|\s+(?:von|by|par|por)\s+)(?P<names>\S.*)$",
    re.I,
)
_LABEL_ALONE = re.compile(
    r"^(?:by|von|par|por|author|authors|autor(?:in)?|auteur|autore|text|verfasst von|geschrieben von|written by)\s*[:：]?$",
    re.I,
)


def byline_in_lines(lines: list[str]) -> list[str] | None:
    """Names from the first byline among ``lines`` ("By Jane Roe"), or a label line ("Von:")
    followed by a line of names ("Götz Warnke")."""
    for i, line in enumerate(lines):
        names = byline_names(line)
        if names:
            return names
        if _LABEL_ALONE.match(line) and i + 1 < len(lines):
            names = [n for n in split_names(lines[i + 1]) if looks_like_name(n)]
            if names and len(lines[i + 1]) <= 80:
                return names
    return None


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*_`]+|\\(?=\S)|\s+$")
_SIGNED = re.compile(r"^[—–]\s*(?P<name>\S.*)$")  # "— Jane Roe" (a list's "- " is no signature)


def signed_names(markdown: str) -> list[str]:
    """Names an article signs at its end, in its last three lines: "Von Jane Roe", "Autor: Jane Roe",
    "— Jane Roe", or a label line ("Von:") above a line holding only the name."""
    lines: list[str] = []
    for raw in reversed(markdown.splitlines()):
        line = _MD_MARKS.sub("", _MD_LINK.sub(r"\1", raw)).strip()
        if line:
            lines.insert(0, line)
        if len(lines) == 3:
            break
    for i, line in enumerate(lines):
        if len(line) > 80:
            continue
        dashed = _SIGNED.match(line)
        if dashed and looks_like_name(dashed["name"]):
            return [dashed["name"]]
        names = byline_in_lines(lines[i : i + 2])
        found = [n for n in names or [] if looks_like_name(n)]
        if found and (is_label(line) or byline_names(line)):
            return found
    return []


def is_label(line: str) -> bool:
    """A byline label standing alone ("By", "Von:", "Autor:"): the names follow it."""
    return _LABEL_ALONE.match(line) is not None


def byline_names(line: str) -> list[str] | None:
    """Names when the whole ``line`` is a byline ("By Jane Doe", "作者：张三", "04.02.2022 | 13:10 Uhr |
    Jane Doe"); otherwise ``None``."""
    line = re.sub(r"\s+", " ", line).strip()
    if len(line) > 160:
        return None
    dated = _DATE_THEN_NAMES.match(line)
    if dated:
        return [n for n in split_names(dated["names"]) if looks_like_name(n)] or None
    if not _BYLINE.match(line):
        return None
    names = [n for n in split_names(line) if looks_like_name(n) or is_organisation(n)]
    return names or None


def looks_like_name(text: str) -> bool:
    """A plausible personal name: 2-5 capitalised words (particles allowed), or 2-5 CJK / Hangul characters."""
    text = text.strip()
    if _CJK_NAME.match(text) or _HANGUL_NAME.match(text):
        return True
    words = text.split()
    if not 2 <= len(words) <= 5 or text[-1] in ".!?:;,":
        return False
    if not words[0][0].isupper() or not words[-1][0].isupper():
        return False
    return all(_NAME_WORD.match(w) for w in words)


_SLUG = re.compile(r"/(?P<slug>[a-z]+(?:[-_.][a-z]+)*)/?(?:[?#].*)?$")


def name_of_initials(initials: str, url: str) -> str | None:
    """The name initials stand for when the author's profile URL spells it ("DT" linking to
    ``/author/donaldtownsend/`` or ``/autor/donald-townsend``): each word of the slug begins with
    its initial; a slug run together splits only where the next initial is the only fit."""
    match = _SLUG.search(url.lower())
    if not match or not 2 <= len(initials) <= 3:
        return None
    letters = initials.lower()
    words = re.split(r"[-_.]", match["slug"])
    if len(words) == 1 and len(letters) == 2:
        slug = words[0]
        cuts = [i for i in range(2, len(slug) - 1) if slug[i] == letters[1]]
        words = [slug[: cuts[0]], slug[cuts[0] :]] if len(cuts) == 1 else []
    if len(words) != len(letters) or any(
        not w.startswith(ch) or len(w) < 2 for w, ch in zip(words, letters, strict=True)
    ):
        return None
    return " ".join(w.capitalize() for w in words)


def is_organisation(name: str) -> bool:
    """True for bylines that name a newsroom or agency rather than a person."""
    return _ORGANISATION.search(name) is not None
