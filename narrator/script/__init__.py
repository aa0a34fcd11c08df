"""The script stage: an article as the utterances the voice says (:mod:`.build`), and
the check before synthesis for words the voice can't say (:mod:`.lint`)."""

from .build import build_script

__all__ = ["build_script"]
