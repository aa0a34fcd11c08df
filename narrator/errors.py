"""The exceptions narrator raises.

Every error the library raises on purpose is a :class:`NarratorError`, so a caller can
catch one family and show its message. The message is one line that names the input
and the reason::

    NarratorError
    ├── ConfigError        bad settings, narrator.toml, or voice profile
    ├── IngestError        a source that can't be read or holds no article
    │   ├── FetchError     a URL that can't be reached or doesn't answer 200
    │   └── SourceError    a followed source that isn't a feed, sitemap or list of URLs
    ├── EngineError        a speech engine that is missing or fails
    │   └── VoiceError     an unknown voice, or one that can't run here
    ├── AudioError         decoding, mixing or encoding audio failed
    ├── OutputError        the output folder can't be written, or has no such episode
    │   └── HeldError      an episode the check flagged, held back from every feed
    ├── PublishError       the feed or an episode can't be published
    └── StatsError         a listening event, an access log or the stats store is unusable
"""

from __future__ import annotations


class NarratorError(Exception):
    """Base class of every error narrator raises on purpose."""


class ConfigError(NarratorError):
    """Settings, ``narrator.toml`` or a voice profile is invalid."""


class IngestError(NarratorError):
    """A source can't be read, or holds no article to narrate."""


class FetchError(IngestError):
    """A URL can't be fetched."""


class SourceError(IngestError):
    """A followed source is malformed, too large, or not the feed, sitemap or list of
    article URLs it was expected to be."""


class EngineError(NarratorError):
    """A speech engine is missing or failed."""


class VoiceError(EngineError):
    """A voice is unknown or can't run here."""


class AudioError(NarratorError):
    """Audio could not be mixed or encoded."""


class OutputError(NarratorError):
    """The output folder or a file in it can't be written."""


class HeldError(OutputError):
    """The episode was written, but its check flagged it, so it is held back from feeds."""


class PublishError(NarratorError):
    """Publishing to the store failed; the previous feed is left as it was."""


class StatsError(NarratorError):
    """A listening event is malformed, or an access log or the stats store can't be read."""
