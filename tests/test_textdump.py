"""Text dumps of the seed's shape with other names, bios, credits and templates.

The scrapes are assembled from parts (article paragraphs, credit lines, author boxes, comment
forms) so that every combination is checked: the article paragraphs come out exactly and in
order, the furniture never does, and bylines, credits and bios land where they belong.
"""

from __future__ import annotations

import itertools
import re

import pytest

from morgue.extract.textdump import extract_text, split_blocks
from morgue.markdown import plain_text

ARTICLES = {
    "en": [
        "The regional water board voted on Thursday to replace the city's oldest pumping station, ending a debate that has run for almost a decade.",
        "Engineers told the board that the station, built in 1962, now fails about once a month and can no longer be repaired with parts on the market.",
        '"We cannot keep patching a machine that was designed before most of us were born," said one board member.',
        "Leave it to the council to decide the rest: the financing plan goes to a public vote in the spring.",
        "Construction is expected to take two years.",
    ],
    "zh": [
        "市水务局周四表决通过了更换城区最老泵站的方案，这场持续近十年的争论终于告一段落。",
        "工程师在会上介绍，这座一九六二年建成的泵站如今平均每月故障一次，市面上已经买不到维修所需的零件。",
        "“我们不能一直修补一台比我们大多数人年纪还大的机器。”一位委员说。",
        "融资方案将于明年春天提交公众表决，工期预计两年。",
    ],
}
PEOPLE = {
    "en": [
        (
            "Cate Cadell",
            "Cate is a tech writer. She worked as a journalist in Australia. You can reach her at: @catecadell or",
            "@catecadell",
        ),
        ("Jonas Mbeki", "Jonas Mbeki is a senior reporter covering energy. Follow him on Twitter @jmbeki.", "@jmbeki"),
        (
            "Ana María Ruiz",
            "Ana covers local politics and the courts. Email her at ana.ruiz@example.com",
            "ana.ruiz@example.com",
        ),
    ],
    "zh": [("王晓雯", "王晓雯是本报科技记者，长期关注开源社区。联系邮箱：wangxw@example.cn", "wangxw@example.cn")],
}
CREDITS = {
    "en": [
        ("Image Credit: Ken Wolter /", "Ken Wolter"),
        ("Photo: Mark Schiefelbein/AP", "Mark Schiefelbein/AP"),
        ("Photograph by Ines Duarte", "Ines Duarte"),
        ("(Reuters)", "Reuters"),
        ("Featured image courtesy of City Water Board", "City Water Board"),
    ],
    "zh": [("图片来源：视觉中国", "视觉中国"), ("摄影：李强", "李强")],
}
FORMS = {
    "en": [
        [
            "Leave a comment",
            "Leave a Reply",
            "This site uses Akismet to reduce spam. Learn how your comment data is processed.",
        ],
        ["Share this:", "Twitter", "Facebook", "Like this:", "Like Loading...", "Related"],
        [
            "Leave a Reply Cancel reply",
            "Your email address will not be published. Required fields are marked *",
            "Comment *",
            "Name *",
            "Email *",
            "Website",
            "Post Comment",
        ],
    ],
    "zh": [["责任编辑：刘洋", "分享到：", "相关文章", "发表评论"]],
}
AVATAR = {"en": ["Avatar photo", None, "About the author"], "zh": ["作者简介", None]}


def _unescape(markdown: str) -> list[str]:
    return [p for p in plain_text(markdown).split("\n\n") if p.strip()]


def _cases():
    for lang in ("en", "zh"):
        for person, credit, form, avatar in itertools.product(PEOPLE[lang], CREDITS[lang], FORMS[lang], AVATAR[lang]):
            yield lang, person, credit, form, avatar


def _scrape(lang, person, credit, form, avatar) -> str:
    name, bio, _contact = person
    parts = [*ARTICLES[lang], credit[0]]
    if avatar:
        parts.append(avatar)
    parts += [name, bio, *form]
    return "\n\n".join(parts)


@pytest.mark.parametrize("case", list(_cases()), ids=lambda c: f"{c[0]}-{c[1][0]}-{c[2][1]}-{len(c[3])}-{c[4]}")
def test_seed_shaped_scrapes(case):
    lang, (name, bio, contact), (_, credit), form, _avatar = case
    converted = extract_text(_scrape(*case))
    article = converted.article
    assert _unescape(article.body) == ARTICLES[lang]
    assert article.authors == (name,)
    assert article.image is not None and article.image.credit == credit
    assert article.language == lang
    (profile,) = converted.authors
    assert profile.name == name
    assert profile.description and bio.split("。")[0].split(". ")[0] in profile.description
    assert contact in profile.contact
    for line in form:
        assert line not in article.body


def test_header_title_byline_and_date_lines():
    scrape = "\n\n".join(
        [
            "Night buses return to the old town",
            "By Lea Novak and Tom Ash, Staff Writers",
            "Published: 14 February 2019",
            *ARTICLES["en"],
        ]
    )
    article = extract_text(scrape).article
    assert article.title == "Night buses return to the old town"
    assert article.authors == ("Lea Novak", "Tom Ash")
    assert article.date.isoformat() == "2019-02-14"
    assert _unescape(article.body) == ARTICLES["en"]


def test_chinese_header_lines():
    scrape = "\n\n".join(["作者：王晓雯", "2023年6月18日", *ARTICLES["zh"], "图片来源：视觉中国"])
    article = extract_text(scrape).article
    assert article.authors == ("王晓雯",)
    assert article.date.isoformat() == "2023-06-18"
    assert article.image.credit == "视觉中国"
    assert _unescape(article.body) == ARTICLES["zh"]


def test_tags_line_becomes_tags_not_text():
    article = extract_text("\n\n".join([*ARTICLES["en"], "Tags: water, infrastructure, city council"])).article
    assert article.tags == ("water", "infrastructure", "city council")
    assert "infrastructure" not in article.body


def test_a_name_line_in_the_middle_of_the_article_is_kept():
    paragraphs = [ARTICLES["en"][0], "Maria Gonzalez", ARTICLES["en"][1], ARTICLES["en"][2]]
    article = extract_text("\n\n".join(paragraphs)).article
    assert _unescape(article.body) == paragraphs
    assert article.authors == ()


def test_one_paragraph_per_line_without_blank_lines():
    article = extract_text("\n".join([*ARTICLES["en"], "Leave a Reply"])).article
    assert _unescape(article.body) == ARTICLES["en"]


def test_crlf_line_ends():
    assert split_blocks("one\r\n\r\ntwo\r\nthree\r\n") == ["one", "two\nthree"]


def test_markdown_active_text_survives_as_text():
    paragraphs = [
        ARTICLES["en"][0],
        "# not a heading",
        "1. not a list",
        "a *star* and a [link](javascript:alert(1))",
        "<script>alert(1)</script>",
    ]
    body = extract_text("\n\n".join(paragraphs)).article.body
    assert not re.search(r"^#", body, re.M)
    assert "<script>" not in body
    assert _unescape(body) == paragraphs
