"""Access log lines read into requests: the combined log format (``narrator serve``'s access
log, nginx, Apache), S3 server access logs and CloudFront standard logs.

A line that is none of these, or is damaged, is skipped: reading a log never fails on
what the log holds.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

MONTHS = {m: i for i, m in enumerate("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(), 1)}
#: Longer lines are not access log lines (and are not looked into).
MAX_LINE = 16 * 1024

_QUOTED = r'"((?:[^"\\]|\\.)*)"'
_CLF_TIME = re.compile(r"(\d{2})/([A-Z][a-z]{2})/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$")
# host ident user [time] "request" status bytes ["referer" "user agent" [extra fields]]
_COMBINED = re.compile(rf"^(\S+) \S+ \S+ \[([^\]]+)\] {_QUOTED} (\d{{3}}) (\d+|-)(?: {_QUOTED} {_QUOTED})?(.*)$")
# owner bucket [time] ip requester request-id operation key "request-uri" status error bytes size ...
_S3 = re.compile(
    rf"^\S+ \S+ \[([^\]]+)\] (\S+) \S+ \S+ (\S+) (\S+) {_QUOTED} (\d{{3}}|-) \S+ (\d+|-) (\d+|-) \S+ \S+ "
    rf"{_QUOTED} {_QUOTED}"
)
#: The served range narrator serve's log adds after the user agent: "bytes 0-1023/52000".
_RANGE = re.compile(r'"bytes (\d+)-(\d+)/(?:\d+|\*)"')


@dataclass(frozen=True)
class Request:
    """One request a log records."""

    at: dt.datetime  # UTC
    address: str
    user_agent: str
    method: str
    path: str  # the URL's path, decoded
    status: int
    sent: int  # bytes of the body sent
    start: int | None = None  # the first byte of a range served, where the log says


def _clf_time(text: str) -> dt.datetime | None:
    match = _CLF_TIME.match(text.strip())
    if not match or match.group(2) not in MONTHS:
        return None
    day, month, year, hour, minute, second, sign, zh, zm = match.groups()
    try:
        offset = dt.timedelta(hours=int(zh), minutes=int(zm)) * (1 if sign == "+" else -1)
        when = dt.datetime(int(year), MONTHS[month], int(day), int(hour), int(minute), int(second),
                           tzinfo=dt.timezone(offset))  # fmt: skip
        return when.astimezone(dt.UTC)
    except (ValueError, OverflowError):
        return None


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _path(target: str) -> str:
    try:
        return unquote(urlsplit(target).path)
    except ValueError:
        return ""


def parse_combined(line: str) -> Request | None:
    """A line in the combined (or common) log format, or None."""
    match = _COMBINED.match(line)
    if not match:
        return None
    address, when, request, status, sent, _, agent, rest = match.groups()
    at = _clf_time(when)
    parts = _unescape(request).split(" ")
    if at is None or len(parts) != 3:
        return None
    served = _RANGE.search(rest or "")
    return Request(at=at, address=address, user_agent=_unescape(agent or ""), method=parts[0], path=_path(parts[1]),
                   status=int(status), sent=0 if sent == "-" else int(sent),
                   start=int(served.group(1)) if served else None)  # fmt: skip


def parse_s3(line: str) -> Request | None:
    """A line of an S3 server access log, or None."""
    match = _S3.match(line)
    if not match:
        return None
    when, address, operation, key, _, status, sent, _, _, agent = match.groups()
    at = _clf_time(when)
    if at is None or status == "-":
        return None
    method = "GET" if operation == "REST.GET.OBJECT" else operation
    return Request(at=at, address=address, user_agent=_unescape(agent), method=method, path="/" + unquote(key),
                   status=int(status), sent=0 if sent == "-" else int(sent))  # fmt: skip


def parse_cloudfront(line: str, fields: list[str]) -> Request | None:
    """A line of a CloudFront standard log whose ``#Fields:`` are ``fields``, or None."""
    values = dict(zip(fields, line.split("\t"), strict=False))
    try:
        at = dt.datetime.fromisoformat(f"{values['date']}T{values['time']}").replace(tzinfo=dt.UTC)
        status = int(values["sc-status"])
        sent = int(values["sc-bytes"])
        start_text = values.get("sc-range-start", "-")
        start = int(start_text) if start_text.isdigit() else None
        # The user agent is percent-encoded, its own % signs once more.
        agent = unquote(unquote(values.get("cs(User-Agent)", "-")))
        return Request(at=at, address=values["c-ip"], user_agent=agent, method=values["cs-method"],
                       path=unquote(values["cs-uri-stem"]), status=status, sent=sent, start=start)  # fmt: skip
    except (KeyError, ValueError, OverflowError):
        return None


def read_log(lines: Iterable[str]) -> Iterator[Request]:
    """The requests of a log's lines, whichever of the three formats each is in."""
    fields: list[str] | None = None
    for raw in lines:
        line = raw.rstrip("\r\n")
        if len(line) > MAX_LINE:
            continue
        if line.startswith("#"):
            if line.startswith("#Fields:"):
                fields = line[len("#Fields:") :].split()
            continue
        if fields is not None and "\t" in line:
            request = parse_cloudfront(line, fields)
        else:
            request = parse_combined(line) or parse_s3(line)
        if request is not None:
            yield request
