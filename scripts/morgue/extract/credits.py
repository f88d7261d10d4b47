"""Photo credits: recognise a credit line, pull the credit out of a caption, clean the value.

A credit is a person or an agency ("Ken Wolter", "Mark Schiefelbein/AP", "Getty Images"),
never the label ("Image Credit:"), a copyright sign, or a dangling separator left where a
link was lost ("Ken Wolter /").
"""

from __future__ import annotations

import re

_NOUN = (
    r"(?:featured |header |hero |top |lead |main |cover |title |teaser |banner |feature |article )?"
    r"(?:images?|photos?|photographs?|pictures?|pics?|illustrations?|graphics?|artwork|videos?|visuals?"
    r"|fotos?|bild(?:er|es)?|crédits? photos?|photos? crédits?|fotografías?|imagen|imágenes|immagine|foto ?credit)"
)
# "Image credit: X", "Photo: X", "Photo courtesy of X", "Foto: X", "Crédit photo : X", "Credit: X"
_LABELLED = re.compile(
    rf"^[(\[]?\s*(?:{_NOUN}\s*(?:credits?|courtesy(?: of)?|source|copyright|©)?|credits?|courtesy(?: of)?"
    r"|bildquelle|quelle|fuente|crédito|source de l'image)\s*[:：|]\s*(?P<credit>.+?)\s*[)\]]?$",
    re.I,
)
# "Photo by X", "Photograph by X for The Guardian", "Image courtesy of X", "Illustration: X"
_BY = re.compile(
    rf"^[(\[]?\s*{_NOUN}\s+(?:by|courtesy(?: of)?|von|par|de|por|di|via)\s+(?P<credit>.+?)\s*[)\]]?$",
    re.I,
)
# Chinese: 图片来源：X, 图片来自X, 图：X, 图/X, 摄影：X, 供图：X, 图源：X, 题图：X, 配图来自X
_ZH = re.compile(
    r"^[(（\[【]?\s*(?:(?:题|头|封面|配)?图(?:片)?(?:来源|来自|源|提供|作者)?|摄影|摄|供图|图源|摄影师|照片来源)"
    r"\s*[:：/／|]?\s*(?P<credit>.+?)\s*[)）\]】]?$"
)
# Japanese and Korean labels: 写真：X, 撮影：X, 사진=X, 사진：X
_JA_KO = re.compile(r"^[(（\[]?\s*(?:写真|撮影|画像|사진|이미지)\s*[:：=/]\s*(?P<credit>.+?)\s*[)）\]]?$")

_AGENCIES = (
    r"reuters|ap|ap photo|associated press|afp|afp photo|getty images|getty|epa|epa-efe|efe|ansa|dpa|"
    r"picture alliance|picture-alliance|imago|imago images|xinhua|xinhua news agency|kyodo|yonhap|bloomberg|"
    r"shutterstock|istock|istockphoto|alamy|unsplash|pexels|pixabay|wikimedia commons|anadolu agency|anadolu ajansı|sipa|"
    r"keystone|abaca|pa|pa images|pa wire|nurphoto|sopa images|zuma|zuma press|cfp|vcg|视觉中国|新华社|中新社|东方ic"
)
# A line holding nothing but an agency credit: "(Reuters)", "REUTERS/Jason Lee", "Jason Lee/Getty Images",
# "AFP via Getty Images", "© dpa".
_AGENCY_ONLY = re.compile(
    rf"^[(\[]?\s*(?:©\s*)?(?:(?:{_AGENCIES})(?:\s*(?:/|via)\s*[^/]{{1,60}})?|[^/():.!?]{{2,60}}\s*/\s*(?:{_AGENCIES}))\s*[)\]]?$",
    re.I,
)
# Credit inside a caption: "... (Photo: X)", "... Photo: X", "... [Image: X]", "... | X/Reuters"
# Labels for a photo credit in other languages, as captions end with them ("Bildquelle: X", "사진 출처 = X").
_OTHER_LABELS = (
    r"bildquelle|quelle|fuente|crédito|créditos|source|isithombe|사진 출처|사진|写真|撮影|图片来源|图片|摄影"
)
_IN_CAPTION = re.compile(
    rf"(?:^|[\s.;,|—–-])[(\[]?\s*(?:{_NOUN}\s*(?:credits?|courtesy(?: of)?|source)?\s*[:：=]"
    rf"|{_NOUN}\s+by\s|credits?\s*[:：]|(?:{_OTHER_LABELS})\s*[:：=]|©)\s*(?P<credit>[^()\[\]]{{2,120}}?)\s*[)\]]?\s*$",
    re.I,
)
# "... in Hanoi. (Evan Mitsui/CBC)", "(Edu Luque)": a closing parenthesis naming a person or an agency.
_TRAILING_PARENS = re.compile(
    r"(?:(?:^|\s)\((?P<credit>[^()]{2,80}/[^()]{2,80})"
    r"|(?<=[.!?”\"])\s*\((?P<name>(?:[A-ZÀ-Ý][\w'’.-]+\s){1,3}[A-ZÀ-Ý][\w'’.-]+))\)\s*$"
)
# "... (España).Gustavo Valiente / Europa Press": a "Name / Organisation" line after the last sentence.
_TRAILING_SLASH = re.compile(r"(?<=[.!?)”\"])\s*(?P<credit>[A-ZÀ-Ý][^./()]{1,50}\s/\s[^./()]{2,50})\s*$")
# "... in La Soledat / Lorenzo Marina", "Povilas Aleksandravičius / J. Stacevičiaus / LRT nuotr.": a caption
# whose last part, after a spaced slash, names the photographer (and the outlet).
_TRAILING_SPACED_SLASH = re.compile(r"\S\s+/\s+(?P<credit>[A-ZÀ-Ý][^/()|]{1,40}?(?:\s+/\s+[^/()|]{2,40}?)?)\s*$")
# "... from the ground up. Supplied", "... (Dok. IGI)": a credit word that needs no label.
_TRAILING_WORD = re.compile(
    r"(?:(?<=[.!?”\"])\s+|\s*\()(?P<credit>(?:supplied|handout|file photo|courtesy photo|pool photo"
    r"|(?:dok|doc|dokumentasi)\.?\s*[^\s()][^()]{1,50}))\)?\s*$",
    re.I,
)
_TRAILING_AGENCY = re.compile(
    rf"(?:^|\s)(?P<credit>(?:[\w.'’-]+\s){{0,3}}[\w.'’-]+\s*/\s*(?:{_AGENCIES})|\(?(?:{_AGENCIES})\)?)\s*$", re.I
)

# What is left at the end of a caption once its credit is cut off: the label, brackets, separators.
_CAPTION_TAIL = re.compile(
    rf"[\s(\[|—–-]*(?:(?:{_NOUN}\s*(?:credits?|courtesy(?: of)?|source)?|{_NOUN}\s+by|credits?|{_OTHER_LABELS})"
    rf"\s*[:：=]?|©)?[\s(\[|/—–=-]*$",
    re.I,
)
_LEADING = re.compile(
    r"^(?:©|\(c\)|copyright|credit[s]?\s*[:：]|(?-i:Credits?(?=[A-Z]))|by\s|courtesy(?: of)?\s)\s*", re.I
)
_TRAILING = re.compile(r"(?:\s*(?:[/|·•,;:–—-]|\bvia|\band)\s*)+$", re.I)
_MAX_WORDS = 14
_LABEL_ONLY = re.compile(rf"^(?:{_NOUN}\s*(?:credits?|source)?|credits?|{_OTHER_LABELS}|©)\s*[:：=]?$", re.I)
_COPYRIGHT_PARENS = re.compile(r"[(（]\s*[cｃＣ]\s*[)）]", re.I)  # "(c)", "（Ｃ）": a copyright sign


def clean_credit(text: str | None) -> str | None:
    """Strip labels, copyright signs, brackets and dangling separators; ``None`` if nothing is left."""
    if not text:
        return None
    value = re.sub(r"\s+", " ", text).strip()
    for _ in range(3):
        before = value
        value = _LEADING.sub("", value)
        value = _TRAILING.sub("", value)
        value = value.strip(" ()[]（）【】\"'“”")
        if value == before:
            break
    if not value or len(value.split()) > _MAX_WORDS or len(value) > 150:
        return None
    if not any(ch.isalnum() for ch in value):
        return None
    return value


def credit_from_line(line: str) -> str | None:
    """The credit, when the whole ``line`` is a credit line; otherwise ``None``."""
    line = re.sub(r"\s+", " ", line).strip()
    if not line or len(line) > 200:
        return None
    for pattern in (_LABELLED, _BY, _ZH, _JA_KO):
        match = pattern.match(line)
        if match:
            return clean_credit(match.group("credit"))
    if _AGENCY_ONLY.match(line):
        return clean_credit(line)
    return None


def credit_label(text: str) -> bool:
    """``text`` is a credit's label alone ("Image:", "Foto", "Photo credit:"), without the credit."""
    return bool(_LABEL_ONLY.match(re.sub(r"\s+", " ", text).strip()))


def split_caption_credit(text: str) -> tuple[str | None, str | None]:
    """Split a caption that ends with its credit: ``("A protest in Hamburg.", "Imago/Blaulicht")``."""
    text = _COPYRIGHT_PARENS.sub(" © ", re.sub(r"\s+", " ", text)).strip()
    if not text:
        return None, None
    whole = credit_from_line(text)
    if whole:
        return None, whole
    for pattern in (
        _IN_CAPTION,
        _TRAILING_AGENCY,
        _TRAILING_PARENS,
        _TRAILING_SLASH,
        _TRAILING_WORD,
        _TRAILING_SPACED_SLASH,
    ):
        match = pattern.search(text)
        if match:
            group = "name" if match.groupdict().get("name") else "credit"
            credit = clean_credit(match.group(group))
            if credit:
                caption = _CAPTION_TAIL.sub("", text[: match.start(group)]).strip()
                return caption or None, credit
    return text, None
