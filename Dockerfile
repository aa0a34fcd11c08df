# A narrator worker: all a machine needs to take narration jobs from Redis and keep
# episodes and clips in an object store, with no disk shared with any other machine.
# The default voice (heart) is in the hibari-tts wheel and ffmpeg in the imageio-ffmpeg
# wheel (the build the tests run with), so nothing else is installed.
#
#   docker build -t narrator .
#   docker run --rm -e AWS_ACCESS_KEY_ID -e AWS_SECRET_ACCESS_KEY -e AWS_DEFAULT_REGION \
#       -e NARRATOR_CACHE_URL=s3://bucket/clips narrator \
#       --broker redis://redis.internal:6379/0 --store s3://bucket/podcast
#
# Arguments after the image name go to `narrator worker`; settings come as NARRATOR_*
# variables (an S3-compatible store: NARRATOR_S3_ENDPOINT_URL).

FROM python:3.11-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/narrator
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY narrator narrator
COPY voices voices
COPY templates templates
COPY lexicons lexicons
RUN /opt/narrator/bin/pip install ".[service]"

FROM python:3.11-slim
ENV PATH=/opt/narrator/bin:$PATH PYTHONUNBUFFERED=1
COPY --from=build /opt/narrator /opt/narrator
RUN useradd --create-home --uid 10001 narrator
USER narrator
WORKDIR /home/narrator
# One narration at build time: proves the voice and the encoder run in the image, and
# leaves the voice's quicker-to-load data in the cache folder for every container.
RUN printf '# Ready\n\nThe worker is ready.\n' | narrator narrate - --format markdown --out /tmp/ready \
    && rm -rf /tmp/ready
ENTRYPOINT ["narrator", "worker"]
