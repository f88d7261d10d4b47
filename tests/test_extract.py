"""Pure extraction helpers: credits, bylines, dates, titles from URLs, language, decoding."""

from __future__ import annotations

import datetime as dt

import pytest

from morgue.errors import InputError
from morgue.extract.bylines import (
    byline_in_lines,
    byline_names,
    contacts_in,
    is_organisation,
    looks_like_name,
    split_names,
)
from morgue.extract.credits import clean_credit, credit_from_line, split_caption_credit
from morgue.extract.dateline import dateline, marked_date, settle
from morgue.extract.dates import (
    date_from_url,
    date_line,
    dates_in,
    labelled_date,
    local_midnight,
    parse_iso,
    whole_date,
)
from morgue.extract.figures import find_figures, image_ids, srcset_urls
from morgue.extract.html import extract_html, parse
from morgue.extract.language import detect_language, normalise_language
from morgue.extract.metadata import Signals
from morgue.extract.titles import headline
from morgue.extract.urls import title_from_url
from morgue.sources.encoding import codec_for, decode
from morgue.text import slugify, truncate_bytes


@pytest.mark.parametrize(
    ("line", "credit"),
    [
        ("Image Credit: Ken Wolter /", "Ken Wolter"),
        ("Image credit: Shutterstock", "Shutterstock"),
        ("Photo: Mark Schiefelbein/AP", "Mark Schiefelbein/AP"),
        ("Photo by Jason Lee | Reuters", "Jason Lee | Reuters"),
        ("Photograph by Ines Duarte for the Example Times", "Ines Duarte for the Example Times"),
        ("(Photo: Getty Images)", "Getty Images"),
        ("Foto: picture alliance/dpa", "picture alliance/dpa"),
        ("Bild: Andreas Seidel/Archiv", "Andreas Seidel/Archiv"),
        ("Crédit photo : Jean Dupont", "Jean Dupont"),
        ("(Reuters)", "Reuters"),
        ("REUTERS/Jason Lee", "REUTERS/Jason Lee"),
        ("Jason Lee/Getty Images", "Jason Lee/Getty Images"),
        ("© dpa", "dpa"),
        ("图片来源：视觉中国", "视觉中国"),
        ("图/新华社", "新华社"),
        ("摄影：李强", "李强"),
        ("写真：共同通信", "共同通信"),
    ],
)
def test_credit_lines(line, credit):
    assert credit_from_line(line) == credit


@pytest.mark.parametrize(
    "line",
    [
        "The photo was taken in 2015 by a tourist who later sold it to an agency for a small fee.",
        "Source: the company said revenue fell in every region it operates in, and that it expects more losses.",
        "Photographers gathered outside the court.",
        "Cisco has joined forces with a Chinese computer company.",
    ],
)
def test_prose_is_not_a_credit(line):
    assert credit_from_line(line) is None


def test_figures_caption_beside_and_credit_spans():
    html = (
        "<body><article><div><figure><picture><source srcset='https://x.test/a-1200.jpg 1200w'>"
        "<img src='https://x.test/placeholder.png'></picture></figure>"
        "<figcaption><span>Marco und Lisa bei der Vorstellung.</span><span>Getty Images</span></figcaption></div>"
        "<figure><img src='https://x.test/b.jpg' width=600><figcaption><span class=image-author-label>Image:</span>"
        " <span>GCIS</span></figcaption></figure><p>Text</p></article></body>"
    )
    first, second = find_figures(parse(html), "https://x.test/story")
    assert (first.src, first.caption, first.credit) == (
        "https://x.test/a-1200.jpg",
        "Marco und Lisa bei der Vorstellung.",
        "Getty Images",
    )
    assert second.credit == "GCIS"


def test_figure_credit_outside_its_caption_and_in_credit_boxes():
    html = (
        "<body><article><figure><img src='https://x.test/a.jpg' width=800>"
        "<span class=e_bl>Foto: Jana Nováková</span><figcaption>A street in Brno.</figcaption></figure>"
        "<figure><img src='https://x.test/b.jpg' width=800><figcaption><svg><title>arrow</title></svg>"
        "<div class=image-credit><div>The basement of a house.</div> <span>Jane Roe/Example</span></div>"
        "</figcaption></figure>"
        "<figure><img src='https://x.test/c.jpg' width=800><figcaption><span>Smoke over the city.<span>"
        " Foto: Dan Roe/AP</span></span><span hidden>Show more</span></figcaption></figure>"
        "<figure><img src='https://x.test/d.jpg' width=800><figcaption>A kitchen "
        "<span class=media-license-caption>– CC BY 2.0 Jane Roe</span></figcaption></figure>"
        "<p>Text</p></article></body>"
    )
    a, b, c, d = find_figures(parse(html), "https://x.test/story")
    assert (a.caption, a.credit) == ("A street in Brno.", "Jana Nováková")
    assert (b.caption, b.credit) == ("The basement of a house.", "Jane Roe/Example")
    assert (c.caption, c.credit) == ("Smoke over the city.", "Dan Roe/AP")
    assert d.credit.endswith("CC BY 2.0 Jane Roe")


def test_figure_images_seen_as_a_browser_shows_them():
    html = (
        "<body><article><div class=photo><p class=withoutCaption><img src='https://x.test/a-590.jpg' width=590>"
        "</p><span class=newsCaption>A rally in town <span class=caption>(Image: Getty)</span></span></div>"
        "<figure><img src='https://x.test/b.jpg' width=570 height=0><figcaption>B</figcaption></figure>"
        "<figure><img src='https://x.test/c-300.jpg' srcset='https://x.test/c-300.jpg 300w, "
        "https://x.test/c-1200.jpg 1200w'></figure><p>Text</p></article></body>"
    )
    a, b, c = find_figures(parse(html), "https://x.test/story")
    assert (a.caption, a.credit) == ("A rally in town", "Getty")
    assert b.src == "https://x.test/b.jpg"  # height="0" beside a width: no tracking pixel
    assert c.src == "https://x.test/c-1200.jpg"  # the largest rendition


def test_pictures_beside_the_text_and_sized_by_css():
    html = (
        "<body><article><aside class='left image wide'><a href='https://x.test/a.jpg'><img "
        "src='https://x.test/a-896.jpg'></a><p class=caption>A rally. <span class=credits>(Courtesy of Jane Roe)"
        "</span></p></aside><aside class=related><img src='https://x.test/r.jpg'><p>Read more</p></aside>"
        "<div><picture><source srcset='https://x.test/b-930.jpg'><img src='https://x.test/b-375.jpg' width=0 "
        "height=0></picture><div class=overlay>Anadolu Ajansı</div></div>"
        "<img src='https://x.test/pixel.jpg' width=0 height=0><p>Text</p></article></body>"
    )
    a, b = find_figures(parse(html), "https://x.test/story")
    assert (a.src, a.caption, a.credit) == ("https://x.test/a-896.jpg", "A rally.", "Jane Roe")
    assert (b.src, b.credit) == ("https://x.test/b-375.jpg", "Anadolu Ajansı")


def test_a_figure_around_a_deeply_wrapped_poster():
    html = (
        "<body><article><figure><span><div><div><div><a href='#'><img src='https://x.test/poster.jpg'></a>"
        "</div></div></div><script>" + "var player = 1;" * 200 + "</script></span>"
        "<figcaption>A camp in Albania.<span><span>Foto:</span> Jane Roe (REUTERS) | <span>Vídeo:</span> EPV"
        "</span></figcaption></figure><p>Text</p></article></body>"
    )
    (figure,) = find_figures(parse(html), "https://x.test/story")
    assert (figure.element.tag, figure.caption) == ("figure", "A camp in Albania.")
    assert figure.credit == "Jane Roe (REUTERS) | Vídeo: EPV"


def test_a_credit_in_the_block_after_the_figure():
    html = (
        "<body><article><div class=grid><div class=main><img src='https://x.test/a.jpg' width=800></div></div>"
        "<div class=grid><div class=item><div class=wrapper><span class=caption__credit>Illustration by Jane Roe"
        "</span></div></div></div><p>" + "Text. " * 50 + "</p></article></body>"
    )
    (figure,) = find_figures(parse(html), "https://x.test/story")
    assert figure.credit == "Jane Roe"


def test_srcset_entries_without_descriptor():
    srcset = "https://x.test/a.jpg?w=288&sig=K,\n    https://x.test/a.jpg?w=576&sig=N 2x"
    assert srcset_urls(srcset) == ["https://x.test/a.jpg?w=576&sig=N", "https://x.test/a.jpg?w=288&sig=K"]
    commas = "//x.test/a.jpeg?fl=cro,0,0%7Cres,722 722w, //x.test/a.jpeg?fl=cro,0,0%7Cres,1024 1024w"
    assert srcset_urls(commas) == ["//x.test/a.jpeg?fl=cro,0,0%7Cres,1024", "//x.test/a.jpeg?fl=cro,0,0%7Cres,722"]


def test_the_authors_photo_does_not_lead():
    html = (
        "<html><head><meta name=author content='Jane Roe'></head><body><article><h1>A headline here</h1>"
        "<div><img src='https://x.test/authors/jane.jpg' width=400 alt='Picture of Jane Roe'></div>"
        "<figure><img src='https://x.test/fire.jpg' width=800><figcaption>Smoke over the city. "
        "Photo: Dan Roe/AP</figcaption></figure><p>" + "Text. " * 60 + "</p></article></body></html>"
    )
    image = extract_html(html, "https://x.test/story").article.image
    assert (image.src, image.credit) == ("https://x.test/fire.jpg", "Dan Roe/AP")


def test_image_ids_survive_resizing():
    a = "https://cdn.test/images/4c113d3e-b078-4dd9-8c4b-24b103c17e6a_w948_r1.778_fpx45_fpy48.jpg"
    b = "https://cdn.test/images/4c113d3e-b078-4dd9-8c4b-24b103c17e6a_w1280_r1.77_fpx45_fpy48.jpg"
    assert image_ids(a) & image_ids(b)
    assert not image_ids("https://cdn.test/2024/06/1200x630/20240602.jpg")


def test_caption_and_credit_are_kept_apart():
    assert split_caption_credit("Protesters in Hamburg on Friday. Photo: Imago/Blaulicht-News.de") == (
        "Protesters in Hamburg on Friday.",
        "Imago/Blaulicht-News.de",
    )
    assert split_caption_credit("Activists on stage (Photo: Just Stop Oil/PA Wire)") == (
        "Activists on stage",
        "Just Stop Oil/PA Wire",
    )
    assert split_caption_credit("A quiet street in the old town.") == ("A quiet street in the old town.", None)
    assert split_caption_credit("A raid in La Soledat / Lorenzo Marina") == ("A raid in La Soledat", "Lorenzo Marina")
    assert split_caption_credit("Jonas Jonaitis / J. Petraitis / LRT nuotr.") == (
        "Jonas Jonaitis",
        "J. Petraitis / LRT nuotr.",
    )
    assert split_caption_credit("The lodge was redesigned. Supplied") == ("The lodge was redesigned.", "Supplied")
    assert split_caption_credit("Graduates in Jakarta(Dok.IGI )") == ("Graduates in Jakarta", "Dok.IGI")
    for prose in ("Trade rose in 2023/2024", "The input / output ratio", "The AC/DC concert"):
        assert split_caption_credit(prose) == (prose, None)


def test_clean_credit_drops_dangling_separators():
    assert clean_credit("Ken Wolter / ") == "Ken Wolter"
    assert clean_credit("© Ken Wolter, via") == "Ken Wolter"
    assert clean_credit(" / ") is None


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("By Lea Novak, Tom Ash and Ana María Ruiz", ["Lea Novak", "Tom Ash", "Ana María Ruiz"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"]),
        ("Written by Jane Doe | September 24, 2015", ["Jane Doe"]),
        ("By Jane Doe in Beijing", ["Jane Doe"]),
        ("Von Birgit Baumann", ["Birgit Baumann"]),
        ("作者：王晓雯", ["王晓雯"]),
        ("By Reuters Staff", ["Reuters Staff"]),
    ],
)
def test_bylines(line, names):
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Elena Oberholzer (obe), Oliver Maksan (oma)", ["Elena Oberholzer", "Oliver Maksan"]),
        ("Anna Martel und Lea Wagner, Nairobi", ["Anna Martel", "Lea Wagner"]),
        ("Felix Schröder, Jörg Soldwisch, dpa", ["Felix Schröder", "Jörg Soldwisch", "dpa"]),
        ("Glen Owen, Brendan Carlin For The Mail", ["Glen Owen", "Brendan Carlin"]),
        (
            "Martin Untersinger (avec Damien Leloup et Morgane Tual)",
            ["Martin Untersinger", "Damien Leloup", "Morgane Tual"],
        ),
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", ["Bradley M. Kuhn"]),
        ("Kiran C Nair - Chrome Safe Browsing team", ["Kiran C Nair"]),
        ("admin", []),
        ("e.V.", []),
    ],
)
def test_split_names_cleans_bylines(line, names):
    assert split_names(line) == names


def test_byline_in_lines():
    assert byline_in_lines(["Datum: 19.11.2021", "Autor: Fritz Imhof"]) == ["Fritz Imhof"]
    assert byline_in_lines(["Von:", "Götz Warnke"]) == ["Götz Warnke"]
    assert byline_in_lines(["Blog Beitrag von Margarita Koreneva"]) == ["Margarita Koreneva"]
    assert byline_in_lines(["Der Bürgermeister sagte am Montag, er trete zurück."]) is None


def test_not_bylines():
    assert byline_names("By the end of the year, prices had doubled in every district of the city.") is None
    assert byline_names("Cate Cadell") is None


def test_name_shapes():
    assert looks_like_name("Cate Cadell") and looks_like_name("Ana María Ruiz") and looks_like_name("王晓雯")
    assert looks_like_name("Ludwig van Beethoven")
    assert (
        not looks_like_name("Leave a comment") and not looks_like_name("Stay tuned.") and not looks_like_name("Cisco")
    )
    assert (
        is_organisation("Reuters Staff")
        and is_organisation("The Associated Press")
        and not is_organisation("Cate Cadell")
    )


def test_split_names_removes_contacts():
    assert split_names("Jane Doe (jane@example.com) and @johnroe John Roe") == ["Jane Doe", "John Roe"]
    assert contacts_in("Reach her at jane@example.com or @janed, https://x.example/jane.") == [
        "jane@example.com",
        "@janed",
        "https://x.example/jane",
    ]


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://technode.com/2015/09/24/cisco-looks/", dt.date(2015, 9, 24)),
        ("https://example.com/news/2021-03-03-port-trial", dt.date(2021, 3, 3)),
        ("https://example.com/20190214/night-buses.html", dt.date(2019, 2, 14)),
        ("https://example.com/2015/09/cisco-looks/", None),
        ("https://example.com/home/2017/7/12/unter-uns", dt.date(2017, 7, 12)),
        ("https://example.com/2017/7/slug-12/", None),
        ("https://example.com/story/3000000218734/slug", None),
        ("https://example.com/2015/13/45/bad", None),
        (None, None),
    ],
)
def test_date_from_url(url, day):
    assert date_from_url(url) == day


@pytest.mark.parametrize(
    ("line", "when"),
    [
        ("September 24, 2015", dt.date(2015, 9, 24)),
        ("24 September 2015", dt.date(2015, 9, 24)),
        ("Published: Sep 24, 2015 at 10:30 pm", dt.datetime(2015, 9, 24, 22, 30)),
        ("2015-09-24", dt.date(2015, 9, 24)),
        ("2015年9月24日", dt.date(2015, 9, 24)),
        ("发布时间：2015年9月24日 08:30", dt.datetime(2015, 9, 24, 8, 30)),
        ("24.09.2015", dt.date(2015, 9, 24)),
        ("4 de mayo de 2022", dt.date(2022, 5, 4)),
        ("12 de março de 2021", dt.date(2021, 3, 12)),
        ("The deal closed on September 24, 2015 after months of talks.", None),
    ],
)
def test_date_lines(line, when):
    assert date_line(line) == when


def test_dates_in_text_and_rfc2822():
    assert [
        (start, when)
        for start, _, when in dates_in("PUBLISHED: November 8, 2023 at 11:30 p.m. | UPDATED: November 9, 2023")
    ] == [
        (11, dt.datetime(2023, 11, 8, 23, 30)),
        (53, dt.date(2023, 11, 9)),
    ]
    assert dates_in("Von Deutscher Tennis Bund 4.\u20092.\u20092022.") == [(26, 36, dt.date(2022, 2, 4))]
    assert dates_in("( Pescasseroli, 14 Gennaio 20 )") == []
    assert dates_in("( Pescasseroli, 14 Gennaio 20 )", short_years=True) == [(16, 29, dt.date(2020, 1, 14))]
    assert [when for _, _, when in dates_in("Seoul 09:31 August 20, 2019", short_years=True)] == [dt.date(2019, 8, 20)]
    assert parse_iso("Sat, 19 Oct 2019 00:04:00 +0200") == dt.datetime(
        2019, 10, 19, 0, 4, tzinfo=dt.timezone(dt.timedelta(hours=2))
    )


def _headline(html: str):
    return next(parse(html).iter("h1"))


@pytest.mark.parametrize(
    ("html", "when"),
    [
        ("<h1>Title</h1><p class=meta>Von Claudia Riedler 19. Oktober 2019 00:04 Uhr</p><p>Text</p>",
         dt.datetime(2019, 10, 19, 0, 4)),
        ("<div><div class=date>6 May 2022 - 2:00 p. m.</div><h1>Title</h1></div>", dt.datetime(2022, 5, 6, 14, 0)),
        ("<h1>T</h1><span>Updated</span><time datetime='2024-08-05T19:49:50Z'></time><span>5 Aug 2024</span>"
         "<p>Published <time datetime='2024-08-04'>4 Aug</time></p>", dt.date(2024, 8, 4)),
        ("<h1>T</h1><div class=issue>Aus: Ausgabe vom 26.04.2024</div><p>Text</p>", None),
        ("<h1>T</h1><p>2019年12月17日更新</p><p>2019年4月26日</p>", dt.date(2019, 4, 26)),
        ("<h1>T</h1><figure><figcaption>Bachmut, 24. April 2023</figcaption></figure><p>Text</p>", None),
        ("<h1>T</h1><p>Der nächste Stammtisch findet am Mi. 5. Februar 2020 ab 19 Uhr im Cafe statt.</p>", None),
        ("<h1>T</h1><ul class=menu-list><li>12. Mai 2012</li></ul>", None),
        ("<h1>T</h1><div class=picBox><img src=a.jpg><p>Panzer bei Bachmut, 24. April 2023</p></div>", None),
        ("<h1>T</h1><p>Text</p><blockquote class=twitter-tweet><p>Tweet</p><a>December 11, 2016</a></blockquote>", None),
        ("<h1>T</h1><div><a>Read also</a><span style='display: none'>Domingo 01 Mayo, 2022</span></div>", None),
        ("<h1>T</h1><div class=inline-video><h2>Clip</h2><span>Sept. 2, 2016</span></div>", None),
        ("<div><span>December 5, 2016 Issue</span></div><h1>T</h1>", None),  # the print issue
        ("<h1>T</h1><div class=meta><div>Updated:</div><div><span><time datetime='2018-03-06'>Mar 6, 2018</time>"
         "</span></div></div>", None),  # a label in the block above: a term and its definition
        ("<h1>T</h1><p>Miércoles 04 mayo de 2022 | 01:10</p>", dt.datetime(2022, 5, 4, 1, 10)),
    ],
)  # fmt: skip
def test_dateline(html, when):
    assert dateline(_headline(html)) == when


@pytest.mark.parametrize(
    ("lines", "when"),
    [
        (["Letzte Änderung: 31.10.2023 - 14:49:39", "Erschienen am: 01.11.2023"], dt.date(2023, 11, 1)),
        (["Permalink", "Datum", "28.04.2023", "Autor"], dt.date(2023, 4, 28)),
        (["Published on March 3, 2020"], dt.date(2020, 3, 3)),
        (["24.04.2023", "Ukraine, 24. April 2023"], None),  # a bare date (a teaser's) has no label
        (["Datenschutz", "01.01.2020"], None),
        (["Published in 2020 by the press, 3 March 2020"], None),
    ],
)
def test_labelled_date(lines, when):
    assert labelled_date(lines) == when


@pytest.mark.parametrize(
    ("html", "when"),
    [
        ("<div id=sidebar><h2>Archiv</h2></div><div class=datum><span class=monat>Feb</span> <span class=tag>18</span>"
         "<span class=jahr>2009</span></div><h2>Post</h2>", dt.date(2009, 2, 18)),  # a blog's date over three spans
        ("<form><div class=post><span class=PostTime><span>28.09.19</span><span>12:44</span></span></div></form>",
         dt.datetime(2019, 9, 28, 12, 44)),  # a thread's first post, in a page-wide form
        ("<h2 class=date-header><span>Samstag, 9. September 2017</span></h2><div class=comment>"
         "<span class=datetime>10. September 2017 um 18:12</span></div>", dt.date(2017, 9, 9)),
        ("<aside><span class=date>01.02.2020</span></aside><span class=date-updated>3 March 2020</span>"
         "<div class=teaser><span class=date>4 March 2020</span></div><p class=time>Read in 5 min</p>", None),
        ("<span class=reading-time>Lesezeit 7 min</span><div class=date>Posted in 2009 by Jane, 12.03.20</div>", None),
    ],
)  # fmt: skip
def test_marked_date(html, when):
    assert marked_date(parse(f"<html><body>{html}</body></html>")) == when


def test_whole_date():
    assert whole_date("Wed. March 4, 2020") == dt.date(2020, 3, 4)
    assert whole_date("Feb 18 2009") == dt.date(2009, 2, 18)  # a month's name is no weekday
    assert whole_date("12.03.20 um 10:00 Uhr") is None
    assert whole_date("Heute, 12:00") is None


def test_local_midnight():
    winter, summer = dt.datetime(2022, 11, 6, 23, tzinfo=dt.UTC), dt.datetime(2022, 7, 18, 22, tzinfo=dt.UTC)
    assert local_midnight(winter, "de").isoformat() == "2022-11-07T00:00:00+01:00"
    assert local_midnight(summer, "de-AT").isoformat() == "2022-07-19T00:00:00+02:00"
    assert local_midnight(dt.datetime(2019, 4, 3, 15, tzinfo=dt.UTC), "ja").isoformat() == "2019-04-04T00:00:00+09:00"
    assert local_midnight(winter + dt.timedelta(minutes=1), "de") == winter + dt.timedelta(minutes=1)  # a real time
    assert local_midnight(winter, "en") == winter  # no one clock for English pages
    assert local_midnight(winter, "es") == winter  # nor for Spanish ones, unless the tag says Spain
    assert local_midnight(winter, "de-US") == winter
    assert local_midnight(dt.date(2022, 11, 6), "de") == dt.date(2022, 11, 6)


def _dates(html: str, url: str | None = None):
    signals = Signals(parse(html), url)
    return signals.dates(signals.headline(signals.title(None), None))


def test_declared_dates():
    page = (
        "<html><head><meta name=date content='2022-01-21T15:38:44+01:00'></head><body>"
        "<h3 itemprop=headline>T</h3><time itemprop=datePublished datetime='2022-01-27'>27.01.2022</time></body></html>"
    )
    assert _dates(page)[0] == dt.date(2022, 1, 27)  # the article's microdata before a page-wide <meta name=date>
    page = "<html><body><h1>T</h1><p>Text.</p><ul><li><strong>Datum</strong>\n28.04.2023</li></ul></body></html>"
    assert _dates(page)[0] == dt.date(2023, 4, 28)
    page = "<html><head><meta property=article:published_time content='2019-06-17T18:28:00+02:00'></head></html>"
    assert _dates(page, "https://example.com/2017/7/12/montauk")[0] == dt.date(2017, 7, 12)  # re-stamped
    assert _dates(page, "https://example.com/2019/06/16/montauk")[0].day == 17  # a day apart: time zones


def test_settle_prefers_what_the_page_shows():
    utc = dt.datetime(2023, 11, 9, 5, 30, 59, tzinfo=dt.UTC)
    local = settle([utc], None, dt.datetime(2023, 11, 8, 23, 30))  # shown in local time: its offset
    assert local.isoformat() == "2023-11-08T23:30:59-06:00"
    plus_two = dt.datetime(2019, 10, 19, 0, 4, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    assert settle([plus_two.astimezone(dt.UTC), plus_two], None, None) == plus_two  # the same instant, local
    assert settle([dt.datetime(2021, 11, 4, 23, 0, tzinfo=dt.UTC)], None, dt.date(2021, 11, 5)) == dt.date(2021, 11, 5)
    early, late = dt.datetime(2023, 11, 3, 10, tzinfo=dt.UTC), dt.datetime(2023, 11, 6, 14, tzinfo=dt.UTC)
    assert settle([early, late], None, dt.date(2023, 11, 6)) == late  # the dateline picks among declared dates
    assert settle([early, dt.date(2023, 11, 6)], None, dt.date(2023, 11, 6)) == early  # a bare day does not
    republished = dt.datetime(2022, 11, 17, 10, 33, tzinfo=dt.UTC)
    assert settle([republished], republished - dt.timedelta(minutes=1), dt.date(2022, 3, 9)) == dt.date(2022, 3, 9)
    assert settle([republished], republished - dt.timedelta(minutes=1), None) == republished
    assert settle([], None, None) is None
    assert settle([dt.date(2020, 3, 3)], None, dt.date(2020, 4, 7)) == dt.date(2020, 4, 7)  # bare day against bare day
    naive, uy = (
        dt.datetime(2022, 5, 10, 23, 35),
        dt.datetime(2022, 5, 11, 4, 10, tzinfo=dt.timezone(-dt.timedelta(hours=3))),
    )
    assert settle([naive, uy], None, None) == uy  # the offset pins the day
    assert settle([naive, uy.astimezone(dt.UTC)], None, None) == naive  # UTC is not the page's own clock
    shown = dt.datetime(2016, 12, 21, 18, 49, tzinfo=dt.timezone(-dt.timedelta(hours=5)))
    assert settle([shown.astimezone(dt.UTC)], None, shown) == shown  # the same instant, as the page shows it


@pytest.mark.parametrize(
    ("h1s", "declared", "title"),
    [
        (["Headline here"], ["Headline here | Site"], "Headline here"),
        (["Site", "Headline here"], [None, "Headline here - Site"], "Headline here"),
        (["Ausschuss zur Flut Zwei Rücktritte"], ["Ausschuss zur Flut: Zwei Rücktritte | Site"],
         "Ausschuss zur Flut: Zwei Rücktritte"),
        (["Mexico’s economy grew"], ["Mexico's economy grew"], "Mexico’s economy grew"),
        (["Logo", "Pferde", "Heulage: Besser als ihr Ruf?"], ["Heulage: Besser als ihr Ruf?", "Pferde"],
         "Heulage: Besser als ihr Ruf?"),
        (["Lady Gaga Shares Photo of Ex Taylor Kinney Hanging With Her Mom"],
         ["Lady Gaga Shares Pic of Ex Taylor Kinney With Her Mom"],
         "Lady Gaga Shares Photo of Ex Taylor Kinney Hanging With Her Mom"),
        (["Einheit der Woche Lagen-Pyramide mit GA2"], ["Lagen-Pyramide mit GA2"], "Lagen-Pyramide mit GA2"),
        (["Politics | St. Louis Park elects a new mayor"], ["St. Louis Park elects a new mayor"],
         "St. Louis Park elects a new mayor"),
        (["BreakpointHilfe, die Fundis kommen!"], ["Breakpoint: Hilfe, die Fundis kommen!"],
         "Breakpoint: Hilfe, die Fundis kommen!"),
        (["Menü"], ["Aren’t we all …?"], "Aren’t we all …?"),
        (["Wir kämpfen für gute Arbeit"], ["Arbeit"], "Wir kämpfen für gute Arbeit"),
        (["Energiewende Oberland: Klimavorreiter Oberland?"], ["Klimavorreiter Oberland?"], "Klimavorreiter Oberland?"),
        (["Visit Harford County this fall"], [], "Visit Harford County this fall"),
        # the JSON-LD headline another declared title confirms: the publisher's, whatever the <h1> shows
        (["Orden fürs Morden"], ["Veteranentag: Orden fürs Morden", "Veteranentag: Orden fürs Morden"],
         "Veteranentag: Orden fürs Morden"),
        (["The 21 best movies of 2017"], ["How to watch the 21 best films", "The 21 best movies of 2017", None,
                                          "How to watch the 21 best films - Site"], "How to watch the 21 best films"),
        (["Mexico’s economy grew"], ["Mexico's economy grew", "Mexico's economy grew | Site"], "Mexico's economy grew"),
        (["The 21 best movies of 2017"], ["How to watch the 21 best films", "The 21 best movies of 2017"],
         "The 21 best movies of 2017"),  # unconfirmed, the JSON-LD headline does not outweigh the <h1>
        # a kicker glued to the headline in the <h1>: the declared spelling, separator kept
        (["Nationale DemoDer 9. Juli naht"], [None, "Nationale Demo / Der 9. Juli naht"],
         "Nationale Demo / Der 9. Juli naht"),
        # kickers with no word in common before one headline: the headline
        (["Eskalation im Nahen Osten - «Die USA halten Israel zurück»"],
         [None, "Iranischer Angriff auf Israel: «Die USA halten Israel zurück»"], "«Die USA halten Israel zurück»"),
        (["Investitionen in IT-Sicherheit Cyber-Angriffe: 20 Prozent vom Budget"],
         [None, "Cyber-Angriffe: 20 Prozent vom Budget - Site"], "Cyber-Angriffe: 20 Prozent vom Budget"),
        (["Time to say goodbye."], [None, None, None, "Home"], "Time to say goodbye."),  # a kind of page
        ([], ["Ladensterben immer dramatischer » ☆☆☆☆☆"], "Ladensterben immer dramatischer"),  # ornaments
        # a section's label before a pipe, the JSON-LD headline after it: the headline
        (["Einheit der Woche Lagen-Pyramide mit GA2"],
         ["Lagen-Pyramide mit GA2", "Einheit der Woche | Lagen-Pyramide mit GA2 - Site"], "Lagen-Pyramide mit GA2"),
        # a template's empty field and its labels after the headline
        (["Energiewende und Wirtschaften : , Thema: Forschung"], [], "Energiewende und Wirtschaften"),
    ],
)  # fmt: skip
def test_headline_reconciles_h1_and_declared_titles(h1s, declared, title):
    assert headline(h1s, declared, "Site", "https://example.com/a") == title


def _title(html: str) -> str | None:
    return Signals(parse(html), "https://example.com/a").title("Site")


def test_title_of_the_article_header_not_the_breadcrumb():
    crumbs = (
        "<html><head><meta property=og:title content='{og}'>"
        '<script type=\'application/ld+json\'>{{"@type": "NewsArticle", "headline": "{ld}"}}</script></head>'
        "<body><nav aria-label=Breadcrumb><ol><li>Politik</li><li><h1>{og}</h1></li></ol></nav>"
        "<article><hgroup><h2>{shown}</h2></hgroup><p>Text.</p></article></body></html>"
    )
    # the <h1> in the trail is the search engines' title; the header's <h2>, the publisher's headline, wins
    seo, shown = "Stromausfall: Wie sicher ist unser Netz?", "Ampeln tot: Wie sicher ist das Stromnetz?"
    assert _title(crumbs.format(og=seo, ld=shown, shown=shown)) == shown
    # an <h2> no declared title confirms is not taken for the headline: the declared one is
    assert _title(crumbs.format(og=seo, ld=shown, shown="Live: alle Entwicklungen")) == shown
    # a page-wide class naming breadcrumbs does not put every <h1> in a trail
    wide = (
        "<html><body class=has-breadcrumb><div><h1>Headline shown here</h1><h2>Dek</h2><p>Text.</p></div></body></html>"
    )
    assert _title(wide) == "Headline shown here"
    # spaced differently around a kicker's colon: the declared spelling
    spaced = crumbs.format(og="Kicker: Headline here", ld="Kicker: Headline here", shown="Kicker : Headline here")
    assert _title(spaced) == "Kicker: Headline here"


def test_title_of_a_post_under_the_blogs_name():
    blog = (
        "<html><head><title>{title}</title></head><body><header><h1 class=topbar__logo__title>Platform</h1>"
        "<h1>Site</h1></header><article><h2>{heading}</h2><p>Text.</p></article></body></html>"
    )
    # the <h1>s are the platform's logo and the blog's name; the post's <h2> is the part of the declared title
    assert _title(blog.format(title="Autumn leaves (2) @ Site :: Platform ::", heading="Autumn leaves (2)")) == (
        "Autumn leaves (2)"
    )
    assert _title(blog.format(title="Site - News » The events of late", heading="The events of late")) == (
        "The events of late"
    )
    # an <h2> saying a declared title, up to punctuation: the declared spelling
    assert _title(blog.format(title="site.de // » Jens Weber", heading="[> Jens Weber")) == "Jens Weber"
    # 'logout' is no logo
    logout = "<html><body><div class=logout-box><h1>Headline here</h1></div><p>Text.</p></body></html>"
    assert _title(logout) == "Headline here"
    # a subheading inside the declared title is not its headline
    assert _title(blog.format(title="The Open Project: Better Journalism", heading="Open Project:")) == (
        "The Open Project: Better Journalism"
    )


def test_title_from_url_restores_capitalisation_from_body():
    body = "Talks in China went well. The talks with Cisco and Inspur in China ended. Then the local partner spoke."
    url = "https://technode.com/2015/09/24/cisco-looks-to-boost-china-operations-with-a-local-partner/"
    assert title_from_url(url, body) == "Cisco looks to boost China operations with a local partner"
    assert title_from_url("https://example.com/news/12345", body) is None
    assert title_from_url("https://example.com/a/night-buses-return-2580837", "") == "Night buses return"


def test_language():
    assert (
        detect_language("The regional water board voted on Thursday to replace the city's oldest pumping station.")
        == "en"
    )
    assert (
        detect_language("市水务局周四表决通过了更换城区最老泵站的方案，这场持续近十年的争论终于告一段落。" * 2) == "zh"
    )
    assert detect_language("東京都は十三日、新しい防災計画を発表した。住民への説明会も開かれる予定だ。") == "ja"
    assert detect_language("short") is None
    assert normalise_language("en_us") == "en-US" and normalise_language("zh-hans-cn") == "zh-Hans-CN"
    assert normalise_language("not a tag") is None


def test_whatwg_labels():
    assert codec_for("gb2312") == "gb18030"
    assert codec_for("ISO-8859-1") == "cp1252"
    assert codec_for("Shift_JIS") == "cp932"
    assert codec_for("euc-kr") == "cp949"
    assert codec_for("no-such-charset") is None


def test_decode_order():
    text = "中文 “quotes” €"
    assert decode(text.encode("utf-8")) == text
    assert decode(b'<meta charset="gbk">' + "喆".encode("gb18030")) == '<meta charset="gbk">喆'
    assert decode('<meta charset="gbk">中文'.encode()) == '<meta charset="gbk">中文'  # valid UTF-8 wins
    assert decode("“smart” – €".encode("cp1252"), "iso-8859-1") == "“smart” – €"
    assert decode("Itâ€™s".encode()) == "It’s"
    with pytest.raises(InputError, match="empty"):
        decode(b"")
    with pytest.raises(InputError, match="PNG"):
        decode(b"\x89PNG\r\n\x1a\nrest")


def test_slugs_are_safe_and_bounded():
    assert slugify("../../etc/passwd") == "etc-passwd"
    assert slugify("a\x00b\u202ec") == "abc"
    assert slugify("短缺药品保供稳价") == "duan-que-yao-pin-bao-gong-wen-jie"
    long = slugify("word " * 200)
    assert len(long.encode()) <= 120 and not long.endswith("-")
    assert truncate_bytes("é" * 100, 5) == "éé"
    assert slugify("!!!") == "untitled"
