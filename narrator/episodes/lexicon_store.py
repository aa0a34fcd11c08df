"""The publication's own lexicon: the pronunciations its editors saved, kept in the output
folder as ``OUT/lexicon.toml`` (the same TOML as any lexicon), with every change recorded
in ``OUT/.lexicon-history.jsonl`` (a dotted name: never served or published): who made it,
when, the term, and its entry before and after.

Narration reads it over the configured lexicons, so an editor's fix wins.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..errors import OutputError
from ..support.files import write_atomic
from ..text.lexicon import Entry, Lexicon, lexicon_toml, read_lexicon

LEXICON = "lexicon.toml"
HISTORY = ".lexicon-history.jsonl"  # a dotted name: kept, never published
_LOCK = ".lexicon.lock"


@dataclass(frozen=True)
class Change:
    at: str  # ISO 8601, UTC
    editor: str
    term: str
    old: dict[str, str] | None  # the entry's say, phonemes, ipa before; None: it was not there
    new: dict[str, str] | None  # after; None: removed


def publication_lexicon(out: Path) -> Lexicon:
    """The lexicon saved in ``out``; empty when there is none."""
    path = Path(out) / LEXICON
    return read_lexicon(path) if path.is_file() else Lexicon()


def _fields(entry: Entry | None) -> dict[str, str] | None:
    if entry is None:
        return None
    return {k: v for k, v in (("say", entry.say), ("phonemes", entry.phonemes), ("ipa", entry.ipa)) if v}


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    # Two editors saving at once: each reads the lexicon the other wrote.
    with open(out / _LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def save_entry(out: Path, term: str, entry: Entry | None, editor: str, *, now: datetime | None = None) -> Change:
    """Set (or with ``entry`` None, remove) ``term`` in the lexicon in ``out``, recording
    the change as ``editor``'s."""
    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out):
            current = publication_lexicon(out)
            old = next((e for e in current.entries if e.term == term), None)
            kept = tuple(e for e in current.entries if e.term != term)
            entries = kept + ((entry,) if entry is not None else ())
            write_atomic(out / LEXICON, lexicon_toml(Lexicon(entries=entries, case_sensitive=current.case_sensitive)))
            change = Change(at=(now or datetime.now(UTC)).isoformat(timespec="seconds"), editor=editor, term=term,
                            old=_fields(old), new=_fields(entry))  # fmt: skip
            with open(out / HISTORY, "a", encoding="utf-8") as history:
                history.write(json.dumps(asdict(change), ensure_ascii=False) + "\n")
                history.flush()
                os.fsync(history.fileno())
    except OSError as exc:
        raise OutputError(f"{out}: can't save the lexicon: {exc.strerror or exc}") from None
    return change


def lexicon_history(out: Path) -> list[Change]:
    """Every change to the lexicon in ``out``, oldest first."""
    path = Path(out) / HISTORY
    if not path.is_file():
        return []
    changes = []
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(ValueError, TypeError):
            changes.append(Change(**json.loads(line)))
    return changes
