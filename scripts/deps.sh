#!/usr/bin/env bash
# Installs every Debian 12 package meetgate needs to build, run and test.
# This list is the one place packages are named: the Dockerfile, scripts/run.sh,
# scripts/test.sh and .ci/run all call this script.
#
# Skips apt entirely when everything is already installed. Needs root (or sudo).
set -euo pipefail

PACKAGES=(
  # --- toolchain -----------------------------------------------------------
  build-essential cmake ninja-build pkg-config
  clang libclang-rt-14-dev lld          # the fuzz preset (libFuzzer) and clang builds
  # --- core daemon ---------------------------------------------------------
  libboost-dev                          # Boost.DLL loads plugins/transports
  libconfig-dev                         # .jcfg config files
  libjansson-dev                        # JSON at the ABI
  libssl-dev                            # DTLS, certificates, hashing
  libglib2.0-dev                        # GLib main contexts of the media workers
  # --- transports ----------------------------------------------------------
  libmicrohttpd-dev                     # transports/http
  libwebsockets-dev                     # transports/websocket
  # --- WebRTC media engine ---------------------------------------------------
  libnice-dev                           # ICE
  libsrtp2-dev                          # SRTP
  # --- GStreamer: SDP, recording, frame/audio extraction -----------------------
  libgstreamer1.0-dev libgstreamer-plugins-base1.0-dev libgstreamer-plugins-bad1.0-dev
  gstreamer1.0-plugins-base gstreamer1.0-plugins-good gstreamer1.0-plugins-bad
  gstreamer1.0-plugins-ugly gstreamer1.0-libav gstreamer1.0-tools gstreamer1.0-nice
  # --- auth --------------------------------------------------------------------
  libjwt-dev                            # JWT
  libsodium-dev                         # Argon2id passwords, random tokens
  # --- storage and bus -----------------------------------------------------------
  libpq-dev libsqlite3-dev              # PostgreSQL / embedded SQLite
  libhiredis-dev                        # Redis bus and KV
  libzmq3-dev cppzmq-dev                # ZeroMQ to the inference unit
  libcurl4-openssl-dev curl openssl jq  # HTTP client library and tools (openssl makes test TLS certs; jq for the README walkthrough)
  # --- inference unit ------------------------------------------------------------
  libpocketsphinx-dev libsphinxbase-dev pocketsphinx-en-us   # speech to text
  libopencv-dev opencv-data opencv-doc  # face detection models; opencv-doc ships the face photo the tests use
  # --- tests ----------------------------------------------------------------------
  libcppunit-dev                        # unit tests
  postgresql redis-server               # real servers for the integration tests
  python3-websockets python3-aiohttp    # WebSocket/HTTP clients in the tests
  python3-aiortc python3-av python3-numpy python3-opencv python3-zmq  # WebRTC peers, media checks
  chromium chromium-driver              # browser interop tests (headless)
  espeak-ng sox ffmpeg                  # synthetic speech/audio/video test media
)

missing=()
for package in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#PACKAGES[@]} Debian packages already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "deps: run as root (or install sudo)" >&2; exit 1; }
  SUDO="sudo"
fi

echo "deps: installing ${#missing[@]} package(s): ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
