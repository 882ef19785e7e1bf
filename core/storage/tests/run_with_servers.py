#!/usr/bin/python3
"""Run storage_unit_tests against a real PostgreSQL and a real redis-server.

Usage: run_with_servers.py /path/to/storage_unit_tests
The harness (tests/harness/meetgate_services.py) starts both on free ports and
removes them afterwards; the unit binary reads MEETGATE_TEST_DATABASE_URL and
MEETGATE_TEST_REDIS_URL.
"""
import os
import subprocess
import sys

from meetgate_harness import Postgres, Redis


def main():
    if len(sys.argv) != 2:
        print("usage: run_with_servers.py STORAGE_UNIT_TESTS_BINARY", file=sys.stderr)
        return 2
    with Postgres() as pg, Redis() as rd:
        env = dict(os.environ, MEETGATE_TEST_DATABASE_URL=pg.url, MEETGATE_TEST_REDIS_URL=rd.url)
        print(f"storage tests on {pg.url} and {rd.url}", flush=True)
        try:
            return subprocess.run([sys.argv[1]], env=env, timeout=240).returncode
        except subprocess.TimeoutExpired:
            print("FAIL: storage_unit_tests did not finish within 240 s", flush=True)
            return 1


if __name__ == "__main__":
    sys.exit(main())
