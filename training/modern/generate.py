"""Generate the modern news-page set: the project's own articles in today's site templates, with
the article body known for every page.

    python training/modern/generate.py                     # all pages into training/modern/pages/
    python training/modern/generate.py --show live_blog    # print one page's copied text and gold
    python training/modern/generate.py --per-article 2 --out /tmp/pages

For each page it writes ``{part}/html/<id>.html``, ``{part}/plaintext/<id>.txt`` (what selecting
the whole page in a browser and copying gives) and ``{part}/gold/<id>.txt`` (the article body:
blocks separated by blank lines), with a ``manifest.tsv`` per part. See README.md beside this file
for what the gold is and how the parts are split.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``training.modern`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from training.modern import families_news, families_special
from training.modern.articles import Article, load_articles, sections
from training.modern.furniture import Ctx, Site
from training.modern.page import STYLES, El, Namer, copied_text, gold_text, to_html

HERE = Path(__file__).resolve().parent
OUT = HERE / "pages"
SEED = 2019
SPLIT_KEY = "modern-split-1"  # fixed apart from the seed, so the parts never change with it
HELDOUT_SHARE = 0.3
VARIANTS = 6  # sites per family
HELDOUT_VARIANTS = (4, 5)  # held-out pages only on these sites, dev pages only on the others
PARTS = ("dev", "heldout")

FAMILIES: dict[str, Callable[[Ctx], El]] = {
    "newspaper": families_news.newspaper,
    "tv_station": families_news.tv_station,
    "science_magazine": families_news.science_magazine,
    "tech_blog": families_news.tech_blog,
    "nextjs": families_news.nextjs,
    "amp": families_news.amp,
    "deals": families_special.deals,
    "live_blog": families_special.live_blog,
    "qa": families_special.qa,
    "listicle": families_special.listicle,
}
# What each family shows more or less often than the default (furniture.Ctx.chance).
HABITS: dict[str, dict[str, float]] = {
    "newspaper": {"paywall": 0.35, "cookie": 0.5, "mega_menu": 0.7},
    "nextjs": {"paywall": 0.25, "cookie": 0.6},
    "tv_station": {"weather": 0.6, "breaking": 0.4},
    "amp": {"cookie": 0.2},
}
SITE_WORDS = {
    "newspaper": ["Ledger", "Chronicle", "Herald", "Post", "Times", "Observer"],
    "tv_station": ["WKRB 7", "KTVN News 4", "Channel 12", "WMRS", "KXLA 9", "NewsCenter 5"],
    "science_magazine": ["Science Weekly", "Discovery Review", "Lab Notes", "Frontier Science"],
    "tech_blog": ["TechPulse", "GadgetWire", "Circuit Daily", "The Byte Report", "Next Platform"],
    "nextjs": ["The Current", "Daybreak", "Northline", "Signal", "The Outline Post"],
    "amp": ["Metro Now", "Daily Brief", "News Today", "The Wire"],
    "deals": ["DealFinder", "Bargain Hunter", "ShopSmart Reviews", "The Best Buys"],
    "live_blog": ["Live Desk", "The Sentinel", "Evening Echo", "Newsroom Live"],
    "qa": ["The Conversation Room", "Insider Weekly", "Magazine Review", "Talking Points"],
    "listicle": ["Listverse Weekly", "Buzzline", "The Roundup", "Top Picks"],
}


def site_for(family: str, variant: int, seed: int = SEED) -> Site:
    """One site of a family: fixed for the seed, the family and the variant."""
    rng = random.Random(f"{seed}:{family}:{variant}")
    town = rng.choice(["Harwick", "Selwick", "Port Alder", "Millbrook", "Coldwater", "Overton", "Ashby"])
    word = rng.choice(SITE_WORDS[family])
    name = f"The {town} {word}" if family == "newspaper" else word
    style = {"nextjs": rng.choice(["module", "styled", "atomic"])}.get(family, rng.choice(STYLES))
    habits = {k: min(1.0, v * rng.uniform(0.5, 1.5)) for k, v in HABITS.get(family, {}).items()}
    return Site(
        family=family,
        variant=variant,
        name=name,
        namer=Namer(rng, style),
        pretty=rng.random() < 0.5,
        ad_label=rng.choice(sections("phrases.txt")["ad_label"]),
        depth=rng.randint(0, 3),
        habits=habits,
    )


def part_of(article: Article) -> str:
    digest = int(hashlib.sha256(f"{SPLIT_KEY}:{article.id}".encode()).hexdigest()[:8], 16)
    return "heldout" if digest < HELDOUT_SHARE * 0x100000000 else "dev"


def eligible(article: Article) -> list[str]:
    """The families that can show this article; a live article always goes to the live blog, a
    Q&A to the interview layout, a list to the listicle."""
    heads = sum(b.startswith("## ") for b in article.body)
    items = sum(b.startswith("- ") for b in article.body)
    out = ["newspaper", "tv_station", "science_magazine", "tech_blog", "nextjs", "amp"]
    if len(article.body) >= 4:
        out.append("live_blog")
    if article.kind in ("tech", "review", "list", "business", "blog", "brief"):
        out.append("deals")
    if article.kind == "qa" or any(b.startswith("Q: ") for b in article.body):
        out.append("qa")
    if heads >= 2 or items >= 3:
        out.append("listicle")
    return out


@dataclass(frozen=True)
class Page:
    id: str
    part: str
    family: str
    variant: int
    article: Article


def plan(articles: list[Article], per_article: int = 4, seed: int = SEED) -> list[Page]:
    """Which article goes to which site: ``per_article`` families each, the article's own kind
    first; held-out articles on held-out sites only."""
    pages: list[Page] = []
    for article in articles:
        rng = random.Random(f"{seed}:plan:{article.id}")
        part = part_of(article)
        options = eligible(article)
        must = [
            f
            for f in ("live_blog", "qa", "listicle", "deals")
            if f in options
            and {
                "live_blog": article.is_live,
                "qa": article.kind == "qa",
                "listicle": article.kind == "list",
                "deals": article.kind in ("tech", "review"),
            }[f]
        ]
        rest = [f for f in options if f not in must]
        chosen = (must + rng.sample(rest, len(rest)))[:per_article]
        variants = HELDOUT_VARIANTS if part == "heldout" else [v for v in range(VARIANTS) if v not in HELDOUT_VARIANTS]
        for family in chosen:
            # the few articles of a special shape are shown on two sites of their family
            for variant in rng.sample(variants, 2 if family in must else 1):
                pages.append(Page(f"{family}-{variant}-{article.id}", part, family, variant, article))
    return pages


def build(page: Page, articles: list[Article], seed: int = SEED) -> tuple[str, str, str]:
    """(html, copied text, gold) of one page."""
    rng = random.Random(f"{seed}:page:{page.id}")
    site = site_for(page.family, page.variant, seed)
    when = dt.datetime(2018, 1, 1) + dt.timedelta(minutes=rng.randrange(0, 3 * 365 * 24 * 60))
    others = [a for a in articles if a.id != page.article.id]
    ctx = Ctx(rng=rng, site=site, article=page.article, others=others, when=when)
    root = FAMILIES[page.family](ctx)
    return to_html(root, pretty=site.pretty), copied_text(root), gold_text(root)


def stamp(per_article: int, seed: int) -> str:
    """Changes when the generator, its data, the articles or the options change."""
    digest = hashlib.sha256(f"{per_article}:{seed}".encode())
    for path in sorted([*HERE.glob("*.py"), *(HERE / "data").glob("*.txt"), *(HERE.parent / "articles").glob("*.txt")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def generate(
    out: Path = OUT, *, per_article: int = 4, seed: int = SEED, families: list[str] | None = None, limit: int = 0
) -> list[Page]:
    """Write every planned page (``limit`` per family, if given) under ``out``; returns the pages."""
    articles = load_articles()
    pages = [p for p in plan(articles, per_article, seed) if families is None or p.family in families]
    if limit:
        by_family: dict[str, list[Page]] = {}
        for page in pages:
            by_family.setdefault(page.family, []).append(page)
        pages = [p for family in by_family.values() for p in family[:limit]]
    manifests: dict[str, list[str]] = {
        part: ["id\tfamily\tsite\tarticle\tgold_words\tplaintext_words"] for part in PARTS
    }
    for part in PARTS:  # no page of an earlier run stays behind
        for folder in ("html", "plaintext", "gold"):
            shutil.rmtree(out / part / folder, ignore_errors=True)
    for page in pages:
        html, text, gold = build(page, articles, seed)
        for folder, suffix, content in (("html", ".html", html), ("plaintext", ".txt", text), ("gold", ".txt", gold)):
            target = out / page.part / folder / f"{page.id}{suffix}"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(content, encoding="utf-8")
        manifests[page.part].append(
            f"{page.id}\t{page.family}\t{page.variant}\t{page.article.id}\t{len(gold.split())}\t{len(text.split())}"
        )
    for part, rows in manifests.items():
        (out / part).mkdir(parents=True, exist_ok=True)
        (out / part / "manifest.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (out / "STAMP").write_text(stamp(per_article, seed) + "\n", encoding="utf-8")
    return pages


def ensure(out: Path = OUT, *, per_article: int = 4, seed: int = SEED) -> Path:
    """The pages, generated now if they are missing or were made by another generator version."""
    current = stamp(per_article, seed)
    stamp_file = out / "STAMP"
    if not stamp_file.is_file() or stamp_file.read_text().strip() != current:
        generate(out, per_article=per_article, seed=seed)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-article", type=int, default=4, help="pages (site families) per article")
    parser.add_argument("--show", metavar="FAMILY", help="print one page of the family (html, copied text, gold)")
    args = parser.parse_args(argv)
    articles = load_articles()
    if args.show:
        page = next(p for p in plan(articles, args.per_article, args.seed) if p.family == args.show)
        html, text, gold = build(page, articles, args.seed)
        print(f"== {page.id} ({page.part})\n{html}\n== copied text\n{text}\n== gold\n{gold}")
        return 0
    pages = generate(args.out, per_article=args.per_article, seed=args.seed)
    counts = {part: sum(p.part == part for p in pages) for part in PARTS}
    print(f"{len(pages)} pages in {args.out}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
