"""Amazon Polly through boto3: neural voices, SSML, and Polly's limit per request.

Credentials come only from boto3's own lookup. A profile names the Polly voice id in
``voice`` and may set [options] ``engine`` (neural, standard, generative), ``region``
and ``endpoint_url``.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from ...errors import EngineError
from ...models import Clip, VoiceProfile
from . import Engine
from .decode import decode_pcm16

RATE = 16000  # Polly's PCM output is 8 or 16 kHz


class PollyEngine(Engine):
    name = "polly"
    # Polly bills and limits 3,000 characters of text per request (SSML tags aside).
    max_chars = 2900
    concurrency = "thread"

    def _client(self, voice: VoiceProfile):
        import boto3

        return boto3.client(
            "polly",
            region_name=voice.option("region") or None,
            endpoint_url=voice.option("endpoint_url") or None,
        )

    def unavailable(self, voice: VoiceProfile) -> str | None:
        try:
            import boto3
        except ImportError:
            return "boto3 is not installed"
        session = boto3.Session(region_name=voice.option("region") or None)
        if session.get_credentials() is None:
            return "no AWS credentials found (environment, ~/.aws or an instance role)"
        if not (voice.option("region") or session.region_name):
            return "no AWS region set (AWS_DEFAULT_REGION or the profile's [options] region)"
        return None

    def ssml(self, text: str, voice: VoiceProfile) -> str:
        rate = f"{round(voice.speed * 100)}%"
        return f'<speak><prosody rate="{rate}">{escape(text)}</prosody></speak>'

    def synthesise(self, text: str, voice: VoiceProfile) -> Clip:
        from botocore.exceptions import BotoCoreError, ClientError

        if len(text) > 3000:
            raise EngineError(f"{voice.name}: {len(text)} characters is over Polly's limit of 3000")
        try:
            response = self._client(voice).synthesize_speech(
                Text=self.ssml(text, voice),
                TextType="ssml",
                VoiceId=voice.voice,
                Engine=voice.option("engine", "neural"),
                OutputFormat="pcm",
                SampleRate=str(RATE),
            )
            data = response["AudioStream"].read()
        except (BotoCoreError, ClientError) as exc:
            raise EngineError(f"{voice.name}: Amazon Polly failed: {exc}") from exc
        return decode_pcm16(data, RATE)
