"""Plain-text scrapes: article paragraphs apart from what the scraper caught around them.

A text dump is blocks separated by blank lines (or one block per line when there are no blank
lines). Each block is labelled by small, general rules, in this order:

1. whole-line furniture: comment forms, share bars, teasers (:mod:`.boilerplate`);
2. credit lines ("Image Credit: X /", "Photo by X", "图片来源：X") -> lead-image credit;
3. tag lines ("Tags: a, b"), author-box headings ("About the author", "Avatar photo");
4. the header before the first paragraph: title line, byline, date line;
5. author boxes: a name line followed by a bio that starts with that name (or a pronoun),
   after an avatar/heading or at the end of the text; the bio and its contacts go to the registry.

Everything left is the article, kept exactly and in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..markdown import paragraphs_to_markdown
from ..model import Article, Author, Converted, Image, When
from ..text import clean_line
from .boilerplate import author_box_heading, is_boilerplate
from .bylines import byline_names, contacts_in, is_organisation, looks_like_name
from .credits import credit_from_line
from .dates import date_line
from .language import detect_language

_TAGS = re.compile(
    r"^(?P<kind>tags?|tagged( with)?|topics?|keywords?|filed under|categories|category|schlagwörter|mots-clés|etiquetas"
    r"|标签|关键词|关键字|分类)\s*[:：]\s*(?P<values>.+)$",
    re.I,
)
_ORIGINAL_TITLE = re.compile(r"^原标题\s*[:：]\s*(?P<title>.+)$")
_AVATAR = re.compile(r"^(?:author )?(?:avatar|gravatar|profile)(?: (?:photo|image|picture))?$", re.I)
_SENTENCE_END = re.compile(r"[.!?。！？…»”\"')]$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3]")
_PRONOUN_START = re.compile(r"^(?:he|she|they|i|we|him|her|il|elle|er|sie|他|她|我)\b", re.I)
_BIO_VERB = re.compile(
    r"^(?P<name>[^.,;:]{3,60}?)\s+(?:is|was|has|writes|covers|reports|joined|serves|leads|lives|works|edits"
    r"|ist|est|es|是|为|曾)\b",
    re.I,
)
_BIO_SIGNAL = re.compile(
    r"\b(?:writer|reporter|journalist|correspondent|editor|columnist|contributor|author|freelance|covers|"
    r"reach (?:him|her|them|me)|follow (?:him|her|them|me)|contact|e-?mail|twitter|linkedin|instagram|"
    r"can be reached)\b|@\w|记者|编辑|作者|撰稿",
    re.I,
)
_DANGLING = re.compile(r"(?:\s+(?:or|and|at|on|via)|\s*[,:;/|-])+\s*$", re.I)
_LIST_SPLIT = re.compile(r"\s*(?:,|;|、|，|\|)\s*")


@dataclass
class _Dump:
    blocks: list[str]
    labels: list[str | None] = field(default_factory=list)
    title: str | None = None
    date: When | None = None
    authors: list[str] = field(default_factory=list)
    profiles: list[Author] = field(default_factory=list)
    credit: str | None = None
    tags: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.labels = [None] * len(self.blocks)

    def add_author(self, name: str) -> None:
        if name not in self.authors:
            self.authors.append(name)


def split_blocks(text: str) -> list[str]:
    """Blocks of a text dump: separated by blank lines, or one per line when there are none."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.strip() for line in text.split("\n")]
    if "" not in lines[1:-1] and len([ln for ln in lines if ln]) > 1:
        return [ln for ln in lines if ln]
    blocks, current = [], []
    for line in lines:
        if line:
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    if current:
        blocks.append("\n".join(current))
    return blocks


def _is_prose(block: str) -> bool:
    """A paragraph of running text rather than a short label line."""
    if _CJK.search(block):
        return len(_CJK.findall(block)) >= 20 or bool(re.search(r"[。！？]", block))
    words = block.split()
    return len(words) > 12 or (len(words) >= 4 and bool(_SENTENCE_END.search(block)))


def _label_lines(dump: _Dump) -> None:
    """Step 1-3: labels that depend on a block alone."""
    for i, block in enumerate(dump.blocks):
        if "\n" in block:
            continue
        if _AVATAR.match(block) or (author_box_heading(block)[0] and not _is_prose(block)):
            dump.labels[i] = "box"
        elif is_boilerplate(block):
            dump.labels[i] = "drop"
        elif (credit := credit_from_line(block)) is not None:
            dump.labels[i] = "credit"
            dump.credit = dump.credit or credit
        elif match := _TAGS.match(block):
            dump.labels[i] = "tags"
            target = (
                dump.categories
                if match["kind"].lower() in {"categories", "category", "filed under", "分类"}
                else dump.tags
            )
            for value in _LIST_SPLIT.split(match["values"]):
                value = clean_line(value.strip("#"))
                if value and value not in target:
                    target.append(value)
        elif match := _ORIGINAL_TITLE.match(block):
            dump.labels[i] = "title"
            dump.title = clean_line(match["title"])


def _label_header(dump: _Dump) -> None:
    """Step 4: title, byline and date lines before the first paragraph of prose."""
    for i, block in enumerate(dump.blocks):
        if dump.labels[i] is not None:
            continue
        if _is_prose(block) or "\n" in block:
            break
        if (names := byline_names(block)) is not None:
            dump.labels[i] = "byline"
            for name in names:
                dump.add_author(name)
        elif (day := date_line(block)) is not None:
            dump.labels[i] = "date"
            dump.date = dump.date or day
        elif i == 0 and dump.title is None and len(dump.blocks) >= 3 and len(block) <= 200:
            dump.labels[i] = "title"
            dump.title = block
        elif looks_like_name(block) and not is_organisation(block):
            dump.labels[i] = "byline"
            dump.add_author(block)
        else:
            break


def _next_open(dump: _Dump, start: int) -> int | None:
    """Index of the next block from ``start`` that is not furniture already labelled."""
    for j in range(start, len(dump.blocks)):
        if dump.labels[j] not in ("drop", "credit", "box"):
            return j if dump.labels[j] is None else None
    return None


def _bio_of(name: str, block: str) -> bool:
    """``block`` reads as ``name``'s bio: it starts with the name (or part of it) or a pronoun."""
    if not _is_prose(block) and not _BIO_SIGNAL.search(block):
        return False
    if _CJK.search(name):  # no spaces between words: the bio starts with the whole name
        return block.startswith(name)
    parts = name.split()
    starts = {name, parts[0], parts[-1]}
    return any(block.startswith(s) and not block[len(s) : len(s) + 1].isalpha() for s in starts) or bool(
        _PRONOUN_START.match(block)
    )


def _take_box(dump: _Dump, name_at: int, name: str) -> None:
    """Label the name line at ``name_at`` and the bio after it; record the profile."""
    dump.labels[name_at] = "author"
    bio_at = _next_open(dump, name_at + 1)
    bio = None
    if bio_at is not None and _bio_of(name, dump.blocks[bio_at]):
        dump.labels[bio_at] = "bio"
        bio = dump.blocks[bio_at]
    dump.add_author(name)
    _add_profile(dump, name, bio)


def _add_profile(dump: _Dump, name: str, bio: str | None) -> None:
    description = None
    if bio:
        description = clean_line(_DANGLING.sub("", bio.replace("\n", " ")))
    contacts = tuple(contacts_in(bio or ""))
    if description or contacts:
        dump.profiles.append(Author(name=name, description=description, contact=contacts))


def _label_author_boxes(dump: _Dump) -> None:
    """Step 5: author boxes announced by an avatar or heading, then unannounced ones at the end."""
    for i, label in enumerate(dump.labels):
        if label != "box":
            continue
        _, named = author_box_heading(dump.blocks[i])
        if named and looks_like_name(named):
            _take_box_named(dump, i, named)
            continue
        j = _next_open(dump, i + 1)
        if j is not None and looks_like_name(dump.blocks[j]):
            _take_box(dump, j, dump.blocks[j])
        elif j is not None and (match := _BIO_VERB.match(dump.blocks[j])) and looks_like_name(match["name"]):
            dump.labels[j] = "bio"
            dump.add_author(match["name"])
            _add_profile(dump, match["name"], dump.blocks[j])
    # Unannounced boxes: walk back from the end over furniture, name + bio pairs.
    i = len(dump.blocks) - 1
    while i >= 0:
        label, block = dump.labels[i], dump.blocks[i]
        if label is not None:
            i -= 1
            continue
        prev = i - 1
        while prev >= 0 and dump.labels[prev] in ("drop", "credit"):
            prev -= 1
        if (
            prev >= 0
            and dump.labels[prev] is None
            and looks_like_name(dump.blocks[prev])
            and _bio_of(dump.blocks[prev], block)
        ):
            _take_box(dump, prev, dump.blocks[prev])
            i = prev - 1
            continue
        match = _BIO_VERB.match(block)
        if match and looks_like_name(match["name"]) and _BIO_SIGNAL.search(block) and i > 0:
            dump.labels[i] = "bio"
            dump.add_author(match["name"])
            _add_profile(dump, match["name"], block)
            i -= 1
            continue
        break


def _take_box_named(dump: _Dump, heading_at: int, name: str) -> None:
    """A heading that names the author ("More by Jane Doe"): the bio may follow directly."""
    bio_at = _next_open(dump, heading_at + 1)
    if bio_at is not None and _bio_of(name, dump.blocks[bio_at]):
        dump.labels[bio_at] = "bio"
        _add_profile(dump, name, dump.blocks[bio_at])
    dump.add_author(name)


def _labelled(text: str) -> _Dump:
    dump = _Dump(split_blocks(text))
    _label_lines(dump)
    _label_header(dump)
    _label_author_boxes(dump)
    return dump


def extract_text(text: str) -> Converted:
    """Article, author profiles and credit from a plain-text scrape.

    The article's ``title`` is the dump's title line when it has one, else empty: the pipeline
    decides (sidecar, URL, or derived from the text).
    """
    dump = _labelled(text)
    paragraphs = [b for b, label in zip(dump.blocks, dump.labels, strict=False) if label is None]
    body_text = "\n\n".join(paragraphs)
    article = Article(
        title=dump.title or "",
        body=paragraphs_to_markdown(paragraphs),
        date=dump.date,
        authors=tuple(dump.authors),
        image=Image(credit=dump.credit) if dump.credit else None,
        language=detect_language(body_text),
        tags=tuple(dump.tags),
        categories=tuple(dump.categories),
    )
    return Converted(article=article, authors=tuple(dump.profiles))
