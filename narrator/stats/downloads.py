"""Downloads counted from access logs, by the rules podcast hosts report by (after the IAB
Tech Lab's Podcast Measurement Technical Guidelines, version 2):

- only an episode's audio counts (not the feed, its page or its transcript), fetched with
  GET and answered 200 or 206;
- a client is its IP address and user agent, hashed with a salt that changes daily
  (:mod:`.salt`); the address and user agent themselves are never stored;
- a known bot, crawler, monitor or script (:mod:`.bots`) is never counted;
- a client's requests for one episode on one day (UTC) are joined, ranges and all, and
  count once, as one download, when together they have served the bytes of one minute of
  audio (the whole file if the episode is shorter);
- a log (a file's lines, an S3 object) is imported once: importing it again counts nothing.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StatsError
from ..models import EpisodeRecord
from .bots import is_bot
from .logs import Request, read_log
from .salt import ClientHasher
from .store import StatsStore

#: The bitrate assumed for one minute of audio when an episode's record doesn't say (kbps).
DEFAULT_KBPS = 128
#: The bytes that make one second of audio at one kbps.
BYTES_PER_KBPS_SECOND = 125


@dataclass(frozen=True)
class AudioFile:
    """An episode's audio file, and how many of its bytes make one minute of listening."""

    episode: str
    name: str
    minute_bytes: int


def minute_bytes(record: EpisodeRecord) -> int:
    """The bytes of ``record``'s MP3 that hold its first minute: its tags and cover, then a
    minute at its bitrate (the whole file for an episode shorter than a minute)."""
    size = max(0, int(record.bytes))
    duration = max(0.0, float(record.duration))
    if record.bitrate_kbps:
        per_second = record.bitrate_kbps * BYTES_PER_KBPS_SECOND
    elif duration > 0 and size:
        per_second = size / duration
    else:
        per_second = DEFAULT_KBPS * BYTES_PER_KBPS_SECOND
    tags = max(0, size - int(per_second * duration)) if duration else 0
    wanted = tags + int(per_second * 60)
    return min(size, wanted) if size else wanted


def audio_files(records: Iterable[EpisodeRecord]) -> dict[tuple[str, str], AudioFile]:
    """The episodes' audio files by (folder, file name): the last two parts of their URLs'
    paths, wherever they are published."""
    return {(r.slug, r.files.audio): AudioFile(r.slug, r.files.audio, minute_bytes(r)) for r in records}


@dataclass
class ImportResult:
    """What an import read and counted."""

    source: str
    logs: int = 0  # log files or objects read
    already: int = 0  # of them, imported before (nothing new in them)
    requests: int = 0  # requests read from their lines
    downloads: int = 0  # downloads counted


def _spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for part in filter(None, text.split(",")):
        start, _, end = part.partition("-")
        spans.append((int(start), int(end)))
    return spans


def _join(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    joined: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if joined and start <= joined[-1][1]:
            joined[-1] = (joined[-1][0], max(joined[-1][1], end))
        else:
            joined.append((start, end))
    return joined


class DownloadCounter:
    """Counts the downloads in requests read from logs, into a stats store."""

    def __init__(self, store: StatsStore, files: dict[tuple[str, str], AudioFile], hasher: ClientHasher) -> None:
        self.store = store
        self.files = files
        self.hasher = hasher
        self.hasher.client("", "", hasher.today)  # the day's salt, fetched before any transaction

    def audio_of(self, request: Request) -> AudioFile | None:
        """The episode audio a request is a download of, or None if it is no download."""
        if request.method != "GET" or request.status not in (200, 206) or request.sent <= 0:
            return None
        parts = [p for p in request.path.split("/") if p]
        if len(parts) < 2:
            return None
        audio = self.files.get((parts[-2], parts[-1]))
        if audio is None or is_bot(request.user_agent):
            return None
        return audio

    def count(self, db: sqlite3.Connection, requests: Iterable[Request]) -> tuple[int, int]:
        """Count ``requests`` in the store's open transaction ``db``: (requests read, downloads)."""
        read = added = 0
        for request in requests:
            read += 1
            audio = self.audio_of(request)
            if audio is None:
                continue
            day = request.at.date()
            client = self.hasher.client(request.address, request.user_agent, day)
            added += self._served(db, audio, client, day, request)
        return read, added

    def _served(self, db: sqlite3.Connection, audio: AudioFile, client: str, day: dt.date, request: Request) -> int:
        key = (audio.episode, client, day.isoformat())
        if db.execute("SELECT 1 FROM downloads WHERE episode = ? AND client = ? AND day = ?", key).fetchone():
            return 0
        row = db.execute("SELECT spans, loose FROM fetches WHERE episode = ? AND client = ? AND day = ?",
                         key).fetchone()  # fmt: skip
        spans, loose = (_spans(row[0]), int(row[1])) if row else ([], 0)
        if request.start is not None:
            spans = _join([*spans, (request.start, request.start + request.sent)])
        else:
            loose += request.sent  # the log doesn't say which bytes: they add up
        if sum(end - start for start, end in spans) + loose >= audio.minute_bytes:
            db.execute("DELETE FROM fetches WHERE episode = ? AND client = ? AND day = ?", key)
            return int(self.store.count_download(db, audio.episode, client, day))
        db.execute("INSERT INTO fetches (episode, client, day, spans, loose) VALUES (?, ?, ?, ?, ?) "
                   "ON CONFLICT DO UPDATE SET spans = excluded.spans, loose = excluded.loose",
                   (*key, ",".join(f"{a}-{b}" for a, b in spans), loose))  # fmt: skip
        return 0


# -- where logs come from -------------------------------------------------------------------
def _lines(data: bytes) -> Iterator[str]:
    for line in data.split(b"\n"):
        yield line.decode("utf-8", "replace")


def _unzipped(data: bytes, where: str) -> bytes:
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise StatsError(f"{where}: not a readable gzip file: {exc}") from None


def _import(counter: DownloadCounter, result: ImportResult, key: str, lines: Iterable[str], done: int = 1) -> None:
    """Count one log's lines and remember it as imported (up to ``done``), in one transaction."""
    with counter.store.write() as db:
        read, added = counter.count(db, lines)
        counter.store.mark_imported(db, key, done)
    result.logs += 1
    result.requests += read
    result.downloads += added


def import_file(counter: DownloadCounter, path: Path, result: ImportResult) -> None:
    """Import a log file: a compressed one whole, once; a plain one from where the last
    import of it stopped (it may be a live log still being written), by whole lines."""
    try:
        with path.open("rb") as fh:
            head = fh.read(2)
            if head == b"\x1f\x8b":
                data = head + fh.read()
                key = "file:" + hashlib.sha256(data).hexdigest()
                if counter.store.imported(key) is not None:
                    result.logs += 1
                    result.already += 1
                    return
                _import(counter, result, key, read_log(_lines(_unzipped(data, str(path)))))
                return
            fh.seek(0)
            first = fh.readline()
            if not first.endswith(b"\n"):
                return  # not one whole line yet
            key = "log:" + hashlib.sha256(first).hexdigest()
            start = counter.store.imported(key) or 0
            fh.seek(start)
            data = fh.read()
    except OSError as exc:
        raise StatsError(f"{path}: can't read the log: {exc.strerror or exc}") from None
    whole = data[: data.rfind(b"\n") + 1]
    if not whole:
        result.logs += 1
        result.already += 1
        return
    _import(counter, result, key, read_log(_lines(whole)), start + len(whole))


def import_path(counter: DownloadCounter, path: Path, result: ImportResult) -> None:
    """Import a log file, or every log file in a folder (and its folders)."""
    if path.is_dir():
        for one in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            import_file(counter, one, result)
    elif path.is_file():
        import_file(counter, path, result)
    else:
        raise StatsError(f"{path}: no such log file or folder")


def s3_client(endpoint_url: str | None = None, timeout: float = 20.0) -> Any:
    import boto3
    from botocore.config import Config

    config = Config(retries={"max_attempts": 8, "mode": "standard"}, connect_timeout=min(5.0, timeout),
                    read_timeout=timeout, s3={"addressing_style": "path"} if endpoint_url else {})  # fmt: skip
    return boto3.client("s3", endpoint_url=endpoint_url, config=config)


def import_s3(counter: DownloadCounter, url: str, result: ImportResult, client: Any) -> None:
    """Import every log object under ``s3://bucket/prefix`` (S3 server access logs or
    CloudFront standard logs), each once: it is known by its key and ETag."""
    from botocore.exceptions import BotoCoreError, ClientError

    bucket, _, prefix = url.removeprefix("s3://").partition("/")
    if not bucket:
        raise StatsError(f"{url}: S3 log sources look like s3://bucket/prefix")
    try:
        for page in client.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
            for item in page.get("Contents", []):
                key = f"s3:{bucket}/{item['Key']}:{item.get('ETag', '').strip(chr(34))}"
                if counter.store.imported(key) is not None:
                    result.logs += 1
                    result.already += 1
                    continue
                data = client.get_object(Bucket=bucket, Key=item["Key"])["Body"].read()
                where = f"s3://{bucket}/{item['Key']}"
                _import(counter, result, key, read_log(_lines(_unzipped(data, where))))
    except (BotoCoreError, ClientError) as exc:
        raise StatsError(f"{url}: can't read the logs: {exc}") from None


def import_logs(
    source: str,
    store: StatsStore,
    records: Iterable[EpisodeRecord],
    *,
    today: dt.date | None = None,
    s3: Any = None,
) -> ImportResult:
    """Count the downloads in the access logs at ``source``: a file, a folder of them, or
    ``s3://bucket/prefix``. ``s3`` is the boto3 client to read them with."""
    hasher = ClientHasher(store, today)
    # Hashes of the days before yesterday can't meet a new request of theirs: gone.
    store.forget_clients(hasher.today - dt.timedelta(days=1))
    counter = DownloadCounter(store, audio_files(records), hasher)
    result = ImportResult(source)
    if source.startswith("s3://"):
        import_s3(counter, source, result, s3 if s3 is not None else s3_client())
    else:
        import_path(counter, Path(source), result)
    return result
