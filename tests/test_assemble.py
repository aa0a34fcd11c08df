"""Stitching, levels, timing and MP3 encoding, on the instant tone engine."""

import json
from itertools import pairwise

import numpy as np

from narrator.assemble import LEAD_IN, master, stitch
from narrator.audio import decode, loudness
from narrator.engines import load_engine
from narrator.models import Article, Clip, Section
from narrator.pipeline import narrate
from narrator.script import build_script
from narrator.synthesise import synthesise_script
from narrator.transcript import parse_vtt
from narrator.voices import load_profile


def _script(settings, paragraphs=("One two three. Four five six.", "Seven eight nine.")):
    article = Article(title="Tone test", sections=(Section(paragraphs=paragraphs),))
    return build_script(article, settings)


def test_pauses_follow_the_voice_profile(tone_settings):
    voice = load_profile("tone")
    script = _script(tone_settings)
    clips = synthesise_script(script, load_engine("tone"), voice)
    mix = stitch(script, clips, voice)
    body = [c for c in mix.cues if c.text in ("One two three.", "Four five six.", "Seven eight nine.")]
    gaps = [round(b.start - a.end, 2) for a, b in pairwise(body)]
    assert gaps == [voice.sentence_pause, voice.paragraph_pause]
    assert mix.cues[0].start == LEAD_IN


def test_stitching_is_linear_and_exact_for_many_clips(tone_settings):
    voice = load_profile("tone")
    script = _script(tone_settings, paragraphs=tuple(f"Sentence {i}." for i in range(400)))
    clips = tuple(
        tuple(Clip(samples=np.full(240, 0.1, np.float32), sample_rate=24000) for _ in part.utterances)
        for part in script.parts
    )
    mix = stitch(script, clips, voice)
    assert len(mix.cues) == sum(len(p.utterances) for p in script.parts)
    assert np.count_nonzero(mix.samples) == 240 * len(mix.cues)


def test_master_reaches_the_loudness_target_with_headroom(tone_settings):
    voice = load_profile("tone")
    script = _script(tone_settings)
    mix = stitch(script, synthesise_script(script, load_engine("tone"), voice), voice)
    leveled, measured = master(mix, -16.0)
    assert abs(measured - -16.0) < 1.0
    assert np.abs(leveled.samples).max() <= 10 ** (-1 / 20) + 1e-6


def test_episode_files_match_each_other(tone_settings, tmp_path):
    source = tmp_path / "story.md"
    source.write_text("# Tone story\n\nFirst paragraph here. Second sentence.\n\n## Part two\n\nMore words follow.\n")
    episode = narrate(source, tone_settings)
    assert sorted(p.name for p in episode.directory.iterdir()) == [
        "episode.json",
        "index.html",
        "tone-story.chapters.json",
        "tone-story.mp3",
        "tone-story.srt",
        "tone-story.transcript.json",
        "tone-story.vtt",
    ]
    audio = decode(episode.audio, 16000)
    cues = parse_vtt(episode.transcript.read_text())
    assert abs(len(audio) / 16000 - episode.duration) < 0.15
    assert cues[-1].end < episode.duration
    chapters = json.loads(episode.chapters_file.read_text())
    assert [c["title"] for c in chapters["chapters"]] == ["Introduction", "Tone story", "Part two", "Closing"]
    meta = json.loads(episode.metadata_file.read_text())
    assert meta["bytes"] == episode.audio.stat().st_size
    assert abs(loudness(audio, 16000) - -16.0) < 1.5


def test_mp3_is_mono_44k_constant_bitrate(tone_settings, tmp_path):
    import subprocess

    from narrator.audio import ffmpeg_path

    source = tmp_path / "s.txt"
    source.write_text("A headline for the tone test\nThe council met on Monday and agreed to repair the old bridge.\n")
    episode = narrate(source, tone_settings)
    probe = subprocess.run([ffmpeg_path(), "-hide_banner", "-i", str(episode.audio)], capture_output=True, text=True)
    assert "44100 Hz, mono" in probe.stderr
    assert "96 kb/s" in probe.stderr
