"""A test engine that counts its calls: the tone engine plus a tally of what it was asked."""

from narrator.synth.engines.tone import ToneEngine

CALLS: list[str] = []


class CountingEngine(ToneEngine):
    name = "counting"

    def synthesise(self, text, voice):
        CALLS.append(text)
        return super().synthesise(text, voice)
