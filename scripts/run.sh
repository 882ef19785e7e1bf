#!/usr/bin/env bash
# README command 1: install dependencies, build the release preset and run
# the gateway in the foreground with conf/ on embedded defaults (SQLite in
# ./data, in-process bus). Ctrl-C stops it.
#
# Environment (see docs/CONVENTIONS.md for every MEETGATE_* variable):
#   MEETGATE_JWT_SECRET  a 32+ byte secret; without it the gateway runs in
#                        development mode (MEETGATE_DEVELOPMENT=1), which
#                        accepts the sample secrets. Never do that in production.
#   MEETGATE_HTTP_PORT / MEETGATE_WS_PORT  listening ports (conf/ defaults).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/deps.sh

# The tests are built and run by scripts/test.sh (presets ci and asan).
cmake --preset release -DMEETGATE_BUILD_TESTS=OFF
cmake --build --preset release

BUILD=build/release
export MEETGATE_PLUGINS_DIR="${MEETGATE_PLUGINS_DIR:-$PWD/$BUILD/lib/meetgate/plugins}"
export MEETGATE_TRANSPORTS_DIR="${MEETGATE_TRANSPORTS_DIR:-$PWD/$BUILD/lib/meetgate/transports}"
export MEETGATE_DATA_DIR="${MEETGATE_DATA_DIR:-$PWD/data}"

if [ -z "${MEETGATE_JWT_SECRET:-}" ]; then
  export MEETGATE_DEVELOPMENT=1
  echo "run: no MEETGATE_JWT_SECRET given: starting in DEVELOPMENT mode"
  echo "run: (sample secrets accepted; set MEETGATE_JWT_SECRET to a 32+ byte secret for real use)"
fi

echo "run: $BUILD/bin/meetgate --config-dir conf (data in $MEETGATE_DATA_DIR)"
exec "$BUILD/bin/meetgate" --config-dir conf
