"""One coherent body from the blocks' probabilities: a four-state Viterbi pass."""

from __future__ import annotations

import numpy as np

from .model import A, B, D, H, T

PRE, IN, GAP, POST = range(4)


def decode(
    probs: np.ndarray, words: np.ndarray, params: dict[str, np.ndarray], furniture: np.ndarray | None = None
) -> np.ndarray:
    """The most likely state of every block: before, in, a gap inside, or after the body.

    Entering and leaving the body cost something, and so does each gap line, so a block of
    prose far below the body (comments, teasers) stays outside. A gap line that is known
    furniture (``furniture``: an ad label, a caption, a "Read more" line, a sign-up prompt)
    costs less: modern pages cut one body with them, and the body goes on after them.
    """
    costs = [float(v) for v in params["decoder"]]
    enter, leave, gap_open, gap_stay, weight = costs[:5]
    cheap_open, cheap_stay = costs[5:7] if len(costs) >= 7 else (gap_open, gap_stay)
    # An article starts under its headline, byline or date: entering the body within three
    # blocks of one costs less, so a lone paragraph there beats a blurb of the same length
    # further down.
    anchored = costs[7] if len(costs) >= 8 else 0.0
    n = len(probs)
    pin = np.clip(probs[:, B] + probs[:, H], 1e-6, 1 - 1e-6)
    w = 1.0 + weight * np.log1p(words)
    e_in = np.log(pin) * w
    e_out = np.log1p(-pin) * w
    neg = -1e18
    score = np.full((n, 4), neg)
    back = np.zeros((n, 4), dtype=np.int8)
    trans = np.full((4, 4), neg)
    trans[PRE, PRE] = trans[IN, IN] = trans[POST, POST] = trans[GAP, IN] = 0.0
    trans[PRE, IN] = -enter
    trans[IN, GAP] = -gap_open
    trans[GAP, GAP] = -gap_stay
    known = np.zeros(n, dtype=bool) if furniture is None else np.asarray(furniture, dtype=bool)
    head = (probs[:, T] + probs[:, A] + probs[:, D]) >= 0.5
    near_head = np.zeros(n, dtype=bool)
    for k in (1, 2, 3):
        near_head[k:] |= head[:-k] if n > k else False
    trans[IN, POST] = trans[GAP, POST] = -leave
    emit = np.stack([e_out, e_in, e_out, e_out], axis=1)
    if n == 0:
        return np.zeros(0, dtype=int)
    score[0] = [emit[0, PRE], emit[0, IN] - enter, neg, neg]
    for i in range(1, n):
        cand = score[i - 1][:, None] + trans
        if near_head[i]:
            cand[PRE, IN] += anchored
        if known[i]:
            cand[IN, GAP] += gap_open - cheap_open
            cand[GAP, GAP] += gap_stay - cheap_stay
        back[i] = np.argmax(cand, axis=0)
        score[i] = cand[back[i], np.arange(4)] + emit[i]
    state = int(np.argmax([score[-1, PRE], score[-1, IN], neg, score[-1, POST]]))
    out = np.zeros(n, dtype=int)
    for i in range(n - 1, -1, -1):
        out[i] = state
        state = int(back[i, state])
    return out
