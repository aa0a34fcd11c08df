"""Layout, levels, timing and MP3 encoding, on the instant tone engine."""

import json
import subprocess
from itertools import pairwise

import numpy as np

from narrator.api import narrate
from narrator.assemble.encode import render_mp3
from narrator.assemble.loudness import LoudnessMeter, level, measure_file
from narrator.assemble.plan import LEAD_IN, plan
from narrator.episodes.transcript import parse_vtt
from narrator.ffmpeg import decode, ffmpeg_path
from narrator.models import Article, Section
from narrator.script import build_script
from narrator.synth.cache import ClipCache
from narrator.synth.synthesise import synthesise_script
from narrator.synth.voices import load_profile, voicing_for


def _script(settings, paragraphs=("One two three. Four five six.", "Seven eight nine.")):
    article = Article(title="Tone test", sections=(Section(paragraphs=paragraphs),))
    return build_script(article, settings)


def _synth(settings, tmp_path, paragraphs=("One two three. Four five six.", "Seven eight nine.")):
    voice = load_profile("tone")
    script = _script(settings, paragraphs)
    synthesis = synthesise_script(script, voicing_for(voice), cache=ClipCache(tmp_path / "cache", 10**9))
    return script, synthesis, voice


def test_pauses_follow_the_voice_profile(tone_settings, tmp_path):
    script, synthesis, voice = _synth(tone_settings, tmp_path)
    layout = plan(script, synthesis, voice)
    body = [c for c in layout.cues if c.text in ("One two three.", "Four five six.", "Seven eight nine.")]
    gaps = [round(b.start - a.end, 2) for a, b in pairwise(body)]
    assert gaps == [voice.sentence_pause, voice.paragraph_pause]
    assert layout.cues[0].start == LEAD_IN


def test_layout_is_linear_and_exact_for_many_clips(tone_settings, tmp_path):
    script, synthesis, voice = _synth(tone_settings, tmp_path, tuple(f"Sentence {i}." for i in range(400)))
    layout = plan(script, synthesis, voice)
    assert len(layout.cues) == sum(len(p.utterances) for p in script.parts)
    clip_samples = sum(ref.samples for part in synthesis.clips for utt in part for ref in utt)
    silence = sum(i for i in layout.items if isinstance(i, int))
    assert layout.samples == clip_samples + silence


def test_streaming_meter_matches_a_whole_signal_measurement():
    import pyloudnorm

    rng = np.random.default_rng(7)
    x = (rng.standard_normal(24000 * 6) * 0.1 * np.sin(np.linspace(0, 30, 24000 * 6))).astype(np.float32)
    meter = LoudnessMeter(24000)
    for i in range(0, len(x), 5000):
        meter.add(x[i : i + 5000])
    assert abs(meter.lufs - pyloudnorm.Meter(24000).integrated_loudness(x.astype(np.float64))) < 0.01


def test_level_reaches_the_target_and_the_mp3_measures_it(tone_settings, tmp_path):
    script, synthesis, voice = _synth(tone_settings, tmp_path)
    layout = plan(script, synthesis, voice)
    gain, predicted = level(layout, -16.0)
    assert abs(predicted - -16.0) < 0.2
    path = tmp_path / "x.mp3"
    render_mp3(layout, path, gain=gain, bitrate=96, sample_rate=44100)
    lufs, peak = measure_file(path)
    assert abs(lufs - -16.0) <= 1.0 and peak <= -1.0
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
