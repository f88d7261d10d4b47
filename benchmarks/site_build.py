"""Build an archive of N synthetic articles with morgue's site and with Material's blog plugin.

    python benchmarks/site_build.py N [--peer-n M | --no-peer] [--keep DIR] [--queries ...]

Generates N realistic articles (several hundred authors and tags, ten years of dates, lead images
with credits, about 8% Chinese, 2% undated) through morgue's own frontmatter writer, then:

* morgue: ``mkdocs build`` with this repository's mkdocs.yml and theme (listings, feeds, Pagefind);
* peer: the same articles as posts of Material's blog plugin (blog with archive, categories,
  author profiles and pagination; tags; Material's search; navigation.prune), at M articles
  (default N) in the same run.

For each it prints CPU (build process and its children) and wall time, peak memory (sum of the
process tree's resident memory, sampled), site size, and for search: what a page load downloads
and what a reader's first query downloads (in either order of results: newest first, the
default, and best match), measured in headless Chromium against a server that
gzips text like GitHub Pages does. Material's search downloads search_index.json on every page
load; its size is measured (gzipped) without a browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from morgue import frontmatter, registry  # noqa: E402
from morgue.model import Article, Author, Image, Source  # noqa: E402
from morgue.text import slugify  # noqa: E402


def _words(text: str) -> list[str]:
    return text.split()


WORDS = _words(
    "the of and to in a is that for on was with he it as at by from his an were are which this be has had "
    "or not but have they their one new after year first who government two people more been would police "
    "city state said market company minister report council court election president national week "
    "officials months plans school health workers public water energy price prices bank economy trade "
    "china europe london berlin vienna paris protest protesters arrested climate oil theatre play stage "
    "audience technology partner partnership investment billion million revenue growth shares investors "
    "analysts hospital doctors patients medicine shortage supply ministry policy reform budget taxes "
    "families children students university research scientists study data internet mobile phone apps "
    "users privacy security football match season coach players fans stadium league championship final "
    "victory defeat record weather storm flooding rain heat summer winter transport railway airport "
    "flights strike union wages housing rents homes building construction village farmers harvest food "
    "festival music film museum art "
)
HANZI = _words(
    "中国 经济 市场 政府 企业 发展 国家 记者 报道 公司 投资 技术 创新 合作 医院 药品 供应 保障 价格 政策 改革 教育 学生 大学 科研 数据 互联网 手机 用户 安全 城市 交通 铁路 "
    "机场 天气 暴雨 农民 粮食 文化 电影 音乐 体育 比赛 足球 球迷 冠军 能源 石油 电力 环境 气候 污染 治理 社会 家庭 儿童 健康 医生 患者 会议 "
)
FIRST = _words(
    "Anna Ben Cate Dara Elif Farid Grace Hugo Ines Jonas Kenji Lena Mateo Nadia Omar Priya Quinn Rosa "
    "Sven Tariq Uma Viktor Wen Xavier Yara Zoe Li Mei Chen Wei "
)
LAST = _words(
    "Adams Baumann Cadell Dubois Eriksen Fink Garcia Housden Ivanova Jensen Kowalski Lopez Marchart "
    "Nakamura Okafor Petrov Quispe Rossi Schmidt Tanaka Urbanek Varga Wang Xu Yilmaz Zhang Liu Zhao Huang "
    "Moreau "
)
AGENCIES = ["Reuters", "AFP", "AP", "Getty Images", "EPA", "Xinhua", "dpa", "ANP", "Shutterstock", "Alamy"]
TAG_ROOTS = _words(
    "politics economy business technology health science climate energy sport culture education transport "
    "housing crime courts elections europe asia china germany austria uk us media travel food music film "
    "art labour trade finance markets banking startups privacy security space weather "
)


SYLLABLES = _words("ba ri to ma ken sel dor an vi lu pra mon tes gal fer no chi ral ust ber ka lin que son tra del ")
HAN_CHARS = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
TOPIC_WORDS = WORDS + ["".join(random.Random(i).choices(SYLLABLES, k=2 + i % 3)) for i in range(9000)]
HANZI_WORDS = (
    HANZI
    + [a + b for a, b in zip(HAN_CHARS[::3], HAN_CHARS[1::3], strict=False)]
    + [HAN_CHARS[i % len(HAN_CHARS)] + HAN_CHARS[(i * 7 + 3) % len(HAN_CHARS)] for i in range(3000)]
)


def _zipf(words: list[str]) -> list[float]:
    """Cumulative weights of a Zipf distribution over ``words`` (rank 1 most frequent)."""
    total, out = 0.0, []
    for rank in range(1, len(words) + 1):
        total += 1.0 / (rank + 2.7)
        out.append(total)
    return out


EN_CUM, ZH_CUM = _zipf(TOPIC_WORDS), _zipf(HANZI_WORDS)


def _sentence(rng: random.Random, chinese: bool) -> str:
    if chinese:
        return "".join(rng.choices(HANZI_WORDS, cum_weights=ZH_CUM, k=rng.randint(6, 16))) + "。"
    words = rng.choices(TOPIC_WORDS, cum_weights=EN_CUM, k=rng.randint(8, 22))
    return " ".join(words).capitalize() + "."


def _body(rng: random.Random, chinese: bool) -> str:
    paragraphs = []
    for i in range(rng.randint(6, 14)):
        text = ("" if chinese else " ").join(_sentence(rng, chinese) for _ in range(rng.randint(2, 5)))
        if i == 3:
            paragraphs.append("## " + ("相关报道" if chinese else "What happens next"))
        if i == 2 and not chinese:
            text += f" [More on this](https://example.com/{rng.randint(1, 10**6)}) and *{rng.choice(WORDS)}*."
        paragraphs.append(text)
    return "\n\n".join(paragraphs) + "\n"


def generate(n: int, content: Path, seed: int = 4) -> tuple[list[Article], dict[str, Author]]:
    """N articles written into ``content/articles/...`` with morgue's frontmatter writer."""
    rng = random.Random(seed)
    n_authors = max(10, min(600, n // 20))
    names = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}-{rng.choice(LAST)}" for _ in range(n_authors * 2)})
    names = names[:n_authors]
    people = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(max(20, n // 60))]
    credits = people + AGENCIES
    tags = sorted({f"{a} {b}" if b else a for a in TAG_ROOTS for b in ("", *TAG_ROOTS[:8])})[
        : max(30, min(400, n // 25))
    ]
    start = dt.date(2015, 1, 1)
    articles = []
    for i in range(n):
        chinese = rng.random() < 0.08
        if chinese:
            title = "".join(rng.choices(HANZI_WORDS, cum_weights=ZH_CUM, k=rng.randint(3, 6)))
        else:
            title = " ".join(rng.choices(TOPIC_WORDS, cum_weights=EN_CUM, k=rng.randint(5, 11))).capitalize()
        dated = rng.random() >= 0.02
        day = start + dt.timedelta(days=rng.randrange(3650)) if dated else None
        image = Image(
            src=f"https://images.example.com/{i}.jpg" if rng.random() < 0.6 else None,
            alt="",
            caption=_sentence(rng, chinese) if rng.random() < 0.5 else None,
            credit=rng.choice(credits),
        )
        articles.append(
            Article(
                title=f"{title} {i}",
                body=_body(rng, chinese),
                date=day,
                authors=tuple(rng.sample(names, 2 if rng.random() < 0.15 else 1)),
                image=image if rng.random() < 0.85 else None,
                source=Source(url=f"https://news.example.com/{i}/story", site_name="Example News"),
                language="zh" if chinese else "en",
                tags=tuple(rng.sample(tags, rng.randint(1, 4))),
            )
        )
    for article in articles:
        folder = f"{article.date:%Y/%m}" if article.date else "undated"
        path = content / "articles" / folder / f"{slugify(article.title)}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(frontmatter.dumps(article), encoding="utf-8")
    profiles = {
        registry.author_slug(name): Author(
            name=name,
            description=f"{name.split()[0]} covers {rng.choice(TAG_ROOTS)} and {rng.choice(TAG_ROOTS)}.",
            contact=(f"@{slugify(name).replace('-', '')}",),
        )
        for name in names
    }
    (content / registry.FILENAME).write_text(registry.dump_registry(profiles), encoding="utf-8")
    (content / "index.md").write_text("---\ntitle: Benchmark archive\nhide: [toc]\n---\n\n# Benchmark archive\n")
    return articles, profiles


# --------------------------------------------------------------------------- the peer
PEER_CONFIG = """site_name: blog peer
docs_dir: docs
site_dir: site
theme:
  name: material
  font: false
  features: [navigation.prune]
plugins:
  - search
  - tags
  - blog:
      archive: true
      categories: true
      authors_profiles: true
      pagination_per_page: 25
"""


def write_peer(project: Path, articles: list[Article], profiles: dict[str, Author]) -> None:
    """The same articles as blog posts (undated ones get 2014-12-31: the blog requires a date)."""
    posts = project / "docs" / "blog" / "posts"
    posts.mkdir(parents=True)
    (project / "mkdocs.yml").write_text(PEER_CONFIG, encoding="utf-8")
    (project / "docs" / "index.md").write_text("# Blog peer\n", encoding="utf-8")
    (project / "docs" / "blog" / "index.md").write_text("# Blog\n", encoding="utf-8")
    authors = {
        slug: {"name": a.name, "description": a.description or "", "avatar": "https://example.com/a.png"}
        for slug, a in profiles.items()
    }
    (project / "docs" / "blog" / ".authors.yml").write_text(frontmatter.dump_meta({"authors": authors}))
    for i, article in enumerate(articles):
        meta = {
            "title": article.title,
            "date": article.date or dt.date(2014, 12, 31),
            "authors": [registry.author_slug(n) for n in article.authors],
            "categories": list(article.tags[:1]),
            "tags": list(article.tags),
        }
        excerpt = article.body.split("\n\n", 1)
        body = excerpt[0] + "\n\n<!-- more -->\n\n" + (excerpt[1] if len(excerpt) > 1 else "")
        (posts / f"{i}-{slugify(article.title)}.md").write_text(frontmatter.render(meta, body), encoding="utf-8")


# --------------------------------------------------------------------------- measuring
def _tree_rss(pid: int) -> int:
    """Resident memory of ``pid`` and its descendants, in bytes (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        child, parent = int(entry.name), int(fields[1])
        children.setdefault(parent, []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def timed_build(project: Path) -> dict[str, float]:
    """``mkdocs build`` in ``project``: CPU of the process tree, wall time, sampled peak memory."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q"], cwd=project, env=env, stderr=subprocess.PIPE, text=True
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, _tree_rss(proc.pid))
        time.sleep(0.25)
    stderr = proc.stderr.read() if proc.stderr else ""
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"build failed in {project}:\n{stderr[-3000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"cpu": cpu, "wall": wall, "peak": peak}


def site_size(site: Path) -> tuple[int, int]:
    files = [p for p in site.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def serve_gzip(directory: Path, counter: dict[str, int]):
    """A loopback server that gzips text responses (as GitHub Pages does) and counts bytes sent."""
    import http.server

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(directory), **k)

        def log_message(self, *args):
            pass

        def send_head(self):
            path = self.translate_path(self.path.split("?", 1)[0])
            if os.path.isdir(path):
                path = os.path.join(path, "index.html")
            if not os.path.isfile(path):
                return super().send_head()
            data = Path(path).read_bytes()
            ctype = self.guess_type(path)
            text = ctype.startswith("text/") or ctype.endswith(("javascript", "json", "xml"))
            if text and "gzip" in self.headers.get("Accept-Encoding", ""):
                data = gzip.compress(data, 6)
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            if text:
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            counter[self.path] = counter.get(self.path, 0) + len(data)
            import io

            return io.BytesIO(data)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


#: The search page's orders of results: newest first (the default) and best match.
ORDERS = ("", "relevance")


def measure_search(site: Path, queries: list[str], article_url: str) -> dict:
    """Bytes a page load and a first query download, and the time to results, in Chromium."""
    from tests.browser import browser_page

    counter: dict[str, int] = {}
    server = serve_gzip(site, counter)
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    out: dict = {"queries": []}
    try:
        with browser_page() as (page, errors, blocked):
            page.goto(base + article_url)
            page.wait_for_load_state("networkidle")
            out["article_page_search_bytes"] = sum(v for k, v in counter.items() if "pagefind" in k or "search" in k)
            out["article_page_bytes"] = sum(counter.values())
        for query, order in [(q, o) for q in queries for o in ORDERS]:
            counter.clear()
            with browser_page() as (page, errors, blocked):
                page.goto(base + "search/" + ("?sort=" + order if order else ""))
                page.wait_for_load_state("networkidle")
                load_bytes = sum(counter.values())
                load_search = sum(v for k, v in counter.items() if "pagefind" in k or "search" in k)
                counter.clear()
                start = time.monotonic()
                page.fill(".morgue-search__input", query)
                page.press(".morgue-search__input", "Enter")
                page.wait_for_selector(".morgue-search__result", timeout=10000)
                seconds = time.monotonic() - start
                page.wait_for_load_state("networkidle")
                count = page.locator(".morgue-search__status").inner_text()
                out["queries"].append(
                    {
                        "query": query,
                        "order": order or "newest",
                        "search_page_load_bytes": load_bytes,
                        "search_page_search_bytes": load_search,
                        "first_query_bytes": sum(counter.values()),
                        "largest": sorted(counter.items(), key=lambda kv: -kv[1])[:30],
                        "seconds_to_results": round(seconds, 2),
                        "message": count,
                        "errors": errors[:3],
                        "blocked": blocked[:3],
                    }
                )
    finally:
        server.shutdown()
    return out


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure_preview(project: Path, article: Path, command: list[str], timeout: float = 300) -> dict:
    """Start a preview server, open ``article`` in Chromium, change its title, and time until the
    browser shows the new title; then check the article's month listing shows it too."""
    import urllib.request

    from tests.browser import browser_page

    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [*command, "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}/"
    rel = article.relative_to(project / "content").with_suffix("").as_posix() + "/"
    month = "archive/" + "/".join(rel.split("/")[1:3]) + "/"
    original = article.read_text(encoding="utf-8")
    started = time.monotonic()
    try:
        while True:
            try:
                urllib.request.urlopen(base + rel, timeout=5).read()
                break
            except OSError:
                if time.monotonic() - started > timeout or proc.poll() is not None:
                    raise SystemExit(f"preview server did not start: {command}") from None
                time.sleep(0.5)
        startup = time.monotonic() - started
        with browser_page() as (page, _errors, _blocked):
            page.goto(base + rel)  # (never "networkidle": the live-reload script keeps a request open)
            marker = f"Edited {int(time.time())}"
            article.write_text(original.replace("title: ", f"title: {marker} ", 1), encoding="utf-8")
            edited = time.monotonic()
            page.wait_for_function(
                "m => document.querySelector('h1') && document.querySelector('h1').textContent.includes(m)",
                arg=marker,
                timeout=timeout * 1000,
            )
            shown = time.monotonic() - edited
            page.goto(base + month)
            listed = marker in page.content()
        return {"startup": startup, "edit_shown": shown, "listing_updated": listed}
    finally:
        article.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)


def _project(base: Path, name: str, part_size: int | None = None) -> Path:
    project = base / name
    project.mkdir()
    shutil.copytree(ROOT / "theme", project / "theme")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    if part_size:
        config = config.replace("  - morgue\n", f"  - morgue: {{search_part_size: {part_size}}}\n", 1)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def _mb(n: float) -> str:
    return f"{n / 1e6:.1f} MB"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--peer-n", type=int, help="articles for Material's blog plugin (default: N)")
    parser.add_argument("--no-peer", action="store_true")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium search measurement")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--part-size", type=int, help="the plugin's search_part_size (default: mkdocs.yml's)")
    parser.add_argument(
        "--preview", action="store_true", help="also time an edit in `morgue serve` and in plain `mkdocs serve`"
    )
    parser.add_argument(
        "--queries",
        nargs="*",
        default=["market", "climate", "经济", "council election", "housing rents", "police arrested protesters"],
    )
    args = parser.parse_args()
    base = args.keep or Path(tempfile.mkdtemp(prefix="morgue-bench-"))
    base.mkdir(parents=True, exist_ok=True)
    results: dict = {"n": args.n}
    try:
        project = _project(base, f"morgue-{args.n}", args.part_size)
        t0 = time.process_time()
        articles, profiles = generate(args.n, project / "content")
        print(f"generated {args.n} articles, {len(profiles)} authors in {time.process_time() - t0:.1f} s CPU")
        build = timed_build(project)
        size, count = site_size(project / "site")
        results["morgue"] = {**build, "size": size, "files": count}
        parts = f", search index in parts of {args.part_size}" if args.part_size else ""
        print(
            f"morgue  N={args.n}{parts}: build {build['cpu']:.1f} s CPU, {build['wall']:.1f} s wall, "
            f"peak memory {_mb(build['peak'])}, site {_mb(size)} in {count} files ({size / args.n / 1e3:.1f} KB/article)"
        )
        if not args.no_browser:
            first = next(a for a in sorted((project / "content" / "articles").rglob("*.md")))
            article_url = first.relative_to(project / "content").with_suffix("").as_posix() + "/"
            search = measure_search(project / "site", args.queries, article_url)
            results["morgue"]["search"] = search
            print(
                f"morgue  search: article page load downloads {search['article_page_search_bytes']} B of search code "
                f"({search['article_page_bytes'] / 1e3:.0f} KB in all)"
            )
            for q in search["queries"]:
                print(
                    f"  query {q['query']!r} ({q['order']}): search page load {q['search_page_search_bytes'] / 1e3:.1f} KB search code, "
                    f"first query {q['first_query_bytes'] / 1e3:.1f} KB, results in {q['seconds_to_results']} s "
                    f"({q['message']}){' errors: ' + str(q['errors']) if q['errors'] else ''}"
                )
        if args.preview:
            article = sorted((project / "content" / "articles").rglob("*.md"))[len(articles) // 2]
            runs = {
                "morgue serve": [sys.executable, "-m", "morgue", "serve"],
                "mkdocs serve": [sys.executable, "-m", "mkdocs", "serve", "--no-strict"],
            }
            for name, command in runs.items():
                figures = measure_preview(project, article, command)
                results.setdefault("preview", {})[name] = figures
                print(
                    f"preview ({name}) N={args.n}: ready after {figures['startup']:.1f} s; an edited article shown "
                    f"after {figures['edit_shown']:.1f} s; month listing updated: {figures['listing_updated']}"
                )
        if not args.no_peer:
            peer_n = args.peer_n or args.n
            peer = base / f"peer-{peer_n}"
            write_peer(peer, articles[:peer_n], profiles)
            pbuild = timed_build(peer)
            psize, pcount = site_size(peer / "site")
            index = peer / "site" / "search" / "search_index.json"
            index_gz = len(gzip.compress(index.read_bytes(), 6)) if index.exists() else 0
            results["peer"] = {**pbuild, "n": peer_n, "size": psize, "files": pcount, "search_index_gz": index_gz}
            print(
                f"peer    N={peer_n} (Material blog plugin): build {pbuild['cpu']:.1f} s CPU, {pbuild['wall']:.1f} s wall, "
                f"peak memory {_mb(pbuild['peak'])}, site {_mb(psize)} in {pcount} files "
                f"({psize / peer_n / 1e3:.1f} KB/article); search_index.json {_mb(index_gz)} gzipped, on every page load"
            )
        print(json.dumps(results, default=str))
    finally:
        if not args.keep:
            shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
