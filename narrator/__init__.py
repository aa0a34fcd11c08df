"""narrator: turn news articles into narrated audio.

The public API::

    from narrator import load_settings, narrate, make_script
    settings = load_settings({"out": "output"})
    episode = narrate("examples/harbour-strike.txt", settings)
"""

from .api import (
    check_episode,
    embed,
    find_episode,
    lint,
    list_episodes,
    make_script,
    narrate,
    publish,
    publish_everywhere,
    read_article,
    retract,
    set_status,
    unpublish,
    voices,
)
from .errors import (
    AudioError,
    ConfigError,
    EngineError,
    FetchError,
    HeldError,
    IngestError,
    NarratorError,
    OutputError,
    PublishError,
    VoiceError,
)
from .models import (
    Article,
    Chapter,
    Clip,
    Cue,
    Episode,
    EpisodeRecord,
    PublishResult,
    Script,
    ScriptSection,
    Section,
    Utterance,
    VoiceProfile,
)
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Article",
    "AudioError",
    "Chapter",
    "Clip",
    "ConfigError",
    "Cue",
    "EngineError",
    "Episode",
    "EpisodeRecord",
    "FetchError",
    "HeldError",
    "IngestError",
    "NarratorError",
    "OutputError",
    "PublishError",
    "PublishResult",
    "Script",
    "ScriptSection",
    "Section",
    "Settings",
    "Utterance",
    "VoiceError",
    "VoiceProfile",
    "__version__",
    "check_episode",
    "embed",
    "find_episode",
    "lint",
    "list_episodes",
    "load_settings",
    "make_script",
    "narrate",
    "publish",
    "publish_everywhere",
    "read_article",
    "retract",
    "set_status",
    "unpublish",
    "voices",
]
