"""eSpeak NG: a tiny, robotic but dependable fallback voice, through the espeak-ng program.

Debian's ``espeak-ng`` package provides it (``apt-get install espeak-ng``).
"""

from __future__ import annotations

import shutil
import subprocess

from ...errors import EngineError, VoiceError
from ...models import Clip, VoiceProfile
from . import Engine
from .decode import decode_wav


def _program() -> str | None:
    return shutil.which("espeak-ng") or shutil.which("espeak")


class EspeakEngine(Engine):
    name = "espeak"
    max_chars = 1000
    # Heard to say "F.B.I." as letters but some capitals as words ("WHO" as "who").
    initialisms = "dotted"
    concurrency = "thread"  # each call is its own espeak-ng process already

    def unavailable(self, voice: VoiceProfile) -> str | None:
        if _program() is None:
            return "the espeak-ng program is not installed (apt-get install espeak-ng)"
        return None

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        program = _program()
        if program is None:
            raise VoiceError(f"{voice.name}: {self.unavailable(voice)}")
        words_per_minute = str(round(175 * voice.speed))
        try:
            result = subprocess.run(
                [program, "-v", voice.voice, "-s", words_per_minute, "--stdout", "--", text],
                capture_output=True,
                check=True,
                timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
            raise EngineError(f"{voice.name}: espeak-ng failed on {text[:40]!r}: {exc}") from exc
        return decode_wav(result.stdout, name=voice.name)
