"""Downloads counted from S3 server access logs and CloudFront standard logs read from a
bucket (moto's S3 server on loopback), each log object once."""

from __future__ import annotations

import datetime as dt
import gzip

import boto3

from narrator.models import EpisodeFiles, EpisodeRecord
from narrator.stats import StatsStore
from narrator.stats.downloads import import_logs, s3_client

DAY = dt.date(2026, 3, 1)
# A ten-minute episode at 64 kbps published under news/: the import needs only its numbers.
RECORD = EpisodeRecord(slug="a-story", guid="g", version="v1", title="A story",
                       files=EpisodeFiles(audio="a-story.mp3", transcript="a-story.txt"),
                       duration=600.0, bytes=600 * 8000, bitrate_kbps=64)  # fmt: skip
KEY = "news/a-story/a-story.mp3"


def s3_line(ip: str, agent: str, sent: int, *, key: str = KEY, second: int = 0, op: str = "REST.GET.OBJECT") -> str:
    return (f"79a5 narrator-audio [01/Mar/2026:07:15:{second:02d} +0000] {ip} - 3E57427F3EXAMPLE {op} {key} "
            f'"GET /narrator-audio/{key} HTTP/1.1" 206 - {sent} {RECORD.bytes} 12 10 "-" "{agent}" - abc SigV4 '
            "ECDHE-RSA-AES128-GCM-SHA256 AuthHeader narrator-audio.s3.amazonaws.com TLSv1.2 - -")  # fmt: skip


FIELDS = ("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
          "cs(User-Agent) cs-uri-query sc-range-start sc-range-end")  # fmt: skip


def cloudfront_line(ip: str, agent: str, start: int, end: int) -> str:
    return "\t".join(["2026-03-01", "09:00:00", "LHR62-C2", str(end - start + 1), ip, "GET", "d1.cloudfront.net",
                      "/" + KEY, "206", "-", agent.replace(" ", "%2520"), "-", str(start), str(end)])  # fmt: skip


def test_s3_and_cloudfront_logs_in_a_bucket_are_counted_once(tmp_path, bucket, moto_endpoint):
    s3 = boto3.client("s3", endpoint_url=moto_endpoint)
    half = RECORD.bytes // 2
    # One listener's app fetched the episode in two halves, logged in two objects; a bot
    # fetched it whole; the feed was fetched too.
    s3.put_object(Bucket=bucket, Key="logs/s3/2026-03-01-07-15-00-A",
                  Body=(s3_line("198.51.100.7", "Overcast/3.0", half) + "\n"
                        + s3_line("66.249.66.1", "Googlebot/2.1", RECORD.bytes) + "\n").encode())  # fmt: skip
    second = [s3_line("198.51.100.7", "Overcast/3.0", half, second=30),
              s3_line("198.51.100.7", "Overcast/3.0", 900, key="news/feed.xml")]  # fmt: skip
    s3.put_object(Bucket=bucket, Key="logs/s3/2026-03-01-07-16-00-B", Body=("\n".join(second) + "\n").encode())
    # CloudFront: two phones behind one address, one of them with ten seconds only.
    cloudfront = ["#Version: 1.0", f"#Fields: {FIELDS}", cloudfront_line("203.0.113.5", "AppleCoreMedia/1.0 (iPhone)",
                  0, RECORD.bytes - 1), cloudfront_line("203.0.113.5", "PocketCasts/7.50", 0, 10 * 8000)]  # fmt: skip
    s3.put_object(Bucket=bucket, Key="logs/cf/E2EXAMPLE.2026-03-01-09.abcd.gz",
                  Body=gzip.compress(("\n".join(cloudfront) + "\n").encode()))  # fmt: skip
    s3.put_object(Bucket=bucket, Key="elsewhere/not-a-log", Body=b"unrelated")

    store = StatsStore.for_output(tmp_path / "out")
    client = s3_client(moto_endpoint)
    first = import_logs(f"s3://{bucket}/logs/", store, [RECORD], today=DAY, s3=client)
    assert (first.logs, first.downloads) == (3, 2)
    again = import_logs(f"s3://{bucket}/logs/", store, [RECORD], today=DAY, s3=client)
    assert (again.logs, again.already, again.downloads) == (3, 3, 0)
    assert store.figures(days=1, today=DAY).episodes[0].downloads == 2
