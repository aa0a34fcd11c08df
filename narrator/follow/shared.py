"""The follow state in the object store (``store = s3://bucket/prefix``), for machines
that share no disk::

    follow/lease.json              who follows now, and until when
    follow/state.sqlite3           the follow store, as its holder last wrote it
    follow/changes/<time>-<id>     sources added, changed or forgotten by another machine

One machine follows at a time: the one holding the lease. It takes it with
``If-None-Match: *`` (or ``If-Match`` on an expired one), renews it with ``If-Match``
while it works (in the background too, for a narration longer than the lease), and
hands it back when it stops. On taking it, it downloads the state
(unless what it has is the newest), and after each change it uploads it again with
``If-Match`` on the version it last uploaded: a refused write means another machine has
taken over (this one was too slow to renew), so this one stops at the next article and
takes the lease again before its next poll. Polite fetching travels with the state (the
sources' ETag and Last-Modified, robots.txt, the hosts' pauses), so a feed that hasn't
changed is still one 304 after a change of machine.

Why a lease and a snapshot, not an object per article: the follow store's SQL (one
transaction for all a poll lists, claims, reconciling after a crash) stays as it is
and as tested, and following is one small stream of work (a feed's articles), which
one machine keeps up with while the narrations themselves go to every machine's
workers. A machine that isn't the holder reads the last uploaded state (for
/v1/sources), and what it changes (a source added, paused or forgotten) is written as
a change object, which the holder applies at its next look.

A holder that dies is taken over once its lease expires. Its claims are then handed
back (an article whose episode it wrote is recorded as done, see
:meth:`narrator.follow.run.Poller.reconcile`), so nothing is narrated twice, unless
the dead holder wrote the episode and not the state saying it was narrating it, in
which case the article is narrated again into the same episode.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from ..errors import OutputError
from ..settings import Settings
from .state import FollowState, this_process

#: Seconds a lease lasts unless renewed: how long a machine that died holding it stops
#: the others following.
LEASE_SECONDS = 300.0
#: A lease is renewed once this share of it has passed.
RENEW_AFTER = 1 / 3
FOLDER = "follow/"


def _client_errors():
    from botocore.exceptions import ClientError

    return ClientError


class SharedState:
    """The follow state of ``settings.store``, for the follow store ``state`` kept on
    this machine. One for each FollowState; thread-safe."""

    def __init__(self, settings: Settings, state: FollowState, *, lease_seconds: float | None = None) -> None:
        from ..episodes.s3_store import ObjectStore

        self.objects = ObjectStore(settings.store or "", Path(settings.out), settings)
        self.state = state
        self.seconds = LEASE_SECONDS if lease_seconds is None else lease_seconds
        base = self.objects.prefix + FOLDER
        self.lease_key, self.state_key = base + "lease.json", base + "state.sqlite3"
        self.changes_key = base + "changes/"
        #: Names this holder (the process, and which of its follow stores).
        self.owner = f"{this_process()}:{uuid.uuid4().hex[:8]}"
        self._lock = threading.RLock()
        self._lease_etag: str | None = None
        self._renewed = 0.0
        self._state_etag: str | None = None  # the version of the state this machine has
        #: Until when another machine holds the lease, as last seen.
        self.elsewhere: float | None = None
        #: Set when another machine took over while this one held the lease.
        self.lost = False
        #: Whether the last take came from another holder, whose claims are handed back.
        self.took_over = False
        self._applying = False
        self._renewer: threading.Thread | None = None
        self._released = threading.Event()

    def __str__(self) -> str:
        return self.objects.target

    @property
    def s3(self):
        return self.objects.s3

    @property
    def bucket(self) -> str:
        return self.objects.bucket

    @property
    def holding(self) -> bool:
        return self._lease_etag is not None and not self.lost

    # -- objects ------------------------------------------------------------------------------
    def _get(self, key: str) -> tuple[bytes | None, str | None]:
        return self.objects._get(key)

    def _put(self, key: str, body: bytes, etag: str | None) -> str | None:
        """Write ``key`` if it is still as read (``etag``; None: if there is none): its new
        ETag, or None when another machine came first."""
        from ..episodes.s3_store import _lost_race, _missing

        condition = {"IfMatch": etag} if etag else {"IfNoneMatch": "*"}
        with self.objects._errors(f"writing {key}"):
            try:
                answer = self.s3.put_object(Bucket=self.bucket, Key=key, Body=body, **condition)
            except _client_errors() as exc:
                if _lost_race(exc) or (etag and _missing(exc)):
                    return None
                raise
        return answer["ETag"]

    # -- the lease ----------------------------------------------------------------------------
    def _lease_body(self) -> bytes:
        return json.dumps({"owner": self.owner, "until": time.time() + self.seconds}).encode()

    def take(self) -> bool:
        """Hold the lease (taking it, or renewing it when due), with the newest state and
        the changes other machines asked for applied. False while another machine holds
        it (``elsewhere`` says until when)."""
        with self._lock:
            if self.holding and time.time() - self._renewed < self.seconds * RENEW_AFTER:
                self._apply_changes()
                return True
            body, etag = self._get(self.lease_key)
            lease = _lease(body)
            now = time.time()
            if lease is not None and lease["owner"] != self.owner and lease["until"] > now:
                self._lease_etag, self.elsewhere = None, lease["until"]
                return False
            new = self._put(self.lease_key, self._lease_body(), etag)
            if new is None:  # another machine took it first
                self._lease_etag, self.elsewhere = None, now + self.seconds
                return False
            mine = lease is not None and lease["owner"] == self.owner and etag == self._lease_etag and not self.lost
            self._lease_etag, self._renewed, self.elsewhere, self.lost = new, now, None, False
            if not mine:
                self.took_over = self._download() or self.took_over
            self._apply_changes()
            self._keep()
            return True

    def _keep(self) -> None:
        """Renew the lease in the background while it is held, so a narration longer
        than the lease (one waited for in the service's queue) doesn't lose it."""
        if self._renewer is not None and self._renewer.is_alive():
            return
        self._released.clear()

        def renew() -> None:
            while not self._released.wait(self.seconds * RENEW_AFTER / 2):
                with self._lock:
                    if not self.holding:
                        return
                    with contextlib.suppress(OutputError):  # tried again: the lease lasts a while yet
                        self._renew()

        self._renewer = threading.Thread(target=renew, daemon=True, name="narrator-follow-lease")
        self._renewer.start()

    def release(self) -> None:
        """Hand the lease back (expired at once), so another machine may follow now."""
        with self._lock:
            if not self.holding:
                return
            self._released.set()
            with contextlib.suppress(OutputError):  # it expires by itself
                self._put(self.lease_key, json.dumps({"owner": self.owner, "until": 0}).encode(), self._lease_etag)
            self._lease_etag = None

    def _renew(self) -> None:
        if time.time() - self._renewed < self.seconds * RENEW_AFTER:
            return
        new = self._put(self.lease_key, self._lease_body(), self._lease_etag)
        if new is None:
            self.lost = True
        else:
            self._lease_etag, self._renewed = new, time.time()

    # -- the state ----------------------------------------------------------------------------
    def _download(self) -> bool:
        """Bring the stored state here, if it is newer than this machine's. True if it was."""
        from ..episodes.s3_store import _missing

        with self.objects._errors(f"reading {self.state_key}"):
            try:
                head = self.s3.head_object(Bucket=self.bucket, Key=self.state_key)
            except _client_errors() as exc:
                if _missing(exc):
                    self._state_etag = None
                    if self.holding:
                        self._upload()  # the first machine to follow: its state is the store's
                    return False
                raise
        if head["ETag"] == self._state_etag:
            return False
        body, etag = self._get(self.state_key)
        if body is None:
            return False
        with tempfile.TemporaryDirectory(prefix="narrator-follow-") as folder:
            path = Path(folder) / "state.sqlite3"
            path.write_bytes(body)
            try:
                self._copy(path, inwards=True)
            except sqlite3.Error as exc:
                raise OutputError(f"{self}: the follow state can't be read: {exc}") from None
        self._state_etag = etag
        return True

    def _copy(self, path: Path, *, inwards: bool) -> None:
        """The whole follow database by SQLite's backup: from the file at ``path`` into
        this machine's (``inwards``), or from this machine's into it."""
        other = sqlite3.connect(path)
        try:
            with self.state._connect() as db:
                if inwards:
                    other.backup(db)
                else:
                    db.backup(other)
        finally:
            other.close()

    def _upload(self) -> None:
        with tempfile.TemporaryDirectory(prefix="narrator-follow-") as folder:
            path = Path(folder) / "state.sqlite3"
            try:
                self._copy(path, inwards=False)
            except sqlite3.Error as exc:
                raise OutputError(f"{self}: the follow state can't be copied: {exc}") from None
            new = self._put(self.state_key, path.read_bytes(), self._state_etag)
        if new is None:
            self.lost = True  # another machine wrote it: it holds the lease now
        else:
            self._state_etag = new

    def saved(self) -> None:
        """After a change to the follow store here: uploaded, while this machine holds the lease."""
        with self._lock:
            if self.holding and not self._applying:
                self._upload()
                if not self.lost:
                    self._renew()

    def refresh(self) -> None:
        """The newest state here, to read, while another machine follows."""
        with self._lock:
            if not self.holding and self._download():
                self._apply_changes()  # those not applied yet by the holder, so this machine's are seen

    # -- changes made by machines that don't hold the lease -----------------------------------
    def changed(self, change: dict[str, Any]) -> None:
        """A source added, changed or forgotten here: the holder is told, unless it is this machine."""
        with self._lock:
            if self.holding or self._applying:
                return
            key = f"{self.changes_key}{time.time_ns():020d}-{uuid.uuid4().hex[:8]}.json"
            self._put(key, json.dumps(change).encode(), None)

    def _apply_changes(self) -> None:
        """Apply the changes other machines asked for here: and, as the holder, store
        the state with them and delete them."""
        keys = sorted(self.objects._keys(self.changes_key))
        if not keys:
            return
        self._applying = True
        try:
            for key in keys:
                body, _ = self._get(key)
                if body is not None:
                    with contextlib.suppress(ValueError, KeyError, TypeError, OutputError):
                        self.state.apply(json.loads(body))
        finally:
            self._applying = False
        if not self.holding:
            return
        self._upload()
        if not self.lost:
            with self.objects._errors("deleting the follow changes applied"):
                for key in keys:
                    self.s3.delete_object(Bucket=self.bucket, Key=key)


def _lease(body: bytes | None) -> dict[str, Any] | None:
    if body is None:
        return None
    try:
        lease = json.loads(body)
        return {"owner": str(lease["owner"]), "until": float(lease["until"])}
    except (ValueError, KeyError, TypeError):
        return None  # unreadable: as if there were none


_lock = threading.Lock()
_holders: dict[tuple[str, Path], SharedState] = {}


def open_state(settings: Settings) -> FollowState:
    """The follow store of ``settings``: the output folder's, or, with an object store,
    this machine's copy of the store's (one holder of its lease for each process and folder)."""
    state = FollowState(Path(settings.out))
    if settings.store:
        key = (settings.store, state.path.resolve())
        with _lock:
            shared = _holders.get(key)
            if shared is None:
                shared = _holders[key] = SharedState(settings, state)
        state.shared = shared
    return state


def shared_of(state: FollowState) -> SharedState | None:
    return state.shared if isinstance(state.shared, SharedState) else None
