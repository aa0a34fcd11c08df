#!/usr/bin/env bash
# Install everything the tests need, then run them:
#   - Debian's Chromium for the browser tests (when it is missing and we may install it),
#   - axe-core and podcast-partytime from npm (accessibility audit, the Podcast Index's feed parser),
#   - a fresh virtual environment with narrator and its test extras.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the tests use: Chromium (browser tests), eSpeak NG (the espeak engine),
# Redis (the broker for the Celery worker tests; the tests start and stop their own server).
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  if [ -z "$sudo" ] || command -v sudo >/dev/null 2>&1; then
    $sudo apt-get update -qq
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "warning: can't install ${missing[*]}; the tests that need them will be skipped" >&2
  fi
fi
# axe-core (accessibility audits) and podcast-partytime (the Podcast Index's feed parser)
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

rm -rf .venv
python3 -m venv .venv
# A current pip: older resolvers fail on an extra spelled two ways (lxml[html_clean] and [html-clean]).
.venv/bin/pip install -q --upgrade pip
.venv/bin/pip install -q -e '.[test]'
# Keep compiled bytecode: the tests start many Python processes (the CLI, services, workers),
# and with PYTHONDONTWRITEBYTECODE set each of them compiles narrator's modules again, and
# each test process rewrites every test module again (about 30 s of a run on two cores).
unset PYTHONDONTWRITEBYTECODE
# Two test processes a core: most tests spend their time waiting on servers, browsers and
# subprocesses, so one a core leaves the cores half idle (6 min 40 s against 4 min 45 s on two).
# Counted before OMP_NUM_THREADS is set below, which nproc obeys too.
workers=$(( $(nproc) * 2 ))
# One thread each for the math libraries (OpenMP: the offline recogniser's): with two test
# processes a core, their thread pools only spin against each other (the recogniser's tests
# took 27 s of CPU against 34 s with the default four threads).
export OMP_NUM_THREADS=1
# Work stealing: a process that runs out of tests takes some from one that still has many,
# so the long tests sorted first (tests/conftest.py) don't leave one process working alone
# at the end (3 min 55 s and 4 min 1 s against 4 min 29 s and 4 min 18 s, alternating).
.venv/bin/python -m pytest -n "$workers" --dist worksteal "$@"
