"""Every XSS payload of ``bad-input/xss/`` scraped, filed, built and loaded in headless Chromium:
nothing runs, and the benign fixtures of DOMPurify keep their harmless text.

The payloads arrive every way a scrape can bring them: inside saved HTML pages (and as their
``<title>``), inside scraper JSON Lines records (as the page's HTML and as title, author, tags,
description, site name, image caption and credit), and as lines of plain-text dumps. The site is
built with a real ``mkdocs build --strict`` and every article page is loaded with all requests
outside loopback blocked. A page fails when a dialog opens or ``alert``/``confirm``/``prompt``/
``print`` is called, when it holds a script the theme did not put there, an ``on*`` attribute, a
``javascript:``/``vbscript:``/``data:text/html`` URL, or when it asks the network for a script,
a stylesheet, a frame or a connection.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from morgue.markdown import plain_text
from tests.browser import browser_page, serve
from tests.conftest import CORPORA, make_site_project, mkdocs_build, run_cli

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = CORPORA / "bad-input" / "xss"
PAYLOADS = json.loads((XSS / "xss-payloads.json").read_text(encoding="utf-8"))
H5SC = json.loads((XSS / "h5sc-vectors.json").read_text(encoding="utf-8"))
DOMPURIFY = json.loads((XSS / "dompurify-expect.json").read_text(encoding="utf-8"))
#: The benign DOMPurify fixtures whose text survives today; the figure in the README. It may rise.
DOMPURIFY_TEXT_KEPT = 33

HOOKS = """
window.__xss = [];
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const hook = function (...args) { window.__xss.push(name + "(" + String(args[0]).slice(0, 60) + ")"); };
  try { Object.defineProperty(window, name, {value: hook, writable: false, configurable: false}); } catch (e) {}
}
"""
SWEEP = r"""
() => {
  const bad = [];
  const url = /^(javascript|vbscript):|^data:text\/html/i;
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase(), value = attr.value.replace(/[\u0000-\u0020]/g, "");
      if (name.startsWith("on")) bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 40)}`);
      if (["href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"].includes(name)
          && url.test(value)) bad.push(`${el.tagName} ${name}=${attr.value.slice(0, 40)}`);
    }
  }
  // the theme's own scripts differ between pages only by the relative path to the site root
  // the theme's scripts differ between pages only by the paths to the site root in them
  const scripts = [...document.scripts].map(s => s.src ? "src:" + new URL(s.src).pathname.replace(/^.*?\/assets\//, "assets/")
                                                       : "inline:" + s.text.trim().replace(/"(\.{1,2}|\/|assets\/)[^"]*"/g, '"PATH"'));
  return {bad, scripts, calls: window.__xss || []};
}
"""
FORBIDDEN_REQUESTS = {"script", "stylesheet", "document", "xhr", "fetch", "websocket", "eventsource", "object", "other"}


#: After each payload: ends whatever raw-text element, comment or attribute it left open, so the
#: next payload of the same page is parsed as HTML of its own.
CLOSER = "'\"></textarea></title></style></script></xmp></noscript></noembed></noframes></iframe></template></table></select></svg></math>-->"
BATCH = 8
LISTS = (("h5sc", H5SC), ("owasp", PAYLOADS), ("dompurify", DOMPURIFY))


def _cases(items: list[dict], prefix: str) -> list[tuple[str, str]]:
    return [(item.get("id") or f"{prefix}-{i:03d}", item["payload"]) for i, item in enumerate(items)]


def _batches(pairs: list[tuple[str, str]], size: int) -> list[list[tuple[str, str]]]:
    return [pairs[i : i + size] for i in range(0, len(pairs), size)]


def _body(batch: list[tuple[str, str]]) -> str:
    return "".join(
        f"<p>Payload {ident} follows.</p>{payload}{CLOSER}<p>End of payload {ident}.</p>" for ident, payload in batch
    )


def _write_inbox(root: Path, size: int, only: set[str] | None = None) -> None:
    """The scrape, ``size`` payloads an article: saved HTML pages for the html5sec vectors (the
    first of each page also its ``<title>``), scraper JSON Lines records for the other lists (each
    payload also in a frontmatter field: title, author, tag, description, site, caption, credit)."""
    pages = root / "pages"
    pages.mkdir(parents=True)
    records = []
    for name, items in LISTS:
        pairs = [pair for pair in _cases(items, name) if only is None or pair[0] in only]
        for n, batch in enumerate(_batches(pairs, size)):
            url = f"https://xss.example/{root.name}/{name}/{n}"
            if name == "h5sc":
                head = f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{batch[0][1]}</title></head>"
                body = f"<body><article><h1>Vectors {batch[0][0]} to {batch[-1][0]}</h1>{_body(batch)}</article>"
                (pages / f"{name}-{n:03d}.html").write_text(head + body + "</body></html>", encoding="utf-8")
                (pages / f"{name}-{n:03d}.meta.yml").write_text(f"url: {url}\n", encoding="utf-8")
                continue
            p = [payload for _, payload in batch] * 8
            records.append(
                {
                    "url": url,
                    "title": p[0],
                    "author": [p[1], p[2], "Benign Writer"],
                    "tags": [p[3][:80], p[4][:80], "xss"],
                    "description": p[5],
                    "site_name": p[6][:60],
                    "image": {"src": "https://img.example/lead.jpg", "caption": p[7], "credit": p[0]},
                    "published": "2024-05-03",
                    "html": _body(batch),
                }
            )
    (root / "scrape.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")


def _write_texts(root: Path) -> None:
    """Every list as a plain-text dump, one payload a paragraph (and the single-line list)."""
    root.mkdir(parents=True)
    for name, items in LISTS:
        blocks = [f"Payloads of the {name} list, as scraped text.", *(i["payload"] for i in items)]
        (root / f"{name}.txt").write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    single = (XSS / "xss-payloads-single-line.txt").read_text(encoding="utf-8")
    (root / "single-line.txt").write_text("One payload a line.\n" + single, encoding="utf-8")


def _swallowed(content: Path) -> set[str]:
    """Cases whose markers are missing from the filed articles: a payload before them (or they
    themselves) made the extractor drop what followed (``<frameset>``, ``<plaintext>``...)."""
    text = " ".join(p.read_text(encoding="utf-8") for p in (content / "articles").rglob("*.md"))
    markers = ("Payload {} follows.", "End of payload {}.")
    cases = [ident for name, items in LISTS for ident, _ in _cases(items, name)]
    return {ident for ident in cases if any(m.format(ident) not in text for m in markers)}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """Round 1 files the payloads in batches; round 2 files, one an article, every payload whose
    batch was cut short, so that each one is parsed as HTML of its own. Then one real build."""
    root = tmp_path_factory.mktemp("xss")
    project = make_site_project(root)
    content = project / "content"
    _write_inbox(root / "batched", BATCH)
    _write_texts(root / "texts")
    inboxes = [root / "batched", root / "texts"]
    for n, inbox in enumerate(inboxes):
        run_cli("ingest", str(inbox), "-c", str(content), "-q", "--report", str(root / f"report{n}.json"))
        if n == 0 and (alone := _swallowed(content)):
            _write_inbox(root / "alone", 1, only=alone)
            inboxes.append(root / "alone")
    inputs = [e for n in range(len(inboxes)) for e in json.loads((root / f"report{n}.json").read_text())["inputs"]]
    build = mkdocs_build(project)
    assert build.returncode == 0, build.stderr[-3000:]
    return {"project": project, "site": project / "site", "inputs": inputs, "alone": _swallowed(content)}


def _pages(site) -> list[Path]:
    return sorted((site["site"] / "articles").rglob("index.html"))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _bare(text: str) -> str:
    return re.sub(r"[\s\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]", "", text)


def _site_text(site) -> str:
    return " ".join(_flat(lxml.html.fromstring(p.read_bytes()).text_content()) for p in _pages(site))


def test_every_payload_was_filed_and_parsed_on_its_own(site):
    # a payload re-filed alone is a duplicate when its batch was cut right after it: same text
    again = [e for e in site["inputs"] if e["status"] == "duplicate" and "/alone/" in e["input"]]
    assert [e for e in site["inputs"] if e["status"] != "new" and e not in again] == []
    text = _site_text(site)
    for name, items in LISTS:
        for ident, _ in _cases(items, name):
            assert f"Payload {ident} follows." in text, ident
    # only a payload alone in its article may cut its own end off (a <frameset>, a <plaintext>)
    singles = {e["input"] for e in site["inputs"] if "/alone/" in e["input"]}
    assert len(site["alone"]) <= len(singles)
    print(f"\n{len(singles)} payloads filed again one an article after their batch was cut short")


def _loaded_pages(site) -> list[str]:
    """Pages loaded in Chromium: every article, and the listings that gather every payload-named
    author, tag and credit (their own pages are checked statically, below)."""
    root = site["site"]
    listings = [root / "index.html", root / "404.html", *root.glob("*/index.html"), *root.glob("page/*/index.html")]
    listings += [*(root / "archive").rglob("index.html")]
    paths = {p.relative_to(root).as_posix() for p in [*_pages(site), *listings] if p.is_file()}
    return sorted(paths)


def test_no_payload_executes_in_chromium(site):
    pages = _loaded_pages(site)
    failures: list[str] = []
    with serve(site["site"]) as base, browser_page() as (page, _errors, _blocked):
        page.context.add_init_script(HOOKS)
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        requests: list[tuple[str, str]] = []
        page.on("request", lambda r: requests.append((r.resource_type, r.url)))
        page.goto(base)  # the home page: which scripts the theme itself puts on a page
        theme_scripts = set(page.evaluate(SWEEP)["scripts"])
        for path in pages:
            dialogs.clear()
            requests.clear()
            page.goto(base + path.removesuffix("index.html"), wait_until="load")
            page.wait_for_timeout(20)
            found = page.evaluate(SWEEP)
            foreign = [s for s in found["scripts"] if s not in theme_scripts and not s.startswith("src:assets/")]
            outside = [
                f"{kind} {url[:60]}"
                for kind, url in requests
                if kind in FORBIDDEN_REQUESTS and not url.startswith(base)
            ]
            for what, items in (("dialog", dialogs), ("call", found["calls"]), ("markup", found["bad"]),
                                ("script", foreign), ("request", outside)):  # fmt: skip
                failures += [f"{path}: {what}: {item}" for item in items]
    assert len(_pages(site)) == sum(e["status"] == "new" for e in site["inputs"])
    assert failures == [], "\n".join(failures[:40])


def _expected_text(expected) -> str:
    """Visible text of DOMPurify's output (the shortest, when several outputs are acceptable)."""
    texts = []
    for html in expected if isinstance(expected, list) else [expected]:
        html = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", html or "")
        root = lxml.html.fragment_fromstring(html, create_parent="div") if (html or "").strip() else None
        texts.append(_flat(root.text_content()) if root is not None else "")
    return min(texts, key=len)


def _between(text: str, ident: str) -> str:
    return text.split(f"Payload {ident} follows.", 1)[-1].split(f"End of payload {ident}.", 1)[0]


def test_benign_dompurify_fixtures_keep_their_text(site):
    """DOMPurify's own output for a fixture has some text: our page should show that text too.
    Whatever text reached an article's Markdown must reach its page: the site layer (escaping,
    Markdown, nh3) drops none of it; what is lost, extraction dropped as not article text."""
    page_text = _site_text(site)
    markdown = " ".join(
        _flat(plain_text(p.read_text(encoding="utf-8")))
        for p in (site["project"] / "content" / "articles").rglob("*.md")
    )
    with_text, kept, lost_by_site = 0, 0, []
    for (ident, _), item in zip(_cases(DOMPURIFY, "dompurify"), DOMPURIFY, strict=True):
        expected = _expected_text(item.get("expected"))
        if not re.search(r"\w", expected):
            continue
        with_text += 1
        on_page = expected in _between(page_text, ident)
        kept += on_page
        if expected in _between(markdown, ident) and not on_page:
            lost_by_site.append(ident)
    print(f"\nDOMPurify fixtures whose sanitised output has text: {with_text}; text kept on our page: {kept}")
    assert lost_by_site == []
    assert kept >= DOMPURIFY_TEXT_KEPT


def test_scraped_text_never_becomes_markup(site):
    """The text dumps: the article body holds paragraphs only, and every payload shows as text."""
    for name, items in LISTS:
        (entry,) = [e for e in site["inputs"] if e["input"].endswith(f"texts/{name}.txt")]
        page = site["site"] / entry["path"].removesuffix(".md") / "index.html"
        tree = lxml.html.fromstring(page.read_bytes())
        first = next(p for p in tree.iter("p") if (p.text or "").startswith(f"Payloads of the {name} list"))
        body = first.getparent()  # the rendered Markdown of the article
        assert {el.tag for el in body.iterdescendants()} <= {"p", "br"}
        shown = _bare(body.text_content())  # control characters go; line ends may differ
        missing = [i["payload"] for i in items if _bare(i["payload"]) not in shown]
        assert missing == [], missing[:5]


_URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "srcdoc", "background", "poster"}
_BAD_URL = re.compile(r"^(javascript|vbscript):|^data:text/html", re.I)
_EMBEDS = {"iframe", "frame", "frameset", "object", "embed", "applet", "base"}


def _inert(tree: lxml.html.HtmlElement, theme_scripts: set[str] | None) -> list[str]:
    """What in a parsed page could run: on* attributes, script URLs, frames and embeds, and (when
    ``theme_scripts`` is given) scripts the theme did not put there; ``None``: no script at all."""
    bad = []
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        for name, value in el.attrib.items():
            bare = re.sub(r"[\x00-\x20]", "", value)
            if name.lower().startswith("on") or (name.lower() in _URL_ATTRS and _BAD_URL.match(bare)):
                bad.append(f"<{el.tag} {name}={value[:40]!r}>")
        if el.tag in _EMBEDS or (el.tag == "meta" and el.get("http-equiv", "").lower() == "refresh"):
            bad.append(f"<{el.tag}>")
        if el.tag == "script":
            script = _script_key(el)
            local = script.startswith("src:assets/")  # the theme's own files
            if theme_scripts is None or (script not in theme_scripts and not local):
                bad.append(f"<script> {script[:60]}")
    return bad


def _script_key(el) -> str:
    """A script, with the paths to the site root in it (which differ from page to page) masked."""
    if el.get("src"):
        return "src:" + re.sub(r"^.*?/?assets/", "assets/", el.get("src"))
    return "inline:" + re.sub(r'"(\.{1,2}|/|assets/)[^"]*"', '"PATH"', (el.text or "").strip())


def test_every_page_and_feed_is_inert(site):
    """Every HTML page of the site (author, tag and credit pages included) and the feeds' HTML."""
    root = site["site"]
    home = lxml.html.fromstring((root / "index.html").read_bytes())
    theme_scripts = {_script_key(el) for el in home.iter("script")}
    failures = []
    for page in sorted(root.rglob("*.html")):
        failures += [
            f"{page.relative_to(root)}: {b}" for b in _inert(lxml.html.fromstring(page.read_bytes()), theme_scripts)
        ]
    feeds = []
    if (root / "feed.json").is_file():
        feeds += [i.get("content_html") or "" for i in json.loads((root / "feed.json").read_text())["items"]]
    if (root / "feed.xml").is_file():
        feed = lxml.etree.fromstring((root / "feed.xml").read_bytes())
        feeds += [el.text or "" for el in feed.iter("{*}content", "{*}description", "content")]
    for n, html in enumerate(h for h in feeds if h.strip()):
        fragment = lxml.html.fragment_fromstring(html, create_parent="div")
        bad = _inert(fragment, None) + [f"<{el.tag}>" for el in fragment.iter("style", "form", "link", "meta")]
        failures += [f"feed item {n}: {b}" for b in bad]
    assert failures == [], "\n".join(failures[:40])
