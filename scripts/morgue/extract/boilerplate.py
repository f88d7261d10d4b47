"""Lines that scrapers catch around an article but that are not part of it.

Each pattern must match a *whole* line (after whitespace is collapsed), so article sentences
that merely contain these words are never dropped. English first, then other languages.
"""

from __future__ import annotations

import re

_BOILERPLATE_LINES = [
    # comment forms (WordPress, Disqus and the like)
    r"leave an? (comment|reply)( cancel reply)?",
    r"cancel reply",
    r"(post|submit|add) (a |your )?comment",
    r"\d+ (comments?|responses?|replies)",
    r"no (comments|responses)( yet)?",
    r"comments?( \(\d+\))?",
    r"join the (discussion|conversation)",
    r"this site uses akismet to reduce spam\..*",
    r"learn how your comment data is processed\.?",
    r"your email address will not be published\.?.*",
    r"required fields are marked( \*)?\.?",
    r"(name|e-?mail|website|comment|message)( \(required\))? ?\*?",
    r"save my name,? e-?mail,? and website in this browser.*",
    r"notify me of (follow-up comments|new posts|new comments).*",
    r"you must be (logged in|registered) to post a comment\.?",
    r"comments? (are|is) closed\.?",
    r"view comments|show comments|load comments",
    r"this entry was posted in .*",
    r"bookmark the permalink\.?",
    # share, follow and like widgets
    r"share( this| the)?( article| story| post| page)?( on| via| with)?( \w+)?:?",
    r"click to (share|email|print|tweet).*",
    r"(tweet|pin( it)?|e-?mail|print|whatsapp|facebook|twitter|x|linkedin|reddit|telegram|flipboard|pocket|copy link|messenger)",
    r"like this:?",
    r"like loading\.*",
    r"loading\.*",
    r"(follow|find|like) us on .{1,60}",
    r"(opens|open) in (a )?new (window|tab)\)?",
    # teasers, related links, navigation
    r"related( posts| articles| stories| content| coverage| reading)?:?",
    r"(read|see) (more|next|also)( (on|from|at) [\w .'-]{1,40})?([:：] ?.{0,150})?",
    r"continue reading.{0,100}",
    r"(you (may|might) (also )?like|recommended( for you| reading)?|more (stories|articles|news)|trending( now)?|most (popular|read)|popular (posts|stories)|top stories|editor'?s picks)( .{0,40})?:?",
    r"(previous|next|older|newer) (post|article|story|entry)s?:?( .{0,150})?",
    r"(back|return) to (top|home(page)?)",
    r"skip to (main )?content",
    r"advertisements?|sponsored( content)?|ad|paid (post|content)",
    r"scroll (down )?to continue( reading)?\.?",
    r"story continues below( advertisement)?",
    # newsletters, copyright
    r"subscribe( now| today| here)?[.!]?",
    r"(subscribe|sign up) (to|for) (our|the) .{0,60}newsletter.{0,80}",
    r"get the latest .{0,80}(inbox|delivered).{0,40}",
    r"(all rights reserved|copyright ©?.{0,80}|© ?\d{4}.{0,80})\.?",
    # author-box furniture (names in these lines are picked up by the author-box rules)
    r"(author )?(avatar|gravatar|profile) (photo|image|picture)",
    r"avatar",
    # Chinese
    r"(发表|网友|查看|全部|热门)?评论(\(\d+\))?",
    r"我要评论|发表你的评论|评论已关闭",
    r"分享到[:：]?.{0,40}",
    r"(相关|推荐|延伸|热门)(文章|阅读|新闻|推荐|报道)[:：]?",
    r"(上一篇|下一篇)[:：]?.{0,100}",
    r"(扫一扫|扫描二维码|长按(识别)?二维码).{0,60}",
    r"关注(我们|微信|公众号).{0,60}",
    r"(版权(声明|所有)|未经授权.{0,10}禁止转载).{0,100}",
    r"(本文)?(来源|转载自|出处)[:：].{0,60}",
    r"(责任)?编辑[:：].{0,30}",
    r"点击(查看|阅读|进入).{0,60}",
    r"返回(顶部|首页)",
    r"[(（]完[)）]",
    r"广告",
    # German, French, Spanish essentials
    r"(kommentar(e)? (schreiben|verfassen)|kommentare?( \(\d+\))?|artikel teilen|teilen)",
    r"(laisser|ajouter) un commentaire|partager( sur \w+)?|commentaires?",
    r"(deja|dejar) (un|tu) comentario|compartir( en \w+)?|comentarios?",
]

_BOILERPLATE = re.compile("(?:" + "|".join(_BOILERPLATE_LINES) + r")[.!:：]?", re.I)

#: Lines announcing an author box; the text that follows is the author's name and bio.
_AUTHOR_BOX = re.compile(
    r"(about|more (posts |articles |stories )?(by|from)|(view|see) all (posts|articles|stories) by|posts by|written by)"
    r"( the)?( authors?)?[:：]?( (?P<name>.{2,60}))?"
    r"|(über den autor|à propos de l'auteur|sobre el autor|关于作者|作者简介)[:：]?",
    re.I,
)


def is_boilerplate(line: str) -> bool:
    """True when the whole line is known furniture (comment form, share bar, teaser...)."""
    return _BOILERPLATE.fullmatch(" ".join(line.split())) is not None


def author_box_heading(line: str) -> tuple[bool, str | None]:
    """``(True, name-or-None)`` when ``line`` introduces an author box ("About the author", "More by X")."""
    match = _AUTHOR_BOX.fullmatch(" ".join(line.split()))
    if not match:
        return False, None
    return True, (match.group("name") or None)
