"""The copied-text reader's model: a few small networks, trained on generated pages only
(``training/make_pages.py`` and ``training/train.py``), whose mean gives each block a
probability for six labels: other, body, heading, title, byline, date. numpy only."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np

from .blocks import Block
from .features import features

# The weights sit beside the package, where the wheel has always carried them.
MODEL_PATH = Path(__file__).parent.with_name("text_model.npz")
LABELS = ("O", "B", "H", "T", "A", "D")
OTHER, B, H, T, A, D = range(6)


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def members(params: dict[str, np.ndarray]) -> list[str]:
    """The prefixes of the models whose probabilities are averaged: several models fitted on
    different samples of the training pages disagree less with each other than any one does
    with the truth, so their mean is steadier. Weights with one model have the prefix ""."""
    count = int(params["members"]) if "members" in params else 0
    return [f"m{k}_" for k in range(count)] or [""]


def probabilities(params: dict[str, np.ndarray], x: np.ndarray) -> np.ndarray:
    """The mean of the members' class probabilities for a feature matrix."""
    prefixes = members(params)
    return sum(forward(params, p, x) for p in prefixes) / len(prefixes)


def forward(params: dict[str, np.ndarray], prefix: str, x: np.ndarray) -> np.ndarray:
    """Class probabilities from a standardised input, a hidden tanh layer if present, softmax."""
    h = (x - params[f"{prefix}mean"]) / params[f"{prefix}std"]
    if f"{prefix}W0" in params:
        h = np.tanh(h @ params[f"{prefix}W0"] + params[f"{prefix}b0"])
    return softmax(h @ params[f"{prefix}W"] + params[f"{prefix}b"])


@lru_cache(maxsize=1)
def load_model(path: str = str(MODEL_PATH)) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as data:
        return {k: data[k] for k in data.files}


def ruled_out(probs: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``probs`` with ``rows`` (a mask) certainly "other": lines a rule knows are not the
    article, whatever the model made of them."""
    if not rows.any():
        return probs
    out = probs.copy()
    out[rows] = 0.0
    out[rows, OTHER] = 1.0
    return out


def predict(blocks: list[Block], params: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Per-block probabilities of the six labels."""
    params = params or load_model()
    if not blocks:
        return np.zeros((0, len(LABELS)))
    x, _ = features(blocks)
    return probabilities(params, x)
