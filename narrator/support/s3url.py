"""``s3://bucket/prefix`` addresses, as the publisher, the episode store and the shared
clip cache take them."""

from __future__ import annotations

from ..errors import ConfigError


def parse_s3_url(url: str, what: str = "S3 targets") -> tuple[str, str]:
    """(bucket, ``prefix/`` or ""); ``what`` names the thing in the error."""
    if not url.startswith("s3://"):
        raise ConfigError(f"{url}: {what} look like s3://bucket/prefix")
    bucket, _, prefix = url[5:].partition("/")
    if not bucket:
        raise ConfigError(f"{url}: no bucket name")
    prefix = prefix.strip("/")
    return bucket, f"{prefix}/" if prefix else ""
