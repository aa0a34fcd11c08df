"""narrator: turn news articles into narrated audio.

The public API::

    from narrator import load_settings, narrate, make_script
    settings = load_settings({"out": "output"})
    episode = narrate("examples/harbour-strike.txt", settings)
"""

from .api import make_script, narrate, read_article
from .errors import (
    AudioError,
    ConfigError,
    EngineError,
    FetchError,
    IngestError,
    NarratorError,
    OutputError,
    VoiceError,
)
from .models import (
    Article,
    Chapter,
    Clip,
    Cue,
    Episode,
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
    "FetchError",
    "IngestError",
    "NarratorError",
    "OutputError",
    "Script",
    "ScriptSection",
    "Section",
    "Settings",
    "Utterance",
    "VoiceError",
    "VoiceProfile",
    "__version__",
    "load_settings",
    "make_script",
    "narrate",
    "read_article",
]
