#!/usr/bin/env bash
# Install everything the tests need, then run them:
#   - Debian's Chromium for the browser tests (when it is missing and we may install it),
#   - axe-core from npm for the accessibility audit,
#   - a fresh virtual environment with narrator and its test extras.
# Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium is not installed; browser tests will be skipped" >&2
  fi
fi
npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error

rm -rf .venv
python3 -m venv .venv
.venv/bin/pip install -q -e '.[test]'
.venv/bin/python -m pytest "$@"
