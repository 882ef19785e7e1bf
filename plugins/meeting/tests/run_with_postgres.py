#!/usr/bin/python3
"""Run meeting_unit_tests (its store tests) against a real PostgreSQL.

Usage: run_with_postgres.py /path/to/meeting_unit_tests (or MEETING_UNIT_TESTS=...)
"""
import os
import subprocess
import sys

from meetgate_harness import Postgres


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.environ.get("MEETING_UNIT_TESTS")
    if not binary:
        print("usage: run_with_postgres.py MEETING_UNIT_TESTS_BINARY", file=sys.stderr)
        return 2
    with Postgres() as pg:
        print(f"meeting store tests on {pg.url}", flush=True)
        env = dict(os.environ, MEETGATE_TEST_DATABASE_URL=pg.url)
        try:
            return subprocess.run([binary], env=env, timeout=240).returncode
        except subprocess.TimeoutExpired:
            print("FAIL: meeting_unit_tests did not finish within 240 s", flush=True)
            return 1


if __name__ == "__main__":
    sys.exit(main())
