"""``s3://bucket/prefix`` addresses, as the publisher, the episode store and the shared
clip cache take them, and botocore's errors as one line naming the address."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ..errors import ConfigError, NarratorError


def parse_s3_url(url: str, what: str = "S3 targets") -> tuple[str, str]:
    """(bucket, ``prefix/`` or ""); ``what`` names the thing in the error."""
    if not url.startswith("s3://"):
        raise ConfigError(f"{url}: {what} look like s3://bucket/prefix")
    bucket, _, prefix = url[5:].partition("/")
    if not bucket:
        raise ConfigError(f"{url}: no bucket name")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""


def error_code(exc: Exception) -> str:
    """The S3 error code of a botocore ClientError ("NoSuchKey", "PreconditionFailed"), or ""."""
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", ""))


@contextlib.contextmanager
def one_line(target: str, what: str, error: type[NarratorError]) -> Iterator[None]:
    """botocore's errors (no credentials, a store that can't be reached, a refusal) as one
    ``error`` naming ``target`` and what was being done."""
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        yield
    except ClientError as exc:
        raise error(f"{target}: {what} failed: {error_code(exc) or exc}") from exc
    except BotoCoreError as exc:
        raise error(f"{target}: {what} failed: {exc}") from exc
