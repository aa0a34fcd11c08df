"""What each block of copied text looks like, as numbers the model reads.

Its own shape (length, sentence endings, function words, capitals, digits, separators,
the furniture patterns of :mod:`narrator.ingest.furniture`), its neighbours' shape, and
where it sits in the page (around the densest prose, after a comments header...).
``training/train.py`` computes its training rows with these same functions.
"""

from __future__ import annotations

import math
import re
from functools import lru_cache

import numpy as np

from ....text.dates import find_date
from ... import furniture as F
from ...bylines import clean_name, parse_byline
from .blocks import TERMINAL, Block
from .comments import is_comment_head, is_comment_meta
from .pitches import is_pitch

FUNCTION_WORDS = frozenset(
    """a about after all also an and any are as at be because been before being but by can
    could did do does for from had has have he her here him his how i if in into is it its
    just like may me more most my no not now of on one only or our out over said says she
    should so some than that the their them then there these they this those through to
    too under up us very was we were what when where which while who whom why will with
    would you your""".split()
)
_PRONOUN_1 = frozenset("i me my mine i'm i've i'd i'll".split())
_PRONOUN_2 = frozenset("you your yours you're you've you'll".split())
_SENT_INSIDE = re.compile(r"[a-z0-9)][.!?][\"'”’]?\s+[\"“‘]?[A-Z]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+")
SEPARATORS = re.compile(r"\s[|•·›»/>–-]\s|\s[|•·›»]|[|•·›»]\s")
BULLET = re.compile(r"^(?:[-*•·–]|\d{1,2}[.)])\s+")
_URL = re.compile(r"https?://|www\.|\.com\b|\.org\b|\.co\.uk\b|@\w+\.\w+", re.I)
_HANDLE = re.compile(r"(?:^|\s)@\w+")
_CLOCKISH = re.compile(r"\b\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\b", re.I)
_RELATIVE = re.compile(
    r"\b(?:\d+\s?(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|[mhd])\s+ago|just\s+now|yesterday)\b",
    re.I,
)
_MONTH = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?",
    re.I,
)
_RELATED_HEAD = re.compile(
    r"^(?:related|more\s(?:from|in|on|stories|news|about)|most\s(?:read|popular|viewed|shared|emailed|commented)|"
    r"recommended|you\s(?:may|might)\salso|read\s(?:next|more|also)|see\salso|trending|top\sstories|latest|"
    r"editor'?s\spicks|don'?t\smiss|popular|recent\s(?:posts|articles|stories|comments)|around\sthe\sweb|"
    r"(?:sponsored|promoted)\s(?:stories|links|content)|from\sour\spartners|in\sother\snews|also\sin|what\sto\sread)\b",
    re.I,
)
_INLINE_PROMO = re.compile(r"[:»›|]\s*\S")


def is_related_head(text: str) -> bool:
    """The label over a box of other stories: "More stories", "Most read", "Around the web"."""
    return bool(_RELATED_HEAD.match(BULLET.sub("", text)))


_LEGAL = re.compile(
    r"©|\bcopyright\b|all\srights\sreserved|privacy|terms\s(?:of|and)|cookies?\b|\bregistered\sin\b|"
    r"\bsubscribe\b|\bsign\s(?:up|in)\b|\blog\s?in\b|newsletter|\bunsubscribe\b",
    re.I,
)
NAV_WORDS = frozenset(
    """home news world politics business sport sports tech technology science health culture arts
    music film books tv travel money opinion weather local video videos podcasts jobs menu search
    contact about archive archives subscribe login register lifestyle entertainment
    photos gallery more blog events shop help""".split()
)
_END_MARKERS = re.compile(
    r"^(?:tags?|topics?|filed\sunder|categories|posted\sin|share\sthis|about\sthe\sauthor|reporting\sby|"
    r"editing\sby|additional\sreporting|correction|was\sthis\sarticle|©|copyright)\b",
    re.I,
)


# An amount with its currency: a deal's price line ("$59.99 (was $99.99)", "Was £95, now £74.50").
_PRICE = re.compile(
    r"[$£€¥₹]\s?\d|\b\d[\d,.]*\s?(?:usd|eur|gbp|dollars|euros|pounds)\b|\b(?:us|au|ca|nz)\$\s?\d|\brs\.?\s?\d",
    re.I,
)


def price_line(text: str) -> bool:
    """A line with an amount and its currency: a deal's price, if it is short."""
    return len(text.split()) <= 20 and bool(_PRICE.search(text))


_COUNT = re.compile(r"\(\d[\d,]*\)")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_PUNCT = re.compile(r"[^\w\s]")


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


TEXT_NAMES = (
    "log_words log_chars terminal ends_colon ends_alnum ends_other starts_upper starts_lower "
    "starts_digit starts_quote log_sentences func_share cap_share allcaps_share digit_share "
    "punct_share comma_rate log_separators mean_word_len bullet prompt reading_time caption "
    "tag_list navigation bio correction glued byline timestamp clock dateline role has_date "
    "has_clock relative month comment_head comment_meta related_head legal nav_words end_marker "
    "pron1 pron2 quotes url handle exclaim question numeric_only prose long_prose short_nopunct name_like price "
    "pitch counts"
).split()
BLOCK_NAMES = "log_dup in_longer title_like_first blank_before blank_after log_wrapped template".split()
OWN_NAMES = TEXT_NAMES + BLOCK_NAMES


_DIGITS = re.compile(r"\d+")


def _template_key(text: str) -> str:
    """What a short line looks like with its digits and months blurred: "comment #0 - posted"."""
    words = _MONTH.sub("M", _DIGITS.sub("0", text.lower())).split()
    if len(words) > 15:
        return ""
    return " ".join(words[:2]) if len(words) > 2 else " ".join(words)


@lru_cache(maxsize=16384)
def _text_features(text: str) -> tuple[float, ...]:
    """What a line looks like on its own. Cached: menus and "Reply" lines repeat a lot."""
    words = text.split()
    n = len(words)
    toks = tokens(text)
    nt = max(len(toks), 1)
    chars = len(text)
    letters = len(_LETTER.findall(text)) or 1
    terminal = bool(TERMINAL.search(text))
    last = text[-1]
    caps = sum(1 for w in words if w[:1].isupper())
    allcaps = sum(1 for w in words if len(w) > 1 and w.isupper())
    sentences = len(_SENT_INSIDE.findall(text)) + (1 if terminal else 0)
    # Furniture patterns describe short lines; a long paragraph is spared the checks.
    short = n <= 40
    is_prompt = short and F.is_prompt(text)
    low = text.lower()
    return (
        math.log1p(n),
        math.log1p(chars),
        float(terminal),
        float(last == ":"),
        float(last.isalnum()),
        float(not terminal and last != ":" and not last.isalnum()),
        float(text[0].isupper()),
        float(text[0].islower()),
        float(text[0].isdigit()),
        float(text[0] in "\"“‘'«"),
        math.log1p(sentences),
        sum(t in FUNCTION_WORDS for t in toks) / nt,
        caps / max(n, 1),
        allcaps / max(n, 1),
        len(_DIGIT.findall(text)) / chars,
        len(_PUNCT.findall(text)) / chars,
        text.count(",") / max(n, 1),
        math.log1p(len(SEPARATORS.findall(text))),
        letters / max(n, 1) / 10,
        float(bool(BULLET.match(text))),
        float(is_prompt),
        float(short and F.is_reading_time(text)),
        float(short and F.is_caption(text)),
        float(short and F.is_tag_list(text)),
        float(short and F.is_navigation(text)),
        float(short and F.is_bio(text)),
        float(short and F.is_correction(text)),
        float(short and F.looks_glued(text)),
        float(n <= 25 and parse_byline(text) is not None),
        float(short and F.is_timestamp(text)),
        float(short and F.is_clock(text)),
        float(n <= 16 and F.is_dateline(text)),
        float(short and F.is_role(text)),
        float(short and find_date(text) is not None),
        float(short and bool(_CLOCKISH.search(text))),
        float(short and bool(_RELATIVE.search(text))),
        float(short and bool(_MONTH.search(text))),
        float(is_comment_head(text)),
        float(is_comment_meta(text, n)),
        # a header over a list of links, not an inline "Read more: <headline>" promo
        float(n <= 6 and bool(_RELATED_HEAD.match(BULLET.sub("", text))) and not _INLINE_PROMO.search(text)),
        float(bool(_LEGAL.search(text))) * (1.0 if n <= 30 else 0.5),
        sum(t in NAV_WORDS for t in toks) / nt,
        float(bool(_END_MARKERS.match(low))),
        sum(t in _PRONOUN_1 for t in toks) / nt,
        sum(t in _PRONOUN_2 for t in toks) / nt,
        math.log1p(sum(text.count(q) for q in '"“”')),
        float(bool(_URL.search(text))),
        float(bool(_HANDLE.search(text))),
        float(last == "!"),
        float(text.rstrip("\"'”’)").endswith("?")),
        float(all(t.isdigit() for t in toks)) if toks else 1.0,
        float(_is_prose(text, n, terminal)),
        float(n >= 40),
        float(n <= 4 and not terminal),
        float(n <= 4 and not terminal and not is_prompt and _name_like(text, words)),
        float(price_line(text)),
        float(is_pitch(text, n)),
        # "May 2012 (19) April 2012 (23)": a drop-down's post counts, with no commas between
        0.0 if ", " in text else math.log1p(len(_COUNT.findall(text))),
    )


def _own(block: Block, text_counts: dict[str, int], longer: str, first_line: str, key_count: int) -> list[float]:
    text = block.text
    return [
        *_text_features(text),
        math.log1p(text_counts.get(text, 1) - 1),
        float(bool(longer)),
        float(len(text.split()) >= 3 and len(first_line) > len(text) and text in first_line),
        float(block.blank_before),
        float(block.blank_after),
        math.log1p(block.last - block.first),
        math.log1p(key_count - 1) if key_count else 0.0,
    ]


def _name_like(text: str, words: list[str]) -> bool:
    """A person's or a reader's name: "Jane Doe", "jdub77", "Dr. Ruth Okonjo"."""
    if len(words) == 1:
        return len(text) <= 25 and not text.isdigit()
    name = clean_name(text)
    return bool(name) and len(name.split()) == len(words)


def _is_prose(text: str, n: int, terminal: bool) -> bool:
    return (n >= 8 and terminal) or n >= 25


# Own features that neighbours contribute (by name), and the window offsets.
NEIGHBOUR_NAMES = (
    "log_words terminal prose func_share cap_share has_date byline comment_meta comment_head "
    "related_head prompt caption legal short_nopunct glued relative price pitch ends_colon"
).split()
OFFSETS = (-3, -2, -1, 1, 2, 3)

CONTEXT_NAMES = (
    "rel_pos log_from_start log_to_end in_main dist_main_before dist_main_after rel_in_main "
    "main_share prose_density_2 prose_density_5 prose_density_12 prose_above prose_below "
    "after_comment_head lines_since_comment_head comment_meta_near after_related_head "
    "lines_since_related after_end_marker lines_since_end_marker page_log_lines page_prose_share "
    "before_first_prose after_last_prose run_words run_lines date_density meta_density "
    "comment_zone lines_since_comment_zone template_density comment_pairs price_density pitch_density"
).split()


def _runs(prose: np.ndarray, words: np.ndarray, weak: np.ndarray) -> list[tuple[int, int, float]]:
    """Runs of prose lines, where a few weak lines (short, no verb) may sit inside a run."""
    runs: list[tuple[int, int, float]] = []
    start = None
    gap = 0
    total = 0.0
    last = -1
    for i in range(len(prose)):
        if prose[i]:
            if start is None:
                start, total = i, 0.0
            total += words[i]
            last = i
            gap = 0
        elif start is not None:
            gap += 1
            if gap > 3 or not weak[i]:
                runs.append((start, last, total))
                start, gap = None, 0
    if start is not None:
        runs.append((start, last, total))
    return runs


def _window_mean(values: np.ndarray, k: int) -> np.ndarray:
    c = np.concatenate([[0.0], np.cumsum(values)])
    n = len(values)
    lo = np.clip(np.arange(n) - k, 0, n)
    hi = np.clip(np.arange(n) + k + 1, 0, n)
    return (c[hi] - c[lo]) / (hi - lo)


def _since(flags: np.ndarray) -> np.ndarray:
    """Lines since the last flagged line above (or at) each line; a large number if none."""
    out = np.full(len(flags), 1000.0)
    last = None
    for i, f in enumerate(flags):
        if f:
            last = i
        if last is not None:
            out[i] = i - last
    return out


def features(blocks: list[Block]) -> tuple[np.ndarray, list[str]]:
    """The stage-one feature matrix: own, neighbours' and page context, one row a block."""
    n = len(blocks)
    counts: dict[str, int] = {}
    keys = [_template_key(b.text) for b in blocks]
    key_counts: dict[str, int] = {}
    for b, key in zip(blocks, keys, strict=True):
        counts[b.text] = counts.get(b.text, 0) + 1
        if key:
            key_counts[key] = key_counts.get(key, 0) + 1
    long_texts = "\n".join(b.text for b in blocks if len(b.text) >= 60)
    first_line = blocks[0].text if blocks else ""
    own = np.zeros((n, len(OWN_NAMES)))
    for i, b in enumerate(blocks):
        # a short quoted line repeated inside a longer one: a pull quote
        core = b.text.strip("\"'“”‘’ ").rstrip(".")
        longer = ""
        if 20 <= len(core) < 200:
            own_hits = b.text.count(core) if len(b.text) >= 60 else 0
            longer = "yes" if long_texts.count(core) > own_hits else ""
        own[i] = _own(b, counts, longer, first_line, key_counts.get(keys[i], 0))
    idx = {name: k for k, name in enumerate(OWN_NAMES)}

    neigh = np.zeros((n, len(NEIGHBOUR_NAMES) * len(OFFSETS)))
    cols = [idx[name] for name in NEIGHBOUR_NAMES]
    sub = own[:, cols]
    for k, off in enumerate(OFFSETS):
        lo, hi = k * len(cols), (k + 1) * len(cols)
        if abs(off) >= n:
            continue
        if off < 0:
            neigh[-off:, lo:hi] = sub[:off]
        else:
            neigh[: n - off, lo:hi] = sub[off:]

    words = np.expm1(own[:, idx["log_words"]])
    prose = own[:, idx["prose"]] > 0
    # short lines without a full stop, prompts, captions and repeated widgets don't end a run
    weak = (
        ((words <= 12) & (own[:, idx["terminal"]] == 0))
        | (own[:, idx["prompt"]] > 0)
        | (own[:, idx["caption"]] > 0)
        | (own[:, idx["template"]] > 0.7)
    )
    runs = _runs(prose, words, weak)
    ctx = np.zeros((n, len(CONTEXT_NAMES)))
    pos = np.arange(n, dtype=float)
    prose_words = words * prose
    total_prose = max(prose_words.sum(), 1.0)
    cum = np.cumsum(prose_words)
    run_words = np.zeros(n)
    run_lines = np.zeros(n)
    for s, e, w in runs:
        run_words[s : e + 1] = math.log1p(w)
        run_lines[s : e + 1] = math.log1p(e - s + 1)
    if runs:
        s, e, w = max(runs, key=lambda r: r[2])
        in_main = (pos >= s) & (pos <= e)
        ctx[:, 3] = in_main
        ctx[:, 4] = np.log1p(np.clip(s - pos, 0, None))
        ctx[:, 5] = np.log1p(np.clip(pos - e, 0, None))
        ctx[:, 6] = np.where(in_main, (pos - s) / max(e - s, 1), 0.0)
        ctx[:, 7] = w / total_prose
    ctx[:, 0] = pos / max(n - 1, 1)
    ctx[:, 1] = np.log1p(pos)
    ctx[:, 2] = np.log1p(n - 1 - pos)
    ctx[:, 8] = _window_mean(prose.astype(float), 2)
    ctx[:, 9] = _window_mean(prose.astype(float), 5)
    ctx[:, 10] = _window_mean(prose.astype(float), 12)
    ctx[:, 11] = (cum - prose_words) / total_prose
    ctx[:, 12] = (total_prose - cum) / total_prose
    comment_head = own[:, idx["comment_head"]] > 0
    since_comment = _since(comment_head)
    ctx[:, 13] = since_comment < 1000
    ctx[:, 14] = np.log1p(np.minimum(since_comment, 200))
    ctx[:, 15] = _window_mean(own[:, idx["comment_meta"]] + own[:, idx["relative"]] * (words <= 6), 4)
    # Only near ones: an inline "Related:" link sits inside the body, a list of links under
    # a "Related" header does not.
    # A "Related" header starts a block of links when short lines follow it; an inline
    # "Related: ..." promo is followed by the body's prose again.
    listy = np.concatenate([(~prose).astype(float), [1.0, 1.0, 1.0]])
    list_after = (listy[1 : n + 1] + listy[2 : n + 2] + listy[3 : n + 3]) >= 2
    since_related = _since((own[:, idx["related_head"]] > 0) & list_after)
    ctx[:, 16] = since_related < 1000
    ctx[:, 17] = np.log1p(np.minimum(since_related, 200))
    since_end = _since((own[:, idx["end_marker"]] > 0) & list_after)
    ctx[:, 18] = since_end < 1000
    ctx[:, 19] = np.log1p(np.minimum(since_end, 200))
    ctx[:, 20] = math.log1p(n)
    ctx[:, 21] = prose.mean() if n else 0.0
    prose_at = np.flatnonzero(prose)
    if len(prose_at):
        ctx[:, 22] = pos < prose_at[0]
        ctx[:, 23] = pos > prose_at[-1]
    ctx[:, 24] = run_words
    ctx[:, 25] = run_lines
    short = words <= 15
    dated = ((own[:, idx["has_date"]] + own[:, idx["has_clock"]] + own[:, idx["relative"]]) > 0) & short
    meta = own[:, idx["comment_meta"]] > 0
    ctx[:, 26] = _window_mean(dated.astype(float), 5)
    ctx[:, 27] = _window_mean(meta.astype(float), 5)
    # Comments repeat one pattern: a short line naming a reader or a time, then prose.
    # (A bare clock is left out: live pages put one above each update.)
    name_like = own[:, idx["name_like"]] > 0
    repeated = own[:, idx["template"]] > 0.7  # its shape recurs three or more times on the page
    named = dated | name_like | (own[:, idx["url"]] > 0) | (own[:, idx["byline"]] > 0)
    # A thread may sign each comment with the reader's name or site alone, with no date: such a
    # line counts when the pattern repeats below (the pairs are counted next).
    signed = (words <= 4) & (name_like | (own[:, idx["url"]] > 0)) & (own[:, idx["terminal"]] == 0)
    marker = short & (meta | (own[:, idx["relative"]] > 0) | (named & repeated) | signed) & (own[:, idx["clock"]] == 0)
    marker &= own[:, idx["prose"]] == 0
    nxt = np.zeros(n, dtype=bool)
    nxt[:-1] |= prose[1:]
    nxt[:-2] |= prose[2:]
    pair = (marker & nxt).astype(float)
    ahead = np.concatenate([np.cumsum(pair[::-1])[::-1], [0.0]])
    at = pos.astype(int)
    pairs_below = ahead[np.minimum(at + 1, n)] - ahead[np.minimum(at + 21, n)]
    confirmed = (comment_head & (pairs_below >= 2)) | ((pair > 0) & (pairs_below >= 2))
    since_zone = _since(confirmed)
    ctx[:, 28] = since_zone < 1000
    ctx[:, 29] = np.log1p(np.minimum(since_zone, 300))
    ctx[:, 30] = _window_mean((own[:, idx["template"]] > 0.7).astype(float), 5)
    ctx[:, 31] = _window_mean(pair, 10)
    # product cards repeat a name, a line about it and a price: the body of a deals page
    ctx[:, 32] = _window_mean(own[:, idx["price"]], 6)
    ctx[:, 33] = _window_mean(own[:, idx["pitch"]], 3)
    names = [*OWN_NAMES, *(f"{nm}@{o:+d}" for o in OFFSETS for nm in NEIGHBOUR_NAMES), *CONTEXT_NAMES]
    return np.hstack([own, neigh, ctx]), names
