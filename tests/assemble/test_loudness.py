"""Loudness with the real default voice, checked on the final MP3 by ffmpeg's ebur128:
the episode is at -16 LUFS with true peaks under -1 dBTP, and the encoder constants the
pipeline relies on instead of measuring the MP3 hold."""

from __future__ import annotations

import json
import subprocess

import numpy as np
import pytest
from helpers.ffmpeg_meter import measure_file
from hypothesis import given
from hypothesis import strategies as st

from narrator.api import narrate
from narrator.assemble.loudness import (
    ENCODER_LOSS_LU,
    ENCODER_PEAK_RISE_DB,
    MAX_TRUE_PEAK,
    PEAK_CEILING,
    gated_loudness,
    level,
    limit,
    loudness,
)
from narrator.settings import load_settings
from narrator.support.ffmpeg import ffmpeg_path
from narrator.synth.engines import load_engine
from narrator.synth.voices import load_profile

pytestmark = pytest.mark.slow

STORY = """---
title: Night buses return to the river towns
author: Ada Pell
---

Night buses will run again between the river towns from Friday, the transport board said.

The service was cut two years ago when the operator lost its drivers. Three routes come
back, every half hour from eleven at night until five in the morning.

## What riders will notice

Buses stop at every station on the line, and tickets bought on the day route work at night
too. "People who work late have waited long enough," said the board's chair.
"""


@pytest.fixture(scope="module")
def speech() -> tuple[np.ndarray, int]:
    """A few sentences in the default voice."""
    voice = load_profile("heart")
    engine = load_engine(voice.engine)
    clips = [engine.synthesise(text, voice) for text in STORY.split("\n\n")[2:4]]
    return np.concatenate([c.samples for c in clips]), clips[0].sample_rate


def _encode(samples: np.ndarray, rate: int, path) -> None:
    pcm = (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    subprocess.run([ffmpeg_path(), "-v", "error", "-y", "-f", "s16le", "-ar", str(rate), "-ac", "1", "-i", "-",
                    "-ar", "44100", "-codec:a", "libmp3lame", "-b:a", "96k", "-compression_level", "7", str(path)],
                   input=pcm, check=True)  # fmt: skip


def test_the_encoder_takes_the_loudness_and_adds_the_peak_the_constants_say(speech, tmp_path):
    samples, rate = speech
    gain, _ = level(samples, rate, -16.0 + ENCODER_LOSS_LU)
    levelled = limit(samples * np.float32(gain))
    path = tmp_path / "speech.mp3"
    _encode(levelled, rate, path)
    lufs, true_peak = measure_file(path)
    assert abs((loudness(levelled, rate) - lufs) - ENCODER_LOSS_LU) <= 0.15  # ffmpeg rounds to 0.1 LU
    sample_peak = 20 * np.log10(np.abs(levelled).max())
    assert abs(sample_peak - 20 * np.log10(PEAK_CEILING)) < 0.3  # the voice needs limiting at -16 LUFS
    assert abs((true_peak - sample_peak) - ENCODER_PEAK_RISE_DB) <= 0.6


def test_a_narrated_episode_is_at_the_target_under_the_true_peak_limit(tmp_path):
    source = tmp_path / "buses.md"
    source.write_text(STORY)
    settings = load_settings({"out": tmp_path / "out"}, environ={}, cwd=tmp_path)
    episode = narrate(source, settings)
    lufs, true_peak = measure_file(episode.audio)
    assert abs(lufs - -16.0) <= 0.5
    assert true_peak <= MAX_TRUE_PEAK
    meta = json.loads(episode.metadata_file.read_text())
    assert abs(meta["loudness_lufs"] - lufs) <= 0.2
    assert abs(meta["true_peak_dbtp"] - true_peak) <= 0.6


@given(st.lists(st.lists(st.floats(0, 1, allow_nan=False, width=32), max_size=40), max_size=6))
def test_the_episode_loudness_from_stored_steps_agrees_with_the_measured_one(segments):
    """Re-narrating an unchanged article sums its cached segments' steps in plain Python;
    levelling a segment measures them with numpy. Both gate the same way."""
    from narrator.assemble.gating import episode_loudness

    joined = np.array([x for segment in segments for x in segment], dtype=np.float32)
    expected, got = gated_loudness(joined), episode_loudness(segments)
    assert (expected == got == float("-inf")) or abs(expected - got) < 1e-6
