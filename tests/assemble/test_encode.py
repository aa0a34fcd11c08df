"""Segments encoded on their own and joined: a valid MP3 whose length, chapters and cues
match what a decoder plays, and edits that encode only the segment they change."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from mutagen.mp3 import MP3

from narrator.api import narrate
from narrator.assemble.encode import count_frames, crc16, crc16_combine, read_header, read_info
from narrator.assemble.parts import read_part
from narrator.episodes.transcript import parse_vtt
from narrator.settings import load_settings
from narrator.support.ffmpeg import decode

RATE = 44100


def _article(paragraphs: int, sections: int = 3) -> str:
    parts = ["---", "title: Harbour works", "---", ""]
    for s in range(sections):
        parts += [f"## Part {s + 1}", ""]
        for p in range(paragraphs):
            parts += [f"The harbour crew moved crate {s * 100 + p} before the tide. It was paragraph {p}.", ""]
    return "\n".join(parts)


@pytest.fixture
def settings(tmp_path):
    return load_settings({"out": tmp_path / "out", "voice": "tone", "cache_dir": tmp_path / "cache"}, environ={},
                         cwd=tmp_path)  # fmt: skip


def _narrate(tmp_path, settings, text):
    source = tmp_path / "harbour.md"
    source.write_text(text)
    return narrate(source, settings)


def _parts(settings) -> dict[str, float]:
    return {p.name: p.stat().st_mtime_ns for p in settings.cache_dir.glob("*/*.part")}


def test_crc_of_joined_data_comes_from_the_parts_crcs():
    rng = np.random.default_rng(1)
    a, b = rng.bytes(5000), rng.bytes(12345)
    assert crc16_combine(crc16(a), crc16(b), len(b)) == crc16(a + b)


def test_joined_episode_is_one_valid_mp3_as_long_as_its_record(tmp_path, settings):
    episode = _narrate(tmp_path, settings, _article(paragraphs=12))
    meta = json.loads(episode.metadata_file.read_text())
    assert len(_parts(settings)) > 5  # one segment per section and more in long sections
    data = episode.audio.read_bytes()
    start = MP3(episode.audio).tags.size  # behind the ID3 tag: the Info frame, then audio
    first = read_header(data, start)
    info = read_info(data[start : start + first.size])
    frames = data[start + first.size :]
    assert info.music_crc == crc16(frames)
    assert count_frames(frames) == int.from_bytes(data[start + info.xing + 8 : start + info.xing + 12], "big")
    assert meta["bytes"] == len(data) == os.path.getsize(episode.audio)
    samples = decode(episode.audio, RATE)
    assert abs(len(samples) / RATE - meta["duration"]) < 0.001
    assert abs(MP3(episode.audio).info.length - meta["duration"]) < 0.05


def test_every_sentence_and_chapter_is_heard_where_the_files_say(tmp_path, settings):
    from mutagen.id3 import ID3

    episode = _narrate(tmp_path, settings, _article(paragraphs=12))
    heard = np.abs(decode(episode.audio, RATE)) > 0.01  # the tone fades in and out over 20 ms
    for cue in parse_vtt(episode.transcript.read_text()):
        start, end = round(cue.start * RATE), round(cue.end * RATE)
        assert not heard[start - 200 : start].any() and heard[start : start + 1500].any(), cue
        assert heard[end - 1500 : end].any() and not heard[end : end + 200].any(), cue
    chapters = json.loads(episode.chapters_file.read_text())["chapters"]
    frames = sorted(ID3(episode.audio).getall("CHAP"), key=lambda c: c.start_time)
    assert [f.start_time for f in frames] == [int(c["startTime"] * 1000) for c in chapters]
    for chapter in chapters[1:]:
        at = round(chapter["startTime"] * RATE)
        assert not heard[at - 200 : at].any() and heard[at : at + 1500].any(), chapter


def test_joins_fall_in_silence(tmp_path, settings):
    """No click: where one segment's frames meet the next, the decoded audio is silent."""
    from narrator.api.reading import _script, read_article
    from narrator.assemble.master import Encoding, master
    from narrator.synth.cache import ClipCache
    from narrator.synth.synthesise import Synthesiser, script_keys
    from narrator.synth.voices import load_profile, voicing_for

    source = tmp_path / "harbour.md"
    source.write_text(_article(paragraphs=12))
    voicing = voicing_for(load_profile("tone"))
    script = _script(read_article(source, settings), voicing, settings)
    keys = script_keys(script, voicing)
    cache = ClipCache(tmp_path / "parts", 10**9)
    with Synthesiser(voicing, cache, keys.tasks) as synthesiser:
        audio = master(script, voicing.profile, keys, synthesiser, cache, Encoding(bitrate=96, sample_rate=RATE,
                                                                                     target=-16.0))  # fmt: skip
    audio.write(tmp_path / "joined.mp3")
    samples = decode(tmp_path / "joined.mp3", RATE)
    assert len(audio.parts) > 5
    pos = 0
    for part in audio.parts[:-1]:
        pos += part.span.count * part.samples_per_frame
        join = pos - audio.parts[0].delay - 529  # as decoded: after the encoder's and the decoder's delay
        assert np.abs(samples[join - RATE // 50 : join + RATE // 50]).max() < 1e-3


def test_an_edit_encodes_only_the_segment_it_changes(tmp_path, settings):
    text = _article(paragraphs=12)
    first = _narrate(tmp_path, settings, text)
    old_cues = parse_vtt(first.transcript.read_text())  # read now: the correction gets new file names
    before = _parts(settings)
    edited = _narrate(tmp_path, settings, text.replace("crate 105 before", "crate 105 after"))
    after = _parts(settings)
    new = set(after) - set(before)
    assert len(new) == 1  # one segment encoded; every other one joined as it was
    (made,) = [p for p in settings.cache_dir.glob("*/*.part") if p.name in new]
    assert len(read_part(made).spans) == 2  # and it holds the edited paragraph's two sentences
    meta = json.loads(edited.metadata_file.read_text())
    assert meta["engine_calls"] == 1
    heard = np.abs(decode(edited.audio, RATE)) > 0.01
    assert abs(len(heard) / RATE - meta["duration"]) < 0.001
    new_cues = parse_vtt(edited.transcript.read_text())
    assert len(old_cues) == len(new_cues)
    for cue in new_cues:
        start = round(cue.start * RATE)
        assert not heard[start - 200 : start].any() and heard[start : start + 1500].any(), cue
    unchanged = _narrate(tmp_path, settings, text.replace("crate 105 before", "crate 105 after"))
    assert set(_parts(settings)) == set(after)
    assert unchanged.audio.read_bytes() == edited.audio.read_bytes()


def test_segments_encoded_together_are_the_bytes_each_would_be_alone(tmp_path):
    """One ffmpeg process for several segments saves its start-up, and changes nothing."""
    from narrator.assemble.encode import encode_part, encode_parts

    rng = np.random.default_rng(5)
    pcms = [((rng.standard_normal(rate * seconds) * 3000).astype("<i2").tobytes(), rate)
            for rate, seconds in ((24000, 2), (22050, 1), (24000, 3))]  # fmt: skip
    blocks = [([data[:5000], data[5000:]], rate) for data, rate in pcms]  # handed over in blocks
    together = encode_parts(blocks, bitrate=96, sample_rate=RATE, folder=tmp_path)
    alone = [encode_part([data], rate, bitrate=96, sample_rate=RATE, folder=tmp_path) for data, rate in pcms]
    assert together == alone
    assert [p.count for p in together] == [count_frames(p.frames) for p in together]
    assert list(tmp_path.iterdir()) == []  # no temporary files left
