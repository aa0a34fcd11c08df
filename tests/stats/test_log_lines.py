"""The access log reader: every format it knows read right, and no line, however damaged
or long, ends in a traceback or a hang."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from narrator.stats.logs import Request, parse_cloudfront, parse_combined, parse_s3, read_log

COMBINED = ('203.0.113.5 - - [01/Mar/2026:08:15:00 +0100] "GET /a-story/a-story.mp3?x=1 HTTP/1.1" 206 1000 '
            '"https://news.example/" "Podcasts/1650.20 \\"beta\\"" "bytes 5000-5999/90000"')  # fmt: skip
S3 = ('79a5 narrator-audio [01/Mar/2026:07:15:00 +0000] 198.51.100.7 - 3E57427F3EXAMPLE REST.GET.OBJECT '
      'news/a-story/a-story.mp3 "GET /narrator-audio/news/a-story/a-story.mp3 HTTP/1.1" 206 - 1000 90000 12 10 '
      '"-" "Overcast/3.0 (+http://overcast.fm/)" - abc SigV4 ECDHE-RSA-AES128-GCM-SHA256 AuthHeader '
      'narrator-audio.s3.amazonaws.com TLSv1.2 - -')  # fmt: skip
FIELDS = ("date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) "
          "cs(User-Agent) cs-uri-query sc-range-start sc-range-end").split()  # fmt: skip
CLOUDFRONT = "\t".join(["2026-03-01", "07:15:00", "LHR62-C2", "1000", "2001:db8::7", "GET", "d1.cloudfront.net",
                        "/news/a-story/a-story.mp3", "206", "-", "AppleCoreMedia/1.0%2520(iPhone)", "-", "5000",
                        "5999"])  # fmt: skip
AT = dt.datetime(2026, 3, 1, 7, 15, tzinfo=dt.UTC)


def test_a_combined_log_line_with_its_range():
    assert parse_combined(COMBINED) == Request(at=AT, address="203.0.113.5", user_agent='Podcasts/1650.20 "beta"',
                                               method="GET", path="/a-story/a-story.mp3", status=206, sent=1000,
                                               start=5000)  # fmt: skip


def test_a_common_log_line_without_referer_or_agent():
    request = parse_combined('192.0.2.1 - - [01/Mar/2026:07:15:00 +0000] "GET /a/b.mp3 HTTP/1.0" 200 -')
    assert request is not None and (request.sent, request.user_agent, request.start) == (0, "", None)


def test_an_s3_server_access_log_line():
    assert parse_s3(S3) == Request(at=AT, address="198.51.100.7", user_agent="Overcast/3.0 (+http://overcast.fm/)",
                                   method="GET", path="/news/a-story/a-story.mp3", status=206, sent=1000)  # fmt: skip


def test_a_cloudfront_standard_log_line():
    assert parse_cloudfront(CLOUDFRONT, list(FIELDS)) == Request(
        at=AT, address="2001:db8::7", user_agent="AppleCoreMedia/1.0 (iPhone)", method="GET",
        path="/news/a-story/a-story.mp3", status=206, sent=1000, start=5000)  # fmt: skip


def test_a_log_of_each_format_is_read_whole():
    cloudfront = ["#Version: 1.0", "#Fields: " + " ".join(FIELDS), CLOUDFRONT + "\n"]
    assert len(list(read_log([COMBINED + "\n", S3 + "\r\n", "garbage", *cloudfront]))) == 3


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=300),
    st.builds(lambda a, b: a + b, st.sampled_from([COMBINED, S3, CLOUDFRONT, "#Fields: " + " ".join(FIELDS)]),
              st.text(max_size=50)),
    st.builds(lambda s, i, t: s[:i] + t + s[i:], st.sampled_from([COMBINED, S3, CLOUDFRONT]),
              st.integers(0, 400), st.text(max_size=20)),
), max_size=8))  # fmt: skip
def test_no_line_ends_in_a_traceback(lines):
    for request in read_log(lines):
        assert isinstance(request, Request) and request.at.tzinfo is not None


def test_long_hostile_lines_are_read_without_a_hang():
    hostile = [
        '1.2.3.4 - - [01/Mar/2026:08:00:00 +0000] "' + "\\" * 15_000,
        '1.2.3.4 - - [01/Mar/2026:08:00:00 +0000] "GET / HTTP/1.1" 200 5 "' + '\\"' * 7_000,
        "a b [01/Mar/2026:08:00:00 +0000] " + "x " * 7_000,
        "#Fields: " + " x" * 5_000,
        "\t" * 15_000,
        "[" * 15_000,
    ]
    # A backtracking pattern would take hours over these; each is read at once, or skipped.
    assert [r.path for r in read_log(hostile)] == ["/"]
