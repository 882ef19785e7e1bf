#!/usr/bin/env bash
# README command 2: install dependencies, then for each preset (ci: optimised
# with -Werror; asan: AddressSanitizer + UBSan) configure, build and run the
# whole test suite. Every part that stores data registers its tests twice:
# on SQLite and on real PostgreSQL + Redis servers (`ctest -L postgres`); the
# harness starts them, or uses the PostgreSQL server .ci/run started
# (MEETGATE_TEST_PG_URL). Prints a summary; exits non-zero if anything failed.
#
# Environment:
#   MEETGATE_TEST_PRESETS   presets to run (default "ci asan")
#   MEETGATE_TEST_JOBS      parallel ctest jobs (default 2)
#   MEETGATE_TEST_FUZZ      1 (default): also a short libFuzzer run; 0: skip it
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1

bash scripts/deps.sh || { echo "test: installing dependencies failed" >&2; exit 1; }

read -r -a PRESETS <<< "${MEETGATE_TEST_PRESETS:-ci asan}"
JOBS=${MEETGATE_TEST_JOBS:-2}

# Sanitizers stop at the first error, with a stack trace. LeakSanitizer cannot
# run under ptrace (debuggers, some container sandboxes): there it is off.
# tests/lsan.supp holds the one leak report that is not ours (GLib's).
asan_options="halt_on_error=1:abort_on_error=1:detect_stack_use_after_return=1:strict_string_checks=1"
if grep -q '^TracerPid:[[:space:]]*[1-9]' /proc/self/status; then
  asan_options+=":detect_leaks=0"
  echo "test: running under ptrace: LeakSanitizer disabled"
fi
SANITIZER_ENV=(ASAN_OPTIONS="${ASAN_OPTIONS:-$asan_options}"
               LSAN_OPTIONS="${LSAN_OPTIONS:-suppressions=$PWD/tests/lsan.supp:print_suppressions=0}"
               UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}")

declare -a SUMMARY=()
failed=0
tests_passed=0
tests_failed=0

run_ctest() {  # run_ctest ARGS...: ctest, adding its counts to the totals
  local log
  log=$(mktemp)
  ctest "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local line total failures
  line=$(grep -E '^[0-9]+% tests passed, [0-9]+ tests? failed out of [0-9]+' "$log" | tail -n 1)
  rm -f "$log"
  if [[ $line =~ ([0-9]+)\ tests?\ failed\ out\ of\ ([0-9]+) ]]; then
    failures=${BASH_REMATCH[1]}
    total=${BASH_REMATCH[2]}
    tests_failed=$((tests_failed + failures))
    tests_passed=$((tests_passed + total - failures))
  fi
  return "$status"
}

step() {  # step NAME COMMAND...: run, record the outcome and the time
  local name=$1
  shift
  local start=$SECONDS
  echo "=== $name: $*"
  if "$@"; then
    SUMMARY+=("PASS  $name ($((SECONDS - start)) s)")
    return 0
  fi
  SUMMARY+=("FAIL  $name ($((SECONDS - start)) s)")
  failed=1
  return 1
}

for preset in "${PRESETS[@]}"; do
  step "$preset: configure" cmake --preset "$preset" || continue
  step "$preset: build" cmake --build --preset "$preset" || continue
  if [ "$preset" = asan ]; then
    export "${SANITIZER_ENV[@]}"
    step "$preset: ctest" run_ctest --preset "$preset" -j "$JOBS"
    unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS
  else
    step "$preset: ctest" run_ctest --preset "$preset" -j "$JOBS"
  fi
done

# A short fuzz run (libFuzzer needs clang): only the fuzz targets are built,
# each runs 20 s on its seed corpus (ctest -L fuzz).
if [[ " ${MEETGATE_TEST_FUZZ:-1} " == " 1 " ]]; then
  step "fuzz: configure" cmake --preset fuzz &&
    step "fuzz: build" cmake --build --preset fuzz --target \
      sdp_fuzzer packet_fuzzer rtp_parse_fuzzer rtcp_parse_fuzzer &&
    step "fuzz: short run" run_ctest --preset fuzz -j "$JOBS"
fi

echo
echo "=== summary"
printf '%s\n' "${SUMMARY[@]}"
# One closing line over every ctest run above (ci, asan, fuzz).
echo "$tests_passed passed, $tests_failed failed"
if [ "$failed" -ne 0 ]; then
  echo "test: FAILED"
  exit 1
fi
echo "test: all passed"
