"""Segments, levels, timing and MP3 encoding, on the instant tone engine."""

import json
import subprocess
from itertools import pairwise

import numpy as np
from helpers.ffmpeg_meter import measure_file

from narrator.api import narrate
from narrator.assemble.loudness import PEAK_CEILING, gated_loudness, level, limit, loudness
from narrator.assemble.master import Encoding, master
from narrator.assemble.plan import LEAD_IN
from narrator.episodes.transcript import parse_vtt
from narrator.models import Article, Section
from narrator.script import build_script
from narrator.support.ffmpeg import decode, ffmpeg_path
from narrator.synth.cache import ClipCache
from narrator.synth.synthesise import Synthesiser, script_keys
from narrator.synth.voices import load_profile, voicing_for

ENCODING = Encoding(bitrate=96, sample_rate=44100, target=-16.0)


def _script(settings, paragraphs=("One two three. Four five six.", "Seven eight nine.")):
    article = Article(title="Tone test", sections=(Section(paragraphs=paragraphs),))
    return build_script(article, settings)


def _audio(settings, tmp_path, paragraphs=("One two three. Four five six.", "Seven eight nine.")):
    """The episode's audio for ``paragraphs``, encoded through the real pipeline."""
    voicing = voicing_for(load_profile("tone"))
    script = _script(settings, paragraphs)
    keys = script_keys(script, voicing)
    cache = ClipCache(tmp_path / "cache", 10**9)
    with Synthesiser(voicing, cache, keys.tasks) as synthesiser:
        audio = master(script, voicing.profile, keys, synthesiser, cache, ENCODING)
    return script, audio, voicing.profile


def test_pauses_follow_the_voice_profile(tone_settings, tmp_path):
    _, audio, voice = _audio(tone_settings, tmp_path)
    body = [c for c in audio.plan.cues if c.text in ("One two three.", "Four five six.", "Seven eight nine.")]
    sentence, paragraph = (b.start - a.end for a, b in pairwise(body))
    assert round(sentence, 2) == voice.sentence_pause
    # Paragraphs are segments of their own, joined at MP3 frames: the pause between
    # them is the planned one to within half a frame (13 ms at 44.1 kHz).
    assert abs(paragraph - voice.paragraph_pause) <= 576 / 44100 + 0.001
    assert audio.plan.cues[0].start == LEAD_IN


def test_layout_is_linear_and_exact_for_many_clips(tone_settings, tmp_path):
    """Many paragraphs make many segments; every sentence is heard where the transcript
    says, to the millisecond, however many joins come before it."""
    paragraphs = tuple(f"Sentence {i}. Number {i} is the paragraph's second sentence." for i in range(150))
    script, audio, _ = _audio(tone_settings, tmp_path, paragraphs)
    cues = audio.plan.cues
    assert len(cues) == sum(len(p.utterances) for p in script.parts)
    assert len(audio.parts) > 10
    path = tmp_path / "long.mp3"
    audio.write(path)
    rate = 44100
    heard = np.abs(decode(path, rate)) > 0.01  # the tone fades in and out over 20 ms
    assert abs(len(heard) / rate - audio.plan.duration) < 0.001
    for cue in cues:
        start, end = round(cue.start * rate), round(cue.end * rate)
        assert not heard[start - 200 : start].any() and heard[start : start + 1500].any(), cue
        assert heard[end - 1500 : end].any() and not heard[end : end + 200].any(), cue


def test_loudness_matches_a_whole_signal_measurement():
    import pyloudnorm

    rng = np.random.default_rng(7)
    x = (rng.standard_normal(24000 * 6) * 0.1 * np.sin(np.linspace(0, 30, 24000 * 6))).astype(np.float32)
    assert abs(loudness(x, 24000) - pyloudnorm.Meter(24000).integrated_loudness(x.astype(np.float64))) < 0.01


def test_level_reaches_the_target_under_the_ceiling():
    rng = np.random.default_rng(3)
    x = (rng.standard_normal(24000 * 8) * 0.05 * (1 + np.sin(np.linspace(0, 40, 24000 * 8)))).astype(np.float32)
    gain, steps = level(x, 24000, -15.6)
    levelled = limit(x * np.float32(gain))
    assert gain > 1
    assert abs(loudness(levelled, 24000) - -15.6) < 0.05
    assert abs(gated_loudness(steps) - loudness(levelled, 24000)) < 0.01
    assert np.abs(levelled).max() <= PEAK_CEILING


def test_the_mp3_is_podcast_grade(tone_settings, tmp_path):
    _, audio, _ = _audio(tone_settings, tmp_path)
    path = tmp_path / "x.mp3"
    audio.write(path)
    lufs, peak = measure_file(path)
    assert abs(lufs - -16.0) <= 0.5 and peak <= -1.0
    assert abs(audio.loudness - lufs) <= 0.2
    probe = subprocess.run([ffmpeg_path(), "-hide_banner", "-i", str(path)], capture_output=True, text=True)
    assert "44100 Hz, mono" in probe.stderr and "96 kb/s" in probe.stderr


def test_episode_files_match_each_other(tone_settings, tmp_path):
    source = tmp_path / "story.md"
    source.write_text("# Tone story\n\nFirst paragraph here. Second sentence.\n\n## Part two\n\nMore words follow.\n")
    episode = narrate(source, tone_settings)
    stem = f"tone-story-{episode.record.version[:10]}"  # named after the audio's content
    assert sorted(p.name for p in episode.directory.iterdir()) == [
        "episode.json",
        "index.html",
        f"{stem}.chapters.json",
        f"{stem}.mp3",
        f"{stem}.srt",
        f"{stem}.transcript.json",
        f"{stem}.vtt",
        "transcript.html",
    ]
    audio = decode(episode.audio, 16000)
    cues = parse_vtt(episode.transcript.read_text())
    assert abs(len(audio) / 16000 - episode.duration) < 0.15
    assert cues[-1].end < episode.duration
    chapters = json.loads(episode.chapters_file.read_text())
    assert [c["title"] for c in chapters["chapters"]] == ["Introduction", "Tone story", "Part two", "Closing"]
    meta = json.loads(episode.metadata_file.read_text())
    assert meta["bytes"] == episode.audio.stat().st_size
    assert abs(meta["loudness_lufs"] - -16.0) <= 1.0
